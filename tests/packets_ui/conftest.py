"""A demo workspace shared by the packet UI tests (built once per module, copied per test when written)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def demo_ws(demo_file: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    from partnerdesk.store.workspace import open_workspace

    path = tmp_path / "demo.pdk"
    shutil.copy(demo_file, path)
    ws = open_workspace(path)
    yield ws
    ws.close()


@pytest.fixture
def ctx(demo_ws, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack

    from partnerdesk.ui.context import AppContext, ChangeHub

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(demo_ws, QUndoStack(), ChangeHub(), settings)


@pytest.fixture
def ui_language(qapp):  # type: ignore[no-untyped-def]
    """Switch the whole UI language (catalog, Qt translators, layout direction); back to English after."""
    from partnerdesk.ui.qt_i18n import QtLanguage

    language = QtLanguage(qapp)
    yield language.apply
    language.apply("en")
