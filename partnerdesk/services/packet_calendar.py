"""The partner's next 90 days for the onboarding packet: events (from ``services.calendar.occurrences``), payments
due, contract dates and work-item deadlines, as ``packets.data.CalendarEntry`` rows.

Derived entries are titled here, in the packet's language (the calendar service titles them in the UI language).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.domain.enums import EventKind, PaymentDirection, StatusCategory
from partnerdesk.domain.occurrence import SourceKind
from partnerdesk.domain.partners import add_months, notice_deadline
from partnerdesk.l10n import Translator
from partnerdesk.l10n.formats import format_money
from partnerdesk.packets import texts
from partnerdesk.packets.data import CalendarEntry
from partnerdesk.services.calendar import occurrences
from partnerdesk.store.models import Contract, Event, Partner, Payment, Responsibility, WorkItem
from partnerdesk.store.workspace import Workspace

UTC = dt.UTC
OPEN_SESSION_KINDS = (EventKind.TRAINING, EventKind.WORKSHOP)  # events without a partner that partners attend


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC")


def _events(workspace: Workspace, session: Session, partner: Partner, start: dt.datetime,
            end: dt.datetime) -> list[CalendarEntry]:
    """The partner's events and the open trainings/workshops (no partner) in [start, end), recurring series
    expanded by ``services.calendar.occurrences`` (in each event's own zone, exceptions applied)."""
    found = [o for o in occurrences(workspace, start, end, kinds=[SourceKind.EVENT])
             if o.partner_id in (partner.id, None)]
    rows = {e.id: e for e in session.scalars(select(Event).where(Event.id.in_({o.source_id for o in found})))}
    entries = []
    for o in found:
        event = rows.get(o.source_id)
        if event is None or (o.partner_id is None and event.kind not in OPEN_SESSION_KINDS):
            continue
        detail = (event.location or event.video_link).removeprefix("https://").removeprefix("http://")
        begin = _at_noon(o.start.astimezone(_zone(o.time_zone)).date(), _zone(o.time_zone)) if o.all_day else o.start
        entries.append(CalendarEntry(begin, o.title, event.kind.value, o.end, o.all_day, detail,
                                     recurring=o.recurring, online=bool(event.video_link) and not event.location))
    return entries


def _at_noon(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), zone)


def partner_calendar(workspace: Workspace, session: Session, partner: Partner, today: dt.date, lang: str,
                     days: int = 90) -> list[CalendarEntry]:
    """Events, unpaid payments, contract dates and open work-item deadlines from ``today`` for ``days``."""
    zone = _zone(partner.time_zone)
    start = dt.datetime.combine(today, dt.time(0), zone).astimezone(UTC)
    end = start + dt.timedelta(days=days)
    last = today + dt.timedelta(days=days)
    tr = Translator(lang)
    entries = _events(workspace, session, partner, start, end)
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
        assert item.due_at is not None  # the query keeps dated cards only
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
        n = 1
        while (review := add_months(contract.start_on, contract.review_every_months * n)) < limit:
            out.append(CalendarEntry(_at_noon(review, zone), tr.gettext(texts.CONTRACT_REVIEW_DUE),
                                     "contract_review", all_day=True, detail=contract.title))
            n += 1
    notice = notice_deadline(contract.end_on, contract.notice_days)
    if contract.end_on and notice is not None:
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
