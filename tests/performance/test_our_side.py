from __future__ import annotations

import datetime as dt

from partnerdesk.domain.our_side import PaymentFact, WorkFact, count_held, payments_on_time, work_on_time
from partnerdesk.domain.periods import Period

NOV = Period.month(2026, 11)
D = dt.date


def test_payments_on_time_counts_only_payments_due_so_far() -> None:
    payments = [PaymentFact(D(2026, 11, 5), D(2026, 11, 4)),  # early
                PaymentFact(D(2026, 11, 10), D(2026, 11, 12)),  # late
                PaymentFact(D(2026, 11, 12), None),  # unpaid, overdue
                PaymentFact(D(2026, 11, 28), None),  # not due yet on the 20th
                PaymentFact(D(2026, 10, 30), D(2026, 10, 30))]  # other month
    assert payments_on_time(payments, NOV, D(2026, 11, 20)) == 1 / 3
    assert payments_on_time(payments, NOV, D(2026, 12, 1)) == 1 / 4
    assert payments_on_time([], NOV, D(2026, 12, 1)) is None
    assert payments_on_time(payments, NOV, D(2026, 10, 1)) is None  # period not started


def test_work_done_by_due_date() -> None:
    items = [WorkFact(D(2026, 11, 3), D(2026, 11, 3)), WorkFact(D(2026, 11, 7), D(2026, 11, 9)),
             WorkFact(D(2026, 11, 9), None)]
    assert work_on_time(items, NOV, D(2026, 11, 30)) == 1 / 3
    assert work_on_time(items, NOV, D(2026, 11, 5)) == 1.0


def test_interactions_held_up_to_today() -> None:
    days = [D(2026, 11, 2), D(2026, 11, 20), D(2026, 12, 1)]
    assert count_held(days, NOV, D(2026, 11, 10)) == 1
    assert count_held(days, NOV, D(2026, 12, 10)) == 2
    assert count_held(days, NOV, D(2026, 10, 10)) is None
