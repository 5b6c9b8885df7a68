"""The partner's next 90 days for the onboarding packet: events (recurring series expanded in their own zone),
payments due, contract dates and work-item deadlines, as ``packets.data.CalendarEntry`` rows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from partnerdesk.domain.enums import EventKind, PaymentDirection, StatusCategory
from partnerdesk.l10n import Translator
from partnerdesk.l10n.formats import format_money
from partnerdesk.packets import texts
from partnerdesk.packets.data import CalendarEntry
from partnerdesk.store.models import Contract, Event, Partner, Payment, Responsibility, WorkItem

UTC = dt.UTC
OPEN_SESSION_KINDS = (EventKind.TRAINING, EventKind.WORKSHOP)  # events without a partner that partners attend


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _parse_utc(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def occurrences(event: Event, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """UTC starts of ``event`` in [start, end): the RRULE is expanded on local wall-clock time in the event's
    zone (10:00 Lisbon stays 10:00 across daylight-saving changes), minus EXDATEs, plus RDATEs."""
    first = event.starts_at
    if not event.rrule:
        return [first] if start <= first < end else []
    zone = _zone(event.time_zone)
    local_first = first.astimezone(zone).replace(tzinfo=None)
    rule = rrulestr(event.rrule, dtstart=local_first, ignoretz=True)
    lo = start.astimezone(zone).replace(tzinfo=None) - dt.timedelta(days=1)
    hi = end.astimezone(zone).replace(tzinfo=None) + dt.timedelta(days=1)
    excluded = {_parse_utc(x) for x in event.exdates or []}
    out = []
    for local in rule.between(lo, hi, inc=True):
        moment = local.replace(tzinfo=zone).astimezone(UTC)
        if start <= moment < end and moment not in excluded:
            out.append(moment)
    out += [m for m in map(_parse_utc, event.rdates or []) if start <= m < end and m not in excluded]
    return sorted(set(out))


def _events(session: Session, partner: Partner, start: dt.datetime, end: dt.datetime) -> list[CalendarEntry]:
    rows = session.scalars(select(Event).where(
        Event.series_id.is_(None),
        or_(Event.partner_id == partner.id, (Event.partner_id.is_(None) & Event.kind.in_(OPEN_SESSION_KINDS))),
        or_(Event.rrule != "", (Event.starts_at < end) & (Event.ends_at >= start)))).all()
    entries = []
    for event in rows:
        length = event.ends_at - event.starts_at
        overrides = {o.recurrence_id: o for o in event.overrides if o.recurrence_id is not None}
        for moment in occurrences(event, start, end):
            shown = overrides.get(moment, event)
            begin = shown.starts_at if shown is not event else moment
            finish = shown.ends_at if shown is not event else moment + length
            detail = (shown.location or shown.video_link).removeprefix("https://").removeprefix("http://")
            entries.append(CalendarEntry(begin, shown.title, event.kind.value, finish, event.all_day, detail,
                                         recurring=bool(event.rrule),
                                         online=bool(shown.video_link) and not shown.location))
    return entries


def _at_noon(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), zone)


def partner_calendar(session: Session, partner: Partner, today: dt.date, lang: str,
                     days: int = 90) -> list[CalendarEntry]:
    """Events, unpaid payments, contract dates and open work-item deadlines from ``today`` for ``days``."""
    zone = _zone(partner.time_zone)
    start = dt.datetime.combine(today, dt.time(0), zone).astimezone(UTC)
    end = start + dt.timedelta(days=days)
    last = today + dt.timedelta(days=days)
    tr = Translator(lang)
    entries = _events(session, partner, start, end)
    for pay in session.scalars(select(Payment).where(Payment.partner_id == partner.id, Payment.paid_on.is_(None),
                                                     Payment.due_on >= today, Payment.due_on < last)):
        label = texts.PAYMENT_WE_PAY if pay.direction == PaymentDirection.PAYABLE else texts.PAYMENT_PARTNER_PAYS
        amount = format_money(pay.amount_minor, pay.currency, lang=lang)
        entries.append(CalendarEntry(_at_noon(pay.due_on, zone), tr.gettext(label).format(ref=pay.invoice_ref,
                                     amount=amount), "payment", all_day=True, detail=pay.notes))
    for entry in contract_dates(session, partner, tr):
        if today <= entry.start.date() < last:
            entries.append(entry)
    items = session.scalars(select(WorkItem).where(
        WorkItem.partner_id == partner.id, WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False),
        WorkItem.due_at >= start, WorkItem.due_at < end))
    for item in items:
        if item.status.category == StatusCategory.DONE:
            continue
        entries.append(CalendarEntry(item.due_at, item.title, "work_item", all_day=not item.due_has_time))
    return sorted(entries, key=lambda e: (e.start.astimezone(zone).date() if not e.all_day else e.start.date(),
                                          e.all_day is False, e.start, e.title))


def contract_dates(session: Session, partner: Partner, tr: Translator) -> list[CalendarEntry]:
    """Start, review dates, notice deadline and end of the partner's current contract."""
    zone = _zone(partner.time_zone)
    contract = session.scalar(select(Contract).where(Contract.partner_id == partner.id)
                              .order_by(Contract.start_on.desc(), Contract.id.desc()))
    if contract is None:
        return []
    out = [CalendarEntry(_at_noon(contract.start_on, zone), tr.gettext(texts.CONTRACT_STARTS), "contract_start",
                         all_day=True, detail=contract.title)]
    if contract.review_every_months:
        limit = contract.end_on or contract.start_on + dt.timedelta(days=3 * 366)
        step, n = contract.review_every_months, 1
        while True:
            month = contract.start_on.month - 1 + step * n
            year = contract.start_on.year + month // 12
            day = min(contract.start_on.day, 28)
            review = dt.date(year, month % 12 + 1, day)
            if review >= limit:
                break
            out.append(CalendarEntry(_at_noon(review, zone), tr.gettext(texts.CONTRACT_REVIEW_DUE),
                                     "contract_review", all_day=True, detail=contract.title))
            n += 1
    if contract.end_on:
        notice = contract.end_on - dt.timedelta(days=contract.notice_days)
        out.append(CalendarEntry(_at_noon(notice, zone), tr.gettext(texts.CONTRACT_NOTICE_DUE), "contract_notice",
                                 all_day=True, detail=contract.title))
        out.append(CalendarEntry(_at_noon(contract.end_on, zone), tr.gettext(texts.CONTRACT_ENDS), "contract_end",
                                 all_day=True, detail=contract.title))
    return sorted(out, key=lambda e: e.start)


def milestones(session: Session, partner: Partner, today: dt.date, lang: str) -> list[CalendarEntry]:
    """Upcoming contract dates (reviews within a year) and one-off responsibility deadlines."""
    zone = _zone(partner.time_zone)
    tr = Translator(lang)
    horizon = today + dt.timedelta(days=366)
    out = [e for e in contract_dates(session, partner, tr)
           if e.start.date() >= today and (e.kind in ("contract_end", "contract_notice") or e.start.date() < horizon)]
    for r in session.scalars(select(Responsibility).where(Responsibility.partner_id == partner.id,
                                                          Responsibility.deadline.is_not(None))):
        if r.deadline and r.deadline >= today:
            out.append(CalendarEntry(_at_noon(r.deadline, zone), r.task, "deadline", all_day=True))
    return sorted(out, key=lambda e: (e.start.date(), e.title))
