"""Undoable board edits: each command calls a service and announces what changed through the hub."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from partnerdesk.domain.errors import EditConflictError, PartnerDeskError
from partnerdesk.l10n import _, ngettext
from partnerdesk.services.board_columns import BoardColumnService
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.ui.context import ChangeHub
from partnerdesk.ui.undo import conflict_text, left_versions

ENTITY = "work_item"


class BoardCommand(QUndoCommand):
    """If the first redo fails (the card was deleted meanwhile, a rule refused the change…), the command marks
    itself obsolete, so the undo stack drops it, and keeps the error for ``push`` to show. A later undo or redo
    that fails (its card was deleted for good since) tells the user and changes nothing. An undo or redo whose
    card someone else changed since this step says so, keeps their change, and leaves the stack (it can no
    longer be undone or redone without overwriting their work)."""

    error: PartnerDeskError | None = None
    _pushed = False

    def redo(self) -> None:
        try:
            self.apply()
        except EditConflictError as exc:
            self.error = exc
            if self._pushed:
                _tell_text(conflict_text(exc, self.text(), undoing=False))
            self.setObsolete(True)
        except PartnerDeskError as exc:
            self.error = exc
            if self._pushed:
                _tell(exc)
            else:
                self.setObsolete(True)
        self._pushed = True

    def undo(self) -> None:
        try:
            self.revert()
        except EditConflictError as exc:
            self.error = exc
            _tell_text(conflict_text(exc, self.text(), undoing=True))
            self.setObsolete(True)
        except PartnerDeskError as exc:
            self.error = exc
            _tell(exc)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


def _tell(exc: PartnerDeskError) -> None:
    _tell_text(exc.message)


def _tell_text(text: str) -> None:
    QMessageBox.warning(QApplication.activeWindow(), _("Board"), text)


def push(parent: QWidget, stack: QUndoStack, command: BoardCommand,
         on_conflict: Callable[[EditConflictError], None] | None = None) -> bool:
    """Run a command through the undo stack; tell the user (and return False) when it could not be done.
    An edit conflict goes to ``on_conflict`` (the conflict dialog) when given."""
    stack.push(command)
    if command.error is not None:
        if isinstance(command.error, EditConflictError) and on_conflict is not None:
            on_conflict(command.error)
        else:
            QMessageBox.warning(parent, _("Board"), command.error.message)
        return False
    return True


class MoveCards(BoardCommand):
    """Move cards into a column (and optionally a lane value such as the partner); undo restores each card's
    column, position and fields exactly."""

    def __init__(self, service: WorkItemService, hub: ChangeHub, ids: list[int], status_id: int,
                 before_id: int | None, values: dict[str, Any] | None = None,
                 shown: dict[int, int] | None = None) -> None:
        super().__init__(ngettext("Move card", "Move {n} cards", len(ids)).format(n=len(ids)))
        self.service, self.hub = service, hub
        self.ids, self.status_id, self.before_id = list(ids), status_id, before_id
        self.values = dict(values or {})
        self._origin: dict[int, dict[str, Any]] = {}
        self._left: dict[int, int] = {}  # card id -> the version this step left it at
        self._shown = dict(shown or {})  # card id -> the version the board showed when the cards were picked up

    def apply(self) -> None:
        expected = self.hub.ledger.reach_all(ENTITY, self._left) if self._left else (self._shown or None)
        self._origin = self.service.places(self.ids, extra=self.values)
        changes = self.service.move(self.ids, self.status_id, self.before_id, self.values, expected=expected)
        self._left = left_versions(changes, ENTITY, self.ids)
        self.hub.announce(changes)

    def revert(self) -> None:
        changes = self.service.restore_places(self._origin, expected=self.hub.ledger.reach_all(ENTITY, self._left))
        self._left = left_versions(changes, ENTITY, self.ids)
        self.hub.announce(changes)


class CreateCard(BoardCommand):
    """Quick-add: the first redo creates the card; undo moves it to the trash, redo brings it back."""

    def __init__(self, service: WorkItemService, hub: ChangeHub, status_id: int, title: str,
                 values: dict[str, Any] | None = None) -> None:
        super().__init__(_("Add card “{title}”").format(title=title.strip()))
        self.service, self.hub = service, hub
        self.status_id, self.title, self.values = status_id, title, dict(values or {})
        self.item_id: int | None = None
        self._left: dict[int, int] = {}

    def apply(self) -> None:
        if self.item_id is None:
            self.item_id, changes = self.service.create(self.status_id, self.title, **self.values)
        else:
            changes = self.service.restore([self.item_id], expected=self.hub.ledger.reach_all(ENTITY, self._left))
        self._left = left_versions(changes, ENTITY, [self.item_id])
        self.hub.announce(changes)

    def revert(self) -> None:
        if self.item_id is not None:
            changes = self.service.trash([self.item_id], expected=self.hub.ledger.reach_all(ENTITY, self._left))
            self._left = left_versions(changes, ENTITY, [self.item_id])
            self.hub.announce(changes)


class EditCard(BoardCommand):
    """Save the edit dialog (fields and checklist); undo restores the fields (and checklist) it changed.

    ``expected_version``: the card's version when the dialog opened; a save over someone else's change since
    is refused with an edit conflict (nothing written)."""

    def __init__(self, service: WorkItemService, hub: ChangeHub, item_id: int, values: dict[str, Any],
                 checklist: list[tuple[str, bool]] | None, expected_version: int | None = None,
                 title: str = "") -> None:
        super().__init__(_("Edit card “{title}”").format(title=values.get("title", title)))
        self.service, self.hub, self.item_id = service, hub, item_id
        self.values, self.checklist = dict(values), checklist
        self.expected_version = expected_version
        self._before: tuple[dict[str, Any], list[tuple[str, bool]]] | None = None
        self._left: int | None = None

    def apply(self) -> None:
        if self._before is None:
            self._before = self.service.snapshot(self.item_id)
            expected = self.expected_version
        else:
            expected = self.hub.ledger.reach(ENTITY, self.item_id, self._left)
        self._record(self.service.edit(self.item_id, self.values, self.checklist, expected_version=expected))

    def revert(self) -> None:
        if self._before is not None:
            values, checklist = self._before
            # Only what this step changed: an undo never touches fields someone else edited meanwhile.
            values = {k: v for k, v in values.items() if k in self.values}
            self._record(self.service.edit(self.item_id, values, checklist if self.checklist is not None else None,
                                           expected_version=self.hub.ledger.reach(ENTITY, self.item_id,
                                                                                  self._left)))

    def _record(self, changes: Any) -> None:
        self._left = changes.version(ENTITY, self.item_id) or self._left
        self.hub.announce(changes)


class TrashCards(BoardCommand):
    """Delete cards to the trash (``restore=True``: bring them back from it); undo does the opposite."""

    def __init__(self, service: WorkItemService, hub: ChangeHub, ids: list[int], restore: bool = False) -> None:
        text = ngettext("Restore card", "Restore {n} cards", len(ids)) if restore else \
            ngettext("Delete card", "Delete {n} cards", len(ids))
        super().__init__(text.format(n=len(ids)))
        self.service, self.hub, self.ids, self.restoring = service, hub, list(ids), restore
        self._left: dict[int, int] = {}

    def _apply(self, restore: bool) -> None:
        expected = self.hub.ledger.reach_all(ENTITY, self._left)
        changes = self.service.restore(self.ids, expected) if restore else self.service.trash(self.ids, expected)
        self._left = left_versions(changes, ENTITY, self.ids)
        self.hub.announce(changes)

    def apply(self) -> None:
        self._apply(self.restoring)

    def revert(self) -> None:
        self._apply(not self.restoring)


class RenameColumn(BoardCommand):
    def __init__(self, service: BoardColumnService, hub: ChangeHub, status_id: int, old: str, new: str) -> None:
        super().__init__(_("Rename column “{name}”").format(name=new))
        self.service, self.hub, self.status_id, self.old, self.new = service, hub, status_id, old, new

    def apply(self) -> None:
        self.hub.announce(self.service.rename(self.status_id, self.new))

    def revert(self) -> None:
        self.hub.announce(self.service.rename(self.status_id, self.old))


class SetWipLimit(BoardCommand):
    def __init__(self, service: BoardColumnService, hub: ChangeHub, status_id: int, old: int | None,
                 new: int | None) -> None:
        super().__init__(_("Set work-in-progress limit"))
        self.service, self.hub, self.status_id, self.old, self.new = service, hub, status_id, old, new

    def apply(self) -> None:
        self.hub.announce(self.service.set_wip_limit(self.status_id, self.new))

    def revert(self) -> None:
        self.hub.announce(self.service.set_wip_limit(self.status_id, self.old))


class MoveColumn(BoardCommand):
    def __init__(self, service: BoardColumnService, hub: ChangeHub, old: list[int], new: list[int]) -> None:
        super().__init__(_("Move column"))
        self.service, self.hub, self.old, self.new = service, hub, list(old), list(new)

    def apply(self) -> None:
        self.hub.announce(self.service.reorder(self.new))

    def revert(self) -> None:
        self.hub.announce(self.service.reorder(self.old))
