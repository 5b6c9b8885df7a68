"""The payments read service over a real workspace: ledger rows, filters, totals, aging, due payables."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerdesk.domain.aging import AgingBucket, PaymentStatus
from partnerdesk.domain.enums import PartnerKind, PaymentDirection
from partnerdesk.services import payments as P
from partnerdesk.store.models import Partner, Payment, Setting

D = dt.date(2026, 3, 2)
day = dt.timedelta(days=1)


@pytest.fixture
def ledger(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        a = Partner(name="Rota Sul", kind=PartnerKind.LOGISTICS, color="#aa3300")
        b = Partner(name="Kansai Shop", kind=PartnerKind.B2B_CUSTOMER)
        s.add_all([a, b])
        s.flush()
        rows = [
            (a, "RS-1", PaymentDirection.PAYABLE, 1822500, "BRL", D - 45 * day, None),
            (a, "RS-2", PaymentDirection.PAYABLE, 50000, "BRL", D + 2 * day, None),
            (a, "RS-3", PaymentDirection.PAYABLE, 250000, "EUR", D - 3 * day, None),
            (a, "RS-4", PaymentDirection.PAYABLE, 10000, "BRL", D - 20 * day, D - 21 * day),
            (a, "RS-5", PaymentDirection.PAYABLE, 10000, "BRL", D + 30 * day, None),
            (b, "KS-1", PaymentDirection.RECEIVABLE, 300000, "JPY", D - 100 * day, None),
            (b, "KS-2", PaymentDirection.RECEIVABLE, 120000, "JPY", D - 10 * day, D - 5 * day),
        ]
        for partner, ref, direction, amount, cur, due, paid in rows:
            s.add(Payment(partner_id=partner.id, invoice_ref=ref, direction=direction, amount_minor=amount,
                          currency=cur, due_on=due, paid_on=paid, notes="retainer" if ref == "RS-5" else ""))
        trashed = Payment(partner_id=a.id, invoice_ref="RS-X", amount_minor=1, currency="BRL", due_on=D,
                          deleted_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
        s.add(trashed)
    return workspace


def test_rows_join_partner_and_skip_the_trash(ledger) -> None:  # type: ignore[no-untyped-def]
    rows = P.load_rows(ledger)
    assert [r.invoice_ref for r in rows] == ["KS-1", "RS-1", "RS-4", "KS-2", "RS-3", "RS-2", "RS-5"]
    rs1 = rows[1]
    assert (rs1.partner_name, rs1.partner_color, rs1.status(D), rs1.days_overdue(D), rs1.bucket(D)) == \
        ("Rota Sul", "#aa3300", PaymentStatus.OVERDUE, 45, AgingBucket.DAYS_31_60)
    assert [r.invoice_ref for r in P.load_rows(ledger, trashed=True)] == ["RS-X"]


def test_filters_combine(ledger) -> None:  # type: ignore[no-untyped-def]
    refs = lambda flt: [r.invoice_ref for r in P.list_payments(ledger, flt, D)]  # noqa: E731
    assert refs(P.PaymentFilter(direction=PaymentDirection.RECEIVABLE)) == ["KS-1", "KS-2"]
    assert refs(P.PaymentFilter(statuses=frozenset({PaymentStatus.OVERDUE}), currencies=frozenset({"BRL"}))) == \
        ["RS-1"]
    assert refs(P.PaymentFilter(text="RETAIN")) == ["RS-5"]
    assert refs(P.PaymentFilter(text="kansai", statuses=frozenset({PaymentStatus.PAID_LATE}))) == ["KS-2"]
    assert refs(P.PaymentFilter(due_from=D - 3 * day, due_to=D + 2 * day)) == ["RS-3", "RS-2"]
    assert refs(P.PaymentFilter(bucket=AgingBucket.OVER_90)) == ["KS-1"]


def test_totals_and_aging_are_per_currency(ledger) -> None:  # type: ignore[no-untyped-def]
    rows = P.load_rows(ledger)
    totals = P.totals_per_currency(rows, D)
    assert list(totals) == ["BRL", "EUR", "JPY"]
    assert (totals["BRL"].open_minor, totals["BRL"].overdue_minor, totals["BRL"].paid_minor) == \
        (1882500, 1822500, 10000)
    assert (totals["JPY"].open_minor, totals["JPY"].overdue_minor, totals["JPY"].paid_minor) == \
        (300000, 300000, 120000)
    assert P.totals_per_currency(rows, D, paid_from=D - 6 * day)["BRL"].paid_minor == 0
    aging = P.aging_per_currency(rows, D)
    assert aging["BRL"][AgingBucket.CURRENT].amount_minor == 60000
    assert aging["BRL"][AgingBucket.DAYS_31_60].amount_minor == 1822500
    assert aging["EUR"][AgingBucket.DAYS_1_30].count == 1
    assert aging["JPY"][AgingBucket.OVER_90].amount_minor == 300000


def test_due_payables_within_days(ledger) -> None:  # type: ignore[no-untyped-def]
    due = P.due_payables(ledger, D, within_days=7)
    assert [r.invoice_ref for r in due] == ["RS-1", "RS-3", "RS-2"]  # receivables and later ones left out
    totals = P.due_payables_totals(ledger, D, within_days=7)
    assert list(totals) == ["BRL", "EUR"]
    assert (totals["BRL"].overdue_minor, totals["BRL"].due_minor, totals["BRL"].total_minor) == \
        (1822500, 50000, 1872500)
    assert totals["EUR"].overdue_count == 1
    assert [r.invoice_ref for r in P.due_payables(ledger, D, within_days=1)] == ["RS-1", "RS-3"]


def test_partner_summary_and_settings(ledger) -> None:  # type: ignore[no-untyped-def]
    rows = P.load_rows(ledger)
    kansai = next(r.partner_id for r in rows if r.invoice_ref == "KS-1")
    summary = P.partner_summary(ledger, kansai, D)
    assert summary.payables_on_time is None
    assert summary.receivables_on_time is not None
    # KS-1 open 100 days past due and KS-2 paid 5 days late: neither on time.
    assert (summary.receivables_on_time.on_time, summary.receivables_on_time.counted) == (0, 2)
    assert summary.next_due is not None and summary.next_due.invoice_ref == "KS-1"
    assert (P.grace_days(ledger), P.reminder_days(ledger)) == (0, 3)
    with ledger.transaction() as s:
        s.add(Setting(key=P.GRACE_DAYS_KEY, value=5))
    assert P.grace_days(ledger) == 5
    summary = P.partner_summary(ledger, kansai, D)
    assert summary.receivables_on_time is not None and summary.receivables_on_time.rate == 0.5  # KS-2 in grace


def test_incremental_summary_matches_the_full_functions(ledger) -> None:  # type: ignore[no-untyped-def]
    rows = P.load_rows(ledger)
    summary = P.LedgerSummary(D)
    summary.add_base(rows)
    summary.add_shown(rows)
    assert summary.totals() == P.totals_per_currency(rows, D)
    assert summary.aging() == P.aging_per_currency(rows, D)
    full = {k: v for k, v in P.on_time_by_partner(rows, D, 0, None).items() if v.counted}
    assert summary.on_time() == full
    # a payment marked paid: remove the old row, add the new one
    old = next(r for r in rows if r.invoice_ref == "RS-1")
    new = old._replace(paid_on=D)
    for add in (summary.add_base, summary.add_shown):
        add([old], -1)
        add([new])
    changed = [new if r.id == old.id else r for r in rows]
    assert summary.totals() == P.totals_per_currency(changed, D)
    assert summary.aging() == P.aging_per_currency(changed, D)
    assert summary.on_time() == {k: v for k, v in P.on_time_by_partner(changed, D, 0, None).items() if v.counted}
