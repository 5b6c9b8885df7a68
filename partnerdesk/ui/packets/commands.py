"""Undo commands of the packet editors: a save is one command; undo saves the previous draft again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from partnerdesk.domain.errors import PartnerDeskError


class SaveDraftCommand(QUndoCommand):
    """``save(draft)`` returns (id, ChangeSet); ``delete()`` undoes a first save (``before`` is None).

    The editor saves before pushing (so a validation error never reaches the stack); the first redo, run by
    QUndoStack.push, therefore does nothing.
    """

    def __init__(self, context: Any, text: str, save: Callable[[Any], tuple[int, Any]],
                 delete: Callable[[], Any], before: Any | None, after: Any) -> None:
        super().__init__(text)
        self.context = context
        self.save, self.delete = save, delete
        self.before, self.after = before, after
        self.error: PartnerDeskError | None = None
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(lambda: self.save(self.after)[1])

    def undo(self) -> None:
        self._run(self.delete if self.before is None else (lambda: self.save(self.before)[1]))

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            changes = fn()
        except PartnerDeskError as exc:  # e.g. the file is locked: nothing changed; the editor shows .error
            self.error = exc
            return
        self.error = None
        self.context.hub.announce(changes)
