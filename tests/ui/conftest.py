"""Shell fixtures: QSettings in the isolated HOME, and main windows that are closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_settings(isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = isolated_dirs / "settings"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def make_window(qtbot: Any) -> Iterator[Callable[..., Any]]:
    """Main windows built as the app builds them (shown, started unless asked not to); after the test their
    background jobs are awaited, a team dialog left open is closed, and each window and its workspace closed."""
    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.jobs import wait_for_all

    windows = []

    def factory(db: Path | str | None = None, lang: str | None = None, start: bool = True) -> Any:
        window = build_main_window(db, lang)
        qtbot.addWidget(window)
        window.show()
        if start:
            window.start()
        windows.append(window)
        return window

    yield factory
    wait_for_all(10_000)
    for window in windows:
        if window.team.dialog is not None:  # a dialog left open must not outlive the test
            window.team.dialog.close()
        window.close()
        if window.context.workspace is not None:
            window.context.workspace.close()
            window.context.workspace = None
