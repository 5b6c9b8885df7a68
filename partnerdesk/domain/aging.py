"""Payment timing rules for a given day: status, days overdue, aging buckets by due date, on-time rate.

Everything takes the reference day ``on`` explicitly (no clock inside), so the same rules serve the ledger, the
Today view, reminders, the CLI ``--date`` option and tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from partnerdesk.l10n import ngettext, pgettext

#: An open payment due within this many days (and not today) is "due soon".
DUE_SOON_DAYS = 7
#: How far back the on-time rate looks.
ON_TIME_WINDOW_DAYS = 365


class PaymentStatus(StrEnum):
    SCHEDULED = "scheduled"  # open, due later than DUE_SOON_DAYS from now
    DUE_SOON = "due_soon"  # open, due in 1..DUE_SOON_DAYS days
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"  # open, past its due date
    PAID = "paid"  # paid on or before the due date (+ grace)
    PAID_LATE = "paid_late"  # paid after the due date (+ grace)

    @property
    def is_open(self) -> bool:
        return self in (PaymentStatus.SCHEDULED, PaymentStatus.DUE_SOON, PaymentStatus.DUE_TODAY,
                        PaymentStatus.OVERDUE)


def status_label(status: PaymentStatus) -> str:
    """The status name in the UI language (a payment's own word: singular, for one payment)."""
    labels = {
        PaymentStatus.SCHEDULED: pgettext("payment status", "Scheduled"),
        PaymentStatus.DUE_SOON: pgettext("payment status", "Due soon"),
        PaymentStatus.DUE_TODAY: pgettext("payment status", "Due today"),
        PaymentStatus.OVERDUE: pgettext("payment status", "Overdue"),
        PaymentStatus.PAID: pgettext("payment status", "Paid"),
        PaymentStatus.PAID_LATE: pgettext("payment status", "Paid late"),
    }
    return labels[status]


class AgingBucket(StrEnum):
    CURRENT = "current"  # not yet overdue (due today or later)
    DAYS_1_30 = "1-30"
    DAYS_31_60 = "31-60"
    DAYS_61_90 = "61-90"
    OVER_90 = "90+"


def bucket_label(bucket: AgingBucket) -> str:
    """Column title of an aging bucket in the UI language."""
    labels = {
        AgingBucket.CURRENT: pgettext("aging bucket", "Current"),
        AgingBucket.DAYS_1_30: pgettext("aging bucket", "1–30 days"),
        AgingBucket.DAYS_31_60: pgettext("aging bucket", "31–60 days"),
        AgingBucket.DAYS_61_90: pgettext("aging bucket", "61–90 days"),
        AgingBucket.OVER_90: pgettext("aging bucket", "Over 90 days"),
    }
    return labels[bucket]


def payment_status(due_on: dt.date, paid_on: dt.date | None, on: dt.date, grace_days: int = 0,
                   soon_days: int = DUE_SOON_DAYS) -> PaymentStatus:
    """Status of one payment as seen on day ``on``.

    A paid payment is PAID_LATE when paid more than ``grace_days`` after its due date. An open one is OVERDUE the
    day after its due date (grace only forgives lateness in the on-time rate and the paid status, not the
    reminder that it is overdue)."""
    if paid_on is not None:
        return PaymentStatus.PAID_LATE if (paid_on - due_on).days > grace_days else PaymentStatus.PAID
    days = (due_on - on).days
    if days < 0:
        return PaymentStatus.OVERDUE
    if days == 0:
        return PaymentStatus.DUE_TODAY
    if days <= soon_days:
        return PaymentStatus.DUE_SOON
    return PaymentStatus.SCHEDULED


def describe_status(due_on: dt.date, paid_on: dt.date | None, on: dt.date, grace_days: int = 0) -> str:
    """"Overdue 12 days", "Paid late by 3 days", "Due in 5 days", "Due today", "Paid", in the UI language."""
    status = payment_status(due_on, paid_on, on, grace_days)
    if status == PaymentStatus.OVERDUE:
        n = days_overdue(due_on, paid_on, on)
        return ngettext("Overdue {n} day", "Overdue {n} days", n).format(n=n)
    if status == PaymentStatus.PAID_LATE:
        n = days_late(due_on, paid_on)
        return ngettext("Paid late by {n} day", "Paid late by {n} days", n).format(n=n)
    if status == PaymentStatus.DUE_SOON:
        n = (due_on - on).days
        return ngettext("Due in {n} day", "Due in {n} days", n).format(n=n)
    return status_label(status)


def days_overdue(due_on: dt.date, paid_on: dt.date | None, on: dt.date) -> int:
    """Days an open payment is past its due date on day ``on`` (0 when not overdue or when paid)."""
    if paid_on is not None:
        return 0
    return max(0, (on - due_on).days)


def days_late(due_on: dt.date, paid_on: dt.date | None) -> int:
    """Days a paid payment was paid after its due date (0 when on time, early or still open)."""
    if paid_on is None:
        return 0
    return max(0, (paid_on - due_on).days)


def days_to_pay(issued_on: dt.date | None, paid_on: dt.date | None) -> int | None:
    """Days from the invoice date to payment; None while open or when the invoice date is unknown."""
    if issued_on is None or paid_on is None:
        return None
    return (paid_on - issued_on).days


def aging_bucket(overdue_days: int) -> AgingBucket:
    """Bucket for a number of days overdue: 0 current, 1–30, 31–60, 61–90, 91+ over 90."""
    if overdue_days <= 0:
        return AgingBucket.CURRENT
    if overdue_days <= 30:
        return AgingBucket.DAYS_1_30
    if overdue_days <= 60:
        return AgingBucket.DAYS_31_60
    if overdue_days <= 90:
        return AgingBucket.DAYS_61_90
    return AgingBucket.OVER_90


@dataclass(frozen=True)
class BucketTotal:
    """Open amount (minor units) and number of payments in one aging bucket of one currency."""

    amount_minor: int = 0
    count: int = 0

    def plus(self, amount_minor: int) -> BucketTotal:
        return BucketTotal(self.amount_minor + amount_minor, self.count + 1)


def aging_by_currency(payments: Iterable[tuple[str, int, dt.date, dt.date | None]],
                      on: dt.date) -> dict[str, dict[AgingBucket, BucketTotal]]:
    """Aging of open payments per currency: ``(currency, amount_minor, due_on, paid_on)`` rows in; for each
    currency (sorted) every bucket in order, empty ones included. Paid rows are ignored."""
    out: dict[str, dict[AgingBucket, BucketTotal]] = {}
    for currency, amount, due_on, paid_on in payments:
        if paid_on is not None:
            continue
        buckets = out.get(currency)
        if buckets is None:
            buckets = out[currency] = {b: BucketTotal() for b in AgingBucket}
        bucket = aging_bucket(days_overdue(due_on, None, on))
        buckets[bucket] = buckets[bucket].plus(amount)
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class OnTimeStats:
    """On-time record over a window: ``rate`` is None when nothing counted yet."""

    on_time: int
    counted: int
    average_days_to_pay: float | None
    average_days_late: float | None

    @property
    def rate(self) -> float | None:
        return self.on_time / self.counted if self.counted else None


def on_time_stats(payments: Iterable[tuple[dt.date, dt.date | None, dt.date | None]], on: dt.date,
                  grace_days: int = 0, window_days: int = ON_TIME_WINDOW_DAYS) -> OnTimeStats:
    """On-time rate from ``(due_on, paid_on, issued_on)`` rows, for payments due in the ``window_days`` up to ``on``.

    Counted: payments paid (on time when paid no more than ``grace_days`` after due) and open payments already
    past due + grace (they can no longer be on time). Open payments still within grace are not counted yet.
    Average days to pay uses the invoice date when known; average days late covers the late paid ones."""
    start = on - dt.timedelta(days=window_days)
    on_time = counted = 0
    to_pay: list[int] = []
    late: list[int] = []
    for due_on, paid_on, issued_on in payments:
        if not (start < due_on <= on):
            continue
        if paid_on is None:
            if (on - due_on).days > grace_days:
                counted += 1
            continue
        counted += 1
        lateness = (paid_on - due_on).days
        if lateness <= grace_days:
            on_time += 1
        else:
            late.append(lateness)
        days = days_to_pay(issued_on, paid_on)
        if days is not None:
            to_pay.append(days)
    return OnTimeStats(on_time, counted, sum(to_pay) / len(to_pay) if to_pay else None,
                       sum(late) / len(late) if late else None)
