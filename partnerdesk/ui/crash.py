"""Crash reports: every uncaught exception goes to a rotating log in the data dir and, unless turned off,
to a dialog showing the details with a Copy button.

``install_crash_hook(show_dialog)`` sets ``sys.excepthook`` and ``threading.excepthook``. The dialog is off
with ``--no-crash-dialog`` or ``PARTNERDESK_NO_CRASH_DIALOG=1`` (tests and CI set it).
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, QtMsgType, Signal, Slot, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import __version__
from partnerdesk.l10n import _, current_language, fill

LOGGER_NAME = "partnerdesk.crash"
LOG_FILE_NAME = "partnerdesk.log"
FAULT_FILE_NAME = "native-crash.log"  # faulthandler: tracebacks of hard crashes (segfaults in Qt or C code)
MAX_LOG_BYTES = 512 * 1024
LOG_BACKUPS = 3
ENV_NO_DIALOG = "PARTNERDESK_NO_CRASH_DIALOG"


def crash_log_path() -> Path:
    from partnerdesk.store.paths import log_dir

    return log_dir() / LOG_FILE_NAME


def dialog_disabled_by_env() -> bool:
    return os.environ.get(ENV_NO_DIALOG, "").strip().lower() in {"1", "true", "yes", "on"}


def format_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                  thread_name: str | None = None) -> str:
    """The text that goes to the log and the dialog: versions, then the traceback."""
    from PySide6 import __version__ as pyside_version

    head = [
        f"PartnerDesk {__version__}",
        f"Python {platform.python_version()} · PySide6 {pyside_version} · {platform.platform()}",
        f"Frozen: {bool(getattr(sys, 'frozen', False))} · Language: {current_language()}",
    ]
    if thread_name:
        head.append(f"Thread: {thread_name}")
    return "\n".join(head) + "\n\n" + "".join(traceback.format_exception(exc_type, exc, tb))


class CrashDialog(QDialog):
    """Shows what happened, where the log is, and copies the details to the clipboard."""

    def __init__(self, summary: str, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("PartnerDesk ran into a problem"))
        self.setMinimumSize(560, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(_("An unexpected error occurred. Your data was saved up to the last completed change; "
                         "you can keep working or restart PartnerDesk."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.summary_label = QLabel(summary)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        layout.addWidget(self.summary_label)
        if log_path is not None:
            # A file path is left-to-right text: isolate it so an Arabic sentence does not reorder it.
            where = QLabel(fill(_("The details were also written to {path}"), path=str(log_path)))
            where.setWordWrap(True)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # A traceback reads left to right even in an Arabic UI.
        self.details.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy details"))
        self.copy_button.setToolTip(_("Copy the error report to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(_("Copied"))
        QTimer.singleShot(2000, self, lambda: self.copy_button.setText(_("Copy details")))


class _GuiBridge(QObject):
    """Carries reports from any thread to the GUI thread, where the dialog may be shown."""

    report = Signal(str, str)


class CrashHandler:
    def __init__(self, show_dialog: bool) -> None:
        self.show_dialog = show_dialog
        self.logger = logging.getLogger(LOGGER_NAME)
        self.log_path: Path | None = None
        self._in_dialog = False
        self._bridge: _GuiBridge | None = None
        self._fault_file: Any = None
        self._setup_log()

    def _setup_log(self) -> None:
        path = crash_log_path()
        for handler in list(self.logger.handlers):
            if isinstance(handler, logging.handlers.RotatingFileHandler):
                self.logger.removeHandler(handler)
                handler.close()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS,
                                                           encoding="utf-8")
        except OSError as exc:  # a read-only home must not stop the app
            print(f"PartnerDesk: cannot write crash log {path}: {exc}", file=sys.stderr)
            return
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        self.logger.addHandler(handler)
        self.logger.setLevel(logging.INFO)
        self.logger.propagate = False
        self.log_path = path

    def enable_faulthandler(self) -> None:
        if self.log_path is None:
            return
        try:
            self._fault_file = open(self.log_path.parent / FAULT_FILE_NAME, "a", encoding="utf-8")  # noqa: SIM115
        except OSError:
            return
        faulthandler.enable(self._fault_file, all_threads=True)

    def qt_message(self, mode: QtMsgType, context: object, message: str) -> None:
        """Qt's own warnings and errors go to the same log (and stderr, as Qt would print them)."""
        level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
                 QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
        if level >= logging.WARNING:
            self.logger.log(level, "Qt: %s", message)
            print(message, file=sys.stderr)

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
               thread_name: str | None = None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if _connection_lost(exc):
            # A team workspace's server went away under a view that was reading: the window's banner says so
            # (ui/live.py); not a bug, no report.
            self.logger.warning("Connection to the team workspace lost: %s", exc)
            return
        details = format_report(exc_type, exc, tb, thread_name)
        self.logger.error("Uncaught exception\n%s", details)
        for handler in self.logger.handlers:
            handler.flush()
        print(details, file=sys.stderr)
        if not self.show_dialog:
            return
        summary = f"{exc_type.__name__}: {exc}"
        app = QApplication.instance()
        if app is None:
            return
        if QThread.currentThread() is not app.thread():
            if self._bridge is None:
                return
            self._bridge.report.emit(summary, details)  # queued to the GUI thread
            return
        self.show(summary, details)

    def attach_bridge(self) -> None:
        app = QApplication.instance()
        if app is not None and self._bridge is None:
            self._bridge = _GuiBridge()
            self._bridge.moveToThread(app.thread())
            self._bridge.report.connect(self.show, Qt.ConnectionType.QueuedConnection)

    def show(self, summary: str, details: str) -> None:
        if self._in_dialog:  # an error inside the dialog must not open dialogs forever
            return
        self._in_dialog = True
        try:
            dialog = CrashDialog(summary, details, self.log_path, QApplication.activeWindow())
            dialog.exec()
        finally:
            self._in_dialog = False

    def sys_hook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        self.handle(exc_type, exc, tb)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        exc = args.exc_value if args.exc_value is not None else args.exc_type()
        self.handle(args.exc_type, exc, args.exc_traceback, args.thread.name if args.thread else None)


def _connection_lost(exc: BaseException) -> bool:
    from partnerdesk.store.notify import ConnectionLostError

    return isinstance(exc, ConnectionLostError)


_handler: CrashHandler | None = None


def install_crash_hook(show_dialog: bool) -> CrashHandler:
    """Route uncaught exceptions (main and worker threads) to the log and, if wanted, a dialog.

    ``show_dialog`` is forced off when ``PARTNERDESK_NO_CRASH_DIALOG`` is set. Call after QApplication
    exists so reports from worker threads can reach the GUI thread; calling again replaces the handler.
    """
    global _handler
    _handler = CrashHandler(show_dialog and not dialog_disabled_by_env())
    _handler.attach_bridge()
    _handler.enable_faulthandler()
    qInstallMessageHandler(_handler.qt_message)
    sys.excepthook = _handler.sys_hook
    threading.excepthook = _handler.thread_hook
    return _handler


def uninstall_crash_hook() -> None:
    global _handler
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    qInstallMessageHandler(None)
    if _handler is not None:
        if faulthandler.is_enabled() and getattr(_handler, "_fault_file", None) is not None:
            faulthandler.disable()
            _handler._fault_file.close()
        for handler in list(_handler.logger.handlers):
            _handler.logger.removeHandler(handler)
            handler.close()
    _handler = None
