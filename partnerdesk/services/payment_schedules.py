"""Payment schedules: a series of payments created from a recurrence rule (the calendar's RRULEs and wording),
e.g. a monthly retainer of 2,500.00 EUR on day 5 for 12 months, or a quarterly fee.

The schedule row keeps the rule and the template; each payment is an ordinary ledger row with ``schedule_id``
set, so it can be marked paid, edited ("this" or "this and following", see ``ui/payments/view.py``) or deleted
like any other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.domain.enums import Action, PaymentDirection, PaymentMethod
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.recurrence import describe, expand
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet
from partnerdesk.services.payment_edits import ENTITY, PaymentService, validate_values
from partnerdesk.store.models import Payment, PaymentSchedule

#: A schedule makes at most this many payments (a rule without an end is cut here, and refused).
MAX_PAYMENTS = 120


class ScheduleEndError(ValidationError):
    template = N_("Give the schedule an end (a date or a number of payments); at most {max} payments.")


class EmptyScheduleError(ValidationError):
    template = N_("This rule makes no payment from the first due date.")


class PrefixRequiredError(ValidationError):
    template = N_("Enter an invoice prefix, for example RET-2026.")


def schedule_dates(start_on: dt.date, rrule: str, limit: int = MAX_PAYMENTS + 1) -> list[dt.date]:
    """Due dates of the rule from ``start_on`` (included when it matches), at most ``limit`` of them."""
    start = dt.datetime.combine(start_on, dt.time(12), tzinfo=dt.UTC)
    found = expand(start, rrule, "UTC", start, start + dt.timedelta(days=366 * 30)) if rrule else [start]
    return [s.date() for s in found[:limit]]


def invoice_refs(prefix: str, count: int) -> list[str]:
    """"RET-2026-01" … "RET-2026-12" (two digits, three from 100)."""
    width = 3 if count >= 100 else 2
    return [f"{prefix}-{n:0{width}d}" for n in range(1, count + 1)]


def plan_schedule(start_on: dt.date, rrule: str) -> list[dt.date]:
    """The due dates a schedule will create, or a translated error (no end, too many, none)."""
    dates = schedule_dates(start_on, rrule)
    if len(dates) > MAX_PAYMENTS:
        raise ScheduleEndError(field="rrule", max=MAX_PAYMENTS)
    if not dates:
        raise EmptyScheduleError(field="rrule")
    return dates


def describe_schedule(rrule: str) -> str:
    """The rule in the calendar's plain words ("Every month, on day 5, 12 times")."""
    return describe(rrule)


class ScheduleService(PaymentService):
    def create_schedule(self, *, partner_id: int, amount_minor: int, currency: str, rrule: str,
                        start_on: dt.date, invoice_prefix: str, direction: PaymentDirection = PaymentDirection.PAYABLE,
                        method: PaymentMethod = PaymentMethod.BANK_TRANSFER, notes: str = "") -> tuple[int, ChangeSet]:
        """Create the schedule and all its payments in one transaction; returns the schedule id."""
        prefix = invoice_prefix.strip()
        if not prefix:
            raise PrefixRequiredError(field="invoice_prefix")
        template: dict[str, Any] = validate_values({
            "partner_id": partner_id, "amount_minor": amount_minor, "currency": currency, "direction": direction,
            "method": method, "notes": notes}, self.today)
        dates = plan_schedule(start_on, rrule)
        refs = invoice_refs(prefix, len(dates))
        with self.unit_of_work() as (s, changes):
            for ref in refs:
                self._check_unique(s, partner_id, ref, None)
            schedule = PaymentSchedule(rrule=rrule, start_on=start_on, invoice_prefix=prefix, **template)
            s.add(schedule)
            s.flush()
            payments = [Payment(invoice_ref=ref, due_on=due, schedule_id=schedule.id, **template)
                        for ref, due in zip(refs, dates, strict=True)]
            s.add_all(payments)
            s.flush()
            for p in payments:
                self.log(s, ENTITY, p.id, Action.CREATE, self._summary(p), partner_id=partner_id)
            changes.add("created", ENTITY, [p.id for p in payments])
            changes.add("created", "payment_schedule", schedule.id)
            return schedule.id, changes

    def schedule_rule(self, schedule_id: int) -> str:
        with self.workspace.session() as s:
            schedule = self.get(s, PaymentSchedule, schedule_id)
            return schedule.rrule
