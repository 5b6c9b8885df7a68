"""EventImportService.import_file(progress=…): counts the events written, and an exception it raises (a cancelled
job) rolls the whole import back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from partnerdesk.domain.errors import CancelledError
from partnerdesk.services.event_import import EventImportService
from partnerdesk.store.models import ActivityLog, Event

FILE = Path(__file__).resolve().parent / "fixtures" / "partner_calendar.ics"


def _count(ws, model) -> int:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_progress_ends_with_every_event_counted(workspace) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []
    summary = EventImportService(workspace).import_file(FILE.read_bytes(), default_zone="UTC",
                                                        progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 6) and seen[-1] == (6, 6) and summary.created == 6


def test_an_exception_from_progress_rolls_everything_back(workspace) -> None:  # type: ignore[no-untyped-def]
    logs = _count(workspace, ActivityLog)

    def cancel_at_the_end(done: int, total: int) -> None:
        if done == total:
            raise CancelledError()

    with pytest.raises(CancelledError):
        EventImportService(workspace).import_file(FILE.read_bytes(), default_zone="UTC", progress=cancel_at_the_end)
    assert _count(workspace, Event) == 0 and _count(workspace, ActivityLog) == logs
