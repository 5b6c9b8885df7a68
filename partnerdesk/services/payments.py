"""Payments, read side: the ledger rows, filters, totals and aging per currency, due payables, on-time record.

Every function is plain Python over a :class:`Workspace` (or over rows already loaded) and takes the reference
day ``on`` explicitly. Amounts are integers in minor units; totals are per currency, never across currencies.
Writes live in ``services/payment_edits.py``.

Stable API (used by the Today view): :class:`PaymentRow`, :class:`PaymentFilter`, :func:`load_rows`,
:func:`list_payments`, :func:`filter_rows`, :func:`totals_per_currency`, :func:`aging_per_currency`,
:func:`due_payables`, :func:`due_payables_totals`, :func:`on_time_by_partner`, :func:`partner_summary`,
:func:`grace_days`, :func:`reminder_days`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from partnerdesk.domain.aging import (
    AgingBucket,
    BucketTotal,
    OnTimeStats,
    PaymentStatus,
    aging_bucket,
    aging_by_currency,
    days_late,
    days_overdue,
    days_to_pay,
    on_time_stats,
    payment_status,
)
from partnerdesk.domain.enums import PaymentDirection, PaymentMethod
from partnerdesk.store.models import Partner, Payment, Setting
from partnerdesk.store.workspace import Workspace

#: Workspace settings (Setting table) and their defaults.
GRACE_DAYS_KEY = "payments.grace_days"
REMINDER_DAYS_KEY = "payments.reminder_days"
DEFAULT_GRACE_DAYS = 0
DEFAULT_REMINDER_DAYS = 3


@dataclass(frozen=True, slots=True)
class PaymentRow:
    """One payment as the ledger shows it (partner name and colour joined in). Amount in minor units."""

    id: int
    partner_id: int
    partner_name: str
    partner_color: str
    invoice_ref: str
    direction: PaymentDirection
    amount_minor: int
    currency: str
    due_on: dt.date
    paid_on: dt.date | None
    issued_on: dt.date | None
    method: PaymentMethod
    notes: str
    schedule_id: int | None

    @property
    def is_open(self) -> bool:
        return self.paid_on is None

    def status(self, on: dt.date, grace: int = 0) -> PaymentStatus:
        """Scheduled, due soon, due today, overdue, paid or paid late, as seen on day ``on``."""
        return payment_status(self.due_on, self.paid_on, on, grace)

    def days_overdue(self, on: dt.date) -> int:
        return days_overdue(self.due_on, self.paid_on, on)

    def days_late(self) -> int:
        return days_late(self.due_on, self.paid_on)

    def days_to_pay(self) -> int | None:
        return days_to_pay(self.issued_on, self.paid_on)

    def bucket(self, on: dt.date) -> AgingBucket | None:
        """Aging bucket of an open payment; None once paid."""
        return aging_bucket(self.days_overdue(on)) if self.paid_on is None else None


_COLUMNS = (Payment.id, Payment.partner_id, Partner.name, Partner.color, Payment.invoice_ref, Payment.direction,
            Payment.amount_minor, Payment.currency, Payment.due_on, Payment.paid_on, Payment.issued_on,
            Payment.method, Payment.notes, Payment.schedule_id)


def load_rows(ws: Workspace, ids: Collection[int] | None = None, *, partner_id: int | None = None,
              trashed: bool = False) -> list[PaymentRow]:
    """Payments (not in the trash unless ``trashed``), optionally only ``ids`` or one partner's, by due date."""
    query = select(*_COLUMNS).join(Partner, Partner.id == Payment.partner_id)
    query = query.where(Payment.deleted_at.is_not(None) if trashed else Payment.deleted_at.is_(None))
    if ids is not None:
        query = query.where(Payment.id.in_(list(ids)))
    if partner_id is not None:
        query = query.where(Payment.partner_id == partner_id)
    with ws.session() as s:
        return [PaymentRow(*r) for r in s.execute(query.order_by(Payment.due_on, Payment.id))]


@dataclass(frozen=True)
class PaymentFilter:
    """Filters that combine (all given ones must match). Empty collections and None mean "any".

    ``text`` matches the partner name, invoice reference and notes, ignoring case. ``bucket`` keeps open payments
    in that aging bucket. ``due_from``/``due_to`` are inclusive."""

    partner_ids: frozenset[int] = frozenset()
    direction: PaymentDirection | None = None
    statuses: frozenset[PaymentStatus] = frozenset()
    currencies: frozenset[str] = frozenset()
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    text: str = ""
    bucket: AgingBucket | None = None

    def is_empty(self) -> bool:
        return self == PaymentFilter()


