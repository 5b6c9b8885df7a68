"""The Contract section of a partner profile: every contract in a table (state, next review, notice date),
the selected one editable below it, and New / End / Remove — all through undoable commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_, _, format_date
from partnerdesk.services.contracts import ACTIVE, ENDED, UPCOMING, ContractLine, ContractService
from partnerdesk.ui.conflicts import push_edit
from partnerdesk.ui.partners.commands import (
    AddContractCommand,
    EditContractCommand,
    EndContractCommand,
    RemoveContractCommand,
)
from partnerdesk.ui.partners.sections import Section
from partnerdesk.ui.qdates import from_qdate, to_qdate
from partnerdesk.ui.table_model import ListTableModel
from partnerdesk.ui.undo import push

COLUMNS = (N_("Title"), N_("Start"), N_("End"), N_("State"), N_("Next review"), N_("Give notice by"))
STATES = {UPCOMING: N_("Upcoming"), ACTIVE: N_("In force"), ENDED: N_("Ended")}
STATE_COLORS = {UPCOMING: "#1E5AA8", ACTIVE: "#1B7F3B", ENDED: "#6B6B6B"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ContractsModel(ListTableModel):
    columns = COLUMNS

    @property
    def lines(self) -> list[ContractLine]:
        return self._rows

    def set_lines(self, lines: list[ContractLine]) -> None:
        self.beginResetModel()
        self._rows = lines
        self.endResetModel()

    def row_of(self, contract_id: int | None) -> int:
        return next((i for i, line in enumerate(self._rows) if line.id == contract_id), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        if role == ID_ROLE:
            return line.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            return QBrush(QColor(STATE_COLORS[line.state]))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == 0:
            return line.title or _("untitled")
        if col == 3:
            return _(STATES[line.state])
        day = {1: line.start_on, 2: line.end_on, 4: line.next_review, 5: line.notice_by}[col]
        if day is None:
            return _("open-ended") if col == 2 else "—"
        return format_date(day)


class EndContractDialog(QDialog):
    """Asks for the last day the contract applies."""

    def __init__(self, title: str, start: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("End contract"))
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Last day “{title}” applies:").format(title=title)))
        self.day = QDateEdit(QDate.currentDate() if from_qdate(QDate.currentDate()) >= start else to_qdate(start))
        self.day.setCalendarPopup(True)
        self.day.setMinimumDate(to_qdate(start))
        layout.addWidget(self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ContractSection(Section):
    TEXTS = ("our_obligations", "partner_obligations", "payment_terms", "delivery_terms", "dispute_resolution")
    LABELS = (N_("Our obligations"), N_("Partner's obligations"), N_("Payment terms"), N_("Delivery terms"),
              N_("Dispute resolution"))

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.contract_id: int | None = None  # the contract in the form; None = a new one being written
        layout = QVBoxLayout(self)
        self.dates = QLabel()
        self.dates.setStyleSheet("font-weight: bold")
        self.dates.setWordWrap(True)
        layout.addWidget(self.dates)
        buttons = QHBoxLayout()
        self.new_button, self.end_button, self.remove_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_contract)
        self.end_button.clicked.connect(self._ask_end)
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.new_button, self.end_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.model = ContractsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Dates, names and headers take the width they need in every language; the title gets the rest.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        layout.addWidget(self.table)

        self.editor = QGroupBox()
        form = QFormLayout(self.editor)
        self.title = QLineEdit()
        self.start, self.end = QDateEdit(), QDateEdit()
        for d in (self.start, self.end):
            d.setCalendarPopup(True)
        self.has_end = QCheckBox()
        self.has_end.toggled.connect(self.end.setEnabled)
        self.review, self.notice = QSpinBox(), QSpinBox()
        self.review.setRange(0, 60)
        self.notice.setRange(0, 365)
        self.fields = {name: QPlainTextEdit() for name in self.TEXTS}
        for w in self.fields.values():
            w.setFixedHeight(44)
        self.save = QPushButton()
        self.save.clicked.connect(self._save)
        self.labels = [QLabel() for _ in range(5 + len(self.TEXTS))]
        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end, 1)
        widgets: list[QWidget | QHBoxLayout] = [self.title, self.start, end_row, self.review, self.notice,
                                                *self.fields.values()]
        for label, field in zip(self.labels, widgets, strict=True):
            form.addRow(label, field)
        form.addRow(self.save)
        layout.addWidget(self.editor, 1)

    def retranslate_ui(self) -> None:
        texts = [_("Title"), _("Start"), _("End"), _("Review every (months)"), _("Notice period (days)"),
                 *[_(t) for t in self.LABELS]]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.has_end.setText(_("Has an end date"))
        self.review.setSpecialValueText(_("no reviews"))
        self.new_button.setText(_("New contract"))
        self.end_button.setText(_("End contract…"))
        self.remove_button.setText(_("Remove"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._update_titles()

    def _update_titles(self) -> None:
        new = self.contract_id is None
        self.editor.setTitle(_("New contract") if new else _("Selected contract"))
        self.save.setText(_("Add contract") if new else _("Save contract"))

    # -- loading ------------------------------------------------------------------------------------------------
    def service_(self) -> ContractService:
        return ContractService(self.context.ws)

    def load(self, session: Any = None) -> None:
        if self.partner_id is None:
            return
        lines = self.service_().lines(self.partner_id)
        keep = self.contract_id
        self.model.set_lines(lines)
        self._fit_table()
        if keep is not None and self.model.row_of(keep) < 0:
            keep = None
        if keep is None and lines:
            # Show the contract in force first, else the newest.
            keep = next((line.id for line in lines if line.state == ACTIVE), lines[0].id)
        self.select_contract(keep)
        self._update_summary()

    def _fit_table(self) -> None:
        """As tall as its rows (three to six), so every contract of a usual partner shows without scrolling."""
        rows = min(max(len(self.model.lines), 3), 6)
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += rows * max(self.table.verticalHeader().defaultSectionSize(), self.table.sizeHintForRow(0))
        self.table.setFixedHeight(height)

    def select_contract(self, contract_id: int | None) -> None:
        row = self.model.row_of(contract_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
            self._fill(contract_id)
        else:
            self.table.clearSelection()
            self._fill(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._fill(self.model.lines[current.row()].id)

    def _fill(self, contract_id: int | None) -> None:
        self.contract_id = contract_id
        row = self.model.row_of(contract_id)
        data = self.model.lines[row].values if row >= 0 else {}
        self.title.setText(data.get("title", ""))
        self.start.setDate(QDate(data["start_on"]) if data else QDate.currentDate())
        self.has_end.setChecked(bool(data.get("end_on")))
        self.end.setEnabled(bool(data.get("end_on")))
        self.end.setDate(QDate(data["end_on"]) if data.get("end_on") else QDate.currentDate().addYears(1))
        self.review.setValue(data.get("review_every_months") or 0)
        self.notice.setValue(data.get("notice_days", 30) if data else 30)
        for name, w in self.fields.items():
            w.setPlainText(data.get(name, "") or "")
        self.version: int | None = data.get("row_version")  # a save is made from this version (issue 18)
        self.loaded = self.values()
        has = contract_id is not None
        self.end_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self._update_titles()
        self._update_summary()

    def _update_summary(self) -> None:
        lines = self.model.lines
        if not lines:
            self.dates.setText(_("No contract recorded yet."))
            return
        row = self.model.row_of(self.contract_id)
        line = lines[row] if row >= 0 else None
        if line is None:
            self.dates.setText(_("Writing a new contract."))
            return
        parts = [_(STATES[line.state])]
        if line.state == ENDED:
            parts.append(_("Ended on {date}").format(date=format_date(line.end_on)) if line.end_on else "")
        else:
            parts.append(_("Next review: {date}").format(date=format_date(line.next_review))
                         if line.next_review else _("No review planned"))
            if line.notice_by:
                parts.append(_("Give notice by: {date}").format(date=format_date(line.notice_by)))
        self.dates.setText("   ·   ".join(p for p in parts if p))

    # -- editing ------------------------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: w.toPlainText() for name, w in self.fields.items()}
        values.update(title=self.title.text().strip(), start_on=self.start.date().toPython(),
                      end_on=self.end.date().toPython() if self.has_end.isChecked() else None,
                      review_every_months=self.review.value() or None, notice_days=self.notice.value())
        return values

    def _push(self, command: Any) -> bool:
        try:
            push(self.context.undo_stack, command)
        except PartnerDeskError as exc:  # refused: say why; the form keeps the input, the stack stays clean
            QMessageBox.warning(self, _("Contract"), exc.message)
            return False
        return True

    def new_contract(self) -> None:
        """Empty the form for a new contract (added when saved)."""
        self.table.clearSelection()
        self._fill(None)
        self.title.setFocus()

    def _save(self) -> None:
        if self.partner_id is None:
            return
        if self.contract_id is None:
            add = AddContractCommand(self.context, self.partner_id, self.values())
            if self._push(add):
                self.contract_id = add.contract_id
                self.load()
        else:
            contract_id, loaded = self.contract_id, getattr(self, "loaded", {})
            # Only what the user changed here: a save never rewrites a field someone else changed meanwhile.
            values = {k: v for k, v in self.values().items() if k not in loaded or loaded[k] != v}
            if not values or not EditContractCommand(self.context, contract_id, values).new:
                return  # nothing changed: no empty step on the undo stack

            def saved(command: Any) -> None:  # now or re-applied
                self.loaded.update(values)
                self.version = command.expected_version()

            push_edit(self, self.context,
                      lambda version: EditContractCommand(self.context, contract_id, values,
                                                          expected_version=version),
                      getattr(self, "version", None), values, on_saved=saved,
                      on_error=lambda exc: QMessageBox.warning(self, _("Contract"), getattr(exc, "message", str(exc))))

    def _ask_end(self) -> None:
        if self.contract_id is None:
            return
        data = self.service_().snapshot(self.contract_id)
        dialog = EndContractDialog(data["title"] or _("untitled"), data["start_on"], self)
        if dialog.exec():
            self.end_selected(from_qdate(dialog.day.date()))

    def end_selected(self, on: dt.date) -> None:
        if self.contract_id is not None:
            self._push(EndContractCommand(self.context, self.contract_id, on))

    def remove_selected(self) -> None:
        if self.contract_id is not None and self._push(RemoveContractCommand(self.context, self.contract_id)):
            self.contract_id = None
            self.load()
