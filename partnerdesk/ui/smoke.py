"""`PartnerDesk --smoke-test`: proves a build works end to end, without touching user data.

It is a real launch (``ui.app.run_gui``: crash hook, main window, ``MainWindow.launch``, first view painted) on a
temporary demo workspace with temporary settings; only then does it walk every view in the registry (in English
and in Arabic, right to left), build an Arabic onboarding packet, open the packet windows, and close the window
the way a user does. Offscreen when there is no display. Its output is diagnostic English, like a log.
Exit status 0 when every step passed, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any


def prepare_environment() -> None:
    """Choose the offscreen platform when there is no display. Call before QApplication exists."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or os.environ.get(
        "PARTNERDESK_SMOKE_OFFSCREEN"
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class SmokeRun:
    """Runs named steps, prints one line per step, remembers failures."""

    def __init__(self, out: Any = None) -> None:
        self.out = out or sys.stdout
        self.failures: list[str] = []
        self.skipped: list[str] = []
        self.passed = 0

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def step(self, name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        try:
            result = fn()
        except Exception:  # noqa: BLE001 - a smoke test reports every failure and goes on
            self.failures.append(name)
            self.say(f"FAIL  {name}")
            self.say("      " + traceback.format_exc().rstrip().replace("\n", "\n      "))
            return None
        ms = (time.perf_counter() - start) * 1000
        detail = f" — {result}" if isinstance(result, str) and result else ""
        self.say(f"ok    {name} ({ms:.0f} ms){detail}")
        self.passed += 1
        return result

    def skip(self, name: str, reason: str) -> None:
        self.skipped.append(name)
        self.say(f"skip  {name}: {reason}")


def _create_demo(path: Path) -> str:
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.services.stats import workspace_info
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(path) as workspace:
        populate_demo(workspace)
        counts = workspace_info(workspace)["counts"]
    if not counts.get("partners"):
        raise AssertionError("the demo workspace has no partners")
    return ", ".join(f"{k}={v}" for k, v in counts.items() if v)



def build_packet_pdf(workspace: Any, lang: str) -> bytes:
    """Onboarding packet for the workspace's first partner, in `lang` (used by the smoke and offline tests)."""
    from sqlalchemy import select

    from partnerdesk.services.packets import onboarding_pdf
    from partnerdesk.store.models import Partner

    with workspace.session() as session:
        name = session.scalars(select(Partner.name).order_by(Partner.id).limit(1)).first()
    if name is None:
        raise AssertionError("no partner to build a packet for")
    pdf = onboarding_pdf(workspace, name, lang)
    if not pdf.startswith(b"%PDF-"):
        raise AssertionError("the packet builder did not return PDF bytes")
    return pdf


class SmokeSession:
    """Prepares the temporary demo workspace and settings before the launch, then walks the window."""

    WATCHDOG_MS = 180_000  # a launch that never shows data fails instead of hanging CI

    def __init__(self) -> None:
        prepare_environment()
        from PySide6.QtCore import QSettings

        from partnerdesk import __version__

        self.started = time.perf_counter()
        self.run = SmokeRun()
        self._tmp = tempfile.TemporaryDirectory(prefix="partnerdesk-smoke-")
        folder = Path(self._tmp.name)
        os.environ["PARTNERDESK_DATA_DIR"] = str(folder / "data")  # crash log and default workspace stay here
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
        self.workspace_path = folder / "smoke-demo.pdk"
        self.status = 1  # until the walk has run
        self.walked = False
        self.run.say(f"PartnerDesk {__version__} smoke test (frozen={bool(getattr(sys, 'frozen', False))}, "
                     f"platform={os.environ.get('QT_QPA_PLATFORM', 'default')})")
        self.run.step(f"create a demo workspace at {self.workspace_path}", lambda: _create_demo(self.workspace_path))

    def watch(self, window: Any) -> None:
        """Give up (and close the window, which ends the run) if the data never shows."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def give_up() -> None:
            if not self.walked:
                window.close()
                QApplication.quit()

        QTimer.singleShot(self.WATCHDOG_MS, window, give_up)

    def walk(self, window: Any, app: Any) -> None:
        """Called once the launched window shows its first view's data."""
        self.walked = True
        try:
            self._walk(window, app)
        finally:
            self.status = 1 if self.run.failures else 0
            self.run.step("close the main window", window.close)  # the last window: the app quits
            app.quit()  # and if another top-level window is still open (a test process), the run ends anyway

    def _walk(self, window: Any, app: Any) -> None:
        from partnerdesk.ui.views_registry import VIEWS

        run = self.run
        run.step("load the bundled fonts", check_fonts)
        run.step("find Qt's translations (ar, ja, it, pt_BR)", check_qt_translations)
        run.step("load the message catalogs", check_catalogs)

        def launched() -> str:
            if window.context.workspace is None:
                raise AssertionError("the main window did not open the workspace")
            if not window.isVisible() or not window.painted:
                raise AssertionError("the main window is not shown")
            return window.windowTitle()

        run.step("launch: the main window shows the workspace", launched)
        for lang in ("en", "ar"):
            for index, (key, _title, _icon, _target) in enumerate(VIEWS):
                def open_view(index: int = index, lang: str = lang) -> str:
                    window.set_language(lang)
                    window.show_view(index)
                    app.processEvents()
                    view = window.current_view()
                    if view is None:
                        raise AssertionError("the view did not open")
                    if lang == "ar" and not view.isRightToLeft():
                        raise AssertionError("the view is not mirrored in Arabic")
                    return type(view).__name__

                run.step(f"open view “{key}” ({lang})", open_view)

        def build_packet() -> str:
            pdf = build_packet_pdf(window.context.ws, "ar")
            return f"{len(pdf) // 1024} KB"

        run.step("build an Arabic onboarding packet", build_packet)
        for lang in ("en", "ar"):
            def packet_windows(lang: str = lang) -> str:
                from partnerdesk.ui.packets.smoke import open_packet_windows

                window.set_language(lang)
                return open_packet_windows(window, app)

            run.step(f"open Build packet, the PDF preview and the editors ({lang})", packet_windows)
        for lang in ("en", "ar"):
            def connect_dialog(lang: str = lang) -> str:
                window.set_language(lang)
                dialog = window.team.show_connect_dialog()  # File → Connect to Team Workspace… (no server needed)
                app.processEvents()
                if lang == "ar" and not dialog.isRightToLeft():
                    raise AssertionError("the connect dialog is not mirrored in Arabic")
                title = str(dialog.windowTitle())
                dialog.reject()
                return title

            run.step(f"open Connect to Team Workspace ({lang})", connect_dialog)
        window.set_language("en")

    def finish(self, exit_code: int) -> int:
        """After the event loop: the verdict, and the temporary files removed."""
        run = self.run
        if not self.walked:
            run.failures.append("launch")
            run.say("FAIL  the main window never showed the workspace's data")
        seconds = time.perf_counter() - self.started
        self._tmp.cleanup()
        if run.failures or exit_code != 0:
            run.say(f"Smoke test FAILED: {len(run.failures)} of {len(run.failures) + run.passed} steps failed, "
                    f"exit status {exit_code} ({seconds:.1f} s)")
            return 1
        run.say(f"Smoke test passed: {run.passed} steps ({seconds:.1f} s)")
        return 0


def check_fonts() -> str:
    from PySide6.QtGui import QFontDatabase

    from partnerdesk.resources import FONT_FILES, font_files

    for path in font_files():
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            raise AssertionError(f"Qt cannot load the bundled font {path}")
    missing = [family for family in FONT_FILES if family not in QFontDatabase.families()]
    if missing:
        raise AssertionError(f"font families not available: {missing}")
    return ", ".join(FONT_FILES)


def check_qt_translations() -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_ar", "qtbase_ja", "qtbase_it", "qtbase_pt_BR"):
        if not QTranslator().load(name, folder):
            raise AssertionError(f"{name}.qm not found in {folder}")
    return folder


def check_catalogs() -> str:
    from partnerdesk.l10n import LANGUAGES, Translator

    for lang in LANGUAGES[1:]:
        if Translator(lang).gettext("Close") == "Close":
            raise AssertionError(f"the {lang} catalog is missing or empty")
    return ", ".join(LANGUAGES)
