"""Shell fixtures: QSettings in the isolated HOME, and main windows that are closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

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
def make_window(qtbot) -> Iterator[Callable[..., object]]:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.app import build_main_window

    windows = []

    def factory(db: Path | None = None, lang: str | None = None, start: bool = True):  # type: ignore[no-untyped-def]
        window = build_main_window(db, lang)
        qtbot.addWidget(window)
        window.show()
        if start:
            window.start()
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.close()
        if window.context.workspace is not None:
            window.context.workspace.close()
            window.context.workspace = None

