"""KPI definitions: add a KPI, rename one (the built-in ones show their translated name until renamed), set its
unit, direction, tolerance, currency and the partner kinds that get it by default. Changes are undoable."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partnerdesk.domain.enums import KpiDirection, KpiUnit, PartnerKind
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.kpi import BUILTIN_LABELS, kpi_label
from partnerdesk.l10n import _
from partnerdesk.services.kpi_values import KpiService
from partnerdesk.ui.undo import ServiceCommand, push


class UpdateDefinitionCommand(ServiceCommand):
    def __init__(self, context: Any, definition_id: int, label: str, new: dict[str, Any], old: dict[str, Any]) -> None:
        super().__init__(_("Change KPI {kpi}").format(kpi=label))
        self.context, self.definition_id, self.new, self.old = context, definition_id, new, old

    def _set(self, values: dict[str, Any]) -> None:
        self.context.hub.announce(KpiService(self.context.ws).update_definition(self.definition_id, **values))

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


class KpiDefinitionsDialog(QDialog):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiDefinitionsDialog")
        self.context = context
        self.current: dict[str, Any] | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_kpi)
        left.addWidget(self.list, 1)
        left.addWidget(self.add_button)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        form = QFormLayout()
        self.name, self.unit, self.direction = QLineEdit(), QComboBox(), QComboBox()
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0, 100)
        self.tolerance.setDecimals(1)
        self.tolerance.setSuffix(" %")
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.kinds_box = QWidget()
        grid = QGridLayout(self.kinds_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.kinds: dict[str, QCheckBox] = {}
        for i, kind in enumerate(PartnerKind):
            box = QCheckBox()
            self.kinds[kind.value] = box
            grid.addWidget(box, i // 2, i % 2)
        for label, field in ((_("Name"), self.name), (_("Unit"), self.unit), (_("Direction"), self.direction),
                             (_("Tolerance"), self.tolerance), (_("Currency"), self.currency),
                             (_("Shown by default for"), self.kinds_box)):
            form.addRow(label, field)
        right.addLayout(form)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveKpiDefinition")
        self.save_button.clicked.connect(self.save)
        right.addWidget(self.save_button)
        right.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        right.addWidget(buttons)
        layout.addLayout(right, 2)
        self.retranslate_ui()
        self.reload()
        self.resize(760, 520)

    def reload(self, select_key: str = "") -> None:
        from partnerdesk.store.models import KpiDefinition

        with self.context.ws.session() as s:
            self.defs = [{"id": d.id, "key": d.key, "name": d.name, "unit": d.unit.value,
                          "direction": d.direction.value, "tolerance": d.tolerance, "currency": d.currency,
                          "partner_kinds": list(d.partner_kinds or [])}
                         for d in s.scalars(select(KpiDefinition).order_by(KpiDefinition.id))]
        self.list.blockSignals(True)
        self.list.clear()
        for d in self.defs:
            self.list.addItem(QListWidgetItem(f"{kpi_label(d['key'], d['name'])}  ({d['key']})"))
        self.list.blockSignals(False)
        keys = [d["key"] for d in self.defs]
        self.list.setCurrentRow(keys.index(select_key) if select_key in keys else 0)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.defs):
            return
        d = self.current = self.defs[row]
        self.name.setText(d["name"])
        self.name.setPlaceholderText(_(BUILTIN_LABELS[d["key"]]) if d["key"] in BUILTIN_LABELS else "")
        self.unit.setCurrentIndex(max(0, self.unit.findData(d["unit"])))
        self.direction.setCurrentIndex(max(0, self.direction.findData(d["direction"])))
        self.tolerance.setValue(d["tolerance"] * 100)
        self.currency.setText(d["currency"])
        for kind, box in self.kinds.items():
            box.setChecked(kind in d["partner_kinds"])

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "unit": self.unit.currentData(), "direction": self.direction.currentData(),
                "tolerance": round(self.tolerance.value() / 100, 4), "currency": self.currency.text(),
                "partner_kinds": sorted(k for k, box in self.kinds.items() if box.isChecked())}

    def save(self) -> bool:
        if self.current is None:
            return False
        d = self.current
        old = {k: d[k] for k in ("name", "unit", "direction", "tolerance", "currency", "partner_kinds")}
        new = self.values()
        if new == old:
            return False
        try:
            push(self.context.undo_stack, UpdateDefinitionCommand(self.context, d["id"], kpi_label(d["key"], d["name"]),
                                                                  new, old))
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("KPI definitions"), exc.message)
            return False
        self.reload(d["key"])
        return True

    def add_kpi(self) -> None:
        key, ok = QInputDialog.getText(self, _("New KPI"), _("Key of the new KPI (for example returns_rate):"))
        if ok and key.strip():
            self.create_kpi(key.strip())

    def create_kpi(self, key: str) -> bool:
        try:
            _id, changes = KpiService(self.context.ws).define(key, "", KpiUnit.COUNT, KpiDirection.HIGHER)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("KPI definitions"), exc.message)
            return False
        self.context.hub.announce(changes)
        self.reload(key)
        return True

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("KPI definitions"))
        self.add_button.setText(_("New KPI…"))
        self.save_button.setText(_("Save"))
        for combo, items in ((self.unit, [(u.label, u.value) for u in KpiUnit]),
                             (self.direction, [(d.label, d.value) for d in KpiDirection])):
            current = combo.currentData()
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        for kind, box in self.kinds.items():
            box.setText(PartnerKind(kind).label)
