"""Exporting events as .ics: everything, a date range, or one partner's events.

A series is exported whole (rule, exception dates, extra dates and its edited occurrences) when any of its
occurrences falls in the range, so the receiving calendar shows the same series. UIDs are the events' own, so
importing the export again, here or in another client, updates instead of duplicating.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.recurrence import InvalidRuleError, expand, meets
from partnerdesk.interop.ical_zones import zone_info
from partnerdesk.interop.icalendar_io import EventRecord, write_calendar
from partnerdesk.l10n import N_
from partnerdesk.services.base import Service
from partnerdesk.store.models import Event, Partner

UTC = dt.UTC


@dataclass
class EventExport:
    data: bytes
    events: int  # series and single events (edited occurrences not counted)
    components: int  # VEVENTs written


def _parse(stamp: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(stamp)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _dates(values: list[str] | None) -> list[dt.datetime]:
    out = []
    for value in values or []:
        try:
            out.append(_parse(value))
        except ValueError:
            continue
    return out


def record_of(ev: Event) -> EventRecord:
    categories = [ev.kind.source_label, *[c for c in (ev.extra or {}).get("categories", [])
                                          if c != ev.kind.source_label]]
    emails: dict[str, str] = {e.casefold(): e for e in ev.attendee_emails or []}
    for contact in ev.contacts:
        first = next((e.get("value") for e in contact.emails or [] if e.get("value")), None)
        if first:
            emails.setdefault(first.casefold(), first)
    for member in ev.members:
        if member.email:
            emails.setdefault(member.email.casefold(), member.email)
    extra = ev.extra or {}
    return EventRecord(
        uid=ev.uid, title=ev.title, starts_at=ev.starts_at, ends_at=ev.ends_at, time_zone=ev.time_zone or "UTC",
        all_day=ev.all_day, description=ev.description or "", location=ev.location or "",
        video_link=ev.video_link or "", url=str(extra.get("url", "")), rrule=ev.rrule or "",
        exdates=_dates(ev.exdates), rdates=_dates(ev.rdates), recurrence_id=ev.recurrence_id,
        attendee_emails=list(emails.values()), organizer=str(extra.get("organizer", "")),
        reminder_minutes=sorted(set(ev.reminder_minutes or [])), categories=categories, kind=ev.kind.value,
        sequence=ev.sequence, created_at=ev.created_at, updated_at=ev.updated_at)


def occurs_between(ev: Event, start: dt.datetime, end: dt.datetime) -> bool:
    """Whether a series or single event has an occurrence meeting [start, end)."""
    if not ev.rrule and not ev.rdates:
        return meets(ev.starts_at, ev.ends_at, start, end)
    try:
        return bool(expand(ev.starts_at, ev.rrule, ev.time_zone or "UTC", start, end,
                           duration=ev.ends_at - ev.starts_at, exdates=ev.exdates or (), rdates=ev.rdates or ()))
    except InvalidRuleError:
        return meets(ev.starts_at, ev.ends_at, start, end)


class EventExportService(Service):
    def export(self, *, start: dt.date | None = None, end: dt.date | None = None, partner_id: int | None = None,
               zone: str = "UTC", name: str = "") -> EventExport:
        """The .ics bytes of the chosen events. ``start``/``end`` are whole days in ``zone`` (end inclusive)."""
        if start is not None and end is not None and end < start:
            raise ValidationError(N_("The end date is before the start date."), field="end")
        tz = zone_info(zone)
        lo = dt.datetime.combine(start, dt.time(0), tz).astimezone(UTC) if start else None
        hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tz).astimezone(UTC) if end else None
        with self.workspace.session() as s:
            if partner_id is not None:
                partner = self.get(s, Partner, partner_id)
                name = name or partner.name
            query = (select(Event).where(Event.series_id.is_(None))
                     .options(selectinload(Event.contacts), selectinload(Event.members),
                              selectinload(Event.overrides))
                     .order_by(Event.starts_at, Event.id))
            if partner_id is not None:
                query = query.where(Event.partner_id == partner_id)
            if hi is not None:
                query = query.where(Event.starts_at < hi)
            if lo is not None:
                query = query.where(or_(Event.ends_at >= lo - dt.timedelta(days=1), Event.rrule != "",
                                        func.json_array_length(Event.rdates) > 0))
            records: list[EventRecord] = []
            count = 0
            for ev in s.scalars(query):
                if (lo or hi) and not self._in_range(ev, lo, hi):
                    continue
                count += 1
                records.append(record_of(ev))
                records += [record_of(o) for o in sorted(ev.overrides, key=lambda o: o.recurrence_id or o.starts_at)]
        return EventExport(write_calendar(records, name=name or "PartnerDesk"), count, len(records))

    @staticmethod
    def _in_range(ev: Event, lo: dt.datetime | None, hi: dt.datetime | None) -> bool:
        start = lo or dt.datetime(1900, 1, 1, tzinfo=UTC)
        end = hi or dt.datetime(9999, 1, 1, tzinfo=UTC)
        if occurs_between(ev, start, end):
            return True
        return any(o.starts_at < end and o.ends_at >= start for o in ev.overrides)
