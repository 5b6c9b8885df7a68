"""Undo commands for the partner profile's Overview, owners, scope items, responsibilities and interactions.

Each redo and each undo is one partner-service call (one transaction) and announces its change once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from partnerdesk.l10n import _
from partnerdesk.services.partners import PartnerService, Result
from partnerdesk.ui.undo import ServiceCommand


class _PartnerCommand(ServiceCommand):
    def __init__(self, context: Any, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.service = PartnerService(context.ws)

    def announce(self, result: Result) -> Result:
        self.context.hub.announce(result.changes)
        return result


class EditPartnerCommand(_PartnerCommand):
    """Change some fields of a partner (Overview save, owner #1 / #2); undo puts the previous values back."""

    def __init__(self, context: Any, partner_id: int, values: dict[str, Any], template: str,
                 expected_version: int | None = None) -> None:
        service = PartnerService(context.ws)
        before = service.snapshot(partner_id, values)
        new = {k: v for k, v in values.items() if before[k] != v}
        if "work_start" in new or "work_end" in new:  # hours are checked as a pair
            new.update(work_start=values.get("work_start", before.get("work_start")),
                       work_end=values.get("work_end", before.get("work_end")))
            before.update(service.snapshot(partner_id, ("work_start", "work_end")))
        super().__init__(context, template.format(partner=service.snapshot(partner_id, ("name",))["name"]))
        self.partner_id = partner_id
        self.new = new
        self.old = {k: before[k] for k in new}
        self.warnings: list[str] = []
        self.track_version(context.hub, "partner", partner_id, expected_version)

    def apply(self) -> None:
        if self.new:
            self.warnings = self._update(self.new)

    def revert(self) -> None:
        if self.old:
            self.warnings = self._update(self.old)

    def _update(self, values: dict[str, Any]) -> list[str]:
        result = self.service.update(self.partner_id, expected_version=self.expected_version(), **values)
        self.note_version(result.changes)
        return self.announce(result).warnings


def edit_overview(context: Any, partner_id: int, values: dict[str, Any],
                  expected_version: int | None = None) -> EditPartnerCommand:
    return EditPartnerCommand(context, partner_id, values, _("Edit overview of {partner}"), expected_version)


def change_owners(context: Any, partner_id: int, owner_id: int | None, second_id: int | None,
                  expected_version: int | None = None) -> EditPartnerCommand:
    return EditPartnerCommand(context, partner_id, {"owner_id": owner_id, "second_id": second_id},
                              _("Change owners of {partner}"), expected_version)


class AddRowCommand(_PartnerCommand):
    """Add a scope item, responsibility or interaction; undo removes it, redo brings the same one back."""

    def __init__(self, context: Any, entity: str, add: Callable[[], Result], text: str) -> None:
        super().__init__(context, text)
        self.entity = entity
        self.add = add
        self.row_id: int | None = None
        self.snapshot: dict[str, Any] | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.row_id = self.announce(self.add()).id
        else:
            self.announce(self.service.restore_row(self.entity, self.snapshot))

    def revert(self) -> None:
        assert self.row_id is not None
        self.snapshot, result = self.service.remove_row(self.entity, self.row_id)
        self.announce(result)


class RemoveRowCommand(_PartnerCommand):
    """Remove a scope item, responsibility or interaction; undo brings it back with its own id."""

    def __init__(self, context: Any, entity: str, row_id: int, text: str) -> None:
        super().__init__(context, text)
        self.entity = entity
        self.row_id = row_id
        self.snapshot: dict[str, Any] | None = None

    def apply(self) -> None:
        self.snapshot, result = self.service.remove_row(self.entity, self.row_id)
        self.announce(result)

    def revert(self) -> None:
        assert self.snapshot is not None
        self.announce(self.service.restore_row(self.entity, self.snapshot))


class _EditRowCommand(_PartnerCommand):
    """Change some fields of a row; undo puts the previous values back. ``new`` is empty when nothing changes."""

    entity = ""

    def __init__(self, context: Any, row_id: int, values: dict[str, Any]) -> None:
        before = PartnerService(context.ws).row_snapshot(self.entity, row_id)
        super().__init__(context, self.title(before))
        self.row_id = row_id
        self.new = {k: v for k, v in values.items() if before.get(k) != v}
        self.old = {k: before[k] for k in self.new}
        self.track_version(context.hub, self.entity, row_id, None)

    def title(self, before: dict[str, Any]) -> str:
        raise NotImplementedError

    def update(self, values: dict[str, Any]) -> Result:
        """The service call; ``values`` carries ``expected_version`` (the row's version this step expects)."""
        raise NotImplementedError

    def apply(self) -> None:
        if self.new:
            self._update(self.new)

    def revert(self) -> None:
        if self.old:
            self._update(self.old)

    def _update(self, values: dict[str, Any]) -> None:
        result = self.update({**values, "expected_version": self.expected_version()})
        self.note_version(result.changes)
        self.announce(result)


class EditResponsibilityCommand(_EditRowCommand):
    """Change a cell of the responsibility matrix."""

    entity = "responsibility"

    def title(self, before: dict[str, Any]) -> str:
        return _("Edit task {task}").format(task=before["task"])

    def update(self, values: dict[str, Any]) -> Result:
        return self.service.update_responsibility(self.row_id, **values)


class EditScopeItemCommand(_EditRowCommand):
    """Rename a scope item or move it in or out of scope."""

    entity = "scope_item"

    def title(self, before: dict[str, Any]) -> str:
        return _("Edit scope item {item}").format(item=before["description"])

    def update(self, values: dict[str, Any]) -> Result:
        return self.service.update_scope_item(self.row_id, **values)


def add_responsibility(context: Any, partner_id: int, task: str, frequency: Any) -> AddRowCommand:
    service = PartnerService(context.ws)
    return AddRowCommand(context, "responsibility",
                         lambda: service.add_responsibility(partner_id, task, frequency),
                         _("Add task {task}").format(task=task.strip()))


def remove_responsibility(context: Any, row_id: int) -> RemoveRowCommand:
    task = PartnerService(context.ws).row_snapshot("responsibility", row_id)["task"]
    return RemoveRowCommand(context, "responsibility", row_id, _("Remove task {task}").format(task=task))


def add_scope_item(context: Any, partner_id: int, description: str, **options: Any) -> AddRowCommand:
    service = PartnerService(context.ws)
    return AddRowCommand(context, "scope_item",
                         lambda: service.add_scope_item(partner_id, description, **options),
                         _("Add scope item {item}").format(item=description.strip()))


def remove_scope_item(context: Any, item_id: int) -> RemoveRowCommand:
    item = PartnerService(context.ws).row_snapshot("scope_item", item_id)["description"]
    return RemoveRowCommand(context, "scope_item", item_id, _("Remove scope item {item}").format(item=item))


def add_interaction(context: Any, partner_id: int, channel: Any, summary: str, **options: Any) -> AddRowCommand:
    service = PartnerService(context.ws)
    short = summary.strip()
    short = short if len(short) <= 40 else short[:39] + "…"
    return AddRowCommand(context, "interaction",
                         lambda: service.add_interaction(partner_id, channel, summary, **options),
                         _("Add interaction {summary}").format(summary=short))


class DecideExpansionCommand(_PartnerCommand):
    """Record the move from pilot to expansion; undo returns the stage and the carried items to the pilot."""

    def __init__(self, context: Any, partner_id: int, rationale: str, item_ids: list[int]) -> None:
        before = PartnerService(context.ws).snapshot(partner_id, ("name", "stage"))
        super().__init__(context, _("Decide expansion of {partner}").format(partner=before["name"]))
        self.partner_id = partner_id
        self.rationale = rationale
        self.item_ids = list(item_ids)
        self.stage = before["stage"]

    def apply(self) -> None:
        self.announce(self.service.decide_expansion(self.partner_id, self.rationale, self.item_ids))

    def revert(self) -> None:
        self.announce(self.service.undo_expansion(self.partner_id, self.stage, self.item_ids))
