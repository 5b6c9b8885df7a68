"""In-app preview of a built packet (QtPdf): page navigation, zoom, Save as PDF, Print and Print preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, format_percent
from partnerdesk.services.files import write_atomically
from partnerdesk.store.paths import documents_dir
from partnerdesk.ui.icons import theme_icon
from partnerdesk.ui.jobs import BackgroundJob, error_message
from partnerdesk.ui.packets.printing import match_paper, print_document, print_steps
from partnerdesk.ui.screen_fit import fit_to_screen

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.1, 8.0)
PREVIEW_DPI = 300  # print preview and the printer used from it: sharp on paper, quick to draw


def load_pdf(document: QPdfDocument, pdf: bytes) -> QBuffer:
    """Load ``pdf`` into ``document``; keep the returned buffer alive as long as the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


class PrintRun(QObject):
    """Prints a document on the UI thread, one band per event-loop turn (QPdfDocument stays on its thread;
    the window stays responsive and Cancel works between bands)."""

    progress = Signal(int, int)
    succeeded = Signal(int)  # pages printed
    failed = Signal(object)
    aborted = Signal()

    def __init__(self, document: QPdfDocument, printer: QPrinter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self._steps = print_steps(document, printer)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self.cancelled = False

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self.cancelled = True

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _step(self) -> None:
        if self.cancelled:
            self._timer.stop()
            self._steps.close()  # aborts the printer job: nothing is sent
            self.aborted.emit()
            return
        try:
            done, total = next(self._steps)
        except StopIteration:  # nothing to print
            self._timer.stop()
            self.succeeded.emit(0)
            return
        except Exception as exc:  # reported to the user; the printer job is aborted by the generator
            self._timer.stop()
            self.failed.emit(exc)
            return
        self.progress.emit(done, total)
        if done == total:
            self._timer.stop()
            self._steps.close()  # ends the painter: the job goes to the printer
            self.succeeded.emit(total)


class PacketPreview(QDialog):
    """A window showing one packet. ``suggested_name`` is offered by Save as PDF."""

    def __init__(self, pdf: bytes, title: str, suggested_name: str, context: Any,
                 parent: QWidget | None = None, rebuild: Callable[[], bytes] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("packetPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.pdf = pdf
        self.title = title
        self.suggested_name = suggested_name
        self.print_job: PrintRun | None = None
        self.last_printed_pages = 0
        self.rebuild = rebuild  # builds the same packet again from the current data (worker thread)
        self.rebuild_job: BackgroundJob | None = None
        self.document = QPdfDocument(self)
        self._buffer = load_pdf(self.document, pdf)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.navigator = self.view.pageNavigator()
        self.view.viewport().installEventFilter(self)  # Ctrl + wheel zooms

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        def action(icon: str, slot: Any, keys: Any = None) -> QAction:
            act = QAction(theme_icon(icon), "", self)
            act.triggered.connect(slot)
            if isinstance(keys, QKeySequence.StandardKey):
                act.setShortcuts(QKeySequence.keyBindings(keys))
            elif keys:
                act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
            return act

        self.previous_action = action("go-up", self.previous_page, "PgUp")
        self.next_action = action("go-down", self.next_page, "PgDown")
        self.zoom_out_action = action("zoom-out", self.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_in_action = action("zoom-in", self.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.fit_width_action = action("zoom-fit-width", self.fit_width, "Ctrl+0")
        self.fit_page_action = action("zoom-fit-best", self.fit_page, "Ctrl+9")
        self.save_action = action("document-save-as", self.save_dialog, QKeySequence.StandardKey.Save)
        self.print_action = action("document-print", self.print_dialog, QKeySequence.StandardKey.Print)
        self.print_preview_action = action("document-print-preview", self.print_preview_dialog, "Ctrl+Shift+P")
        self.rebuild_action = action("view-refresh", self.start_rebuild, QKeySequence.StandardKey.Refresh)
        self.rebuild_action.setVisible(rebuild is not None)
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setRange(1, max(1, self.document.pageCount()))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.page_count_label = QLabel()
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.toolbar.addAction(self.previous_action)
        self.toolbar.addWidget(self.page_spin)
        self.toolbar.addWidget(self.page_count_label)
        self.toolbar.addAction(self.next_action)
        self.toolbar.addSeparator()
        for act in (self.zoom_out_action, self.zoom_in_action):
            self.toolbar.addAction(act)
        self.toolbar.addWidget(self.zoom_label)
        for act in (self.fit_width_action, self.fit_page_action):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        for act in (self.rebuild_action, self.save_action, self.print_action, self.print_preview_action):
            self.toolbar.addAction(act)
        for act in self.toolbar.actions():  # reachable with Tab, not only with the mouse
            button = self.toolbar.widgetForAction(act)
            if button is not None and not act.isSeparator():
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        self.navigator.currentPageChanged.connect(self._page_changed)
        self.view.zoomFactorChanged.connect(lambda _f: self._update_zoom_label())
        self.view.zoomModeChanged.connect(lambda _m: self._update_zoom_label())
        fit_to_screen(self, 1040, 820)
        # Page and zoom buttons show only their icons (their names are tooltips), so Save, Print and Print
        # preview keep their words in every language instead of hiding behind "»".
        for act in (self.previous_action, self.next_action, self.zoom_out_action, self.zoom_in_action,
                    self.fit_width_action, self.fit_page_action):
            button = self.toolbar.widgetForAction(act)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        context.hub.language_changed.connect(self._language_changed)
        self.retranslate_ui()
        self._page_changed(self.navigator.currentPage())

    # --- texts ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("{title} — Preview").format(title=self.title))
        self.previous_action.setText(_("Previous page"))
        self.next_action.setText(_("Next page"))
        self.zoom_out_action.setText(_("Zoom out"))
        self.zoom_in_action.setText(_("Zoom in"))
        self.fit_width_action.setText(_("Fit width"))
        self.fit_page_action.setText(_("Whole page"))
        self.save_action.setText(_("Save as PDF…"))
        self.print_action.setText(_("Print…"))
        self.print_preview_action.setText(_("Print preview…"))
        self.rebuild_action.setText(_("Rebuild"))
        self.rebuild_action.setToolTip(_("Build the packet again with the current data"))
        self.page_spin.setToolTip(_("Page"))
        self.page_count_label.setText(_("of {pages}").format(pages=self.page_count))
        self._update_zoom_label()

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    # --- navigation and zoom ------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.navigator.currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count - 1))
        if page != self.navigator.currentPage():
            self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < self.page_count - 1)

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], factor)))

    def zoom_in(self) -> None:
        self.set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def effective_zoom(self) -> float:
        """The zoom shown (in the fit modes Qt computes it; the custom factor then stays 1.0)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count == 0:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(max(0, self.current_page))
        dpi_scale = self.view.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        height = self.view.viewport().height() - margins.top() - margins.bottom()
        fit_width = width / max(1.0, points.width() * dpi_scale)
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return fit_width
        return min(fit_width, height / max(1.0, points.height() * dpi_scale))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:  # the fit zooms change with the viewport, after the dialog
            QTimer.singleShot(0, self, self._update_zoom_label)
        if (event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            delta = event.angleDelta().y()
            if delta:
                self.zoom_in() if delta > 0 else self.zoom_out()
            return True
        return super().eventFilter(watched, event)

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(format_percent(self.effective_zoom(), digits=0))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update_zoom_label()

    # --- rebuild --------------------------------------------------------------------------------------------
    def start_rebuild(self) -> BackgroundJob | None:
        """Build the packet again (after editing the brand guide, say) and show it at the same page."""
        if self.rebuild is None or self.rebuild_job is not None or self.print_job is not None:
            return None
        job = BackgroundJob(self.rebuild, self)
        self.rebuild_job = job
        self.rebuild_action.setEnabled(False)
        page = self.current_page

        def finished() -> None:
            self.rebuild_job = None
            self.rebuild_action.setEnabled(True)
            job.wait()
            job.deleteLater()

        def succeeded(pdf: bytes) -> None:
            finished()
            self.load(pdf)
            self.go_to_page(page)

        def failed(exc: BaseException) -> None:
            finished()
            QMessageBox.warning(self, _("Rebuild"), error_message(exc))

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.start()
        return job

    def load(self, pdf: bytes) -> None:
        """Show other PDF bytes in this window."""
        self.document.close()
        old = self._buffer
        self.pdf = pdf
        self._buffer = load_pdf(self.document, pdf)
        old.close()
        self.page_spin.setRange(1, max(1, self.page_count))
        self.retranslate_ui()
        self._page_changed(self.navigator.currentPage())

    # --- save -----------------------------------------------------------------------------------------------
    def save_to(self, path: Path | str) -> Path:
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        write_atomically(path, self.pdf)
        return path

    def save_dialog(self) -> None:
        folder = self.context.settings.value("packets/folder", "", type=str) or str(documents_dir())
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path(folder) / self.suggested_name), _("PDF documents (*.pdf)"))
        if not name:
            return
        try:
            path = self.save_to(name)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Save as PDF"), exc.message)
            return
        self.context.settings.setValue("packets/folder", str(path.parent))
        self.setWindowTitle(_("{title} — saved as “{path}”").format(title=self.title, path=str(path)))

    # --- print ----------------------------------------------------------------------------------------------
    def make_printer(self, mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
        printer = QPrinter(mode)
        printer.setDocName(self.title)
        printer.setCreator("PartnerDesk")
        match_paper(printer, self.document)
        printer.setFromTo(0, 0)
        return printer

    def print_dialog(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.setMinMax(1, max(1, self.page_count))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintSelection, False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_print(printer)

    def start_print(self, printer: QPrinter) -> PrintRun:
        """Print page by page, band by band, behind a progress dialog with Cancel."""
        run = PrintRun(self.document, printer, self)
        progress = QProgressDialog(_("Printing…"), _("Cancel"), 0, max(1, self.page_count), self)
        progress.setObjectName("printProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.canceled.connect(run.cancel)
        def progressed(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        run.progress.connect(progressed)

        def finished() -> None:
            progress.reset()
            progress.deleteLater()
            self.print_job = None
            run.deleteLater()

        def succeeded(pages: int) -> None:
            finished()
            self.last_printed_pages = pages

        def failed(exc: BaseException) -> None:
            finished()
            box = QMessageBox(QMessageBox.Icon.Warning, _("Print"), error_message(exc),
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        run.succeeded.connect(succeeded)
        run.failed.connect(failed)
        run.aborted.connect(finished)
        self.print_job = run
        self.last_printed_pages = 0
        run.start()
        return run

    def print_preview_dialog(self) -> QPrintPreviewDialog:
        printer = self.make_printer()
        printer.setResolution(PREVIEW_DPI)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("printPreviewDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paintRequested.connect(lambda p: print_document(self.document, p))
        dialog.printer_ = printer  # type: ignore[attr-defined]  # the dialog does not own it
        fit_to_screen(dialog, 900, 800)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.print_job is not None:
            self.print_job.cancel()
            self.print_job._step()  # aborts the printer job now
        if self.rebuild_job is not None:  # never delete the window under a running worker
            self.rebuild_job.wait()
        super().closeEvent(event)
