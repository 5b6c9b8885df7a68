"""Reminders in a team workspace (issue 18): each person gets each reminder once — not once for the whole team,
and not twice when the same person runs two PartnerDesks. What was already shown is kept in the person's own
settings (keyed by the workspace's key and the member), never in the shared database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack

from partnerdesk.services.calendar import EventService
from partnerdesk.store.models import TeamMember
from partnerdesk.store.workspace import open_workspace
from partnerdesk.ui.calendar.reminders import ReminderWatcher
from partnerdesk.ui.context import AppContext, ChangeHub

UTC = dt.UTC


def _at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, 10, hour, minute, second, tzinfo=UTC)


def _client(url: str, member_id: int, settings_file: Path, opened: list[Any]) -> ReminderWatcher:
    """One person's PartnerDesk on the team workspace: its own connection, that person's settings file."""
    ws = open_workspace(url)
    ws.member_id = member_id
    opened.append(ws)
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    return ReminderWatcher(AppContext(ws, QUndoStack(), ChangeHub(), settings))


def _titles(reminders: list[Any]) -> list[str]:
    return [r.occurrence.title for r in reminders]


def test_each_person_gets_each_reminder_once(pg_database: str, qtbot: Any, tmp_path: Path) -> None:
    opened: list[Any] = []
    try:
        setup = open_workspace(pg_database)
        opened.append(setup)
        with setup.transaction() as s:
            marta, lucas = TeamMember(name="Marta Sousa"), TeamMember(name="Lucas Braga")
            s.add_all([marta, lucas])
            s.flush()
            ids = marta.id, lucas.id
        EventService(setup).create("Call Sakura", _at(9, 0), _at(10, 0), reminder_minutes=[15])

        marta_laptop = _client(pg_database, ids[0], tmp_path / "marta.ini", opened)
        marta_desktop = _client(pg_database, ids[0], tmp_path / "marta.ini", opened)  # the same person, again
        lucas_laptop = _client(pg_database, ids[1], tmp_path / "lucas.ini", opened)
        for watcher in (marta_laptop, marta_desktop, lucas_laptop):
            assert watcher.start(now=_at(8, 40)) == []

        assert _titles(marta_laptop.check(now=_at(8, 45, 30))) == ["Call Sakura"]
        assert marta_desktop.check(now=_at(8, 45, 40)) == []  # Marta saw it already, on her other PartnerDesk
        assert _titles(lucas_laptop.check(now=_at(8, 45, 50))) == ["Call Sakura"]  # Lucas gets his own
        for watcher in (marta_laptop, marta_desktop, lucas_laptop):
            assert watcher.check(now=_at(8, 50)) == []  # and nobody gets it twice
            watcher.stop()
    finally:
        for ws in opened:
            ws.close()
