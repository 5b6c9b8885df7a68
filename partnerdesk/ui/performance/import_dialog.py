"""File ▸ Import KPI Values…: choose the partner (and for a CSV the columns), preview what would change, then
import all or nothing off the UI thread with progress and Cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.kpi import kpi_label
from partnerdesk.l10n import _, current_language, ngettext
from partnerdesk.services import kpi_import
from partnerdesk.services.kpis import format_kpi_value
from partnerdesk.ui.performance import clock
from partnerdesk.ui.performance.view import period_label

ROLES = ("", "period", "partner", "metric", "value", "target", "note")


class ImportKpiDialog(QDialog):
    def __init__(self, context: Any, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importKpiDialog")
        self.context, self.path = context, path
        self.plan: kpi_import.ImportPlan | None = None
        self.job: Any = None
        self.changes: Any = None
        self.data = kpi_import.read_file(path)
        self.ga4 = kpi_import.is_ga4_file(self.data)
        self.preview: kpi_import.CsvPreview | None = None
        layout = QVBoxLayout(self)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        form = QFormLayout()
        self.partner = QComboBox()
        self.partner.setObjectName("importPartner")
        self.source = QLineEdit()
        self.source.setObjectName("importSource")
        self.partner_label, self.source_label = QLabel(), QLabel()
        form.addRow(self.partner_label, self.partner)
        self.partner_label.setBuddy(self.partner)
        if self.ga4:
            form.addRow(self.source_label, self.source)
            self.source_label.setBuddy(self.source)
        layout.addLayout(form)
        self.mapping_label = QLabel()
        self.mapping = QTableWidget()
        self.mapping.setObjectName("importMapping")
        self.mapping.setMinimumHeight(140)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.mapping)
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("importPreviewButton")
        self.preview_button.clicked.connect(self.make_plan)
        layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.plan_table = QTableWidget()
        self.plan_table.setObjectName("importPlan")
        self.plan_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plan_table.setMinimumHeight(180)
        layout.addWidget(self.plan_table, 1)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importRunButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.clicked.connect(self.cancel_or_close)
        layout.addWidget(self.buttons)
        self._fill_partners()
        self.partner.currentIndexChanged.connect(self._partner_changed)
        self.retranslate_ui()
        self._load_mapping()
        self.resize(820, 640)

    # --- set-up --------------------------------------------------------------------------------------------
    def _fill_partners(self) -> None:
        from partnerdesk.store.models import Partner

        self.partner.addItem("", None)
        with self.context.ws.session() as s:
            for pid, name in s.execute(select(Partner.id, Partner.name).order_by(Partner.name)):
                self.partner.addItem(name, pid)

    def _partner_changed(self, _index: int) -> None:
        self._load_mapping()
        self._clear_plan()

    def _load_mapping(self) -> None:
        if self.ga4:
            self.mapping.hide()
            self.mapping_label.hide()
            return
        try:
            self.preview = kpi_import.csv_preview(self.context.ws, self.data, self.partner.currentData())
        except PartnerDeskError as exc:
            self._error(exc.message)
            return
        table, mapping = self.preview.table, self.preview.mapping
        with self.context.ws.session() as s:
            from partnerdesk.store.models import KpiDefinition

            kpis = [(d.key, kpi_label(d.key, d.name)) for d in s.scalars(select(KpiDefinition)
                                                                          .order_by(KpiDefinition.id))]
        rows = table.preview(5)
        self.mapping.clear()
        self.mapping.setColumnCount(len(table.headers))
        self.mapping.setRowCount(1 + len(rows))
        self.mapping.setHorizontalHeaderLabels(table.headers)
        self.mapping.setVerticalHeaderLabels([_("Column holds")] + [str(i + 1) for i in range(len(rows))])
        labels = {"": _("(ignore)"), "period": _("Period or date"), "partner": _("Partner"),
                  "metric": _("KPI name"), "value": _("Value"), "target": _("Target"), "note": _("Note")}
        for col in range(len(table.headers)):
            combo = QComboBox()
            for role in ROLES:
                combo.addItem(labels[role], role)
            for key, label in kpis:
                combo.addItem(_("Values of {kpi}").format(kpi=label), f"kpi:{key}")
            chosen = next((r for r in ROLES[1:] if getattr(mapping, r) == col), "")
            if not chosen and col in mapping.columns:
                chosen = f"kpi:{mapping.columns[col]}"
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(lambda _i: self._clear_plan())
            self.mapping.setCellWidget(0, col, combo)
            for r, cells in enumerate(rows, start=1):
                self.mapping.setItem(r, col, QTableWidgetItem(cells[col] if col < len(cells) else ""))
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_label.setText(_("Columns (a mapping you used before for this partner is offered again):")
                                   if not self.preview.remembered else
                                   _("Columns — the mapping used last time for this partner and file layout:"))

    def current_mapping(self) -> Any:
        from partnerdesk.interop.kpi_csv import CsvMapping

        mapping = CsvMapping()
        for col in range(self.mapping.columnCount()):
            combo = self.mapping.cellWidget(0, col)
            role = combo.currentData() if isinstance(combo, QComboBox) else ""
            if role and role.startswith("kpi:"):
                mapping.columns[col] = role[4:]
            elif role:
                setattr(mapping, role, col)
        if mapping.metric is not None:
            mapping.columns = {}
        return mapping

    def set_column_role(self, column: int, role: str) -> None:
        """Choose what a CSV column holds ("period", "value", … or "kpi:<key>"), as the user does with the combo."""
        combo = self.mapping.cellWidget(0, column)
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(combo.findData(role))

    # --- preview --------------------------------------------------------------------------------------------
    def _clear_plan(self) -> None:
        self.plan = None
        self.import_button.setEnabled(False)
        self.plan_table.clear()
        self.plan_table.setRowCount(0)
        self.summary.setText("")

    def _error(self, message: str) -> None:
        self._clear_plan()
        self.summary.setStyleSheet("color: #B00020")
        self.summary.setText(message + "\n" + _("Nothing was imported."))

    def make_plan(self) -> kpi_import.ImportPlan | None:
        self._clear_plan()
        self.summary.setStyleSheet("")
        lang, today = current_language(), clock.today()
        try:
            if self.ga4:
                plan = kpi_import.plan_ga4(self.context.ws, self.data, self.path.name,
                                           partner_id=self.partner.currentData(), source=self.source.text().strip(),
                                           lang=lang, today=today)
            else:
                plan = kpi_import.plan_csv(self.context.ws, self.data, self.path.name, self.current_mapping(),
                                           partner_id=self.partner.currentData(), lang=lang, today=today)
        except PartnerDeskError as exc:
            self._error(exc.message)
            return None
        self.plan = plan
        self._show_plan(plan)
        return plan

    def _show_plan(self, plan: kpi_import.ImportPlan) -> None:
        changes = {"new": _("new"), "changed": _("changed"), "same": _("unchanged")}
        headers = [_("Partner"), _("KPI"), _("Period"), _("Value"), _("Before"), _("Change"), _("Rows")]
        rows = len(plan.values) + len(plan.unmatched)
        self.plan_table.setColumnCount(len(headers))
        self.plan_table.setHorizontalHeaderLabels(headers)
        self.plan_table.setRowCount(rows)
        with self.context.ws.session() as s:
            from partnerdesk.store.models import KpiDefinition

            defs = {d.key: d for d in s.scalars(select(KpiDefinition))}
        for r, v in enumerate(plan.values):
            d = defs[v.key]
            cells = [v.partner_name, kpi_label(d.key, d.name), period_label(v.period),
                     format_kpi_value(v.value, d.unit, d.currency),
                     format_kpi_value(v.old_value, d.unit, d.currency) if v.change == "changed" else "",
                     changes[v.change], ", ".join(str(n) for n in v.lines[:10])]
            for c, text in enumerate(cells):
                self.plan_table.setItem(r, c, QTableWidgetItem(text))
        for i, u in enumerate(plan.unmatched):
            r = len(plan.values) + i
            self.plan_table.setItem(r, 0, QTableWidgetItem(_("Not imported")))
            self.plan_table.setItem(r, 1, QTableWidgetItem(u.text))
            self.plan_table.setItem(r, 5, QTableWidgetItem(u.reason))
            self.plan_table.setItem(r, 6, QTableWidgetItem(str(u.line)))
        self.plan_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        new, changed, same = plan.count("new"), plan.count("changed"), plan.count("same")
        parts = [ngettext("{count} new value", "{count} new values", new).format(count=new),
                 ngettext("{count} changed", "{count} changed", changed).format(count=changed),
                 ngettext("{count} unchanged", "{count} unchanged", same).format(count=same)]
        if plan.unmatched:
            parts.append(ngettext("{count} row not matched (listed below)", "{count} rows not matched (listed below)",
                                  len(plan.unmatched)).format(count=len(plan.unmatched)))
        text = " · ".join(parts)
        if plan.report_start and plan.report_end and plan.kind == "ga4":
            from partnerdesk.l10n import format_date

            text = _("Report {start} – {end}").format(start=format_date(plan.report_start),
                                                      end=format_date(plan.report_end)) + " · " + text
        if not plan.writes:
            text += "\n" + _("Nothing to import: every value is already in the workspace.")
        self.summary.setText(text)
        self.import_button.setEnabled(bool(plan.writes))

    # --- import ---------------------------------------------------------------------------------------------
    def run(self) -> None:
        from partnerdesk.ui.jobs import BackgroundJob

        plan = self.plan
        if plan is None or not plan.writes:
            return
        ws = self.context.ws
        job = BackgroundJob(lambda control: kpi_import.KpiImportService(ws).apply(plan, control.progress), self,
                            with_control=True)
        self.job = job
        self.progress.setRange(0, len(plan.writes))
        self.progress.setValue(0)
        self.progress.show()
        for w in (self.import_button, self.preview_button, self.partner, self.mapping, self.source):
            w.setEnabled(False)
        def progressed(done: int, total: int) -> None:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

        job.progressed.connect(progressed)
        job.succeeded.connect(self._imported)
        job.failed.connect(lambda exc: self._stopped(exc.message if isinstance(exc, PartnerDeskError) else str(exc)))
        job.cancelled.connect(lambda: self._stopped(_("Import cancelled.")))
        job.start()

    def _imported(self, changes: Any) -> None:
        self.job = None
        self.changes = changes
        self.context.hub.announce(changes)
        window = self.parent()
        if window is not None and hasattr(window, "statusBar"):
            count = len(changes.ids("kpi_value"))
            window.statusBar().showMessage(ngettext("{count} KPI value imported.", "{count} KPI values imported.",
                                                    count).format(count=count), 8000)
        self.accept()

    def _stopped(self, message: str) -> None:
        self.job = None
        self.progress.hide()
        for w in (self.preview_button, self.partner, self.mapping, self.source):
            w.setEnabled(True)
        self._error(message)

    def cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.cancel()
        else:
            self.reject()

    # --- texts ----------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import KPI Values"))
        kind = _("Google Analytics 4 report") if self.ga4 else _("CSV table")
        self.file_label.setText(_("{file} ({kind})").format(file=self.path.name, kind=kind))
        self.partner_label.setText(_("Partner:"))
        self.partner.setItemText(0, _("By each partner's traffic sources") if self.ga4 else
                                 _("From the file's partner column"))
        self.source_label.setText(_("Only rows matching:"))
        self.source.setPlaceholderText(_("A source pattern for the chosen partner (optional)"))
        self.preview_button.setText(_("Preview"))
        self.import_button.setText(_("Import"))
