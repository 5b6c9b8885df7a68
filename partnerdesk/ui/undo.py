"""Undo commands that call services, and pushing them so that a refused change never lands on the stack.

``QUndoStack.push`` calls ``redo()`` and keeps the command even when ``redo()`` raises, which would leave an
"undo" for a change that never happened. :func:`push` runs the command's first ``apply()`` before pushing it;
the stack's immediate ``redo()`` call is then skipped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied_before_push = False

    def apply(self) -> None:
        """Do (or redo) the change; raise a PartnerDeskError to refuse it."""
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def run_first(self) -> None:
        self.apply()
        self._applied_before_push = True

    def redo(self) -> None:
        if self._applied_before_push:
            self._applied_before_push = False
            return
        self.apply()

    def undo(self) -> None:
        self.revert()


def push(stack: QUndoStack, command: Any) -> None:
    """Apply ``command`` and put it on ``stack``; if it raises, nothing is pushed and the error propagates."""
    if isinstance(command, ServiceCommand):
        command.run_first()
    stack.push(command)
