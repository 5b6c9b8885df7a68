"""Help → What's New, the once-per-version announcement, the upgraded-workspace notice, the window icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from partnerdesk import __version__
from partnerdesk.ui.release_notes import SETTINGS_LAST_VERSION, WhatsNewDialog, is_upgrade


@pytest.fixture
def settings_dir(isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = isolated_dirs / "settings"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


def _window(qtbot, db: Path, lang: str = "en"):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.app import build_main_window

    win = build_main_window(db, lang)
    qtbot.addWidget(win)
    win.show()
    return win


def _whats_new_dialogs() -> list[WhatsNewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, WhatsNewDialog) and w.isVisible()]


def _close(win) -> None:  # type: ignore[no-untyped-def]
    for dialog in _whats_new_dialogs():
        dialog.close()
    win.set_language("en")
    win.close()
    if win.context.workspace is not None:
        win.context.workspace.close()


def test_version_comparison() -> None:
    assert is_upgrade("0.0.9", "0.1.0") and is_upgrade("0.9.0", "0.10.0")
    assert not is_upgrade("", "0.1.0")  # first start ever: nothing to announce
    assert not is_upgrade("0.1.0", "0.1.0") and not is_upgrade("0.2.0", "0.1.0")


def test_help_whats_new_shows_the_changelog(qtbot, tmp_path: Path, settings_dir: Path) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, tmp_path / "w.pdk")
    try:
        action = win.actions_.release.whats_new
        assert action in win.actions_.help_menu.actions() and action.text() == "&What's New"
        action.trigger()
        (dialog,) = _whats_new_dialogs()
        assert __version__ in dialog.windowTitle()
        text = dialog.browser.toPlainText()
        assert __version__ in text and "Debian" in text
    finally:
        _close(win)


def test_whats_new_is_translated(qtbot, tmp_path: Path, settings_dir: Path) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, tmp_path / "w.pdk", "ja")
    try:
        assert win.actions_.release.whats_new.text() == "新機能(&W)"
        win.set_language("el")
        assert win.actions_.release.whats_new.text() == "&Τι νέο υπάρχει"
    finally:
        _close(win)


def test_first_start_of_a_new_version_shows_what_changed_once(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               settings_dir: Path) -> None:
    QSettings().setValue(SETTINGS_LAST_VERSION, "0.0.1")
    win = _window(qtbot, tmp_path / "w.pdk")
    try:
        qtbot.waitUntil(lambda: len(_whats_new_dialogs()) == 1)
        assert QSettings().value(SETTINGS_LAST_VERSION) == __version__
    finally:
        _close(win)
    again = _window(qtbot, tmp_path / "w.pdk")
    try:
        qtbot.wait(50)
        assert _whats_new_dialogs() == []  # once only
    finally:
        _close(again)


def test_first_start_ever_shows_nothing(qtbot, tmp_path: Path, settings_dir: Path) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, tmp_path / "w.pdk")
    try:
        qtbot.wait(50)
        assert _whats_new_dialogs() == []
        assert QSettings().value(SETTINGS_LAST_VERSION) == __version__
    finally:
        _close(win)


def _old_workspace(path: Path) -> None:
    """A workspace as PartnerDesk wrote it at the first schema revision."""
    from alembic import command

    from partnerdesk.store.workspace import alembic_config, make_engine, open_workspace

    open_workspace(path, create=True).close()
    engine = make_engine(path)
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0001")
    engine.dispose()


def test_an_upgraded_workspace_says_so_and_names_the_copy(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         settings_dir: Path) -> None:
    db = tmp_path / "Lojas.pdk"
    _old_workspace(db)
    win = _window(qtbot, db, "en")
    try:
        win.start()
        qtbot.waitUntil(lambda: win.context.workspace is not None)
        message = win.statusBar().currentMessage()
        backup = win.context.workspace.backup
        assert backup is not None and backup.exists()
        assert backup.suffix == ".pdk" and backup != db  # a verified snapshot in the backups folder
        assert "upgraded for PartnerDesk" in message and backup.name in message
    finally:
        _close(win)


def test_windows_carry_the_partnerdesk_icon(qtbot, tmp_path: Path, settings_dir: Path) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, tmp_path / "w.pdk")
    try:
        icon = QApplication.windowIcon()
        assert not icon.isNull()
        assert {s.width() for s in icon.availableSizes()} >= {16, 32, 256}
        assert not win.windowIcon().isNull()
    finally:
        _close(win)
