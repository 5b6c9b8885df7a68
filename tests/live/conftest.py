"""A main window over a team workspace on the test server, and a second client of the same workspace."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _named_by_location(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until team-ui's window (H4) is merged, the window names its workspace by the file: a server workspace has
    none. Its title and status line are not what these tests check."""
    from partnerdesk.ui.main_window import MainWindow

    if hasattr(MainWindow, "_set_path_label"):
        return
    monkeypatch.setattr(MainWindow, "retranslate_title", lambda self: self.setWindowTitle("PartnerDesk"))
    monkeypatch.setattr(MainWindow, "update_status", lambda self: None)
    from partnerdesk.ui.backups.actions import BackupActions

    monkeypatch.setattr(BackupActions, "set_enabled", lambda self, enabled: None)


@pytest.fixture
def team_window(pg_database: str, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                isolated_dirs: Path) -> Iterator[Any]:
    """The real main window over a new team workspace (``window.context.ws``), signed in as Marta Sousa."""
    from PySide6.QtCore import QSettings

    from partnerdesk.store.models import TeamMember
    from partnerdesk.store.workspace import open_workspace
    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.jobs import wait_for_all

    folder = isolated_dirs / "settings"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    _named_by_location(monkeypatch)
    ws = open_workspace(pg_database)
    with ws.transaction() as s:
        member = TeamMember(name="Marta Sousa")
        s.add(member)
        s.flush()
        member_id = member.id
    ws.member_id = member_id
    settings = QSettings()
    # Who am I, answered beforehand (ui/team/identity.py's key): the window does not ask.
    settings.setValue("team/member_" + hashlib.sha1(ws.key.encode()).hexdigest()[:16], member_id)
    settings.sync()
    win = build_main_window(None, "en")
    qtbot.addWidget(win)
    win.show()
    win.adopt_workspace(ws, ws.key)
    assert win.live.listener is not None and win.live.listener.wait_listening(10)
    yield win
    wait_for_all(10_000)
    win.live.stop()
    win.context.undo_stack.clear()
    win.close()
    if win.context.workspace is not None:
        win.context.workspace.close()
        win.context.workspace = None


@pytest.fixture
def other_client(pg_database: str) -> Iterator[Any]:
    """The same team workspace opened by someone else's PartnerDesk (its own connections and client id)."""
    from partnerdesk.store.workspace import open_workspace

    ws = open_workspace(pg_database)
    yield ws
    ws.close()
