"""What the calendar shows: event occurrences plus derived dated entries, reminders, and free slots.

Events expand in their own zone (see domain/recurrence); derived entries come from work-item due dates, contract
review and notice dates, unpaid payments and interaction follow-ups. Writes to events live in services/events.py
(``EventService``, ``EditScope``), re-exported here for the views.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session

from partnerdesk.domain.occurrence import KIND_COLORS, Occurrence, SourceKind
from partnerdesk.domain.partners import add_months, notice_deadline
from partnerdesk.domain.recurrence import expand, meets
from partnerdesk.domain.timezones import WorkingHours, free_slots
from partnerdesk.l10n import _, format_money
from partnerdesk.services.events import EditScope, EventService
from partnerdesk.store.dialects import stored_text
from partnerdesk.store.models import Contract, Event, Interaction, Partner, Payment, TeamMember, WorkItem
from partnerdesk.store.workspace import Workspace

__all__ = ["EditScope", "EventService", "Reminder", "due_reminders", "find_slots", "my_working_hours",
           "occurrences", "partner_working_hours"]

UTC = dt.UTC


def occurrences(workspace: Workspace, start: dt.datetime, end: dt.datetime, *,
                kinds: Iterable[SourceKind] | None = None,
                partner_ids: Iterable[int] | None = None) -> list[Occurrence]:
    """Every calendar entry meeting [start, end) (aware datetimes), sorted by start then title.

    ``kinds`` limits the sources (default: all); ``partner_ids`` keeps only entries of those partners.
    """
    wanted = set(kinds) if kinds is not None else set(SourceKind)
    partners = set(partner_ids) if partner_ids is not None else None
    out: list[Occurrence] = []
    with workspace.session() as s, _bulk():
        my_zone = _my_zone(s)
        if SourceKind.EVENT in wanted:
            out += _events(s, start, end, partners)
        if SourceKind.WORK_ITEM in wanted:
            out += _work_items(s, start, end, partners)
        if wanted & {SourceKind.CONTRACT_REVIEW, SourceKind.CONTRACT_NOTICE}:
            out += _contracts(s, start, end, partners, wanted, my_zone)
        if SourceKind.PAYMENT in wanted:
            out += _payments(s, start, end, partners, my_zone)
        if SourceKind.FOLLOW_UP in wanted:
            out += _follow_ups(s, start, end, partners, my_zone)
        # Two stable C-level sorts: by start, ties by title (cheaper than a Python key for a year of entries).
        out.sort(key=attrgetter("title"))
        out.sort(key=attrgetter("start"))
    return out


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of small tuples are built (none form cycles);
    its full passes over the app's heap otherwise cost more than the work itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _my_zone(s: Session) -> str:
    zone = s.scalar(select(TeamMember.time_zone).where(TeamMember.is_me.is_(True)).limit(1))
    return zone or "UTC"


def _partner_filter(column: QueryableAttribute[int | None], partners: set[int] | None) -> list[ColumnElement[bool]]:
    return [] if partners is None else [column.in_(partners)]


def _all_day_span(day: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime]:
    z = ZoneInfo(zone)
    lo = dt.datetime.combine(day, dt.time(0), z)
    hi = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), z)
    return lo.astimezone(UTC), hi.astimezone(UTC)


def _raw(column: Any) -> Any:
    """The stored text of a column: parsing datetimes/JSON ourselves is several times faster for big windows."""
    return stored_text(column).label(column.key)


def _utc(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def _json_list(text: str | None) -> list[Any]:
    return [] if not text or text == "[]" else json.loads(text)


class _Lists(dict[str, tuple[Any, ...]]):
    """Parsed JSON lists by their text: most rows share a handful ("[15]", "[]")."""

    def __missing__(self, text: str) -> tuple[Any, ...]:
        value = self[text] = tuple(_json_list(text))
        return value


def _events(s: Session, start: dt.datetime, end: dt.datetime, partners: set[int] | None) -> list[Occurrence]:
    cols = (Event.id, Event.title, _raw(Event.starts_at), _raw(Event.ends_at), Event.time_zone, Event.all_day,
            Event.rrule, _raw(Event.exdates), _raw(Event.rdates), Event.partner_id, Event.series_id,
            _raw(Event.recurrence_id), _raw(Event.reminder_minutes), Partner.name, Partner.color)
    recurring = or_(Event.rrule != "", func.coalesce(func.json_array_length(Event.rdates), 0) > 0)
    rows = s.execute(
        select(*cols).outerjoin(Partner, Partner.id == Event.partner_id)
        .where(Event.starts_at < end,
               or_(and_(Event.series_id.is_(None), recurring), Event.ends_at > start,
                   and_(Event.ends_at == Event.starts_at, Event.starts_at >= start)),
               *_partner_filter(Event.partner_id, partners))
    ).all()
    lists = _Lists()
    lists[""] = ()
    overridden: dict[int, set[dt.datetime]] = {}
    series_ids = [r[0] for r in rows if r[10] is None and (r[6] or lists[r[8] or ""])]
    if series_ids:
        for sid, rid in s.execute(select(Event.series_id, Event.recurrence_id).where(
                Event.series_id.in_(series_ids), Event.recurrence_id.is_not(None))):
            assert sid is not None and rid is not None  # the query keeps overrides only
            overridden.setdefault(sid, set()).add(rid)
    out: list[Occurrence] = []
    append = out.append
    event = SourceKind.EVENT
    default_color = KIND_COLORS[event]
    parse = dt.datetime.fromisoformat
    for (eid, title, starts_text, ends_text, zone, all_day, rule, exdates, rdates, partner_id, series_id,
         recurrence_id, reminders, partner_name, color) in rows:
        begins = parse(starts_text).replace(tzinfo=UTC)
        ends = parse(ends_text).replace(tzinfo=UTC)
        partner_name = partner_name or ""
        color = color or default_color
        minutes = lists[reminders or ""]
        extra = lists[rdates or ""]
        if series_id is not None or not (rule or extra):
            if meets(begins, ends, start, end):
                append(Occurrence(event, eid, title, begins, ends, zone, all_day, partner_id, partner_name, color,
                                  series_id is not None, series_id, _utc(recurrence_id), minutes))
            continue
        duration = ends - begins
        skip = overridden.get(eid, ())
        for begin in expand(begins, rule, zone, start, end, duration=duration, exdates=lists[exdates or ""],
                            rdates=extra):
            if begin in skip:
                continue
            finish = _same_length(begin, duration, zone) if all_day else begin + duration
            append(Occurrence(event, eid, title, begin, finish, zone, all_day, partner_id, partner_name, color,
                              True, eid, begin, minutes))
    return out


def _same_length(begin: dt.datetime, duration: dt.timedelta, zone: str) -> dt.datetime:
    """All-day entries keep whole local days across a DST change (timed ones simply keep their length)."""
    z = ZoneInfo(zone)
    local = begin.astimezone(z)
    days = max(1, round(duration / dt.timedelta(days=1)))
    return dt.datetime.combine(local.date() + dt.timedelta(days=days), local.time(), z).astimezone(UTC)


def _work_items(s: Session, start: dt.datetime, end: dt.datetime,
                partners: set[int] | None) -> list[Occurrence]:
    # Date-only due dates are stored at a time of that local day: widen by a day, then compare local days.
    rows = s.execute(
        select(WorkItem.id, WorkItem.title, WorkItem.due_at, WorkItem.due_has_time, WorkItem.partner_id,
               Partner.name, Partner.time_zone)
        .outerjoin(Partner, Partner.id == WorkItem.partner_id)
        .where(WorkItem.due_at.is_not(None), WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False),
               WorkItem.due_at >= start - dt.timedelta(days=1), WorkItem.due_at < end + dt.timedelta(days=1),
               *_partner_filter(WorkItem.partner_id, partners))
    ).all()
    out = []
    for r in rows:
        zone = r.time_zone or "UTC"
        if r.due_has_time:
            lo = hi = r.due_at
        else:
            lo, hi = _all_day_span(r.due_at.astimezone(ZoneInfo(zone)).date(), zone)
        if meets(lo, hi, start, end):
            out.append(Occurrence(SourceKind.WORK_ITEM, r.id, _("Due: {title}").format(title=r.title), lo, hi,
                                  time_zone=zone, all_day=not r.due_has_time, partner_id=r.partner_id,
                                  partner_name=r.name or "", color=KIND_COLORS[SourceKind.WORK_ITEM],
                                  subject=r.title))
    return out


def _day_range(start: dt.datetime, end: dt.datetime, zone: str) -> tuple[dt.date, dt.date]:
    """The local days (inclusive) that can meet [start, end) for all-day entries in ``zone``."""
    z = ZoneInfo(zone)
    return (start.astimezone(z).date() - dt.timedelta(days=1), end.astimezone(z).date() + dt.timedelta(days=1))


def _dated(source: SourceKind, source_id: int, title: str, day: dt.date, zone: str, partner_id: int | None,
           partner_name: str, subject: str = "") -> Occurrence:
    lo, hi = _all_day_span(day, zone)
    return Occurrence(source, source_id, title, lo, hi, time_zone=zone, all_day=True, partner_id=partner_id,
                      partner_name=partner_name, color=KIND_COLORS[source], subject=subject)


def _contracts(s: Session, start: dt.datetime, end: dt.datetime, partners: set[int] | None,
               wanted: set[SourceKind], zone: str) -> list[Occurrence]:
    first, last = _day_range(start, end, zone)
    rows = s.execute(
        select(Contract.id, Contract.title, Contract.start_on, Contract.end_on, Contract.review_every_months,
               Contract.notice_days, Contract.partner_id, Partner.name)
        .join(Partner, Partner.id == Contract.partner_id)
        .where(Contract.start_on <= last, or_(Contract.end_on.is_(None), Contract.end_on >= first),
               *_partner_filter(Contract.partner_id, partners))
    ).all()
    out: list[Occurrence] = []
    for r in rows:
        name = r.title or r.name
        if SourceKind.CONTRACT_REVIEW in wanted and r.review_every_months:
            n = 1
            while True:
                day = add_months(r.start_on, r.review_every_months * n)
                if day > last or (r.end_on is not None and day > r.end_on):
                    break
                if day >= first:
                    out.append(_dated(SourceKind.CONTRACT_REVIEW, r.id, _("Contract review: {contract}").format(
                        contract=name), day, zone, r.partner_id, r.name, name))
                n += 1
        deadline = notice_deadline(r.end_on, r.notice_days)
        if SourceKind.CONTRACT_NOTICE in wanted and deadline is not None and first <= deadline <= last:
            out.append(_dated(SourceKind.CONTRACT_NOTICE, r.id, _("Last day to give notice: {contract}").format(
                contract=name), deadline, zone, r.partner_id, r.name, name))
    return [o for o in out if meets(o.start, o.end, start, end)]


def _payments(s: Session, start: dt.datetime, end: dt.datetime, partners: set[int] | None,
              zone: str) -> list[Occurrence]:
    first, last = _day_range(start, end, zone)
    rows = s.execute(
        select(Payment.id, Payment.invoice_ref, Payment.amount_minor, Payment.currency, Payment.due_on,
               Payment.partner_id, Partner.name)
        .join(Partner, Partner.id == Payment.partner_id)
        .where(Payment.paid_on.is_(None), Payment.deleted_at.is_(None), Payment.due_on >= first,
               Payment.due_on <= last, *_partner_filter(Payment.partner_id, partners))
    ).all()
    # "Rota Sul · R$ 18.225,00": who and how much; the invoice is one click away (the ledger).
    out = [_dated(SourceKind.PAYMENT, r.id, _("{partner} · {amount}").format(
        partner=r.name, amount=format_money(r.amount_minor, r.currency)), r.due_on, zone, r.partner_id,
        r.name) for r in rows]
    return [o for o in out if meets(o.start, o.end, start, end)]


def _follow_ups(s: Session, start: dt.datetime, end: dt.datetime, partners: set[int] | None,
                zone: str) -> list[Occurrence]:
    first, last = _day_range(start, end, zone)
    rows = s.execute(
        select(Interaction.id, Interaction.summary, Interaction.follow_up_on, Interaction.partner_id, Partner.name)
        .outerjoin(Partner, Partner.id == Interaction.partner_id)
        .where(Interaction.follow_up_on.is_not(None), Interaction.follow_up_done.is_(False),
               Interaction.follow_up_on >= first, Interaction.follow_up_on <= last,
               *_partner_filter(Interaction.partner_id, partners))
    ).all()
    out = []
    for r in rows:
        summary = " ".join(r.summary.split())
        summary = summary if len(summary) <= 60 else summary[:59] + "…"
        out.append(_dated(SourceKind.FOLLOW_UP, r.id, _("Follow up: {summary}").format(summary=summary),
                          r.follow_up_on, zone, r.partner_id, r.name or "", summary))
    return [o for o in out if meets(o.start, o.end, start, end)]


# --- reminders ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reminder:
    occurrence: Occurrence
    remind_at: dt.datetime
    minutes: int


def due_reminders(workspace: Workspace, since: dt.datetime, until: dt.datetime) -> list[Reminder]:
    """Reminders whose moment falls in (since, until], oldest first (missed ones at start-up included)."""
    horizon = until + dt.timedelta(days=31)
    found: list[Reminder] = []
    for occ in occurrences(workspace, since, horizon, kinds=[SourceKind.EVENT]):
        for minutes in occ.reminder_minutes:
            at = occ.start - dt.timedelta(minutes=minutes)
            if since < at <= until:
                found.append(Reminder(occ, at, minutes))
    found.sort(key=lambda r: (r.remind_at, r.occurrence.title))
    return found


# --- working hours and free slots ---------------------------------------------------------------------------

def my_working_hours(workspace: Workspace) -> WorkingHours:
    with workspace.session() as s:
        me = s.scalars(select(TeamMember).where(TeamMember.is_me.is_(True)).limit(1)).first()
        if me is None:
            return WorkingHours("UTC")
        return WorkingHours(me.time_zone, me.work_start, me.work_end, tuple(me.weekend_days))


def partner_working_hours(workspace: Workspace, partner_id: int) -> WorkingHours:
    with workspace.session() as s:
        partner = EventService.get(s, Partner, partner_id)
        return WorkingHours(partner.time_zone, partner.work_start, partner.work_end, tuple(partner.weekend_days))


def find_slots(workspace: Workspace, partner_id: int, duration: dt.timedelta, start: dt.datetime, *,
               days: int = 14, limit: int = 10) -> list[tuple[dt.datetime, dt.datetime]]:
    """The next slots of ``duration`` in the coming ``days`` where the manager's and the partner's working hours
    overlap and no event is booked (for either side)."""
    end = start + dt.timedelta(days=days)
    people = [my_working_hours(workspace), partner_working_hours(workspace, partner_id)]
    busy = [(o.start, o.end) for o in occurrences(workspace, start, end, kinds=[SourceKind.EVENT])
            if not o.all_day]
    return free_slots(people, busy, duration, start, end, limit=limit)