def filter_rows(rows: Iterable[PaymentRow], flt: PaymentFilter, on: dt.date, grace: int = 0) -> list[PaymentRow]:
    """The rows matching every filter in ``flt`` as seen on day ``on`` (order kept)."""
    needle = flt.text.strip().casefold()
    out: list[PaymentRow] = []
    for r in rows:
        if flt.partner_ids and r.partner_id not in flt.partner_ids:
            continue
        if flt.direction is not None and r.direction != flt.direction:
            continue
        if flt.currencies and r.currency not in flt.currencies:
            continue
        if flt.due_from is not None and r.due_on < flt.due_from:
            continue
        if flt.due_to is not None and r.due_on > flt.due_to:
            continue
        if flt.statuses and r.status(on, grace) not in flt.statuses:
            continue
        if flt.bucket is not None and r.bucket(on) != flt.bucket:
            continue
        if needle and needle not in r.partner_name.casefold() and needle not in r.invoice_ref.casefold() \
                and needle not in r.notes.casefold():
            continue
        out.append(r)
    return out


def list_payments(ws: Workspace, flt: PaymentFilter | None = None, on: dt.date | None = None) -> list[PaymentRow]:
    """The ledger: payments not in the trash matching ``flt`` on day ``on`` (default today), by due date."""
    on = on or dt.date.today()
    rows = load_rows(ws)
    return rows if flt is None or flt.is_empty() else filter_rows(rows, flt, on, grace_days(ws))


@dataclass
class CurrencyTotals:
    """Totals of one currency (minor units) and how many payments each covers."""

    open_minor: int = 0
    open_count: int = 0
    overdue_minor: int = 0
    overdue_count: int = 0
    paid_minor: int = 0
    paid_count: int = 0


def totals_per_currency(rows: Iterable[PaymentRow], on: dt.date, paid_from: dt.date | None = None,
                        paid_to: dt.date | None = None) -> dict[str, CurrencyTotals]:
    """Open, overdue (a part of open) and paid totals per currency, sorted by currency code.

    "Paid" counts payments paid within ``paid_from``..``paid_to`` (inclusive; None = unbounded)."""
    out: dict[str, CurrencyTotals] = {}
    for r in rows:
        t = out.get(r.currency)
        if t is None:
            t = out[r.currency] = CurrencyTotals()
        if r.paid_on is None:
            t.open_minor += r.amount_minor
            t.open_count += 1
            if r.due_on < on:
                t.overdue_minor += r.amount_minor
                t.overdue_count += 1
        elif (paid_from is None or r.paid_on >= paid_from) and (paid_to is None or r.paid_on <= paid_to):
            t.paid_minor += r.amount_minor
            t.paid_count += 1
    return dict(sorted(out.items()))


def aging_per_currency(rows: Iterable[PaymentRow], on: dt.date) -> dict[str, dict[AgingBucket, BucketTotal]]:
    """Aging by due date of the open rows, per currency (sorted), every bucket present in order."""
    return aging_by_currency(((r.currency, r.amount_minor, r.due_on, r.paid_on) for r in rows), on)


def due_payables(ws: Workspace, on: dt.date | None = None, within_days: int = 7) -> list[PaymentRow]:
    """Open payables (we pay) that are overdue or due within ``within_days`` of ``on``, oldest due first."""
    on = on or dt.date.today()
    last = on + dt.timedelta(days=within_days)
    query = (select(*_COLUMNS).join(Partner, Partner.id == Payment.partner_id)
             .where(Payment.deleted_at.is_(None), Payment.paid_on.is_(None),
                    Payment.direction == PaymentDirection.PAYABLE, Payment.due_on <= last)
             .order_by(Payment.due_on, Payment.id))
    with ws.session() as s:
        return [PaymentRow(*r) for r in s.execute(query)]


@dataclass
class DueTotals:
    """Due payables of one currency: the overdue part and the part due from ``on`` to ``on + N`` days."""

    overdue_minor: int = 0
    overdue_count: int = 0
    due_minor: int = 0
    due_count: int = 0

    @property
    def total_minor(self) -> int:
        return self.overdue_minor + self.due_minor


def due_payables_totals(ws: Workspace, on: dt.date | None = None, within_days: int = 7,
                        rows: Sequence[PaymentRow] | None = None) -> dict[str, DueTotals]:
    """Totals per currency (sorted) of :func:`due_payables`; pass ``rows`` to reuse an earlier call's result."""
    on = on or dt.date.today()
    out: dict[str, DueTotals] = {}
    for r in due_payables(ws, on, within_days) if rows is None else rows:
        t = out.setdefault(r.currency, DueTotals())
        if r.due_on < on:
            t.overdue_minor += r.amount_minor
            t.overdue_count += 1
        else:
            t.due_minor += r.amount_minor
            t.due_count += 1
    return dict(sorted(out.items()))


