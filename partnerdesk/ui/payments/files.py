"""Ledger files: export the filtered ledger to CSV, import a CSV from an accounting tool (column mapping, preview,
every bad row listed, the whole file or nothing, undoable), and print with a preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.interop.csv_io import CsvTable, read_table
from partnerdesk.interop.payments_csv import FIELDS, PaymentRecord, guess_mapping, records_from_table
from partnerdesk.interop.records import RecordError, UnreadableFileError
from partnerdesk.l10n import _, format_date, is_rtl, ngettext
from partnerdesk.services.payment_edits import PaymentService
from partnerdesk.services.payment_files import check_records, export_csv, import_payments
from partnerdesk.ui.context import ChangeHub
from partnerdesk.ui.payments.printing import make_printer, paint_ledger
from partnerdesk.ui.payments.text import money
from partnerdesk.ui.undo import ServiceCommand, push

if TYPE_CHECKING:
    from partnerdesk.ui.payments.view import PaymentsView

PREVIEW_ROWS = 50


class ImportPayments(ServiceCommand):
    """Import checked records; undo sends them to the trash, redo brings them back."""

    def __init__(self, service: PaymentService, hub: ChangeHub, records: list[PaymentRecord]) -> None:
        super().__init__(ngettext("Import {n} payment", "Import {n} payments", len(records)).format(n=len(records)))
        self.service, self.hub, self.records = service, hub, records
        self.ids: list[int] = []

    def apply(self) -> None:
        if not self.ids:
            changes = import_payments(self.service, self.records)
            self.ids = sorted(changes.created.get("payment", set()))
        else:
            changes = self.service.restore(self.ids)
        self.hub.announce(changes)

    def revert(self) -> None:
        self.hub.announce(self.service.trash(self.ids))


class ImportDialog(QDialog):
    """Map the file's columns, see the payments it holds and every row with a problem; import all or none."""

    def __init__(self, table: CsvTable, service: PaymentService, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentImportDialog")
        self.setWindowTitle(_("Import payments from “{name}”").format(name=name))
        self.resize(820, 560)
        self.table, self.service = table, service
        self.records: list[PaymentRecord] = []
        self.errors: list[RecordError] = []
        guessed = {f: i for i, f in guess_mapping(table.headers).items()}
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for key, label in FIELDS.items():
            combo = QComboBox()
            combo.addItem(_("(not in the file)"), -1)
            for index, header in enumerate(table.headers):
                combo.addItem(header, index)
            combo.setCurrentIndex(combo.findData(guessed.get(key, -1)))
            combo.currentIndexChanged.connect(self.refresh)
            self.combos[key] = combo
            form.addRow(_(label), combo)
        self.preview = QTableWidget()
        self.preview.setObjectName("paymentImportPreview")
        self.preview.verticalHeader().hide()
        self.problems = QListWidget()
        self.problems.setObjectName("paymentImportProblems")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        side = QVBoxLayout()
        side.addWidget(QLabel(_("Rows with problems")))
        side.addWidget(self.problems)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.refresh()

    def mapping(self) -> dict[int, str]:
        return {combo.currentData(): key for key, combo in self.combos.items() if combo.currentData() >= 0}

    def refresh(self, *_args: Any) -> None:
        result = records_from_table(self.table, self.mapping())
        plan = check_records(self.service, result.records, result.errors)
        self.records, self.errors = result.records, plan.errors
        self.problems.clear()
        for error in self.errors:
            self.problems.addItem(_("Line {line}: {message}").format(line=error.line, message=error.message))
        headers = [_("Partner"), _("Invoice"), _("Direction"), _("Amount"), _("Due"), _("Paid")]
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        shown = self.records[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for r, rec in enumerate(shown):
            cells = [rec.partner, rec.invoice_ref, rec.direction.label, money(rec.amount_minor, rec.currency),
                     format_date(rec.due_on), format_date(rec.paid_on) if rec.paid_on else ""]
            for c, text in enumerate(cells):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        ok = bool(self.records) and not self.errors
        self.import_button.setEnabled(ok)
        if self.errors:
            self.summary.setText(ngettext(
                "{n} row has a problem. Nothing will be imported until the file or the mapping is fixed.",
                "{n} rows have problems. Nothing will be imported until the file or the mapping is fixed.",
                len(self.errors)).format(n=len(self.errors)))
        else:
            self.summary.setText(ngettext("{n} payment is ready to import.", "{n} payments are ready to import.",
                                          len(self.records)).format(n=len(self.records)))


def export_ledger(view: PaymentsView, path: str | None = None) -> Path | None:
    """Write the filtered ledger (in its on-screen order) to a CSV file chosen by the user."""
    if path is None:
        path, _filter = QFileDialog.getSaveFileName(view, _("Export payments"), _("payments.csv"),
                                                    _("CSV files (*.csv)"))
        if not path:
            return None
    target = Path(path)
    try:
        target.write_bytes(export_csv(view.model.visible_rows(), view.model.on, view.model.grace))
    except OSError as exc:
        QMessageBox.warning(view, _("Export payments"), _("“{path}” could not be written: {reason}").format(
            path=str(target), reason=exc.strerror or str(exc)))
        return None
    return target


def import_ledger(view: PaymentsView, path: str | None = None) -> ImportDialog | None:
    """Ask for a CSV file and open the import dialog over it (not modal)."""
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(view, _("Import payments"), "",
                                                    _("CSV files (*.csv);;All files (*)"))
        if not path:
            return None
    try:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise UnreadableFileError(name=str(path), reason=exc.strerror or str(exc)) from exc
        table = read_table(data)
    except PartnerDeskError as exc:
        QMessageBox.warning(view, _("Import payments"), exc.message)
        return None
    service = PaymentService(view.context.ws)
    dialog = ImportDialog(table, service, Path(path).name, view)

    def accepted() -> None:
        try:
            push(view.context.undo_stack, ImportPayments(service, view.context.hub, dialog.records))
        except PartnerDeskError as exc:
            QMessageBox.warning(view, _("Import payments"), exc.message)

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def print_ledger(view: PaymentsView, preview: bool = True, printer: QPrinter | None = None) -> int:
    """Print the filtered ledger; with ``preview`` through a print preview dialog (landscape)."""
    printer = printer or make_printer()
    rtl = is_rtl()
    title = _("Payments")

    def paint(target: QPrinter) -> None:
        target.setPageOrientation(printer.pageLayout().orientation())
        paint_ledger(target, view.model, rtl, view.font(), title)

    if not preview:
        return paint_ledger(printer, view.model, rtl, view.font(), title)
    dialog = QPrintPreviewDialog(printer, view)
    dialog.setObjectName("paymentsPrintPreview")
    dialog.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    dialog.paintRequested.connect(paint)
    view.print_dialog = dialog
    dialog.open()
    return 0
