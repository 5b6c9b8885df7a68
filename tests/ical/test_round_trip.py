"""Exports mean the same thing to other calendar software: occurrences agree with an independent expander."""

from __future__ import annotations

import datetime as dt

import icalendar
import recurring_ical_events

from partnerdesk.domain.occurrence import SourceKind
from partnerdesk.services.calendar import occurrences
from partnerdesk.services.demo import populate_demo
from partnerdesk.services.event_export import EventExportService
from partnerdesk.services.event_import import EventImportService

UTC = dt.UTC
LO, HI = dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2027, 1, 1, tzinfo=UTC)


def ours(ws) -> list[tuple[str, dt.datetime, dt.datetime]]:  # type: ignore[no-untyped-def]
    return sorted((o.title, o.start, o.end) for o in occurrences(ws, LO, HI, kinds=[SourceKind.EVENT]))


def theirs(data: bytes) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """What recurring-ical-events (used by many calendar tools) reads from our export."""
    calendar = icalendar.Calendar.from_ical(data)
    out = []
    for event in recurring_ical_events.of(calendar).between(LO, HI):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if not isinstance(start, dt.datetime) or str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue  # all-day dates float in that library; cancelled occurrences are not on the calendar
        out.append((str(event["SUMMARY"]), start.astimezone(UTC), end.astimezone(UTC)))
    return sorted(out)


def test_demo_export_expands_the_same_elsewhere_and_round_trips(workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.workspace import open_workspace

    populate_demo(workspace, today=dt.date(2026, 3, 2), seed=3)
    data = EventExportService(workspace).export().data
    timed = ours(workspace)
    assert len(timed) > 60  # three recurring series over a year, plus single events
    assert theirs(data) == timed
    other = open_workspace(tmp_path / "copy.pdk")
    try:
        EventImportService(other).import_file(data)
        assert ours(other) == ours(workspace)
    finally:
        other.close()


def test_client_files_expand_the_same_after_our_round_trip(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    service = EventImportService(workspace)
    for name in ("outlook", "google", "apple", "thunderbird"):
        service.import_file(ics(name), default_zone="Europe/Lisbon")
    timed = [row for row, o in zip(ours(workspace), sorted(
        occurrences(workspace, LO, HI, kinds=[SourceKind.EVENT]), key=lambda o: (o.title, o.start, o.end)),
        strict=True) if not o.all_day]
    assert theirs(EventExportService(workspace).export().data) == timed
    for name in ("outlook", "google", "apple", "thunderbird"):
        original = [row for row in theirs(ics(name)) if row[1] < HI]
        assert set(original) <= set(timed), name


def test_reimporting_our_own_export_changes_nothing(workspace) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from partnerdesk.store.models import Event

    populate_demo(workspace, today=dt.date(2026, 3, 2), seed=3)
    with workspace.session() as s:
        before = {e.uid: (sorted(c.id for c in e.contacts), sorted(m.id for m in e.members), e.attendee_emails)
                  for e in s.scalars(select(Event))}
    data = EventExportService(workspace).export().data
    assert b"ATTENDEE" in data  # linked contacts and team members travel as attendees
    summary = EventImportService(workspace).import_file(data)
    assert summary.created == summary.updated == 0 and summary.skipped == len(before)
    with workspace.session() as s:
        after = {e.uid: (sorted(c.id for c in e.contacts), sorted(m.id for m in e.members), e.attendee_emails)
                 for e in s.scalars(select(Event))}
    assert after == before
