"""Two clients on one workspace: a second ``Workspace`` object on the same file (SQLite, unlocked) or server."""

from __future__ import annotations

from typing import Any

from partnerdesk.store.workspace import Workspace, open_workspace


def second_client(ws: Workspace) -> Workspace:
    """Open the workspace ``ws`` is on a second time, as another person's PartnerDesk would."""
    if getattr(ws, "is_server", False):
        password = ws.engine.url.password
        open_any: Any = open_workspace
        return open_any(ws.key, lock=False, password=password)  # type: ignore[attr-defined]
    assert ws.path is not None
    return open_workspace(ws.path, lock=False)
