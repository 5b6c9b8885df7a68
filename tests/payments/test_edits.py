"""Payment writes: validation at the field, one transaction, activity log, trash, mark paid/unpaid, snapshots."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind, PaymentMethod
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.money import UnknownCurrencyError
from partnerdesk.services import payments as P
from partnerdesk.services.payment_edits import (
    DuplicateInvoiceError,
    PaidBeforeInvoiceError,
    PaidInFutureError,
    PaymentService,
)
from partnerdesk.store.models import ActivityLog, Partner

D = dt.date(2026, 3, 2)


@pytest.fixture
def svc(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add(Partner(name="Rota Sul", kind=PartnerKind.LOGISTICS))
    return PaymentService(workspace, today=D)


def _pid(svc: PaymentService) -> int:
    with svc.workspace.session() as s:
        return s.scalar(select(Partner.id))


def test_create_edit_trash_restore(svc: PaymentService) -> None:
    pid = _pid(svc)
    new_id, changes = svc.create(partner_id=pid, invoice_ref=" RS-1 ", amount_minor=1822500, currency="BRL",
                                 due_on=D, issued_on=D - dt.timedelta(days=30))
    assert changes.created == {"payment": {new_id}}
    row = P.load_rows(svc.workspace)[0]
    assert (row.invoice_ref, row.amount_minor, row.currency) == ("RS-1", 1822500, "BRL")
    svc.update(new_id, {"amount_minor": 1900000})
    assert P.load_rows(svc.workspace)[0].amount_minor == 1900000
    assert svc.trash([new_id]).deleted == {"payment": {new_id}}
    assert P.load_rows(svc.workspace) == []
    svc.restore([new_id])
    assert len(P.load_rows(svc.workspace)) == 1
    with svc.workspace.session() as s:
        actions = [a.action.value for a in s.scalars(select(ActivityLog).where(ActivityLog.entity == "payment"))]
    assert actions == ["create", "update", "delete", "restore"]


@pytest.mark.parametrize(("values", "error", "field"), [
    ({"currency": "XYZ"}, UnknownCurrencyError, "currency"),
    ({"paid_on": D + dt.timedelta(days=1)}, PaidInFutureError, "paid_on"),
    ({"paid_on": D - dt.timedelta(days=40)}, PaidBeforeInvoiceError, "paid_on"),
    ({"invoice_ref": "  "}, ValidationError, "invoice_ref"),
    ({"amount_minor": -1}, ValidationError, "amount"),
])
def test_bad_values_change_nothing(svc: PaymentService, values: dict, error: type, field: str) -> None:
    pid = _pid(svc)
    base = dict(partner_id=pid, invoice_ref="RS-1", amount_minor=100, currency="EUR", due_on=D,
                issued_on=D - dt.timedelta(days=30))
    with pytest.raises(error) as info:
        svc.create(**(base | values))
    assert info.value.field == field and info.value.message
    assert P.load_rows(svc.workspace) == []
    good, _ = svc.create(**base)
    with pytest.raises(error):
        svc.update(good, values)
    assert P.load_rows(svc.workspace)[0].amount_minor == 100


def test_duplicate_invoice_per_partner(svc: PaymentService) -> None:
    pid = _pid(svc)
    svc.create(partner_id=pid, invoice_ref="RS-1", amount_minor=1, currency="EUR", due_on=D)
    with pytest.raises(DuplicateInvoiceError):
        svc.create(partner_id=pid, invoice_ref="RS-1", amount_minor=2, currency="EUR", due_on=D)


def test_mark_paid_several_and_restore_snapshot(svc: PaymentService) -> None:
    pid = _pid(svc)
    ids = [svc.create(partner_id=pid, invoice_ref=f"RS-{i}", amount_minor=100, currency="EUR", due_on=D)[0]
           for i in range(3)]
    before = svc.snapshot(ids[:2])
    changes = svc.mark_paid(ids[:2], D - dt.timedelta(days=1), PaymentMethod.PIX)
    assert changes.updated == {"payment": set(ids[:2])}
    rows = {r.id: r for r in P.load_rows(svc.workspace)}
    assert rows[ids[0]].paid_on == D - dt.timedelta(days=1) and rows[ids[0]].method == PaymentMethod.PIX
    assert rows[ids[2]].paid_on is None
    svc.restore_snapshot(before)
    assert all(r.paid_on is None and r.method == PaymentMethod.BANK_TRANSFER for r in P.load_rows(svc.workspace))
    svc.mark_paid(ids)
    assert all(r.paid_on == D for r in P.load_rows(svc.workspace))
    svc.mark_unpaid([ids[1]])
    assert {r.id for r in P.load_rows(svc.workspace) if r.paid_on is None} == {ids[1]}


def test_settings(svc: PaymentService) -> None:
    svc.set_grace_days(3)
    svc.set_reminder_days(5)
    assert (P.grace_days(svc.workspace), P.reminder_days(svc.workspace)) == (3, 5)
    with pytest.raises(ValidationError):
        svc.set_grace_days(-1)