def on_time_by_partner(rows: Iterable[PaymentRow], on: dt.date, grace: int = 0,
                       direction: PaymentDirection | None = PaymentDirection.PAYABLE) -> dict[int, OnTimeStats]:
    """On-time record per partner id over the last 12 months (payables by default: our side of the scorecard)."""
    per: dict[int, list[tuple[dt.date, dt.date | None, dt.date | None]]] = {}
    for r in rows:
        if direction is None or r.direction == direction:
            per.setdefault(r.partner_id, []).append((r.due_on, r.paid_on, r.issued_on))
    return {pid: on_time_stats(items, on, grace) for pid, items in per.items()}


@dataclass
class PartnerPaymentSummary:
    """What the partner profile shows: totals per currency, on-time record (payables and receivables), next due."""

    partner_id: int
    totals: dict[str, CurrencyTotals] = field(default_factory=dict)
    payables_on_time: OnTimeStats | None = None
    receivables_on_time: OnTimeStats | None = None
    next_due: PaymentRow | None = None
    rows: list[PaymentRow] = field(default_factory=list)


def partner_summary(ws: Workspace, partner_id: int, on: dt.date | None = None) -> PartnerPaymentSummary:
    """One partner's ledger (rows by due date), totals per currency, on-time rates and next open payment."""
    on = on or dt.date.today()
    rows = load_rows(ws, partner_id=partner_id)
    grace = grace_days(ws)
    pay = on_time_by_partner(rows, on, grace, PaymentDirection.PAYABLE).get(partner_id)
    rec = on_time_by_partner(rows, on, grace, PaymentDirection.RECEIVABLE).get(partner_id)
    next_due = next((r for r in rows if r.paid_on is None), None)
    return PartnerPaymentSummary(partner_id, totals_per_currency(rows, on), pay, rec, next_due, rows)


def partner_choices(ws: Workspace) -> list[tuple[int, str]]:
    """Every partner as (id, name), by name: the choices of a payment's partner field."""
    with ws.session() as s:
        return [(r[0], r[1]) for r in s.execute(select(Partner.id, Partner.name).order_by(Partner.name))]


def _setting(ws: Workspace, key: str, default: int) -> int:
    with ws.session() as s:
        row = s.get(Setting, key)
    try:
        return default if row is None else int(row.value)
    except (TypeError, ValueError):
        return default


def grace_days(ws: Workspace) -> int:
    """Days after the due date a payment still counts as on time (workspace setting, default 0)."""
    return _setting(ws, GRACE_DAYS_KEY, DEFAULT_GRACE_DAYS)


def reminder_days(ws: Workspace) -> int:
    """A payable due within this many days raises a reminder (workspace setting, default 3)."""
    return _setting(ws, REMINDER_DAYS_KEY, DEFAULT_REMINDER_DAYS)


#: Local time of day at which a payment reminder fires (on the day ``reminder_days`` before the due date).
REMINDER_HOUR = 9


@dataclass(frozen=True)
class PaymentReminder:
    """An open payable whose reminder moment (09:00 local, ``reminder_days`` before due) fell in a window."""

    row: PaymentRow
    remind_at: dt.datetime


def payment_reminders(ws: Workspace, since: dt.datetime, until: dt.datetime,
                      tz: dt.tzinfo = dt.UTC) -> list[PaymentReminder]:
    """Reminders of open payables whose moment falls in (since, until], oldest first (missed ones included).

    A payable due on day D reminds at 09:00 in ``tz`` on D minus the workspace's reminder days (default 3)."""
    days = reminder_days(ws)
    first = since.astimezone(tz).date() + dt.timedelta(days=days) - dt.timedelta(days=1)
    last = until.astimezone(tz).date() + dt.timedelta(days=days)
    query = (select(*_COLUMNS).join(Partner, Partner.id == Payment.partner_id)
             .where(Payment.deleted_at.is_(None), Payment.paid_on.is_(None),
                    Payment.direction == PaymentDirection.PAYABLE, Payment.due_on >= first, Payment.due_on <= last)
             .order_by(Payment.due_on, Payment.id))
    out: list[PaymentReminder] = []
    with ws.session() as s:
        for r in s.execute(query):
            row = PaymentRow(*r)
            day = row.due_on - dt.timedelta(days=days)
            at = dt.datetime.combine(day, dt.time(REMINDER_HOUR), tzinfo=tz)
            if since < at <= until:
                out.append(PaymentReminder(row, at))
    return out
