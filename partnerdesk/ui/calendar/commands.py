"""Undoable calendar edits. Each command calls the EventService and announces what changed; undo puts the
whole series back from a snapshot (removing rows the edit created, e.g. a split series or an override).

The first run happens in ``run()`` before the command is pushed, so a refused edit (validation error) shows
its message and never reaches the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from partnerdesk.services.base import ChangeSet
from partnerdesk.services.calendar import EventService
from partnerdesk.ui.context import ChangeHub


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
    """Update, move or delete (any scope): ``action(service)`` does it and returns the ChangeSet."""

    def __init__(self, text: str, service: EventService, hub: ChangeHub, event_id: int,
                 action: Callable[[EventService], ChangeSet]) -> None:
        super().__init__(text, service, hub)
        self.event_id = event_id
        self.action = action
        self.before: Any = None
        self.created: set[int] = set()

    def _do(self) -> None:
        self.before = self.service.snapshot(self.event_id)
        changes = self.action(self.service)
        self.created = set(changes.created.get("event", set()))
        self.hub.announce(changes)

    def undo(self) -> None:
        self.hub.announce(self.service.revert(self.before, self.created))
