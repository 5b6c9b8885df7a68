"""Undoable calendar edits. Each command calls the EventService and announces what changed; undo puts the
whole series back from a snapshot (removing rows the edit created, e.g. a split series or an override).

The first run happens in ``run()`` before the command is pushed, so a refused edit (validation error) shows
its message and never reaches the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from partnerdesk.domain.errors import EditConflictError, PartnerDeskError
from partnerdesk.services.base import ChangeSet
from partnerdesk.services.calendar import EventService
from partnerdesk.ui.context import ChangeHub
from partnerdesk.ui.undo import conflict_text, tell

ENTITY = "event"


class _EventCommand(QUndoCommand):
    def __init__(self, text: str, service: EventService, hub: ChangeHub) -> None:
        super().__init__(text)
        self.service, self.hub = service, hub
        self._ran = False

    def run(self) -> None:
        """Do the edit now (may raise a PartnerDeskError); the first redo() from the stack is then skipped."""
        self._do()
        self._ran = True

    def redo(self) -> None:
        if self._ran:
            self._ran = False
            return
        self._do()

    def _do(self) -> None:
        raise NotImplementedError


class CreateEvent(_EventCommand):
    def __init__(self, text: str, service: EventService, hub: ChangeHub, values: dict[str, Any]) -> None:
        super().__init__(text, service, hub)
        self.values = dict(values)
        self.event_id: int | None = None
        self.snapshot: Any = None

    def _do(self) -> None:
        if self.snapshot is None:
            values = dict(self.values)
            title, start, end = values.pop("title"), values.pop("starts_at"), values.pop("ends_at")
            self.event_id, changes = self.service.create(title, start, end, **values)
        else:
            changes = self.service.revert(self.snapshot)  # the same row (same id) comes back
        self.hub.announce(changes)

    def undo(self) -> None:
        assert self.event_id is not None
        self.snapshot = self.service.snapshot(self.event_id)
        self.hub.announce(self.service.delete(self.event_id))


class ChangeEvent(_EventCommand):
    """Update, move or delete (any scope): ``action(service, expected_version)`` does it and returns the
    ChangeSet; ``expected_version`` is the event's version the user started from on the first run, and the
    version this step left (followed through this window's own later changes) on a redo. An undo or redo after
    someone else changed the event says so and keeps their change."""

    def __init__(self, text: str, service: EventService, hub: ChangeHub, event_id: int,
                 action: Callable[[EventService, int | None], ChangeSet],
                 expected_version: int | None = None) -> None:
        super().__init__(text, service, hub)
        self.event_id = event_id
        self.action = action
        self.before: Any = None
        self.created: set[int] = set()
        self.expected_version = expected_version
        self._left: int | None = None  # the event's version after this step (or after its undo)

    def _do(self) -> None:
        expected = self.expected_version if self._left is None else \
            self.hub.ledger.reach(ENTITY, self.event_id, self._left)
        self.before = self.service.snapshot(self.event_id)
        changes = self.action(self.service, expected)
        self.created = set(changes.created.get("event", set()))
        self._left = changes.version(ENTITY, self.event_id)
        self.hub.announce(changes)

    def redo(self) -> None:
        try:
            super().redo()
        except EditConflictError as exc:
            tell(conflict_text(exc, self.text(), undoing=False))
            self.setObsolete(True)
        except PartnerDeskError as exc:
            tell(exc.message)

    def undo(self) -> None:
        expected = self.hub.ledger.reach(ENTITY, self.event_id, self._left)
        try:
            changes = self.service.revert(self.before, self.created,
                                          {self.event_id: expected} if expected is not None else None)
        except EditConflictError as exc:
            tell(conflict_text(exc, self.text(), undoing=True))
            self.setObsolete(True)
            return
        except PartnerDeskError as exc:
            tell(exc.message)
            return
        self._left = changes.version(ENTITY, self.event_id)
        self.hub.announce(changes)
