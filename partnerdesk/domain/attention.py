"""Attention rules for the Today view, without I/O: what is overdue, which deadlines are near, which partner
needs the manager and why. Dates are local days in the user's time zone; the service does the querying."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from partnerdesk.domain.enums import PartnerStage, Seniority
from partnerdesk.domain.partners import add_months, notice_deadline

#: Days ahead that "Deadlines ahead" looks by default (a setting).
DEADLINE_HORIZON_DAYS = 30
#: Days ahead that "Money" lists payables due.
MONEY_HORIZON_DAYS = 7
#: Rows a long section lists (the oldest overdue first); the rest are counted.
SECTION_LIMIT = 200
#: Days in "Today and this week" (today and the six that follow).
WEEK_DAYS = 7
#: "Keeps missing deadlines": this many overdue items, or an on-time rate below the threshold over the window.
MISSED_OVERDUE_COUNT = 3
ON_TIME_THRESHOLD = 0.70
ON_TIME_WINDOW_DAYS = 90
#: The on-time rate speaks only once this many items fell due in the window (one late item is not a pattern).
ON_TIME_MIN_DUE = 3
#: Default contact cadence of a partner (days without an interaction before it counts as quiet).
DEFAULT_CADENCE_DAYS = 30
#: Stages in which a partner is not expected to hear from us regularly.
NO_CADENCE_STAGES = frozenset({PartnerStage.ENDED, PartnerStage.PAUSED})


class Section(StrEnum):
    OVERDUE = "overdue"
    THIS_WEEK = "this_week"
    DEADLINES = "deadlines"
    MONEY = "money"
    PARTNERS = "partners"
    REMINDERS = "reminders"


class Kind(StrEnum):
    """What a row is about; together with its id it names the record a click opens."""

    WORK_ITEM = "work_item"
    EVENT = "event"
    FOLLOW_UP = "follow_up"
    CONTRACT_REVIEW = "contract_review"
    CONTRACT_NOTICE = "contract_notice"
    CONTRACT_END = "contract_end"
    PAYMENT = "payment"
    PARTNER = "partner"
    REMINDER = "reminder"


SOURCE_KINDS: dict[Kind, str] = {
    Kind.WORK_ITEM: "work_item", Kind.EVENT: "event", Kind.REMINDER: "event", Kind.FOLLOW_UP: "interaction",
    Kind.CONTRACT_REVIEW: "contract", Kind.CONTRACT_NOTICE: "contract", Kind.CONTRACT_END: "contract",
    Kind.PAYMENT: "payment", Kind.PARTNER: "partner",
}


class Reason(StrEnum):
    """Why a partner needs attention (worded by the UI and the CLI), most urgent first."""

    MISSING_DEADLINES = "missing_deadlines"
    KPI_AT_RISK = "kpi_at_risk"
    ENDED_WITH_OPEN_ITEMS = "ended_with_open_items"
    QUIET = "quiet"
    JUNIOR_LEAD = "junior_lead"


@dataclass(frozen=True)
class PartnerReason:
    reason: Reason
    #: Numbers behind the reason: days quiet, cadence, overdue count, on-time rate in percent, open items…
    values: dict[str, int] = field(default_factory=dict)
    #: Words behind the reason that come from the data (KPI names, the owner's name).
    names: tuple[str, ...] = ()


def days_overdue(due_day: dt.date, today: dt.date) -> int:
    """Whole days past the due day: 0 when due today or later."""
    return max(0, (today - due_day).days)


def is_overdue(due_day: dt.date, today: dt.date, done: bool = False) -> bool:
    """Open work is overdue from the day after its due day; finished work never is."""
    return not done and due_day < today


def in_window(day: dt.date, today: dt.date, days: int) -> bool:
    """``day`` falls in the ``days`` days starting today (today included)."""
    return today <= day < today + dt.timedelta(days=days)


def contract_deadlines(start_on: dt.date, end_on: dt.date | None, review_every_months: int | None,
                       notice_days: int, today: dt.date,
                       horizon_days: int = DEADLINE_HORIZON_DAYS) -> list[tuple[Kind, dt.date]]:
    """Reviews, the last day to give notice (end − notice days) and the end of a contract that fall in the next
    ``horizon_days`` days (today included), in date order."""
    found: list[tuple[Kind, dt.date]] = []
    last = today + dt.timedelta(days=horizon_days)
    if review_every_months:
        n = 1
        while True:
            day = add_months(start_on, review_every_months * n)
            if day >= last or (end_on is not None and day > end_on):
                break
            if day >= today:
                found.append((Kind.CONTRACT_REVIEW, day))
            n += 1
    deadline = notice_deadline(end_on, notice_days)
    if deadline is not None and today <= deadline < last:
        found.append((Kind.CONTRACT_NOTICE, deadline))
    if end_on is not None and today <= end_on < last:
        found.append((Kind.CONTRACT_END, end_on))
    found.sort(key=lambda pair: pair[1])
    return found


def quiet_days(last_contact: dt.date | None, since: dt.date, cadence_days: int, today: dt.date,
               stage: PartnerStage | None = None) -> int | None:
    """Days without an interaction when that is longer than the partner's cadence, else None.

    With no interaction at all the count starts at ``since`` (when the partner was added). Ended and paused
    partners have no cadence.
    """
    if stage in NO_CADENCE_STAGES or cadence_days <= 0:
        return None
    days = (today - (last_contact or since)).days
    return days if days > cadence_days else None


def on_time_rate(on_time: int, due: int) -> float | None:
    """Share of the items due in the window that were done by their due day; None when fewer than
    ``ON_TIME_MIN_DUE`` fell due."""
    return on_time / due if due >= ON_TIME_MIN_DUE else None


def keeps_missing_deadlines(overdue_count: int, rate: float | None) -> bool:
    """Three or more overdue items, or an on-time rate under 70 % over the last 90 days."""
    return overdue_count >= MISSED_OVERDUE_COUNT or (rate is not None and rate < ON_TIME_THRESHOLD)


def junior_lead(owner_seniority: Seniority | None) -> bool:
    """A junior or a new hire is owner #1."""
    return owner_seniority is not None and owner_seniority != Seniority.SENIOR


