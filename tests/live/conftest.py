"""A main window over a team workspace on the test server, and a second client of the same workspace."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.ui.conftest import isolated_settings  # noqa: F401  (autouse: settings in the isolated home)


@pytest.fixture
def team_window(pg_database: str, qtbot: Any) -> Iterator[Any]:
    """The real main window over a new team workspace (``window.context.ws``), signed in as Marta Sousa."""
    from PySide6.QtCore import QSettings

    from partnerdesk.store.models import TeamMember
    from partnerdesk.store.workspace import open_workspace
    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.jobs import wait_for_all
    from partnerdesk.ui.team.identity import remember_member

    ws = open_workspace(pg_database)
    with ws.transaction() as s:
        member = TeamMember(name="Marta Sousa")
        s.add(member)
        s.flush()
        member_id = member.id
    ws.member_id = member_id
    remember_member(QSettings(), ws.key, member_id)  # who am I, answered beforehand: the window does not ask
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
