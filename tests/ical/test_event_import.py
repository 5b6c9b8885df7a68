"""Importing .ics into the workspace: one transaction, updates by UID on re-import, overrides, round trips."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from partnerdesk.domain.enums import Action, EventKind
from partnerdesk.domain.occurrence import SourceKind
from partnerdesk.interop.icalendar_io import EventReadError
from partnerdesk.services.calendar import occurrences
from partnerdesk.services.event_export import EventExportService
from partnerdesk.services.event_import import EventImportService
from partnerdesk.store.models import ActivityLog, Contact, Event, Partner

UTC = dt.UTC
LISBON = ZoneInfo("Europe/Lisbon")
SERIES_UID = "5k2f8q9v0abc1def2ghi3jkl4m@google.com"


def count(ws) -> int:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        return s.scalar(select(func.count(Event.id))) or 0


def rows(ws) -> list[tuple]:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        return sorted((e.uid, e.recurrence_id or dt.datetime.min.replace(tzinfo=UTC), e.title, e.starts_at,
                       e.ends_at, e.time_zone, e.all_day, e.rrule, sorted(e.exdates), sorted(e.rdates),
                       e.location, e.video_link, sorted(e.attendee_emails), sorted(e.reminder_minutes), e.kind)
                      for e in s.scalars(select(Event)))


def test_import_creates_series_override_and_exception(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    summary = EventImportService(workspace).import_file(ics("google"), source="google.ics",
                                                        default_zone="Europe/Lisbon")
    assert (summary.created, summary.updated, summary.skipped) == (4, 0, 0)
    assert len(summary.changes.created["event"]) == 4
    with workspace.session() as s:
        master = s.scalar(select(Event).where(Event.uid == SERIES_UID, Event.series_id.is_(None)))
        assert master.exdates == ["2026-03-30T09:00:00+00:00", "2026-04-06T09:00:00+00:00"]
        override = s.scalar(select(Event).where(Event.series_id == master.id))
        assert override.uid == SERIES_UID and override.recurrence_id == dt.datetime(2026, 3, 23, 10, tzinfo=UTC)
        log = s.scalar(select(ActivityLog).where(ActivityLog.action == Action.IMPORT))
        assert log.entity == "event" and log.summary == "google.ics"


def test_lisbon_series_stays_at_ten_across_the_march_change(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    EventImportService(workspace).import_file(ics("google"), default_zone="Europe/Lisbon")
    found = occurrences(workspace, dt.datetime(2026, 3, 1, tzinfo=UTC), dt.datetime(2026, 5, 1, tzinfo=UTC),
                        kinds=[SourceKind.EVENT])
    series = [o for o in found if o.title.startswith("Revisão semanal")]
    local = [o.start.astimezone(LISBON).strftime("%m-%d %H:%M") for o in series]
    # 30 March is cancelled, 6 April excluded, 23 March moved to the afternoon
    assert local == ["03-16 10:00", "03-23 14:00", "04-13 10:00", "04-20 10:00"]
    assert [o.start.hour for o in series] == [10, 14, 9, 9]  # UTC moves, Lisbon wall clock does not


def test_reimport_updates_by_uid_instead_of_duplicating(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    service = EventImportService(workspace)
    service.import_file(ics("google"), default_zone="Europe/Lisbon")
    before = rows(workspace)
    again = service.import_file(ics("google"), default_zone="Europe/Lisbon")
    assert (again.created, again.updated, again.skipped) == (0, 0, 4)
    assert not again.changes
    assert rows(workspace) == before

    newer = ics("google").replace(b"SUMMARY:Revis\xc3\xa3o semanal com a Ribeira Digital\r\nTRANSP",
                                  b"SUMMARY:Revis\xc3\xa3o semanal (novo hor\xc3\xa1rio)\r\nTRANSP")
    start = newer.index(b"BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Lisbon:20260323T140000")
    newer = newer[:start] + newer[newer.index(b"END:VEVENT\r\n", start) + len(b"END:VEVENT\r\n"):]
    third = service.import_file(newer, default_zone="Europe/Lisbon")
    assert (third.created, third.updated, third.deleted) == (0, 1, 1)
    with workspace.session() as s:
        master = s.scalar(select(Event).where(Event.uid == SERIES_UID))
        assert master.title == "Revisão semanal (novo horário)" and master.sequence == 1
        assert s.scalar(select(func.count(Event.id)).where(Event.series_id == master.id)) == 0
    assert count(workspace) == 3


def test_broken_file_imports_nothing(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    service = EventImportService(workspace)
    service.import_file(ics("google"), default_zone="Europe/Lisbon")
    before = rows(workspace)
    with pytest.raises(EventReadError):
        service.import_file(ics("broken"))
    assert rows(workspace) == before  # the good first event of the broken file was not added either


def test_every_client_file_round_trips_through_export(workspace, tmp_path, ics) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.workspace import open_workspace

    service = EventImportService(workspace)
    for name in ("outlook", "google", "apple", "thunderbird"):
        service.import_file(ics(name), source=name, default_zone="Europe/Lisbon")
    exported = EventExportService(workspace).export()
    assert exported.events == 13 and exported.components == 15
    other = open_workspace(tmp_path / "other.pdk")
    try:
        summary = EventImportService(other).import_file(exported.data, default_zone="Asia/Tokyo")
        assert summary.created == 15
        assert rows(other) == rows(workspace)
    finally:
        other.close()
    again = service.import_file(exported.data, default_zone="Europe/Lisbon")
    assert (again.created, again.updated, again.skipped) == (0, 0, 15)


def test_export_is_what_clients_accept(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    service = EventImportService(workspace)
    for name in ("outlook", "google", "apple", "thunderbird"):
        service.import_file(ics(name), default_zone="Europe/Lisbon")
    data = EventExportService(workspace).export().data
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded by the library
    assert b"\n" not in data.replace(b"\r\n", b"")
    text = data.decode()
    assert "PRODID:-//PartnerDesk//" in text and "VERSION:2.0" in text and text.count("DTSTAMP:") == 15
    for zone in ("Europe/Lisbon", "Europe/Bucharest", "Europe/Berlin", "Asia/Dubai", "Asia/Riyadh",
                 "Europe/Rome", "Europe/Athens"):
        assert f"TZID:{zone}\r\n" in text, zone
    assert "RECURRENCE-ID;TZID=Europe/Lisbon:20260323T100000" in text
    assert "EXDATE;TZID=Europe/Lisbon:20260330T100000,20260406T100000" in text
    assert "RDATE;TZID=Asia/Dubai:20260320T110000" in text
    assert "DTSTART;VALUE=DATE:20260410" in text and "TRIGGER:-PT15M" in text


def test_export_range_and_partner(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    with workspace.session() as s, s.begin():
        s.add(Partner(name="Ribeira Digital", kind="agency", time_zone="Europe/Lisbon"))
    with workspace.session() as s:
        pid = s.scalar(select(Partner.id))
    service = EventImportService(workspace)
    service.import_file(ics("google"), default_zone="Europe/Lisbon", partner_id=pid)
    service.import_file(ics("apple"), default_zone="Europe/Lisbon")
    export = EventExportService(workspace)
    assert export.export(partner_id=pid).events == 3
    april = export.export(start=dt.date(2026, 4, 9), end=dt.date(2026, 4, 30), zone="Europe/Lisbon")
    assert april.events == 2  # the weekly series (13 and 20 April) and the deadline
    assert b"Prazo" in april.data and b"Osaka" not in april.data
    assert export.export(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30)).events == 0


def test_attendees_link_known_contacts_and_their_partner(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    with workspace.session() as s, s.begin():
        partner = Partner(name="Aegean Logistics", kind="logistics", time_zone="Europe/Athens")
        s.add(partner)
        s.flush()
        s.add(Contact(display_name="Eleni Papadopoulou", partner_id=partner.id,
                      emails=[{"value": "Eleni@Aegean.example", "type": "work"}]))
    EventImportService(workspace).import_file(ics("outlook"), default_zone="Europe/Athens")
    with workspace.session() as s:
        weekly = s.scalar(select(Event).where(Event.title == "Εβδομαδιαία συνάντηση αποστολών"))
        assert weekly.partner.name == "Aegean Logistics"
        assert [c.display_name for c in weekly.contacts] == ["Eleni Papadopoulou"]
        milan = s.scalar(select(Event).where(Event.title.like("Revisione del contratto%")))
        assert milan.partner_id is None and milan.kind == EventKind.REVIEW
        assert milan.extra["categories"] == ["Milano"]


def test_imported_events_are_searchable_and_updates_reindex(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.search import search

    service = EventImportService(workspace)
    service.import_file(ics("apple"), default_zone="Europe/Lisbon")
    with workspace.session() as s:
        hits = search(s, "عيد الفطر", kinds=["event"])
        assert [h.title for h in hits] == ["عطلة عيد الفطر"]
        assert search(s, "Dubai Design", kinds=["event"])  # the location is indexed too
    service.import_file(ics("apple").replace("عطلة عيد الفطر".encode(), "إجازة العيد".encode()),
                        default_zone="Europe/Lisbon")
    with workspace.session() as s:
        assert not search(s, "الفطر", kinds=["event"])
        assert [h.title for h in search(s, "إجازة", kinds=["event"])] == ["إجازة العيد"]


def test_lone_override_joins_its_series_when_the_series_arrives(workspace, ics) -> None:  # type: ignore[no-untyped-def]
    data = ics("google")
    begin = data.index(b"BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Lisbon:20260323T140000")
    lone = data[:data.index(b"BEGIN:VEVENT")] + data[begin:data.index(b"END:VEVENT\r\n", begin) + 12] \
        + b"END:VCALENDAR\r\n"
    service = EventImportService(workspace)
    assert service.import_file(lone, default_zone="Europe/Lisbon").created == 1  # invited to one occurrence only
    summary = service.import_file(data, default_zone="Europe/Lisbon")
    assert (summary.created, summary.updated) == (3, 1)
    with workspace.session() as s:
        master = s.scalar(select(Event).where(Event.uid == SERIES_UID, Event.recurrence_id.is_(None)))
        override = s.scalar(select(Event).where(Event.uid == SERIES_UID, Event.recurrence_id.is_not(None)))
        assert override.series_id == master.id
