"""`PartnerDesk --smoke-test`: proves a build works end to end, offscreen, without touching user data.

Its output is diagnostic English, like a log (the run switches the UI language half way).

Creates a temporary demo workspace, opens the main window and every view in the registry (in English and in
Arabic, right to left), builds one Arabic onboarding packet when the packets package provides it, and prints
each step. Exit status 0 when every step passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
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


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False



def _populate_demo(workspace: Any) -> str:
    from partnerdesk.services import demo

    populate = demo.populate_demo
    result = populate(workspace)
    from partnerdesk.services.stats import workspace_info

    counts = workspace_info(workspace)["counts"]
    if not counts.get("partners"):
        raise AssertionError("the demo workspace has no partners")
    del result
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


def run_smoke_test(args: argparse.Namespace | None = None) -> int:
    """Run the smoke test; returns the process exit status."""
    prepare_environment()
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from partnerdesk import __version__
    from partnerdesk.l10n import current_language, set_language
    from partnerdesk.ui.context import AppContext, ChangeHub
    from partnerdesk.ui.views_registry import VIEWS

    run = SmokeRun()
    started = time.perf_counter()
    run.say(f"PartnerDesk {__version__} smoke test (frozen={bool(getattr(sys, 'frozen', False))}, "
            f"platform={os.environ.get('QT_QPA_PLATFORM', 'default')})")
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "PartnerDesk"])
    original_lang = current_language()

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

    run.step("load the bundled fonts", check_fonts)
    run.step("find Qt's translations (ar, ja, it, pt_BR)", check_qt_translations)
    run.step("load the message catalogs", check_catalogs)

    with tempfile.TemporaryDirectory(prefix="partnerdesk-smoke-") as tmp:
        db_path = Path(tmp) / "smoke-demo.pdk"

        def open_ws() -> Any:
            from partnerdesk.store.workspace import open_workspace

            return open_workspace(db_path)

        workspace = run.step(f"create a temporary workspace at {str(db_path)}", open_ws)
        if workspace is None:
            return 1
        try:
            if _has_module("partnerdesk.services.demo"):
                run.step("fill it with demo data", lambda: _populate_demo(workspace))
            else:
                run.skip("fill it with demo data", "partnerdesk.services.demo is not in this build")

            settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            windows: list[Any] = []

            def open_main_window() -> str:
                from partnerdesk.ui.main_window import MainWindow
                from partnerdesk.ui.qt_i18n import QtLanguage

                # The window opens the workspace itself, exactly as at a real start.
                workspace.close()
                window_context = AppContext(None, QUndoStack(), ChangeHub(), settings)
                window = MainWindow(window_context, QtLanguage(app), db_path=db_path)
                window.resize(1200, 800)
                window.show()
                window.start()
                app.processEvents()
                if window_context.workspace is None:
                    raise AssertionError("the main window did not open the workspace")
                windows.append(window)
                return window.windowTitle()

            run.step("open the main window", open_main_window)

            for lang in ("en", "ar"):
                for index, (key, _title, _icon, _target) in enumerate(VIEWS):
                    def open_view(index: int = index, lang: str = lang) -> str:
                        if not windows:
                            raise AssertionError("no main window")
                        window = windows[0]
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
                pdf = build_packet_pdf(windows[0].context.workspace if windows else workspace, "ar")
                (Path(tmp) / "packet-ar.pdf").write_bytes(pdf)
                return f"{len(pdf) // 1024} KB"

            run.step("build an Arabic onboarding packet", build_packet)

            if _has_module("partnerdesk.ui.packets.smoke"):
                for lang in ("en", "ar"):
                    def packet_windows(lang: str = lang) -> str:
                        from partnerdesk.ui.packets.smoke import open_packet_windows

                        windows[0].set_language(lang)
                        return open_packet_windows(windows[0], app)

                    run.step(f"open Build packet, the PDF preview and the editors ({lang})", packet_windows)

            for window in windows:
                window.close()
                if window.context.workspace is not None:
                    window.context.workspace.close()
            app.processEvents()
        finally:
            set_language(original_lang)
            workspace.close()

    seconds = time.perf_counter() - started
    if run.failures:
        run.say(f"Smoke test FAILED: {len(run.failures)} of {len(run.failures) + run.passed} steps failed ({seconds:.1f} s)")
        return 1
    run.say(f"Smoke test passed: {run.passed} steps, {len(run.skipped)} skipped ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(run_smoke_test())
