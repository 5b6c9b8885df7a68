"""Starting the GUI: the application object, fonts, language, and the main window.

Start-up order matters: the window is shown before SQLAlchemy and ReportLab are imported; the workspace is
opened in a worker thread once the window has painted (see MainWindow.launch).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from partnerdesk import APP_NAME, ORG_NAME, __version__
from partnerdesk.l10n import LANGUAGES, normalize_language, set_digits
from partnerdesk.ui import crash, smoke, startup_trace
from partnerdesk.ui.app_icon import app_icon
from partnerdesk.ui.context import AppContext
from partnerdesk.ui.fonts import apply_application_font
from partnerdesk.ui.main_window import MainWindow, MissingFile
from partnerdesk.ui.os_language import os_language
from partnerdesk.ui.qt_i18n import QtLanguage
from partnerdesk.ui.termination import close_on_termination
from partnerdesk.ui.window_gone import watch_window_destruction

SETTINGS_LANGUAGE = "ui/language"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so QSettings finds our settings, with the bundled fonts."""
    existing = QApplication.instance()
    if existing is None:
        QApplication.setOrganizationName(ORG_NAME)
        QApplication.setApplicationName(APP_NAME)
        QApplication.setApplicationVersion(__version__)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    else:
        assert isinstance(existing, QApplication)  # a GUI program: never a bare QCoreApplication
        app = existing
        app.setOrganizationName(ORG_NAME)
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())  # title bars, the Windows taskbar, Alt+Tab
    apply_application_font(app)
    return app


def choose_language(cli_lang: str | None, settings: QSettings) -> str:
    """--lang, else the language chosen in Preferences, else the one the OS asks for (through Qt)."""
    if cli_lang:
        return normalize_language(cli_lang)
    saved = settings.value(SETTINGS_LANGUAGE, "", type=str)
    if saved in LANGUAGES:
        return saved
    return os_language()


def build_main_window(db: Path | str | None = None, lang: str | None = None,
                      missing: MissingFile = MissingFile.CREATE) -> MainWindow:
    """Create (but do not show) the main window with its context; used by run_gui, tests and the bench."""
    from PySide6.QtGui import QUndoStack

    from partnerdesk.ui.context import ChangeHub

    app = create_application()
    settings = QSettings()
    set_digits(str(settings.value("ui/digits", "latn", type=str)))  # Arabic's digits, chosen in Preferences
    qt_language = QtLanguage(app)
    qt_language.apply(choose_language(lang, settings))
    context = AppContext(workspace=None, undo_stack=QUndoStack(), hub=ChangeHub(), settings=settings)
    return MainWindow(context, qt_language, db_path=db, missing=missing)


class FileOpenFilter(QObject):
    """macOS hands a double-clicked or dropped workspace to the running app as a QFileOpenEvent."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self.window.open_path(Path(path), create=False)
                self.window.raise_()
                self.window.activateWindow()
                return True
        return False


def start_target(args: argparse.Namespace) -> tuple[Path | str | None, MissingFile]:
    """The file to open and what to do if it is missing: a workspace given as the only argument is opened
    like File → Open; `--db PATH` offers to create a missing file there. A ``postgresql://`` address (either
    way) stays text: the window connects to that team workspace."""
    from partnerdesk.store.targets import is_server_url as is_server_target

    for given, missing in ((args.workspace_file, MissingFile.REFUSE), (args.db, MissingFile.FIRST_RUN)):
        if given is not None:
            return (str(given).strip() if is_server_target(given) else Path(given)), missing
    return None, MissingFile.FIRST_RUN


def end_session(window: MainWindow, context: AppContext) -> None:
    """After the event loop: shut the session down while the window still exists (or without it, if it was
    destroyed), then delete the window and the undo stack in that order."""
    if shiboken6.isValid(window):
        window.shutdown()
        shiboken6.delete(window)
    else:
        from partnerdesk.ui.jobs import wait_for_all

        wait_for_all()
        context.undo_stack.clear()
        if context.workspace is not None:
            context.workspace.close()
            context.workspace = None
    shiboken6.delete(context.undo_stack)


def run_gui(args: argparse.Namespace) -> int:
    """Entry point of `partnerdesk` without a subcommand, and of `partnerdesk --smoke-test`: one start-up path.

    The crash hook goes in first; the window is shown at once and opens the workspace after its first paint
    (MainWindow.launch). The process ends when the last window is closed or destroyed, whatever did it; the
    session is then shut down while every widget still exists.
    """
    smoke_session: smoke.SmokeSession | None = None
    if args.smoke_test:
        smoke_session = smoke.SmokeSession()  # offscreen without a display, temporary data and settings
        args.db, args.workspace_file = smoke_session.workspace_path, None
    app = create_application()
    crash.install_crash_hook(show_dialog=not args.no_crash_dialog)
    db, missing = start_target(args)
    from partnerdesk.ui.single_instance import InstanceServer, hand_over

    if smoke_session is None and hand_over(db):  # a PartnerDesk is running: it opens the workspace (issue 21)
        return 0
    window = build_main_window(db, args.lang, missing)
    context = window.context
    if smoke_session is None:
        InstanceServer(window).listen()
    app.installEventFilter(FileOpenFilter(window))
    app.setQuitOnLastWindowClosed(True)
    window.destroyed.connect(app.quit)  # deleted by any means: no process may stay without a window
    if smoke_session is not None:
        window.data_shown.connect(lambda: smoke_session.walk(window, app), Qt.ConnectionType.SingleShotConnection)
        smoke_session.watch(window)
    window.show()
    window.launch()
    startup_trace.install(window)
    termination = close_on_termination(window)
    gone = watch_window_destruction(window)  # X11: our window destroyed by another program
    code = app.exec()
    termination.restore()
    if gone is not None:
        app.removeNativeEventFilter(gone)
    end_session(window, context)
    if smoke_session is not None:
        return smoke_session.finish(int(code))
    return int(code)
