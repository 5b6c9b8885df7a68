"""What needs the manager now: the sections of the Today view, from a few aggregate queries.

The rules live in ``domain/attention``; this module only gathers the candidates (rows due within the windows,
counts per partner) and hands them to the rules. ``brief()`` is what the view and ``partnerdesk today`` show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from partnerdesk.domain import attention as rules
from partnerdesk.domain.attention import Kind, Row, Section
from partnerdesk.domain.enums import PartnerStage, Seniority, StatusCategory
from partnerdesk.store.dialects import plus_days
from partnerdesk.store.models import (
    Contract,
    Interaction,
    Partner,
    TeamMember,
    WorkItem,
    WorkStatus,
)
from partnerdesk.store.models.calendar import event_members
from partnerdesk.store.workspace import Workspace

UTC = dt.UTC
SECTION_ORDER: tuple[Section, ...] = tuple(Section)


@dataclass(frozen=True)
class Options:
    today: dt.date | None = None
    #: The user's zone (local days, meeting times); default: the team member marked as me, else UTC.
    zone: str | None = None
    mine: bool = False
    horizon_days: int = rules.DEADLINE_HORIZON_DAYS


@dataclass
class Brief:
    today: dt.date
    zone: str
    rows: list[Row] = field(default_factory=list)
    #: Money: per currency, minor units: {"EUR": {"overdue": 120000, "due_soon": 50000}}.
    totals: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Rows a section has beyond those listed (a long overdue list shows its oldest ``SECTION_LIMIT``).
    more: dict[Section, int] = field(default_factory=dict)
    #: Of those, how many count in the badge (overdue cards, payables due by today).
    more_actions: int = 0

    def count(self, section: Section) -> int:
        """Rows in a section, listed or not."""
        return len(self.section(section)) + self.more.get(section, 0)

    def section(self, section: Section) -> list[Row]:
        return [r for r in self.rows if r.section == section]

    def sections(self) -> list[tuple[Section, list[Row]]]:
        """Non-empty sections in display order."""
        return [(s, rows) for s in SECTION_ORDER if (rows := self.section(s))]

    @property
    def action_count(self) -> int:
        return sum(1 for r in self.rows if rules.needs_action(r, self.today)) + self.more_actions


@dataclass(frozen=True)
class _Partner:
    id: int
    name: str
    color: str
    zone: str
    stage: PartnerStage
    owner_id: int | None
    second_id: int | None
    created: dt.date
    cadence: int
    owner_seniority: Seniority | None
    owner_name: str


def _zone(name: str | None) -> dt.tzinfo:
    try:
        return ZoneInfo(name) if name and name != "UTC" else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _me(s: Session) -> tuple[int | None, str]:
    row = s.execute(select(TeamMember.id, TeamMember.time_zone).where(TeamMember.is_me.is_(True)).limit(1)).first()
    return (row[0], row[1] or "UTC") if row else (None, "UTC")


def _partners(s: Session, me: int | None) -> dict[int, _Partner]:
    rows = s.execute(
        select(Partner.id, Partner.name, Partner.color, Partner.time_zone, Partner.stage, Partner.owner_id,
               Partner.second_id, Partner.created_at, Partner.contact_cadence_days, TeamMember.seniority,
               TeamMember.name)
        .outerjoin(TeamMember, TeamMember.id == Partner.owner_id)).all()
    return {r[0]: _Partner(r[0], r[1], r[2] or "", r[3] or "UTC", PartnerStage(r[4]), r[5], r[6],
                           r[7].date() if r[7] else dt.date.today(), int(r[8] or rules.DEFAULT_CADENCE_DAYS),
                           Seniority(r[9]) if r[9] else None, r[10] or "") for r in rows}


def _owned(partner: _Partner | None, me: int | None) -> bool:
    return me is not None and partner is not None and me in (partner.owner_id, partner.second_id)


def brief(workspace: Workspace, options: Options | None = None, missed_reminders: Sequence[Any] = (),
          kpi_cache: dict[dt.date, dict[int, tuple[str, ...]]] | None = None) -> Brief:
    """The Today sections for ``options.today`` (default: today in the user's zone).

    ``missed_reminders`` are calendar reminders (services.calendar.Reminder) that fell due while the app was
    closed; the view passes those its reminder watcher found. ``kpi_cache`` keeps the KPIs at risk between
    refreshes (the view clears it when KPI values, definitions, partners or payments change).
    """
    options = options or Options()
    with workspace.session() as s:
        me, my_zone = _me(s)
        zone_name = options.zone or my_zone
        tz = _zone(zone_name)
        today = options.today or dt.datetime.now(tz).date()
        partners = _partners(s, me)
        out = Brief(today, zone_name)
        rows: list[Row] = []
        cards, out.more[Section.OVERDUE] = _work_items(s, today, tz, partners, me, options.mine)
        rows += cards
        rows += _follow_ups(s, today, partners, me)
        rows += _meetings(workspace, s, today, tz, zone_name, partners, me)
        rows += _deadlines(s, today, partners, me, options.horizon_days)
        rows += _partner_rows(workspace, s, today, tz, partners, me, kpi_cache)
        money, out.totals, due = _money(workspace, today, partners, me, options.mine)
        rows += money
        out.more[Section.MONEY] = len(due) - len(money)
        out.more_actions = out.more[Section.OVERDUE] + sum(1 for p in due[len(money):] if p.due_on <= today)
        rows += _reminder_rows(missed_reminders, tz, partners, me)
    if options.mine:
        rows = [r for r in rows if r.mine]
    out.rows = _ordered(rows)
    return out


def _ordered(rows: Iterable[Row]) -> list[Row]:
    far = dt.date.max

    def key(r: Row) -> tuple[Any, ...]:
        when = r.at or dt.datetime.combine(r.day or far, dt.time(0), UTC)
        if r.section == Section.OVERDUE:
            return (0, -r.days_overdue, when, r.title)
        if r.section == Section.PARTNERS:
            order = list(rules.Reason)
            first = min((order.index(p.reason) for p in r.reasons), default=len(order))
            return (4, first, -len(r.reasons), r.partner.casefold())
        return (SECTION_ORDER.index(r.section), r.day or far, when, r.title)

    return sorted(rows, key=key)


# --- work items -----------------------------------------------------------------------------------------------

def _due_day(due_at: dt.datetime, has_time: bool, partner_zone: str, tz: dt.tzinfo) -> dt.date:
    """A date-only due date is a day of the partner's calendar; a timed one is read in the user's zone."""
    return due_at.astimezone(tz if has_time else _zone(partner_zone)).date()


def _open_items() -> Any:
    """Cards that still count: not deleted, not archived, not in a Done column."""
    return and_(WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False),
                WorkStatus.category != StatusCategory.DONE)


def _work_items(s: Session, today: dt.date, tz: dt.tzinfo, partners: dict[int, _Partner],
                me: int | None, mine_only: bool) -> tuple[list[Row], int]:
    """Overdue and this week's open cards, and how many more overdue ones there are than are listed.

    Cards due two days or more before today's start are overdue in any zone: the oldest ``SECTION_LIMIT`` of
    them are listed (a count tells the rest). Cards near the boundaries are read one by one, as a date-only due
    date is a day of the partner's calendar.
    """
    start = dt.datetime.combine(today, dt.time(0), tz).astimezone(UTC)
    bound = start - dt.timedelta(days=2)
    until = dt.datetime.combine(today + dt.timedelta(days=rules.WEEK_DAYS + 1), dt.time(0), tz).astimezone(UTC)
    columns = (WorkItem.id, WorkItem.title, WorkItem.due_at, WorkItem.due_has_time, WorkItem.partner_id,
               WorkItem.responsible_member_id)
    where = [_open_items(), WorkItem.due_at.is_not(None)]
    if mine_only:
        owned = [p.id for p in partners.values() if _owned(p, me)]
        where.append(or_(WorkItem.responsible_member_id == me, WorkItem.partner_id.in_(owned)))
    joined = select(*columns).join(WorkStatus, WorkStatus.id == WorkItem.status_id)
    old = s.execute(joined.where(*where, WorkItem.due_at < bound).order_by(WorkItem.due_at, WorkItem.id)
                    .limit(rules.SECTION_LIMIT)).all()
    old_total = len(old)
    if old_total == rules.SECTION_LIMIT:
        old_total = s.scalar(select(func.count()).select_from(WorkItem)
                             .join(WorkStatus, WorkStatus.id == WorkItem.status_id)
                             .where(*where, WorkItem.due_at < bound)) or 0
    near = s.execute(joined.where(*where, WorkItem.due_at >= bound, WorkItem.due_at < until)).all()
    out: list[Row] = []
    for wid, title, due_at, has_time, partner_id, responsible in (*old, *near):
        assert due_at is not None  # the query keeps dated cards only
        partner = partners.get(partner_id) if partner_id is not None else None
        day = _due_day(due_at, bool(has_time), partner.zone if partner else "UTC", tz)
        overdue = rules.is_overdue(day, today)
        if not overdue and not rules.in_window(day, today, rules.WEEK_DAYS):
            continue
        out.append(Row(
            Section.OVERDUE if overdue else Section.THIS_WEEK, Kind.WORK_ITEM, wid, title, partner_id,
            partner.name if partner else "", partner.color if partner else "", day,
            due_at if has_time else None, partner.zone if partner else "", rules.days_overdue(day, today),
            mine=(me is not None and responsible == me) or _owned(partner, me)))
    return out, old_total - len(old)


def _follow_ups(s: Session, today: dt.date, partners: dict[int, _Partner], me: int | None) -> list[Row]:
    last = today + dt.timedelta(days=rules.WEEK_DAYS - 1)
    result = s.execute(
        select(Interaction.id, Interaction.summary, Interaction.follow_up_on, Interaction.partner_id,
               Interaction.team_member_id)
        .where(Interaction.follow_up_on.is_not(None), Interaction.follow_up_done.is_(False),
               Interaction.follow_up_on <= last))
    out = []
    for iid, summary, day, partner_id, member in result:
        assert day is not None  # the query keeps dated follow-ups only
        partner = partners.get(partner_id) if partner_id is not None else None
        text = " ".join((summary or "").split())
        out.append(Row(Section.THIS_WEEK, Kind.FOLLOW_UP, iid, text if len(text) <= 80 else text[:79] + "…",
                       partner_id, partner.name if partner else "", partner.color if partner else "", day,
                       partner_zone=partner.zone if partner else "", days_overdue=rules.days_overdue(day, today),
                       mine=(me is not None and member == me) or _owned(partner, me)))
    return out


# --- meetings -------------------------------------------------------------------------------------------------

def _meetings(workspace: Workspace, s: Session, today: dt.date, tz: dt.tzinfo, zone_name: str,
              partners: dict[int, _Partner], me: int | None) -> list[Row]:
    """Events meeting today in the user's zone (recurring ones expanded), with the partner's zone beside."""
    from partnerdesk.domain.occurrence import SourceKind
    from partnerdesk.services.calendar import occurrences

    start = dt.datetime.combine(today, dt.time(0), tz).astimezone(UTC)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), tz).astimezone(UTC)
    found = occurrences(workspace, start, end, kinds=[SourceKind.EVENT])
    if not found:
        return []
    ids = {o.series_id or o.source_id for o in found} | {o.source_id for o in found}
    attending = set(s.scalars(select(event_members.c.event_id).where(
        event_members.c.member_id == me, event_members.c.event_id.in_(ids)))) if me is not None else set()
    out = []
    for occ in found:
        partner = partners.get(occ.partner_id) if occ.partner_id is not None else None
        mine = occ.source_id in attending or (occ.series_id in attending) or _owned(partner, me)
        out.append(Row(Section.THIS_WEEK, Kind.EVENT, occ.source_id, occ.title, occ.partner_id,
                       occ.partner_name, occ.color, today, None if occ.all_day else occ.start,
                       partner.zone if partner else "", mine=mine))
    return out


# --- contracts ------------------------------------------------------------------------------------------------

def _deadlines(s: Session, today: dt.date, partners: dict[int, _Partner], me: int | None,
               horizon: int) -> list[Row]:
    result = s.execute(
        select(Contract.id, Contract.title, Contract.start_on, Contract.end_on, Contract.review_every_months,
               Contract.notice_days, Contract.partner_id)
        .where(Contract.start_on <= today + dt.timedelta(days=horizon),
               or_(Contract.end_on.is_(None), Contract.end_on >= today)))
    out = []
    for cid, title, start_on, end_on, every, notice, partner_id in result:
        partner = partners.get(partner_id)
        for kind, day in rules.contract_deadlines(start_on, end_on, every, notice, today, horizon):
            out.append(Row(Section.DEADLINES, kind, cid, title or (partner.name if partner else ""), partner_id,
                           partner.name if partner else "", partner.color if partner else "", day,
                           partner_zone=partner.zone if partner else "", mine=_owned(partner, me)))
    return out


# --- money ----------------------------------------------------------------------------------------------------

def _money(workspace: Workspace, today: dt.date, partners: dict[int, _Partner], me: int | None,
           mine_only: bool) -> tuple[list[Row], dict[str, dict[str, int]], list[Any]]:
    """Payables overdue or due within a week (the payments service's query): the rows listed, totals per
    currency, and every due payable (the listed ones first)."""
    from partnerdesk.services.payments import due_payables, due_payables_totals

    due = due_payables(workspace, today, rules.MONEY_HORIZON_DAYS)
    if mine_only:
        due = [p for p in due if _owned(partners.get(p.partner_id), me)]
    totals = {currency: {"overdue": t.overdue_minor, "due_soon": t.due_minor}
              for currency, t in due_payables_totals(workspace, today, rules.MONEY_HORIZON_DAYS, due).items()}
    rows = []
    for p in due[:rules.SECTION_LIMIT]:  # the oldest first; the totals count them all
        partner = partners.get(p.partner_id)
        rows.append(Row(Section.MONEY, Kind.PAYMENT, p.id, p.invoice_ref, p.partner_id, p.partner_name,
                        p.partner_color, p.due_on, partner_zone=partner.zone if partner else "",
                        days_overdue=p.days_overdue(today), amount_minor=p.amount_minor, currency=p.currency,
                        mine=_owned(partner, me)))
    return rows, totals, due


# --- partners -------------------------------------------------------------------------------------------------

def _partner_rows(workspace: Workspace, s: Session, today: dt.date, tz: dt.tzinfo, partners: dict[int, _Partner],
                  me: int | None, kpi_cache: dict[dt.date, dict[int, tuple[str, ...]]] | None = None) -> list[Row]:
    """One row per partner that needs attention, with every reason (aggregates per partner, no card loop)."""
    start_today = dt.datetime.combine(today, dt.time(0), tz).astimezone(UTC)
    window_start = start_today - dt.timedelta(days=rules.ON_TIME_WINDOW_DAYS)
    is_done = WorkStatus.category == StatusCategory.DONE
    live = and_(WorkItem.deleted_at.is_(None), WorkItem.partner_id.is_not(None))
    counts: dict[int, tuple[int, int, int, int]] = {}
    for pid, open_items, overdue, due, on_time in s.execute(
            select(WorkItem.partner_id,
                   func.sum(case((and_(~is_done, WorkItem.archived.is_(False)), 1), else_=0)),
                   func.sum(case((and_(~is_done, WorkItem.archived.is_(False), WorkItem.due_at < start_today),
                                  1), else_=0)),
                   func.sum(case((and_(WorkItem.due_at >= window_start, WorkItem.due_at < start_today), 1),
                                 else_=0)),
                   func.sum(case((and_(WorkItem.due_at >= window_start, WorkItem.due_at < start_today, is_done,
                                       WorkItem.status_changed_at <= plus_days(WorkItem.due_at, 1)),
                                  1), else_=0)))
            .join(WorkStatus, WorkStatus.id == WorkItem.status_id)
            .where(live).group_by(WorkItem.partner_id)):
        counts[pid] = (int(open_items or 0), int(overdue or 0), int(due or 0), int(on_time or 0))
    last_contact = {pid: when for pid, when in s.execute(
        select(Interaction.partner_id, func.max(Interaction.occurred_at))
        .where(Interaction.partner_id.is_not(None)).group_by(Interaction.partner_id))}
    if kpi_cache is not None and today in kpi_cache:
        at_risk = kpi_cache[today]
    else:
        at_risk = _kpis_at_risk(workspace, today)
        if kpi_cache is not None:
            kpi_cache.clear()
            kpi_cache[today] = at_risk
    out = []
    for partner in partners.values():
        open_items, overdue, due, on_time = counts.get(partner.id, (0, 0, 0, 0))
        contact = last_contact.get(partner.id)
        contact_day = _as_day(contact, tz) if contact is not None else None
        reasons = rules.partner_reasons(
            stage=partner.stage, today=today, since=partner.created, last_contact=contact_day,
            cadence_days=partner.cadence, overdue_items=overdue, open_items=open_items,
            rate=rules.on_time_rate(on_time, due), owner_seniority=partner.owner_seniority,
            owner_name=partner.owner_name, kpis_at_risk=at_risk.get(partner.id, ()))
        if reasons:
            out.append(Row(Section.PARTNERS, Kind.PARTNER, partner.id, partner.name, partner.id, partner.name,
                           partner.color, partner_zone=partner.zone, reasons=tuple(reasons),
                           mine=_owned(partner, me)))
    return out


def _kpis_at_risk(workspace: Workspace, today: dt.date) -> dict[int, tuple[str, ...]]:
    """KPI names at risk per partner in the current period, from the KPI service (its pace and status rules)."""
    from partnerdesk.services.kpis import partners_needing_attention

    return {a.partner_id: tuple(t.kpi.label for t in a.tiles)
            for a in partners_needing_attention(workspace, today=today, include_behind=False)}


def _as_day(value: Any, tz: dt.tzinfo) -> dt.date:
    if isinstance(value, str):  # func.max returns the stored text
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    day: dt.date = value.astimezone(tz).date()
    return day


# --- reminders ------------------------------------------------------------------------------------------------

def _reminder_rows(reminders: Sequence[Any], tz: dt.tzinfo, partners: dict[int, _Partner],
                   me: int | None) -> list[Row]:
    out = []
    for reminder in reminders:
        occ = reminder.occurrence
        partner = partners.get(occ.partner_id) if occ.partner_id is not None else None
        out.append(Row(Section.REMINDERS, Kind.REMINDER, occ.source_id, occ.title, occ.partner_id,
                       occ.partner_name, occ.color, occ.start.astimezone(tz).date(),
                       None if occ.all_day else occ.start, partner.zone if partner else "",
                       mine=_owned(partner, me)))
    return out
