"""Import contacts from vCard or CSV: mapping (CSV), preview with duplicates and errors; reading and importing run
off the UI thread (ui/jobs.BackgroundJob) with progress and a Cancel that rolls the import back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.interop import csv_io, vcard
from partnerdesk.interop.records import ReadResult, UnreadableFileError
from partnerdesk.l10n import N_, _, ngettext
from partnerdesk.services.contacts import ContactService, DuplicateChoice, ImportPlan, ImportSummary
from partnerdesk.store.paths import documents_dir
from partnerdesk.ui import theme
from partnerdesk.ui.jobs import BackgroundJob, JobControl, error_message

REASONS = {"email": N_("same email"), "phone": N_("same phone"), "name": N_("same name at the same partner")}


CHOICES = ((DuplicateChoice.SKIP, N_("Skip")), (DuplicateChoice.MERGE, N_("Merge")),
           (DuplicateChoice.NEW, N_("Import as new")))
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1
INDEX_ROLE = Qt.ItemDataRole.UserRole + 2


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box in the "what to do" cell of a duplicate row."""

    def createEditor(  # type: ignore[override]  # None is Qt's "no editor"; PySide6's stubs omit it
            self, parent: QWidget, option: Any, index: Any) -> QWidget | None:
        if index.data(CHOICE_ROLE) is None:
            return None
        combo = QComboBox(parent)
        for value, label in CHOICES:
            combo.addItem(_(label), value)
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(CHOICE_ROLE))))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), CHOICE_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": N_("UTF-8 with BOM"), "utf-16": "UTF-16", "utf-16-le": "UTF-16",
              "cp1252": "Windows-1252", "ascii": "ASCII"}


def _ltr(text: str) -> str:
    """Phone numbers, addresses and file names stay left-to-right inside right-to-left text (LRI … PDI)."""
    return "\u2066" + text + "\u2069"


def _partner_names(workspace: Any) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from partnerdesk.store.models import Partner

    with workspace.session() as s:
        rows = [(int(pid), str(name)) for pid, name in s.execute(select(Partner.id, Partner.name))]
    return sorted(rows, key=lambda row: row[1].casefold())


def encoding_name(codec: str) -> str:
    """The name people know an encoding by (Windows-1252, not cp1252)."""
    known = _ENCODINGS.get(codec.lower().replace("_", "-"))
    if known is None:
        return codec.upper().replace("_", "-")
    return _(known) if known == _ENCODINGS["utf-8-sig"] else known


