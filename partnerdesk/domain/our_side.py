""""Our side" KPIs: how well *we* serve a partner, computed from PartnerDesk's own records, never typed.

* payments on time — share of our payments to the partner due in the period (and already due by today) that were
  paid on or before their due date;
* work on time — share of the partner's work items due in the period (and already due) that were done by their
  due date;
* interactions and trainings — how many were held in the period (up to today).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from partnerdesk.domain.enums import KpiDirection, KpiUnit
from partnerdesk.domain.periods import Period
from partnerdesk.l10n import N_, _

PAYMENTS_ON_TIME = "our_payments_on_time"
WORK_ON_TIME = "our_work_on_time"
INTERACTIONS = "our_interactions"
TRAININGS = "our_trainings"


@dataclass(frozen=True)
class OurSideDefinition:
    key: str
    label_source: str
    unit: KpiUnit
    direction: KpiDirection
    target: float | None  # a fixed goal we set ourselves; None: shown without a status

    @property
    def label(self) -> str:
        return _(self.label_source)


OUR_SIDE: tuple[OurSideDefinition, ...] = (
    OurSideDefinition(PAYMENTS_ON_TIME, N_("Our payments on time"), KpiUnit.PERCENT, KpiDirection.HIGHER, 1.0),
    OurSideDefinition(WORK_ON_TIME, N_("Work items done by their due date"), KpiUnit.PERCENT,
                      KpiDirection.HIGHER, 0.9),
    OurSideDefinition(INTERACTIONS, N_("Interactions held"), KpiUnit.COUNT, KpiDirection.HIGHER, None),
    OurSideDefinition(TRAININGS, N_("Trainings held"), KpiUnit.COUNT, KpiDirection.HIGHER, None),
)


@dataclass(frozen=True)
class PaymentFact:
    due_on: dt.date
    paid_on: dt.date | None


@dataclass(frozen=True)
class WorkFact:
    due_on: dt.date
    done_on: dt.date | None  # when it reached a "done" column; None while open


def _due_window(period: Period, today: dt.date) -> tuple[dt.date, dt.date] | None:
    last = min(period.end, today)
    return None if last < period.start else (period.start, last)


def payments_on_time(payments: Iterable[PaymentFact], period: Period, today: dt.date) -> float | None:
    """Share of payments due in the period (up to today) paid by their due date; None when none fell due."""
    window = _due_window(period, today)
    if window is None:
        return None
    due = [p for p in payments if window[0] <= p.due_on <= window[1]]
    if not due:
        return None
    return sum(1 for p in due if p.paid_on is not None and p.paid_on <= p.due_on) / len(due)


def work_on_time(items: Iterable[WorkFact], period: Period, today: dt.date) -> float | None:
    """Share of work items due in the period (up to today) done by their due date; None when none fell due."""
    window = _due_window(period, today)
    if window is None:
        return None
    due = [w for w in items if window[0] <= w.due_on <= window[1]]
    if not due:
        return None
    return sum(1 for w in due if w.done_on is not None and w.done_on <= w.due_on) / len(due)


def count_held(days: Iterable[dt.date], period: Period, today: dt.date) -> int | None:
    """How many of ``days`` fall in the period up to today; None for a period that has not started."""
    window = _due_window(period, today)
    if window is None:
        return None
    return sum(1 for d in days if window[0] <= d <= window[1])
