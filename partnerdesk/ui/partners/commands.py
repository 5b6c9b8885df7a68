"""Undo commands for a partner's contracts. Each calls the contract service and announces the change once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.l10n import _, format_date
from partnerdesk.services.contracts import ContractService
from partnerdesk.ui.undo import ServiceCommand


class _ContractCommand(ServiceCommand):
    def __init__(self, context: Any, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.service = ContractService(context.ws)

    def announce(self, changes: Any) -> None:
        self.context.hub.announce(changes)


def _name(values: dict[str, Any]) -> str:
    return values.get("title") or _("untitled")


class AddContractCommand(_ContractCommand):
    """Add a contract; undo removes it, redo brings the same one back (same id)."""

    def __init__(self, context: Any, partner_id: int, values: dict[str, Any]) -> None:
        super().__init__(context, _("Add contract {title}").format(title=_name(values)))
        self.partner_id = partner_id
        self.values = values
        self.contract_id: int | None = None
        self.snapshot: dict[str, Any] | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.contract_id, changes = self.service.save(self.partner_id, None, **self.values)
        else:
            changes = self.service.restore(self.snapshot)
        self.announce(changes)

    def revert(self) -> None:
        assert self.contract_id is not None
        self.snapshot, changes = self.service.delete(self.contract_id)
        self.announce(changes)


class EditContractCommand(_ContractCommand):
    """Change some fields of a contract; undo puts the previous values back."""

    def __init__(self, context: Any, contract_id: int, values: dict[str, Any], text: str = "",
                 expected_version: int | None = None) -> None:
        before = ContractService(context.ws).snapshot(contract_id)
        super().__init__(context, text or _("Edit contract {title}").format(title=_name(before)))
        self.contract_id = contract_id
        self.partner_id = before["partner_id"]
        self.new = {k: v for k, v in values.items() if before.get(k) != v}
        self.old = {k: before[k] for k in self.new}
        self.track_version(context.hub, "contract", contract_id, expected_version)

    def apply(self) -> None:
        if self.new:
            self._save(self.new)

    def revert(self) -> None:
        if self.old:
            self._save(self.old)

    def _save(self, values: dict[str, Any]) -> None:
        changes = self.service.save(self.partner_id, self.contract_id, expected_version=self.expected_version(),
                                    **values)[1]
        self.announce(self.note_version(changes))


class EndContractCommand(EditContractCommand):
    def __init__(self, context: Any, contract_id: int, on: dt.date) -> None:
        title = _name(ContractService(context.ws).snapshot(contract_id))
        super().__init__(context, contract_id, {"end_on": on},
                         _("End contract {title} on {date}").format(title=title, date=format_date(on)))


class RemoveContractCommand(_ContractCommand):
    def __init__(self, context: Any, contract_id: int) -> None:
        before = ContractService(context.ws).snapshot(contract_id)
        super().__init__(context, _("Remove contract {title}").format(title=_name(before)))
        self.contract_id = contract_id
        self.snapshot: dict[str, Any] | None = None

    def apply(self) -> None:
        self.snapshot, changes = self.service.delete(self.contract_id)
        self.announce(changes)

    def revert(self) -> None:
        assert self.snapshot is not None
        self.announce(self.service.restore(self.snapshot))