class ImportDialog(QDialog):
    def __init__(self, context: Any, path: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Import contacts"))
        self.resize(820, 560)
        self.data = b""
        self.table: csv_io.CsvTable | None = None
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self._job: BackgroundJob | None = None
        self._importing = False
        self._cancel_requested = False
        self._close_when_idle: int | None = None
        self.is_vcard = False
        self.path = Path()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(_("Choose a vCard (.vcf) or CSV file."))
        self.browse = QPushButton(_("Choose file…"))
        self.browse.clicked.connect(self._browse)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.browse)
        layout.addLayout(top)
        self.mapping_box = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_box.hide()
        layout.addWidget(self.mapping_box)
        self.preview = QTableView()
        self.preview_model = QStandardItemModel(self)
        self.preview.setModel(self.preview_model)
        self.preview.setItemDelegateForColumn(5, ChoiceDelegate(self.preview))
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        layout.addWidget(self.preview, 1)
        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel(_("Partner of these contacts:")))
        self.partner = QComboBox()
        self.partner.addItem(_("As given in the file"), None)
        for pid, name in _partner_names(context.ws):
            self.partner.addItem(name, pid)
        self.partner.currentIndexChanged.connect(self._partner_changed)
        choice_row.addWidget(self.partner)
        choice_row.addSpacing(16)
        choice_row.addWidget(QLabel(_("Contacts that already exist:")))
        self.choice = QComboBox()
        self.choice.addItem(_("Skip them"), DuplicateChoice.SKIP)
        self.choice.addItem(_("Merge into the existing contact"), DuplicateChoice.MERGE)
        self.choice.addItem(_("Import as new contacts"), DuplicateChoice.NEW)
        self.choice.currentIndexChanged.connect(self._apply_global_choice)
        choice_row.addWidget(self.choice)
        choice_row.addStretch()
        layout.addLayout(choice_row)
        self.partial = QCheckBox()
        self.partial.setObjectName("importPartial")
        self.partial.hide()
        self.partial.toggled.connect(self._update_import_button)
        layout.addWidget(self.partial)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if path:
            self.load(path)

    # -- reading ------------------------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import contacts"), str(documents_dir()),
                                                    _("Contacts (*.vcf *.vcard *.csv);;All files (*)"))
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        self.path = Path(path)
        try:
            self.data = self.path.read_bytes()
        except OSError as exc:
            self.status.setText(UnreadableFileError(name=path, reason=exc.strerror or str(exc)).message)
            return
        if not self.data.strip():
            self.plan = None
            self.status.setText(UnreadableFileError(name=self.path.name, reason=_("the file is empty")).message)
            self._update_import_button()
            return
        self.file_label.setText(_ltr(self.path.name))
        self.is_vcard = self.path.suffix.lower() in (".vcf", ".vcard") or b"BEGIN:VCARD" in self.data[:4096].upper()
        self.table = None
        self.plan = None
        if self.is_vcard:
            self._build_mapping()
            self._analyse()
            return
        data, name = self.data, self.path.name
        # Decoding (charset detection) and splitting a big CSV take a while: in the worker too.
        self._start(lambda _control: csv_io.read_table(data, name), self._table_read, _("Reading the file…"))

    def _table_read(self, table: csv_io.CsvTable) -> None:
        self.table = table
        self._build_mapping()
        if self._cancel_requested:
            self.progress.hide()
            self.status.setText(_("Reading the file was cancelled."))
            return
        self._analyse()

    def _build_mapping(self) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.mapping_combos: list[QComboBox] = []
        if self.table is None:
            self.mapping_box.hide()
            return
        guess = csv_io.guess_mapping(self.table.headers)
        for col, header in enumerate(self.table.headers):
            combo = QComboBox()
            combo.addItem(_("(ignore)"), "")
            for key, label in csv_io.FIELDS.items():
                combo.addItem(_(label), key)
            combo.setCurrentIndex(max(0, combo.findData(guess.get(col, ""))))
            combo.currentIndexChanged.connect(self._analyse)
            self.mapping_grid.addWidget(QLabel(header), 0, col)
            self.mapping_grid.addWidget(combo, 1, col)
            self.mapping_combos.append(combo)
        self.mapping_box.show()

    def _reader(self) -> Callable[[JobControl], ReadResult]:
        """A reader for the worker thread: widget values are captured here, on the UI thread."""
        if self.is_vcard or self.table is None:
            data = self.data
            return lambda control: vcard.read_vcards(data, control.progress)
        table = self.table
        mapping = {i: c.currentData() for i, c in enumerate(self.mapping_combos) if c.currentData()}
        return lambda control: csv_io.records_from_table(table, mapping, control.progress)

    def _partner_changed(self) -> None:
        if self.data and (self.is_vcard or self.table is not None):
            self._analyse()  # duplicates and national phone numbers depend on the partner

    def _analyse(self) -> None:
        read = self._reader()
        workspace = self.context.ws
        partner_id = self.partner.currentData()

        def work(control: JobControl) -> ImportPlan:
            result = read(control)
            plan = ContactService(workspace).plan_import(result.records, result.errors, partner_id,
                                                         progress=control.progress)
            plan.encoding = result.encoding
            plan.warnings = result.warnings
            return plan

        self._start(work, self._show_plan, _("Reading the file…"))

    def _start(self, fn: Callable[[JobControl], Any], done: Callable[[Any], None], label: str) -> None:
        """Run ``fn`` off the UI thread (every file, whatever its size); a newer job replaces a running one."""
        if self._job is not None and self._job.isRunning():
            old = self._job
            for signal in (old.succeeded, old.failed, old.cancelled, old.progressed, old.finished):
                signal.disconnect()
            old.cancel()
        self.progress.setRange(0, 0)
        self.progress.setFormat("%p%")  # the status line above says what is running
        self.progress.show()
        self.status.setText(label)
        self.import_button.setEnabled(False)
        self._cancel_button().setEnabled(True)
        self._cancel_requested = False
        job = BackgroundJob(fn, self, with_control=True)
        self._job = job
        job.progressed.connect(self._progressed)
        job.succeeded.connect(done)
        job.failed.connect(self._job_failed)
        job.cancelled.connect(self._job_cancelled)
        job.finished.connect(self._job_finished)
        job.start()

    def busy(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def _cancel_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel) or \
            self.buttons.button(QDialogButtonBox.StandardButton.Close)
        assert button is not None
        return button

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _job_failed(self, exc: BaseException) -> None:
        self._failed(error_message(exc))
        self._update_import_button()

    def _job_cancelled(self) -> None:
        self.progress.hide()
        if self._importing:
            self.status.setText(_("Import cancelled. Nothing was imported."))
        else:
            self.status.setText(_("Reading the file was cancelled."))
        self._update_import_button()

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.browse, self.mapping_box, self.partner, self.choice, self.partial, self.preview):
            widget.setEnabled(enabled)

    def _job_finished(self) -> None:
        if self.busy():
            return  # the next stage already runs (reading the CSV, then checking it)
        self._importing = False
        self._set_inputs_enabled(self.summary is None)
        self._cancel_button().setEnabled(True)
        if self._close_when_idle is not None:
            result, self._close_when_idle = self._close_when_idle, None
            super().done(result)

    def cancel_job(self) -> None:
        """Stop the running job: an import in progress is rolled back, nothing is imported."""
        if self.busy():
            assert self._job is not None
            self._cancel_requested = True
            self._job.cancel()
            self.status.setText(_("Cancelling…"))
            self._cancel_button().setEnabled(False)

    def reject(self) -> None:
        """Cancel (button or Esc): first stops a running job and keeps the dialog; then closes it."""
        if self.busy():
            self.cancel_job()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if self.busy():  # closing the window cancels the job; the dialog closes once the worker has stopped
            self.cancel_job()
            self._close_when_idle = QDialog.DialogCode.Rejected
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Never close under a running worker: cancel it and close when it has finished."""
        if self.busy():
            self.cancel_job()
            self._close_when_idle = result
            return
        super().done(result)

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(message)

    def _show_plan(self, plan: ImportPlan) -> None:
        self.progress.hide()
        self.plan = plan
        self.file_label.setText(_("{name} · {encoding}").format(name=_ltr(self.path.name),
                                                                 encoding=encoding_name(plan.encoding)))
        m = self.preview_model
        self.preview.clearSpans()
        m.clear()
        m.setHorizontalHeaderLabels([_("Name"), _("Email"), _("Phone"), _("Organization"), _("Already exists"),
                                     _("What to do")])
        default = self.choice.currentData()
        # Every duplicate is listed (each gets its own choice); other records only as a sample.
        shown = sorted(set(range(min(len(plan.records), 500))) | set(plan.duplicates))
        for index in shown:
            r = plan.records[index]
            dup = plan.duplicates.get(index)
            action = QStandardItem("")
            action.setData(index, INDEX_ROLE)
            if dup:
                action.setData(default, CHOICE_ROLE)
                action.setText(_(dict(CHOICES)[default]))
            else:
                action.setEditable(False)
            cells = [QStandardItem(r.display_name), QStandardItem(_ltr(r.emails[0]["value"]) if r.emails else ""),
                     QStandardItem(_ltr(r.phones[0]["value"]) if r.phones else ""), QStandardItem(r.organization),
                     QStandardItem(_("{name} ({reason})").format(name=dup.contact_name,
                                                                reason=_(REASONS[dup.reason])) if dup else "")]
            for cell in cells:
                cell.setEditable(False)
            m.appendRow([*cells, action])
        problems = [(error, "danger") for error in plan.errors] + [(w, "warning") for w in plan.warnings]
        for error, colour in problems:
            item = QStandardItem(_("Record {number}, line {line}: {reason}").format(
                number=error.number, line=error.line, reason=error.message))
            item.setForeground(theme.color(colour))
            item.setEditable(False)
            item.setToolTip(item.text())
            m.appendRow([item])
            self.preview.setSpan(m.rowCount() - 1, 0, 1, m.columnCount())  # the whole reason, not "Record 6, …"
        for column in range(m.columnCount() - 1):
            self.preview.resizeColumnToContents(column)
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), 220))
        text = ngettext("{count} contact ready to import", "{count} contacts ready to import",
                        len(plan.records)).format(count=len(plan.records))
        if plan.duplicates:
            text += " · " + ngettext("{count} already exists", "{count} already exist",
                                     len(plan.duplicates)).format(count=len(plan.duplicates))
        if plan.errors:
            text += " · " + ngettext("{count} record cannot be read", "{count} records cannot be read",
                                     len(plan.errors)).format(count=len(plan.errors))
        if plan.errors:
            text += "\n" + _("Nothing is imported from a file with broken records unless you choose to import "
                             "the readable ones.")
        self.status.setText(text)
        self.partial.setText(ngettext("Import the {count} readable record and leave out the broken ones",
                                      "Import the {count} readable records and leave out the broken ones",
                                      len(plan.records)).format(count=len(plan.records)))
        self.partial.setChecked(False)
        self.partial.setVisible(bool(plan.errors) and bool(plan.records))
        self._update_import_button()

    def _update_import_button(self) -> None:
        """Import needs readable records and, when some records are broken, the explicit partial choice."""
        plan = self.plan
        ready = plan is not None and bool(plan.records) and self.summary is None
        self.import_button.setEnabled(ready and (not plan.errors or self.partial.isChecked()))  # type: ignore[union-attr]

    def _apply_global_choice(self) -> None:
        value = self.choice.currentData()
        for row in range(self.preview_model.rowCount()):
            item = self.preview_model.item(row, 5)
            if item is not None and item.data(CHOICE_ROLE) is not None:
                item.setData(value, CHOICE_ROLE)
                item.setText(_(dict(CHOICES)[value]))

    def row_choices(self) -> dict[int, DuplicateChoice]:
        """Record index -> the choice made for that duplicate in the preview."""
        found: dict[int, DuplicateChoice] = {}
        for row in range(self.preview_model.rowCount()):
            item = self.preview_model.item(row, 5)
            if item is not None and item.data(CHOICE_ROLE) is not None:
                found[int(item.data(INDEX_ROLE))] = DuplicateChoice(item.data(CHOICE_ROLE))
        return found

    # -- importing ----------------------------------------------------------------------------------------
    def _run_import(self) -> None:
        if self.plan is None or self.busy():
            return
        plan, choice, partial = self.plan, DuplicateChoice(self.choice.currentData()), self.partial.isChecked()
        choices = self.row_choices()
        name = self.path.name
        workspace = self.context.ws
        partner_id = self.partner.currentData()

        def work(control: JobControl) -> ImportSummary:
            return ContactService(workspace).apply_import(plan, on_duplicate=choice, choices=choices,
                                                          partner_id=partner_id, allow_partial=partial, source=name,
                                                          progress=control.progress)

        self._start(work, self._imported, _("Importing…"))
        self._importing = True
        self._set_inputs_enabled(False)  # the plan being written must not change under the worker

    def _imported(self, summary: ImportSummary) -> None:
        self.progress.hide()
        self.summary = summary
        self.context.hub.announce(summary.changes)
        self.status.setText(_("Imported: {imported}, merged: {merged}, skipped: {skipped}, failed: {failed}").format(
            imported=summary.imported, merged=summary.merged, skipped=summary.skipped, failed=summary.failed))
        self.buttons.clear()
        self.buttons.rejected.disconnect()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.accept)  # Close after an import: the contacts are in
