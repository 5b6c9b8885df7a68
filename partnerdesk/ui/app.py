"""Starting the GUI: the application object, fonts, language, and the main window.

Start-up order matters: the window is shown before SQLAlchemy and ReportLab are imported; the workspace is
opened on the next turn of the event loop (see MainWindow.start).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from partnerdesk import APP_NAME, ORG_NAME, __version__
from partnerdesk.l10n import LANGUAGES, _, normalize_language
from partnerdesk.ui.app_icon import app_icon
from partnerdesk.ui.fonts import apply_application_font
from partnerdesk.ui.os_language import os_language
from partnerdesk.ui.qt_i18n import QtLanguage

SETTINGS_LANGUAGE = "ui/language"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so QSettings finds our settings, with the bundled fonts."""
    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName(ORG_NAME)
        QApplication.setApplicationName(APP_NAME)
        QApplication.setApplicationVersion(__version__)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    else:
        app.setOrganizationName(ORG_NAME)
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())  # title bars, the Windows taskbar, Alt+Tab
    apply_application_font(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def choose_language(cli_lang: str | None, settings: QSettings) -> str:
    """--lang, else the language chosen in Preferences, else the one the OS asks for (through Qt)."""
    if cli_lang:
        return normalize_language(cli_lang)
    saved = settings.value(SETTINGS_LANGUAGE, "", type=str)
    if saved in LANGUAGES:
        return saved
    return os_language()


def build_main_window(db: Path | None = None, lang: str | None = None):  # type: ignore[no-untyped-def]
    """Create (but do not show) the main window with its context; used by run_gui, tests and the bench."""
    from PySide6.QtGui import QUndoStack

    from partnerdesk.ui.context import AppContext, ChangeHub
    from partnerdesk.ui.main_window import MainWindow

    app = create_application()
    settings = QSettings()
    qt_language = QtLanguage(app)
    qt_language.apply(choose_language(lang, settings))
    context = AppContext(workspace=None, undo_stack=QUndoStack(), hub=ChangeHub(), settings=settings)
    return MainWindow(context, qt_language, db_path=db)


def _run_smoke_test(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("partnerdesk.ui.smoke") is None:
        print(_("The smoke test is not part of this build of PartnerDesk."), file=sys.stderr)
        return 2
    smoke = importlib.import_module("partnerdesk.ui.smoke")
    return int(smoke.run_smoke_test(args) or 0)


def _install_crash_hook(args: argparse.Namespace) -> None:
    from partnerdesk.ui import crash

    crash.install_crash_hook(show_dialog=not getattr(args, "no_crash_dialog", False))


def run_gui(args: argparse.Namespace) -> int:
    """Entry point of `partnerdesk` without a subcommand."""
    if getattr(args, "smoke_test", False):
        return _run_smoke_test(args)
    _install_crash_hook(args)
    app = create_application()
    from partnerdesk.ui.single_instance import InstanceServer, hand_over

    if hand_over(getattr(args, "db", None)):  # a PartnerDesk is running: it opens the workspace (issue 21)
        return 0
    window = build_main_window(getattr(args, "db", None), getattr(args, "lang", None))
    InstanceServer(window).listen()
    window.show()
    QTimer.singleShot(0, window.start)
    code = app.exec()
    from partnerdesk.ui.jobs import wait_for_all

    wait_for_all()  # cancel running imports (rolled back) and let workers end before the workspace closes
    if window.context.workspace is not None:
        window.context.workspace.close()
    return int(code)
