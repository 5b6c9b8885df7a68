"""A partner's contracts: every one of them listed, added, edited, ended and removed, each write one transaction
with an activity-log entry, and each returning what an undo needs (snapshots keep the contract's own id)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from partnerdesk.domain.enums import Action
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.partners import next_review, notice_deadline
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.store.models import Contract, Partner

CONTRACT_FIELDS = ("title", "start_on", "end_on", "our_obligations", "partner_obligations", "payment_terms",
                   "delivery_terms", "review_every_months", "notice_days", "dispute_resolution", "document_path")

UPCOMING, ACTIVE, ENDED = "upcoming", "active", "ended"


@dataclass(frozen=True)
class ContractLine:
    """One contract as the profile lists it, with its dates worked out for ``today``."""

    id: int
    title: str
    start_on: dt.date
    end_on: dt.date | None
    state: str  # UPCOMING | ACTIVE | ENDED
    next_review: dt.date | None
    notice_by: dt.date | None
    values: dict[str, Any] = field(default_factory=dict, compare=False)  # every field, as :meth:`snapshot` gives


def contract_state(start_on: dt.date, end_on: dt.date | None, today: dt.date) -> str:
    if start_on > today:
        return UPCOMING
    if end_on is not None and end_on < today:
        return ENDED
    return ACTIVE


def _check(values: dict[str, Any], start: dt.date | None, end: dt.date | None) -> None:
    unknown = set(values) - set(CONTRACT_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(N_("Unknown field: {name}"), field=name, name=name)
    if start is None:
        raise ValidationError(N_("A contract needs a start date."), field="start_on")
    if end is not None and end < start:
        raise ValidationError(N_("The contract cannot end before it starts."), field="end_on")
    if values.get("review_every_months") is not None and int(values["review_every_months"]) <= 0:
        raise ValidationError(N_("The review cadence must be at least one month."), field="review_every_months")
    if int(values.get("notice_days", 0) or 0) < 0:
        raise ValidationError(N_("The notice period cannot be negative."), field="notice_days")
    if "title" in values:
        values["title"] = (values["title"] or "").strip()


def _values(c: Contract) -> dict[str, Any]:
    return {"id": c.id, "partner_id": c.partner_id, **{k: getattr(c, k) for k in CONTRACT_FIELDS},
            "row_version": c.row_version}


class ContractService(Service):
    def lines(self, partner_id: int, today: dt.date | None = None) -> list[ContractLine]:
        """Every contract of the partner, the newest start first."""
        today = today or dt.date.today()
        with self.workspace.session() as s:
            rows = s.scalars(select(Contract).where(Contract.partner_id == partner_id)
                             .order_by(Contract.start_on.desc(), Contract.id.desc())).all()
            lines = []
            for c in rows:
                state = contract_state(c.start_on, c.end_on, today)
                ended = state == ENDED  # an ended contract has no review or notice date coming
                lines.append(ContractLine(
                    c.id, c.title, c.start_on, c.end_on, state,
                    None if ended else next_review(c.start_on, c.review_every_months, today, c.end_on),
                    None if ended else notice_deadline(c.end_on, c.notice_days), _values(c)))
            return lines

    def snapshot(self, contract_id: int) -> dict[str, Any]:
        with self.workspace.session() as s:
            return _values(self.get(s, Contract, contract_id))

    def save(self, partner_id: int, contract_id: int | None = None, *, expected_version: int | None = None,
             **values: Any) -> tuple[int, ChangeSet]:
        """Add a contract (``contract_id`` None) or change one; returns its id and the change report.
        ``expected_version``: the contract's version the edit started from (an edit conflict, nothing written,
        if someone else changed it since)."""
        with self.unit_of_work() as (s, changes):
            self.get(s, Partner, partner_id)
            contract = self.get_at(s, Contract, contract_id, expected_version) if contract_id else None
            if contract is not None and contract.partner_id != partner_id:
                raise ValidationError(N_("This contract belongs to another partner."))
            start = values["start_on"] if "start_on" in values else (contract.start_on if contract else None)
            end = values["end_on"] if "end_on" in values else (contract.end_on if contract else None)
            _check(values, start, end)
            if contract is None:
                contract = Contract(partner_id=partner_id, **values)
                s.add(contract)
                s.flush()
                self.log(s, "contract", contract.id, Action.CREATE, contract.title, partner_id=partner_id)
                changes.add("created", "contract", contract.id)
            else:
                diff = apply_changes(contract, values)
                if diff:
                    self.log(s, "contract", contract.id, Action.UPDATE, contract.title, diff, partner_id=partner_id)
                    changes.add("updated", "contract", contract.id)
            changes.add("updated", "partner", partner_id)
            return contract.id, changes

    def end(self, contract_id: int, on: dt.date) -> ChangeSet:
        """End the contract on ``on`` (the last day it applies)."""
        partner_id = self.snapshot(contract_id)["partner_id"]
        return self.save(partner_id, contract_id, end_on=on)[1]

    def delete(self, contract_id: int) -> tuple[dict[str, Any], ChangeSet]:
        """Remove; returns the snapshot :meth:`restore` brings back (undo)."""
        data = self.snapshot(contract_id)
        with self.unit_of_work() as (s, changes):
            contract = self.get(s, Contract, contract_id)
            self.log(s, "contract", contract.id, Action.DELETE, contract.title, partner_id=contract.partner_id)
            s.delete(contract)
            changes.add("deleted", "contract", contract_id)
            changes.add("updated", "partner", data["partner_id"])
            return data, changes

    def restore(self, data: dict[str, Any]) -> ChangeSet:
        """Bring back a removed contract with its own id."""
        with self.unit_of_work() as (s, changes):
            self.get(s, Partner, data["partner_id"])
            contract = Contract(**data)
            s.add(contract)
            s.flush()
            self.log(s, "contract", contract.id, Action.RESTORE, contract.title, partner_id=contract.partner_id)
            changes.add("created", "contract", contract.id)
            changes.add("updated", "partner", contract.partner_id)
            return changes
