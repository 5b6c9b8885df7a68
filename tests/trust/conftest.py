"""Fixture files written to mimic what real clients export (see each file's name for the client and quirk)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes():  # type: ignore[no-untyped-def]
    return lambda name: (FIXTURES / name).read_bytes()


@pytest.fixture
def make_trust_window(qtbot, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A main window started on ``path`` with isolated settings and data folder; closed afterwards."""
    from PySide6.QtCore import QSettings

    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.jobs import wait_for_all

    folder = isolated_dirs / "settings"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    windows = []

    def factory(path: Path):  # type: ignore[no-untyped-def]
        window = build_main_window(path, "en")
        qtbot.addWidget(window)
        window.show()
        window.start()
        windows.append(window)
        return window

    yield factory
    wait_for_all(10_000)
    for window in windows:
        window.close()
        if window.context.workspace is not None:
            window.context.workspace.close()
            window.context.workspace = None