def ended_with_open_items(stage: PartnerStage, open_items: int) -> bool:
    return stage == PartnerStage.ENDED and open_items > 0


def partner_reasons(*, stage: PartnerStage, today: dt.date, since: dt.date, last_contact: dt.date | None,
                    cadence_days: int, overdue_items: int, open_items: int, rate: float | None,
                    owner_seniority: Seniority | None, owner_name: str = "",
                    kpis_at_risk: tuple[str, ...] = ()) -> list[PartnerReason]:
    """Every reason a partner needs attention, most urgent first."""
    reasons: list[PartnerReason] = []
    if keeps_missing_deadlines(overdue_items, rate):
        values = {"overdue": overdue_items}
        if rate is not None:
            values["rate"] = round(rate * 100)
        reasons.append(PartnerReason(Reason.MISSING_DEADLINES, values))
    if kpis_at_risk:
        reasons.append(PartnerReason(Reason.KPI_AT_RISK, {"count": len(kpis_at_risk)}, tuple(kpis_at_risk)))
    if ended_with_open_items(stage, open_items):
        reasons.append(PartnerReason(Reason.ENDED_WITH_OPEN_ITEMS, {"open": open_items}))
    quiet = quiet_days(last_contact, since, cadence_days, today, stage)
    if quiet is not None:
        reasons.append(PartnerReason(Reason.QUIET, {"days": quiet, "cadence": cadence_days}))
    if junior_lead(owner_seniority) and stage != PartnerStage.ENDED:
        reasons.append(PartnerReason(Reason.JUNIOR_LEAD, {}, (owner_name,)))
    return reasons


@dataclass(frozen=True)
class Row:
    """One line of the Today view (and of ``partnerdesk today --json``)."""

    section: Section
    kind: Kind
    source_id: int
    title: str
    partner_id: int | None = None
    partner: str = ""
    color: str = ""
    day: dt.date | None = None
    #: Timed rows (meetings, timed due dates), aware UTC.
    at: dt.datetime | None = None
    #: The partner's own zone, to show its local time beside the user's.
    partner_zone: str = ""
    days_overdue: int = 0
    reasons: tuple[PartnerReason, ...] = ()
    #: Money rows: amount in minor units and ISO currency.
    amount_minor: int | None = None
    currency: str = ""
    #: Set when the row is about the manager: #1, #2 or responsible.
    mine: bool = False

    @property
    def source_kind(self) -> str:
        """The kind of record ``source_id`` names (what a click opens)."""
        return SOURCE_KINDS[self.kind]

    @property
    def key(self) -> tuple[str, str, int, str]:
        """Identity of the row across refreshes (a contract has up to three rows)."""
        return (self.section.value, self.kind.value, self.source_id, self.day.isoformat() if self.day else "")


def needs_action(row: Row, today: dt.date) -> bool:
    """Counts in the navigation badge: overdue or due today, a partner needing attention, a missed reminder.
    Meetings, later days of the week and deadlines further ahead are listed without counting."""
    if row.section in (Section.OVERDUE, Section.PARTNERS, Section.REMINDERS):
        return True
    if row.kind == Kind.EVENT:
        return False
    return row.day is not None and row.day <= today
