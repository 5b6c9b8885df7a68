"""The real main window over a copy of the demo workspace, and the .ics files the tests import."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.workspace import open_workspace

    path = tmp_path_factory.mktemp("demo") / "demo.pdk"
    with open_workspace(path) as ws:
        populate_demo(ws, today=TODAY, seed=7)
    return path


@pytest.fixture
def window(demo_file: Path, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch, isolated_dirs: Path):  # type: ignore[no-untyped-def]
    """The main window, not yet started (no workspace open): call ``window.start()`` to open the demo copy."""
    from partnerdesk.ui.app import build_main_window

    folder = isolated_dirs / "settings"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    db = tmp_path / "demo.pdk"
    shutil.copy(demo_file, db)
    win = build_main_window(db, "en")
    qtbot.addWidget(win)
    win.show()
    yield win
    from partnerdesk.ui.jobs import wait_for_all

    wait_for_all(10_000)
    win.set_language("en")
    win.close()
    if win.context.workspace is not None:
        win.context.workspace.close()
        win.context.workspace = None


@pytest.fixture
def ics_path() -> object:
    def path(name: str) -> Path:
        return FIXTURES / f"{name}.ics"

    return path
