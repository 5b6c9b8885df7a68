"""Bad workspace files: a clear translated message, a way out, and the file left byte-identical."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from partnerdesk.l10n import translations


def _newer_schema(path: Path) -> None:
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(path):
        pass
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()


def _not_sqlite(path: Path) -> None:
    path.write_text("name,email\nAna,ana@example.com\n", encoding="utf-8")


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _foreign_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()


CASES = {
    "not sqlite": (_not_sqlite, "is not a PartnerDesk workspace"),
    "random bytes": (_random_bytes, "is not a PartnerDesk workspace"),
    "another app's sqlite": (_foreign_sqlite, "is not a PartnerDesk workspace"),
    "newer schema": (_newer_schema, "newer version of PartnerDesk"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_shows_a_message_and_is_left_untouched(make_window, tmp_path: Path, case: str) -> None:
    prepare, phrase = CASES[case]
    path = tmp_path / "bad.pdk"
    prepare(path)
    before = path.read_bytes()
    window = make_window(path, "en")
    assert window.context.workspace is None
    assert window.panel.mode == "error"
    assert window.stack.currentWidget() is window.panel
    assert phrase in window.panel.message.text()
    assert window.panel.open_button.isVisible() and window.panel.new_button.isVisible()
    assert not window.nav.isEnabled() and not window.actions_.back_up.isEnabled()
    assert path.read_bytes() == before


def test_error_message_is_translated(make_window, tmp_path: Path) -> None:
    path = tmp_path / "notes.pdk"
    _not_sqlite(path)
    window = make_window(path, "el")
    el = translations("el")
    assert window.panel.title.text() == el.gettext("The workspace could not be opened")
    template = el.gettext("“{path}” is not a PartnerDesk workspace. It was left untouched.")
    assert template.format(path=str(path)) in window.panel.message.text()
    window.set_language("ja")  # the message follows a language switch
    assert translations("ja").gettext("The workspace could not be opened") == window.panel.title.text()


def test_workspace_locked_by_another_open(make_window, tmp_path: Path) -> None:
    from partnerdesk.store.workspace import open_workspace

    path = tmp_path / "shared.pdk"
    with open_workspace(path) as other:
        before = path.read_bytes()
        window = make_window(path, "en")
        assert window.context.workspace is None
        assert "already open in another PartnerDesk window" in window.panel.message.text()
        assert path.read_bytes() == before
        assert other.schema_revision()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder(make_window, tmp_path: Path) -> None:
    from partnerdesk.store.workspace import open_workspace

    folder = tmp_path / "ro"
    folder.mkdir()
    with open_workspace(folder / "ws.pdk"):
        pass
    before = (folder / "ws.pdk").read_bytes()
    folder.chmod(0o555)
    try:
        window = make_window(folder / "ws.pdk", "en")
        assert window.context.workspace is not None and window.context.workspace.read_only
        assert window.actions_.backups.banner.isVisible()
        assert (folder / "ws.pdk").read_bytes() == before
    finally:
        folder.chmod(0o755)


def test_read_only_location_as_reported_by_the_os(make_window, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Same case for runs as root: the OS says the folder is not writable."""
    from partnerdesk.store.workspace import open_workspace

    path = tmp_path / "ws.pdk"
    with open_workspace(path):
        pass
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK and Path(p) in
                        (path, tmp_path) else real_access(p, mode, **kw))
    window = make_window(path, "en")
    assert window.context.workspace is not None and window.context.workspace.read_only
    banner = window.actions_.backups.banner
    assert banner.isVisible() and "cannot be saved" in window.actions_.backups.banner_label.text()
    assert not window.actions_.backups.import_contacts.isEnabled()
    assert path.read_bytes() == before


def test_error_while_a_workspace_is_open_keeps_the_current_one(make_window, tmp_path: Path) -> None:
    good = tmp_path / "good.pdk"
    bad = tmp_path / "bad.pdk"
    _random_bytes(bad)
    before = bad.read_bytes()
    window = make_window(good, "en")
    assert window.open_path(bad) is False
    from PySide6.QtWidgets import QMessageBox

    box = window.findChild(QMessageBox, "workspaceErrorBox")
    assert box is not None and "is not a PartnerDesk workspace" in box.text()
    box.close()
    assert window.context.workspace is not None and window.context.workspace.path == good
    assert bad.read_bytes() == before
    assert window.stack.currentWidget() is window.current_view()


def test_new_workspace_from_the_error_panel(make_window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    bad = tmp_path / "bad.pdk"
    _not_sqlite(bad)
    fresh = tmp_path / "fresh.pdk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fresh), ""))
    window = make_window(bad, "en")
    window.panel.new_button.click()
    assert window.context.workspace is not None and window.context.workspace.path == fresh
    assert window.nav.isEnabled()
    assert bad.read_text(encoding="utf-8").startswith("name,email")


def test_new_workspace_refuses_an_existing_file(make_window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    existing = tmp_path / "existing.pdk"
    _random_bytes(existing)
    before = existing.read_bytes()
    warnings = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(existing), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window = make_window(tmp_path / "ws.pdk", "en")
    window.new_workspace_dialog()
    assert warnings and "already exists" in warnings[0]
    assert existing.read_bytes() == before
    assert window.context.workspace.path == tmp_path / "ws.pdk"
