"""About → Licence texts: every bundled component's licence is readable from the main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from partnerdesk.ui.dialogs import AboutDialog


@pytest.fixture
def window(qtbot, isolated_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.app import build_main_window

    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))
    win = build_main_window(tmp_path / "w.pdk", "en")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.set_language("en")
    win.close()


def _open_about(window) -> AboutDialog:  # type: ignore[no-untyped-def]
    window.actions_.about.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AboutDialog)
    return dialog


def _text_for(dialog: AboutDialog, component: str) -> str:
    widget = dialog.licences
    rows = [i for i in range(widget.list.count()) if widget.list.item(i).text().startswith(component + " ")]
    assert rows, component
    widget.list.setCurrentRow(rows[0])
    return widget.text.toPlainText()


def test_about_has_the_licence_text_of_each_component(window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_about(window)
    try:
        dialog.tabs.setCurrentWidget(dialog.licences)
        assert dialog.tabs.tabText(1) == "Licence texts"
        assert "GNU LESSER GENERAL PUBLIC LICENSE" in _text_for(dialog, "Qt")
        assert "GNU LESSER GENERAL PUBLIC LICENSE" in _text_for(dialog, "python-bidi")
        assert "Permission is hereby granted" in _text_for(dialog, "SQLAlchemy")
        assert "SIL OPEN FONT LICENSE" in _text_for(dialog, "Noto Sans,").upper()
        listed = [dialog.licences.list.item(i).text() for i in range(dialog.licences.list.count())]
        assert all(" — " in item for item in listed) and len(listed) >= 14
        assert not any(item.startswith("reportlab —") for item in listed)  # a version is shown for every library
    finally:
        dialog.close()


def test_licence_tab_is_translated(window) -> None:  # type: ignore[no-untyped-def]
    window.set_language("pt")
    dialog = _open_about(window)
    try:
        assert dialog.tabs.tabText(1) != "Licence texts"
    finally:
        dialog.close()
