"""The shared frame of the .ics dialogs: options on top, then one background job with progress and Cancel, then
the outcome (a summary, or the translated error) in the same window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, fill
from partnerdesk.ui.jobs import BackgroundJob, JobControl, error_message


def isolated(text: str) -> str:
    """A file name or path kept left-to-right inside right-to-left text (Unicode LRI … PDI)."""
    return "\u2066" + text + "\u2069"


def zone_name(zone: str) -> str:
    """An IANA zone as shown inside a sentence: left-to-right, and never broken across lines at its slash."""
    return isolated(zone.replace("/", "/\u2060"))


def shown_error(exc: BaseException, rtl: bool) -> str:
    """The translated message of an error. In right-to-left text, every text it names (an event title, a file
    name, a reason) is isolated in its own direction (FSI … PDI), so an English title inside Arabic stays whole."""
    if rtl and isinstance(exc, PartnerDeskError):
        try:
            return fill(_(exc.template), **exc.params)
        except (KeyError, IndexError, ValueError):
            pass
    return error_message(exc)


class JobDialog(QDialog):
    """Subclasses put their options into ``self.options``, name the run button, and call :meth:`start`.

    While the job runs the options are disabled; Cancel (button, Esc or closing the window) stops it, and the
    window closes only once the worker has stopped, so a cancelled import is rolled back before it goes away."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._job: BackgroundJob | None = None
        self._close_when_idle: int | None = None
        self._focused = False
        self.outcome = ""  # "succeeded" | "failed" | "cancelled" once a job has ended
        self.options = QWidget()
        self.options.setObjectName("options")
        self.result_box = QWidget()
        self.result_box.setObjectName("result")
        self.result_box.hide()
        self.error_icon = QLabel()
        self.error_icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        self.error_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.error_icon.hide()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.run_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.run_button.setObjectName("runButton")
        self.run_button.setDefault(True)
        self.run_button.setAutoDefault(True)
        self.run_button.clicked.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        status_row = QHBoxLayout()
        status_row.addWidget(self.error_icon)
        status_row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.options)
        layout.addWidget(self.result_box)
        layout.addLayout(status_row)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # -- to implement ---------------------------------------------------------------------------------------------
    def run(self) -> None:
        raise NotImplementedError

    def first_focus(self) -> QWidget:
        """Where the keyboard starts (by default the run button: Enter runs)."""
        return self.run_button

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._focused:
            self._focused = True
            self.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)
            self._fit()  # long translations wrap onto more lines: make room for them

    # -- the job --------------------------------------------------------------------------------------------------
    def start(self, fn: Callable[[JobControl], Any], done: Callable[[Any], None], label: str) -> None:
        """Run ``fn(control)`` off the UI thread; ``done(result)`` runs on the UI thread when it succeeds."""
        self.show_message(label)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.progress.show()
        self.options.setEnabled(False)
        self.run_button.setEnabled(False)
        self.cancel_button().setEnabled(True)
        self.outcome = ""
        job = BackgroundJob(fn, self, with_control=True)
        self._job = job
        job.progressed.connect(self._progressed)
        job.succeeded.connect(lambda result: self._succeeded(done, result))
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        job.finished.connect(self._finished)
        job.start()

    def busy(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def cancel_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel) or \
            self.buttons.button(QDialogButtonBox.StandardButton.Close)
        assert button is not None
        return button

    def cancel_job(self) -> None:
        if self.busy():
            assert self._job is not None
            self._job.cancel()
            self.show_message(_("Cancelling…"))
            self.cancel_button().setEnabled(False)

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progressed(done, total)

    def progressed(self, done: int, total: int) -> None:
        """A subclass may say more about the step it reached."""

    def _succeeded(self, done: Callable[[Any], None], result: Any) -> None:
        self.outcome = "succeeded"
        self.progress.hide()
        self.show_message("")
        done(result)
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.extra_result_buttons()
        self.buttons.rejected.disconnect()
        self.buttons.rejected.connect(self.accept)
        self.cancel_button().setDefault(True)
        self.cancel_button().setFocus()
        self.options.hide()
        self.result_box.show()

    def extra_result_buttons(self) -> None:
        """A subclass may add buttons next to Close once the work is done."""

    def _failed(self, exc: BaseException) -> None:
        self.outcome = "failed"
        self.progress.hide()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.show_message(shown_error(exc, rtl), error=True)

    def _cancelled(self) -> None:
        self.outcome = "cancelled"
        self.progress.hide()
        self.show_message(self.cancelled_text())

    def cancelled_text(self) -> str:
        return _("Cancelled. Nothing was changed.")

    def _finished(self) -> None:
        if self.outcome != "succeeded":
            self.options.setEnabled(True)
            self.run_button.setEnabled(True)
            self.cancel_button().setEnabled(True)
        if self._close_when_idle is not None:
            result, self._close_when_idle = self._close_when_idle, None
            super().done(result)

    def show_message(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.error_icon.setVisible(error)
        self.status.setProperty("error", error)
        QTimer.singleShot(0, self, self._fit)

    def _fit(self) -> None:
        """Grow (never shrink) so that a long message does not squeeze the options."""
        needed = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
        height = max(self.height(), needed if needed > 0 else self.sizeHint().height())
        if height != self.height():
            self.resize(self.width(), height)

    def error_text(self) -> str:
        """The error on display ("" when none)."""
        return self.status.text() if self.error_icon.isVisibleTo(self) else ""

    # -- closing --------------------------------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel (button or Esc): first stops a running job and keeps the dialog; then closes it."""
        if self.busy():
            self.cancel_job()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Never close under a running worker: cancel it and close once it has stopped."""
        if self.busy():
            self.cancel_job()
            self._close_when_idle = result
            return
        super().done(result)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if self.busy():
            self.cancel_job()
            self._close_when_idle = QDialog.DialogCode.Rejected
            event.ignore()
            return
        super().closeEvent(event)
