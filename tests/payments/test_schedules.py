"""Schedules: a series of payments from the calendar's recurrence rules; series edits ("this and following")."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.domain.recurrence import Repeat, Rule
from partnerdesk.services import payments as P
from partnerdesk.services.payment_schedules import (
    ScheduleEndError,
    ScheduleService,
    describe_schedule,
    schedule_dates,
)
from partnerdesk.store.models import Partner
from partnerdesk.ui.payments.view import series_edit

D = dt.date(2026, 3, 2)


@pytest.fixture
def svc(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add(Partner(name="Studio Ventura", kind=PartnerKind.AGENCY))
    return ScheduleService(workspace, today=D)


def _pid(svc: ScheduleService) -> int:
    return P.partner_choices(svc.workspace)[0][0]


def test_monthly_retainer_on_day_5_for_12_months(svc: ScheduleService) -> None:
    rule = Rule(Repeat.MONTHLY, month_day=5, count=12).to_rrule()
    assert describe_schedule(rule) == "Every month, on day 5, 12 times"
    _sid, changes = svc.create_schedule(partner_id=_pid(svc), amount_minor=250000, currency="EUR", rrule=rule,
                                        start_on=dt.date(2026, 4, 1), invoice_prefix="RET-2026")
    rows = P.load_rows(svc.workspace)
    assert len(rows) == 12 == len(changes.created["payment"])
    assert [r.due_on for r in rows[:3]] == [dt.date(2026, 4, 5), dt.date(2026, 5, 5), dt.date(2026, 6, 5)]
    assert rows[-1].due_on == dt.date(2027, 3, 5)
    assert [r.invoice_ref for r in rows[:2]] == ["RET-2026-01", "RET-2026-02"]
    assert {r.amount_minor for r in rows} == {250000} and len({r.schedule_id for r in rows}) == 1


def test_quarterly_and_rules_without_end(svc: ScheduleService) -> None:
    quarterly = Rule(Repeat.MONTHLY, interval=3, month_day=1, count=4).to_rrule()
    assert schedule_dates(dt.date(2026, 1, 1), quarterly) == [dt.date(2026, 1, 1), dt.date(2026, 4, 1),
                                                               dt.date(2026, 7, 1), dt.date(2026, 10, 1)]
    with pytest.raises(ScheduleEndError):
        svc.create_schedule(partner_id=_pid(svc), amount_minor=1, currency="EUR", rrule="FREQ=MONTHLY",
                            start_on=D, invoice_prefix="X")
    assert P.load_rows(svc.workspace) == []


def test_this_and_following_edit(svc: ScheduleService) -> None:
    rule = Rule(Repeat.MONTHLY, month_day=5, count=6).to_rrule()
    svc.create_schedule(partner_id=_pid(svc), amount_minor=250000, currency="EUR", rrule=rule,
                        start_on=dt.date(2026, 1, 1), invoice_prefix="RET")
    rows = P.load_rows(svc.workspace)
    svc.mark_paid([rows[0].id], dt.date(2026, 1, 5))
    rows = P.load_rows(svc.workspace)
    third = rows[2]
    values = {"partner_id": third.partner_id, "invoice_ref": third.invoice_ref, "amount_minor": 300000,
              "currency": "EUR", "due_on": third.due_on + dt.timedelta(days=2), "notes": "new rate"}
    targets = series_edit(third, values, rows)
    assert set(targets) == {r.id for r in rows[2:]}
    before = svc.snapshot(targets)
    svc.update_many(targets)
    after = P.load_rows(svc.workspace)
    assert [r.amount_minor for r in after] == [250000, 250000, 300000, 300000, 300000, 300000]
    assert [r.due_on.day for r in after] == [5, 5, 7, 7, 7, 7]
    assert [r.invoice_ref for r in after] == [f"RET-{n:02d}" for n in range(1, 7)]
    svc.restore_snapshot(before)
    assert [r.amount_minor for r in P.load_rows(svc.workspace)] == [250000] * 6


def test_schedule_dialog_from_the_view_creates_a_series_in_one_undo_step(payments_window) -> None:  # type: ignore[no-untyped-def]
    from tests.payments.test_view import open_payments

    view = open_payments(payments_window)
    before = view.model.rowCount()
    view.buttons["schedule"].click()
    dialog = view.dialog
    assert "12 payments" in dialog.series.text()
    dialog.amount.setText("2,500.00")
    dialog.currency.setCurrentText("EUR")
    dialog.prefix.setText("RET-X")
    dialog.recurrence.count.setValue(4)
    assert "4 payments" in dialog.series.text()
    dialog.save()
    assert view.model.rowCount() == before + 4
    new = [r for r in view.model.rows.values() if r.invoice_ref.startswith("RET-X")]
    assert {r.amount_minor for r in new} == {250000} and all(r.due_on.day == 5 for r in new)
    payments_window.context.undo_stack.undo()
    assert view.model.rowCount() == before


def test_schedule_dialog_refuses_a_bad_amount_at_the_field(payments_window) -> None:  # type: ignore[no-untyped-def]
    from tests.payments.test_view import open_payments

    view = open_payments(payments_window)
    before = view.model.rowCount()
    view.buttons["schedule"].click()
    dialog = view.dialog
    dialog.amount.setText("10.5")
    dialog.currency.setCurrentText("JPY")
    dialog.prefix.setText("J")
    dialog.save()
    assert dialog.isVisible() or dialog.result() != 1
    assert "JPY" in dialog.error.text() and not dialog.error.isHidden()
    assert view.model.rowCount() == before


def test_editing_a_scheduled_payment_this_and_following_from_the_view(payments_window) -> None:  # type: ignore[no-untyped-def]
    from tests.payments.test_view import open_payments

    view = open_payments(payments_window)
    view.buttons["schedule"].click()
    dialog = view.dialog
    dialog.amount.setText("100.00")
    dialog.currency.setCurrentText("EUR")
    dialog.prefix.setText("SER")
    dialog.recurrence.count.setValue(5)
    dialog.save()
    series = sorted((r for r in view.model.rows.values() if r.invoice_ref.startswith("SER-")), key=lambda r: r.due_on)
    assert len(series) == 5
    view.filters.text.setText("SER-")
    view.select_ids([series[2].id])
    view.buttons["edit"].click()
    edit = view.dialog
    assert edit.scope.isVisibleTo(edit)  # only a scheduled payment asks "this / this and following"
    edit.amount.setText("120.00")
    edit.scope.setCurrentIndex(edit.scope.findData("following"))
    edit.save()
    after = sorted((r for r in view.model.rows.values() if r.invoice_ref.startswith("SER-")), key=lambda r: r.due_on)
    assert [r.amount_minor for r in after] == [10000, 10000, 12000, 12000, 12000]
    payments_window.context.undo_stack.undo()  # one step for the whole series edit
    again = [r.amount_minor for r in view.model.rows.values() if r.invoice_ref.startswith("SER-")]
    assert again == [10000] * 5
