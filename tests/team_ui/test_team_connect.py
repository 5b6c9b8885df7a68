"""Connecting to a team workspace through the main window, against a real PostgreSQL server (issue 18):
File → Connect to Team Workspace…, a wrong password, the keyring, who am I, the status bar, Open Recent and
``--db postgresql://``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

BIDI = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
TIMEOUT = 30_000


def plain(text: str) -> str:
    return text.translate(BIDI)


def _address(url: str) -> tuple[Any, str]:
    from partnerdesk.store.server import ServerAddress, url_password

    password = url_password(url)
    assert password
    return ServerAddress.parse(url), password


def _with_members(url: str, *names: str) -> dict[str, int]:
    """Make the empty database a workspace with these team members (as a teammate would have)."""
    from partnerdesk.services.team_members import TeamMemberService
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(url) as ws:
        return {name: TeamMemberService(ws).add(name)[0] for name in names}


def _connect_dialog(window: Any) -> Any:
    from partnerdesk.ui.team.connect_dialog import ConnectDialog

    window.team.connect_action.trigger()
    dialog = window.team.dialog
    assert isinstance(dialog, ConnectDialog) and dialog.isVisible()
    return dialog


def _fill(dialog: Any, address: Any, password: str, remember: bool = False) -> None:
    dialog.host.setText(address.host)
    dialog.port.setValue(address.port)
    dialog.database.setText(address.database)
    dialog.user.setText(address.user)
    dialog.password.setText(password)
    dialog.remember.setChecked(remember)


def _ok(dialog: Any) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _who_am_i(window: Any, qtbot: Any) -> Any:
    from partnerdesk.ui.team.who_am_i import WhoAmIDialog

    qtbot.waitUntil(lambda: isinstance(window.team.dialog, WhoAmIDialog) and window.team.dialog.isVisible(),
                    timeout=TIMEOUT)
    return window.team.dialog


def test_connect_from_the_file_menu_who_am_i_and_the_activity_log(make_window: Any, tmp_path: Path, qtbot: Any,
                                                                   pg_database: str, memory_keyring: Any) -> None:
    from sqlalchemy import select

    from partnerdesk.store.models import ActivityLog, TeamMember

    address, password = _address(pg_database)
    ids = _with_members(pg_database, "Marta Sousa", "Kenji Sato")
    window = make_window(tmp_path / "mine.pdk")
    assert window.context.workspace is not None and not window.team.label.isVisible()
    dialog = _connect_dialog(window)
    _fill(dialog, address, password, remember=True)
    _ok(dialog).click()
    qtbot.waitUntil(lambda: window.context.workspace is not None and window.context.workspace.is_server,
                    timeout=TIMEOUT)
    ws = window.context.workspace
    assert ws.key == address.url() and password not in ws.key
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed (deleted later)
    # The password went to the keyring, and nowhere in the settings.
    assert memory_keyring.store == {("PartnerDesk", address.url()): password}
    settings = QSettings()
    assert all(password not in str(settings.value(k)) for k in settings.allKeys())
    assert address.url() in window.actions_.recent_files()

    who = _who_am_i(window, qtbot)
    names = [plain(who.members.item(i).text()) for i in range(who.members.count())]
    assert names == ["I am Kenji Sato", "I am Marta Sousa"]
    who.choose("Marta Sousa")
    _ok(who).click()
    assert ws.member_id == ids["Marta Sousa"]
    location = f"{address.database} on {address.host}:{address.port}"
    assert plain(window.team.label.text()) == f"Team workspace: {location} · you are Marta Sousa"
    assert window.team.label.isVisible()
    assert location in plain(window.windowTitle())
    assert not window.actions_.back_up.isEnabled() and "pg_dump" in window.actions_.back_up.toolTip()
    assert not window.actions_.backups.restore.isEnabled()

    # A change made in the window is recorded under the person chosen: here, adding a teammate through
    # File → Change Who I Am… (then keeping who I am).
    window.team.who_action.trigger()
    who = _who_am_i(window, qtbot)
    who.new_name.setText("Ana Lima")
    who.add_button.click()
    who.reject()
    assert ws.member_id == ids["Marta Sousa"]
    with ws.session() as s:
        ana = s.scalar(select(TeamMember.id).where(TeamMember.name == "Ana Lima"))
        entry = s.scalars(select(ActivityLog).where(ActivityLog.entity == "team_member",
                                                     ActivityLog.entity_id == ana)).one()
    assert entry.member_id == ids["Marta Sousa"]

    # In Arabic the status bar's user data stays in isolates (a Latin name and host inside right-to-left text).
    window.set_language("ar")
    text = window.team.label.text()
    assert "مساحة عمل الفريق" in text and "\u2068Marta Sousa\u2069" in text
    assert f"\u2068{address.database}\u2069" in text
    window.set_language("en")


def test_a_wrong_password_is_asked_again_and_nothing_changes(make_window: Any, tmp_path: Path, qtbot: Any,
                                                              pg_database: str, memory_keyring: Any) -> None:
    address, password = _address(pg_database)
    window = make_window(tmp_path / "mine.pdk")
    before = window.context.workspace
    title = window.windowTitle()
    dialog = _connect_dialog(window)
    _fill(dialog, address, "not-the-password", remember=True)
    _ok(dialog).click()
    qtbot.waitUntil(lambda: "did not accept the password" in dialog.message.text(), timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.password.text() == "" and dialog.host.text() == address.host
    assert window.context.workspace is before and window.windowTitle() == title
    assert memory_keyring.store == {}
    assert address.url() not in window.actions_.recent_files()
    # Typing the right one connects.
    dialog.password.setText(password)
    _ok(dialog).click()
    qtbot.waitUntil(lambda: window.context.workspace is not before, timeout=TIMEOUT)
    assert window.context.workspace.is_server


def test_an_unreachable_server_is_reported_in_the_dialog(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    window = make_window(tmp_path / "mine.pdk")
    before = window.context.workspace
    dialog = _connect_dialog(window)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(port)
    dialog.database.setText("partners")
    dialog.user.setText("marta")
    _ok(dialog).click()
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.message.text(), timeout=TIMEOUT)
    assert window.context.workspace is before and dialog.isVisible()


def test_keyring_and_who_am_i_are_remembered_when_reopening(make_window: Any, tmp_path: Path, qtbot: Any,
                                                            pg_database: str, memory_keyring: Any) -> None:
    address, password = _address(pg_database)
    ids = _with_members(pg_database, "Marta Sousa", "Kenji Sato")
    window = make_window(tmp_path / "mine.pdk")
    dialog = _connect_dialog(window)
    _fill(dialog, address, password, remember=True)
    _ok(dialog).click()
    who = _who_am_i(window, qtbot)
    who.choose("Kenji Sato")
    _ok(who).click()

    # Back to the file, then File → Open Recent → the team workspace: no password asked, no who-am-I.
    window.open_path(tmp_path / "mine.pdk")
    assert not window.context.workspace.is_server and not window.team.label.isVisible()
    assert not window.team.who_action.isEnabled()
    window.actions_.fill_recent_menu()
    action = next(a for a in window.actions_.recent_menu.actions() if a.data() == address.url())
    assert password not in action.text()
    action.trigger()
    qtbot.waitUntil(lambda: window.context.workspace.is_server, timeout=TIMEOUT)
    assert window.team.dialog is None
    assert window.context.workspace.member_id == ids["Kenji Sato"]
    assert plain(window.team.label.text()).endswith("you are Kenji Sato")

    # File → Change Who I Am… changes it, and it is remembered.
    assert window.team.who_action.isEnabled()
    window.team.who_action.trigger()
    who = _who_am_i(window, qtbot)
    assert who.chosen_id() == ids["Kenji Sato"]
    who.choose("Marta Sousa")
    _ok(who).click()
    assert window.context.workspace.member_id == ids["Marta Sousa"]
    from partnerdesk.ui.team.identity import remembered_member

    assert remembered_member(QSettings(), address.url()) == ids["Marta Sousa"]

    # The next start opens the team workspace used last (keyring password, remembered person).
    window.close()
    again = make_window()
    qtbot.waitUntil(lambda: again.context.workspace is not None, timeout=TIMEOUT)
    assert again.context.workspace.key == address.url()
    assert again.context.workspace.member_id == ids["Marta Sousa"] and again.team.dialog is None


def test_db_option_with_an_address_uses_the_keyring_or_asks(make_window: Any, qtbot: Any, pg_database: str,
                                                            memory_keyring: Any) -> None:
    from partnerdesk.ui.team.connect_dialog import ConnectDialog

    address, password = _address(pg_database)
    _with_members(pg_database, "Marta Sousa")
    # Nothing in the keyring: the connect dialog asks for the password, with the address filled in.
    window = make_window(address.url())
    qtbot.waitUntil(lambda: isinstance(window.team.dialog, ConnectDialog), timeout=TIMEOUT)
    dialog = window.team.dialog
    assert dialog.database.text() == address.database and dialog.port.value() == address.port
    assert "needs a password" in dialog.message.text() or "Type the password" in dialog.message.text()
    dialog.password.setText(password)
    dialog.remember.setChecked(True)
    _ok(dialog).click()
    qtbot.waitUntil(lambda: window.context.workspace is not None, timeout=TIMEOUT)
    _who_am_i(window, qtbot).reject()  # "Not now": asked again next time
    assert plain(window.team.label.text()).startswith(f"Team workspace: {address.database} on")
    window.close()

    # With the keyring's password: straight in (and the who-am-I question comes again).
    second = make_window(address.url())
    qtbot.waitUntil(lambda: second.context.workspace is not None, timeout=TIMEOUT)
    assert second.context.workspace.key == address.url()
    _who_am_i(second, qtbot)


def test_command_line_keeps_the_address(monkeypatch: Any) -> None:
    import argparse

    from partnerdesk.cli import build_parser
    from partnerdesk.ui.app import MissingFile, start_target

    url = "postgresql://marta@db.example.com:5432/partners?sslmode=verify-full"
    args = build_parser().parse_args(["--db", url])
    args.workspace_file = None
    assert start_target(args) == (url, MissingFile.FIRST_RUN)
    assert start_target(argparse.Namespace(workspace_file=url, db=None)) == (url, MissingFile.REFUSE)


def test_another_programs_database_is_refused_and_left_untouched(make_window: Any, tmp_path: Path, qtbot: Any,
                                                                 pg_database: str) -> None:
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as con:
        con.execute("CREATE TABLE recipes (id integer PRIMARY KEY, name text)")
    address, password = _address(pg_database)
    window = make_window(tmp_path / "mine.pdk")
    before = window.context.workspace
    dialog = _connect_dialog(window)
    _fill(dialog, address, password)
    _ok(dialog).click()
    qtbot.waitUntil(lambda: "is not a PartnerDesk workspace" in dialog.message.text(), timeout=TIMEOUT)
    assert window.context.workspace is before
    with psycopg.connect(pg_database) as con:
        tables = {r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == {"recipes"}


def test_cancel_while_connecting_changes_nothing(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    import socket

    silent = socket.socket()  # accepts the connection and never answers: the connect waits for its timeout
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        window = make_window(tmp_path / "mine.pdk")
        before = window.context.workspace
        dialog = _connect_dialog(window)
        dialog.host.setText("127.0.0.1")
        dialog.port.setValue(silent.getsockname()[1])
        dialog.database.setText("partners")
        dialog.user.setText("marta")
        dialog.password.setText("x")
        _ok(dialog).click()
        assert window.team.job is not None and dialog.busy.isVisible()
        dialog.reject()
        qtbot.waitUntil(lambda: window.team.job is None, timeout=TIMEOUT)
        qtbot.wait(50)
        assert window.context.workspace is before and window.team.dialog is None
    finally:
        silent.close()


def test_an_unreachable_team_workspace_at_start_leaves_a_way_out(make_window: Any, qtbot: Any) -> None:
    import socket

    from partnerdesk.ui.team.connect_dialog import ConnectDialog

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    window = make_window(f"postgresql://marta@127.0.0.1:{port}/partners")
    qtbot.waitUntil(lambda: isinstance(window.team.dialog, ConnectDialog), timeout=TIMEOUT)
    dialog = window.team.dialog
    assert "cannot be reached" in dialog.message.text() and dialog.port.value() == port
    assert window.context.workspace is None and window.panel.mode == "error"
    assert "cannot be reached" in window.panel.message.text()
    dialog.reject()
    assert window.panel.mode == "error" and window.panel.team_button.isVisible()
    assert window.panel.open_button.isVisible() and not window.nav.isEnabled()
    window.panel.team_button.click()
    assert isinstance(window.team.dialog, ConnectDialog) and window.team.dialog.isVisible()


def test_a_password_in_the_address_is_used_and_never_kept(make_window: Any, qtbot: Any, pg_database: str,
                                                          memory_keyring: Any) -> None:
    address, password = _address(pg_database)
    window = make_window(pg_database)  # partnerdesk --db postgresql://user:password@host/db
    qtbot.waitUntil(lambda: window.context.workspace is not None, timeout=TIMEOUT)
    assert window.context.workspace.key == address.url()
    settings = QSettings()
    assert all(password not in str(settings.value(k)) for k in settings.allKeys())
    assert window.actions_.recent_files()[0] == address.url()
    assert memory_keyring.store == {}
    assert password not in window.windowTitle() and password not in window.team.label.toolTip()
