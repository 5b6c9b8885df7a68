"""Payments to and from CSV files. Export: the (filtered) ledger rows. Import: the whole file or nothing, with
every bad row listed.

Rows are checked against the workspace (the partner must exist, its invoice must be new, the dates must make
sense) before anything is written; then all rows are added in one transaction with one activity entry each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from partnerdesk.domain.enums import Action
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.interop.payments_csv import (
    PaymentReadResult,
    PaymentRecord,
    read_payments_csv,
    write_payments_csv,
)
from partnerdesk.interop.records import RecordError, UnreadableFileError
from partnerdesk.l10n import N_, _, ngettext
from partnerdesk.services.base import ChangeSet
from partnerdesk.services.payment_edits import ENTITY, PaymentService, validate_values
from partnerdesk.services.payments import PaymentRow
from partnerdesk.store.models import Partner, Payment


class ImportRejectedError(PartnerDeskError):
    """The file had bad rows; ``errors`` lists each (row number, line, message). Nothing was imported."""

    template = N_("Nothing was imported: {count} rows have problems.")

    def __init__(self, errors: Sequence[RecordError]) -> None:
        self.errors = list(errors)
        super().__init__(count=len(self.errors))

    @property
    def message(self) -> str:
        head = ngettext("Nothing was imported: {count} row has a problem.",
                        "Nothing was imported: {count} rows have problems.", len(self.errors)).format(
            count=len(self.errors))
        lines = [_("Line {line}: {message}").format(line=e.line, message=e.message) for e in self.errors[:20]]
        return "\n".join([head, *lines])


@dataclass
class ImportPlan:
    """Checked rows ready to write (partner ids resolved), or the errors that block the import."""

    values: list[dict[str, object]]
    errors: list[RecordError]


def check_records(service: PaymentService, records: Sequence[PaymentRecord],
                  read_errors: Sequence[RecordError] = ()) -> ImportPlan:
    """Every problem of every row, in file order: reading errors, unknown partner, duplicate invoice (in the
    workspace or twice in the file), paid date in the future or before the invoice date."""
    errors = list(read_errors)
    with service.workspace.session() as s:
        partners = {name.casefold(): pid for pid, name in s.execute(select(Partner.id, Partner.name))}
        existing = {(pid, ref) for pid, ref in s.execute(select(Payment.partner_id, Payment.invoice_ref))}
    seen: set[tuple[int, str]] = set()
    values: list[dict[str, object]] = []
    for number, r in enumerate(records, start=1):
        pid = partners.get(r.partner.strip().casefold())
        if pid is None:
            errors.append(RecordError(number, r.line, _("No partner is called “{name}”.").format(name=r.partner)))
            continue
        key = (pid, r.invoice_ref.strip())
        if key in existing or key in seen:
            errors.append(RecordError(number, r.line, _("Invoice “{invoice}” of {partner} is already in the "
                                                        "workspace or twice in the file.").format(
                invoice=r.invoice_ref, partner=r.partner)))
            continue
        seen.add(key)
        row = {"partner_id": pid, "invoice_ref": r.invoice_ref, "direction": r.direction,
               "amount_minor": r.amount_minor, "currency": r.currency, "issued_on": r.issued_on,
               "due_on": r.due_on, "paid_on": r.paid_on, "method": r.method, "notes": r.notes}
        try:
            values.append(validate_values(row, service.today))
        except PartnerDeskError as exc:
            errors.append(RecordError(number, r.line, exc.message))
    errors.sort(key=lambda e: e.line)
    return ImportPlan(values, errors)


def import_payments(service: PaymentService, records: Sequence[PaymentRecord],
                    read_errors: Sequence[RecordError] = ()) -> ChangeSet:
    """Add every record, or none: raises :class:`ImportRejectedError` listing all bad rows."""
    plan = check_records(service, records, read_errors)
    if plan.errors:
        raise ImportRejectedError(plan.errors)
    with service.unit_of_work() as (s, changes):
        added = [Payment(**v) for v in plan.values]
        s.add_all(added)
        s.flush()
        for p in added:
            service.log(s, ENTITY, p.id, Action.IMPORT, service._summary(p), partner_id=p.partner_id)
        changes.add("created", ENTITY, [p.id for p in added])
        return changes


def export_csv(rows: Iterable[PaymentRow], on: dt.date, grace: int = 0) -> bytes:
    """The rows as CSV: amounts as plain decimals with a currency column, status and days overdue as of ``on``."""
    return write_payments_csv(
        (r.partner_name, r.invoice_ref, r.direction.value, r.amount_minor, r.currency, r.issued_on, r.due_on,
         r.paid_on, r.method.value, r.status(on, grace).value, r.days_overdue(on), r.notes) for r in rows)


def read_file(path: Path) -> PaymentReadResult:
    """Read a payments CSV file; an unreadable file is a translated error naming it."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFileError(name=str(path), reason=exc.strerror or str(exc)) from exc
    return read_payments_csv(data)
