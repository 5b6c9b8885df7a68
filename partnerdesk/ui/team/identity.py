"""Who this person is on each team workspace, remembered on this computer only (QSettings, keyed by the
workspace's key: its URL without the password)."""

from __future__ import annotations

import hashlib
from typing import Any

PREFIX = "team/member_"


def settings_key(workspace_key: str) -> str:
    return PREFIX + hashlib.sha1(workspace_key.encode()).hexdigest()[:16]


def remembered_member(settings: Any, workspace_key: str) -> int | None:
    value = settings.value(settings_key(workspace_key), 0, type=int)
    return int(value) if value else None


def remember_member(settings: Any, workspace_key: str, member_id: int) -> None:
    settings.setValue(settings_key(workspace_key), int(member_id))
    settings.sync()
