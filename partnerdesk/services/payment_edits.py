"""Payments, write side: add, edit, trash/restore, mark paid/unpaid, workspace payment settings.

Each call is one transaction with an activity-log entry per payment and returns a :class:`ChangeSet`
(entity ``"payment"``). Amounts arrive in minor units; the currency's CLDR digits are the UI's business when it
parses text (``domain.money.to_minor``), but the currency itself and the dates are checked here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from partnerdesk.domain.enums import Action, PaymentDirection, PaymentMethod
from partnerdesk.domain.errors import NotFoundError, ValidationError
from partnerdesk.domain.money import check_currency, plain_amount
from partnerdesk.l10n import N_, format_date
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.services.payments import (
    DEFAULT_GRACE_DAYS,
    DEFAULT_REMINDER_DAYS,
    GRACE_DAYS_KEY,
    REMINDER_DAYS_KEY,
    PaymentRow,
    load_rows,
)
from partnerdesk.store.models import Partner, Payment, Setting, utcnow

ENTITY = "payment"
FIELDS = ("partner_id", "invoice_ref", "direction", "amount_minor", "currency", "issued_on", "due_on", "paid_on",
          "method", "notes", "schedule_id")


class InvoiceRequiredError(ValidationError):
    template = N_("Enter the invoice reference.")


class DuplicateInvoiceError(ValidationError):
    template = N_("This partner already has a payment with invoice “{invoice}”.")


class PaidInFutureError(ValidationError):
    template = N_("The paid date {date} is in the future.")


class PaidBeforeInvoiceError(ValidationError):
    template = N_("The paid date {date} is before the invoice date {issued}.")


class DueBeforeInvoiceError(ValidationError):
    template = N_("The due date is before the invoice date.")


class PartnerRequiredError(ValidationError):
    template = N_("Choose the partner this payment belongs to.")


class SettingRangeError(ValidationError):
    template = N_("Enter a number of days between {low} and {high}.")


def validate_values(values: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """Normalise and check payment fields (a full or partial set); raise a field error, change nothing."""
    today = today or dt.date.today()
    out = dict(values)
    if "invoice_ref" in out:
        out["invoice_ref"] = str(out["invoice_ref"]).strip()
        if not out["invoice_ref"]:
            raise InvoiceRequiredError(field="invoice_ref")
    if "currency" in out:
        out["currency"] = check_currency(str(out["currency"]).strip())
    if "amount_minor" in out:
        amount = int(out["amount_minor"])
        if amount < 0:
            from partnerdesk.domain.money import NegativeAmountError

            raise NegativeAmountError(field="amount")
        out["amount_minor"] = amount
    if "direction" in out:
        out["direction"] = PaymentDirection(out["direction"])
    if "method" in out:
        out["method"] = PaymentMethod(out["method"])
    if "notes" in out:
        out["notes"] = str(out["notes"] or "")
    paid, issued, due = out.get("paid_on"), out.get("issued_on"), out.get("due_on")
    if paid is not None and paid > today:
        raise PaidInFutureError(field="paid_on", date=format_date(paid))
    if paid is not None and issued is not None and paid < issued:
        raise PaidBeforeInvoiceError(field="paid_on", date=format_date(paid), issued=format_date(issued))
    if due is not None and issued is not None and due < issued:
        raise DueBeforeInvoiceError(field="due_on")
    return out


class PaymentService(Service):
    """Use cases that change payments. ``today`` can be fixed for tests and the CLI ``--date`` option."""

    def __init__(self, workspace: Any, actor_id: int | None = None, today: dt.date | None = None) -> None:
        super().__init__(workspace, actor_id)
        self._today = today

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # --- reading what undo needs ---------------------------------------------------------------------------
    def snapshot(self, payment_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Every editable field of each payment, to put back later with :meth:`restore_snapshot`."""
        with self.workspace.session() as s:
            return {p.id: {f: getattr(p, f) for f in FIELDS}
                    for p in s.scalars(select(Payment).where(Payment.id.in_(list(payment_ids))))}

    # --- writes ---------------------------------------------------------------------------------------------
    def create(self, **values: Any) -> tuple[int, ChangeSet]:
        """Add one payment; returns its id and the change set."""
        values.setdefault("direction", PaymentDirection.PAYABLE)
        values.setdefault("method", PaymentMethod.BANK_TRANSFER)
        values.setdefault("notes", "")
        for name in ("invoice_ref", "currency", "amount_minor"):
            values.setdefault(name, "" if name != "amount_minor" else 0)
        values = validate_values(values, self.today)
        if not values.get("partner_id"):
            raise PartnerRequiredError(field="partner_id")
        with self.unit_of_work() as (s, changes):
            self._check_unique(s, values["partner_id"], values["invoice_ref"], None)
            payment = Payment(**values)
            s.add(payment)
            s.flush()
            self.log(s, ENTITY, payment.id, Action.CREATE, self._summary(payment), partner_id=payment.partner_id)
            changes.add("created", ENTITY, payment.id)
            return payment.id, changes

    def update(self, payment_id: int, values: Mapping[str, Any], expected_version: int | None = None) -> ChangeSet:
        """Change some fields of one payment (checked together with the fields it keeps); ``expected_version``:
        the version the edit started from (an edit conflict, nothing written, if someone changed it since)."""
        return self.update_many({payment_id: values},
                                {payment_id: expected_version} if expected_version is not None else None)

    def update_many(self, values_by_id: Mapping[int, Mapping[str, Any]],
                    expected: Mapping[int, int] | None = None) -> ChangeSet:
        """Change several payments in one transaction (series edits, undo of them); ``expected``: {id: version}
        the edit started from, for those known."""
        expected = expected or {}
        with self.unit_of_work() as (s, changes):
            for pid, values in values_by_id.items():
                payment = self.get_at(s, Payment, pid, expected.get(pid))
                merged = {f: getattr(payment, f) for f in FIELDS} | dict(values)
                checked = validate_values(merged, self.today)
                if not checked.get("partner_id"):
                    raise PartnerRequiredError(field="partner_id")
                self._check_unique(s, checked["partner_id"], checked["invoice_ref"], pid)
                diff = apply_changes(payment, {k: checked[k] for k in values})
                if diff:
                    self.log(s, ENTITY, pid, Action.UPDATE, self._summary(payment), diff,
                             partner_id=payment.partner_id)
                    changes.add("updated", ENTITY, pid)
            return changes

    def restore_snapshot(self, snapshot: Mapping[int, Mapping[str, Any]],
                         expected: Mapping[int, int] | None = None) -> ChangeSet:
        """Put payments back as :meth:`snapshot` saw them (undo), if still at the ``expected`` versions."""
        return self.update_many(snapshot, expected)

    def row_at(self, payment_id: int) -> tuple[PaymentRow, int]:
        """One payment as the ledger shows it, fresh, with the row version it has (what an edit starts from).
        Read until the version is the same before and after the row, so the two belong together."""
        while True:
            before = self.version_of(Payment, payment_id)
            rows = load_rows(self.workspace, [payment_id])
            if not rows:
                raise NotFoundError()
            if self.version_of(Payment, payment_id) == before:
                return rows[0], before

    def mark_paid(self, payment_ids: Iterable[int], paid_on: dt.date | None = None,
                  method: PaymentMethod | None = None) -> ChangeSet:
        """Mark payments paid on ``paid_on`` (default today), optionally by ``method``: one transaction."""
        values = self.paid_values(paid_on, method)
        return self.update_many({pid: values for pid in payment_ids})

    def paid_values(self, paid_on: dt.date | None = None, method: PaymentMethod | None = None) -> dict[str, Any]:
        """The fields marking a payment paid on ``paid_on`` (default today), optionally by ``method``."""
        values: dict[str, Any] = {"paid_on": paid_on or self.today}
        if method is not None:
            values["method"] = PaymentMethod(method)
        return values

    def mark_unpaid(self, payment_ids: Iterable[int]) -> ChangeSet:
        return self.update_many({pid: {"paid_on": None} for pid in payment_ids})

    def trash(self, payment_ids: Iterable[int]) -> ChangeSet:
        """Move payments to the trash (they leave the ledger, totals and reminders)."""
        return self._set_deleted(payment_ids, utcnow(), Action.DELETE)

    def restore(self, payment_ids: Iterable[int]) -> ChangeSet:
        return self._set_deleted(payment_ids, None, Action.RESTORE)

    def _set_deleted(self, payment_ids: Iterable[int], when: dt.datetime | None, action: Action) -> ChangeSet:
        with self.unit_of_work() as (s, changes):
            for pid in payment_ids:
                payment = self.get(s, Payment, pid)
                if (payment.deleted_at is None) == (when is None):
                    continue
                payment.deleted_at = when
                self.log(s, ENTITY, pid, action, self._summary(payment), partner_id=payment.partner_id)
                changes.add("deleted" if when else "created", ENTITY, pid)
            return changes

    # --- settings -------------------------------------------------------------------------------------------
    def set_grace_days(self, days: int) -> ChangeSet:
        return self._set_setting(GRACE_DAYS_KEY, days, 0, 60, DEFAULT_GRACE_DAYS)

    def set_reminder_days(self, days: int) -> ChangeSet:
        return self._set_setting(REMINDER_DAYS_KEY, days, 0, 60, DEFAULT_REMINDER_DAYS)

    def _set_setting(self, key: str, days: int, low: int, high: int, default: int) -> ChangeSet:
        if not low <= int(days) <= high:
            raise SettingRangeError(field=key, low=low, high=high)
        with self.unit_of_work() as (s, changes):
            row = s.get(Setting, key)
            old = default if row is None else row.value
            if row is None:
                s.add(Setting(key=key, value=int(days)))
            else:
                row.value = int(days)
            self.log(s, "setting", 0, Action.UPDATE, key, {key: [old, int(days)]})
            changes.add("updated", "setting", 0)
            return changes

    # --- helpers --------------------------------------------------------------------------------------------
    @staticmethod
    def _summary(payment: Payment) -> str:
        return f"{payment.invoice_ref} · {plain_amount(payment.amount_minor, payment.currency)} {payment.currency}"

    @staticmethod
    def _check_unique(s: Any, partner_id: int, invoice: str, own_id: int | None) -> None:
        if s.get(Partner, partner_id) is None:
            raise PartnerRequiredError(field="partner_id")
        other = s.scalar(select(Payment.id).where(Payment.partner_id == partner_id, Payment.invoice_ref == invoice))
        if other is not None and other != own_id:
            raise DuplicateInvoiceError(field="invoice_ref", invoice=invoice)
