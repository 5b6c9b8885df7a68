"""Undoable ledger edits: each command calls the payment service and announces what changed through the hub.

Pushed with :func:`partnerdesk.ui.undo.push`: a change the service refuses raises before anything lands on
the undo stack. Several rows marked paid together are one command, so one undo step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from partnerdesk.domain.enums import PaymentMethod
from partnerdesk.l10n import _, ngettext
from partnerdesk.services.payment_edits import PaymentService
from partnerdesk.ui.context import ChangeHub
from partnerdesk.ui.undo import ServiceCommand, left_versions

ENTITY = "payment"


class _Snapshotting(ServiceCommand):
    """Edits existing payments; undo puts back every field as it was before the first apply."""

    def __init__(self, text: str, service: PaymentService, hub: ChangeHub, ids: list[int],
                 expected: Mapping[int, int] | None = None) -> None:
        super().__init__(text)
        self.service, self.hub, self.ids = service, hub, list(ids)
        self._before: dict[int, dict[str, Any]] | None = None
        self.start_versions = dict(expected or {})  # {id: version} the user started from, where known
        self._left: dict[int, int] = {}  # {id: version} this step left (after apply, or after its undo)

    def expected(self) -> dict[int, int]:
        """The versions the payments must be at now: where the user started, then where this step left them
        (followed through this window's later changes): someone else's change in between is a conflict."""
        if not self._left:
            return self.start_versions
        return self.hub.ledger.reach_all(ENTITY, self._left)

    def apply(self) -> None:
        if self._before is None:
            self._before = self.service.snapshot(self.ids)
        self._announce(self.change())

    def change(self) -> Any:
        raise NotImplementedError

    def revert(self) -> None:
        if self._before is not None:
            self._announce(self.service.restore_snapshot(self._before, self.expected()))

    def _announce(self, changes: Any) -> None:
        self._left = left_versions(changes, ENTITY, self.ids) or self._left
        self.hub.announce(changes)


class MarkPaid(_Snapshotting):
    def __init__(self, service: PaymentService, hub: ChangeHub, ids: list[int], paid_on: dt.date | None = None,
                 method: PaymentMethod | None = None) -> None:
        super().__init__(ngettext("Mark payment paid", "Mark {n} payments paid", len(ids)).format(n=len(ids)),
                         service, hub, ids)
        self.paid_on, self.method = paid_on, method

    def change(self) -> Any:
        return self.service.update_many({pid: self.service.paid_values(self.paid_on, self.method) for pid in self.ids},
                                        self.expected())


class MarkUnpaid(_Snapshotting):
    def __init__(self, service: PaymentService, hub: ChangeHub, ids: list[int]) -> None:
        super().__init__(ngettext("Mark payment unpaid", "Mark {n} payments unpaid", len(ids)).format(n=len(ids)),
                         service, hub, ids)

    def change(self) -> Any:
        return self.service.update_many({pid: {"paid_on": None} for pid in self.ids}, self.expected())


class EditPayments(_Snapshotting):
    """Save the payment dialog, for one payment or a series ("this and following")."""

    def __init__(self, service: PaymentService, hub: ChangeHub, values_by_id: Mapping[int, Mapping[str, Any]],
                 invoice: str, expected: Mapping[int, int] | None = None) -> None:
        super().__init__(_("Edit payment “{invoice}”").format(invoice=invoice), service, hub, list(values_by_id),
                         expected)
        self.values_by_id = {k: dict(v) for k, v in values_by_id.items()}

    def change(self) -> Any:
        return self.service.update_many(self.values_by_id, self.expected())


class AddPayment(ServiceCommand):
    """The first apply creates the payment; undo sends it to the trash, redo brings it back."""

    def __init__(self, service: PaymentService, hub: ChangeHub, values: Mapping[str, Any]) -> None:
        super().__init__(_("Add payment “{invoice}”").format(invoice=str(values.get("invoice_ref", "")).strip()))
        self.service, self.hub, self.values = service, hub, dict(values)
        self.payment_id: int | None = None

    def apply(self) -> None:
        if self.payment_id is None:
            self.payment_id, changes = self.service.create(**self.values)
        else:
            changes = self.service.restore([self.payment_id])
        self.hub.announce(changes)

    def revert(self) -> None:
        if self.payment_id is not None:
            self.hub.announce(self.service.trash([self.payment_id]))


class TrashPayments(ServiceCommand):
    """Delete payments to the trash (``restore=True``: bring them back); undo does the opposite."""

    def __init__(self, service: PaymentService, hub: ChangeHub, ids: list[int], restore: bool = False) -> None:
        text = ngettext("Restore payment", "Restore {n} payments", len(ids)) if restore else \
            ngettext("Delete payment", "Delete {n} payments", len(ids))
        super().__init__(text.format(n=len(ids)))
        self.service, self.hub, self.ids, self.restoring = service, hub, list(ids), restore

    def _run(self, restore: bool) -> None:
        self.hub.announce(self.service.restore(self.ids) if restore else self.service.trash(self.ids))

    def apply(self) -> None:
        self._run(self.restoring)

    def revert(self) -> None:
        self._run(not self.restoring)
