"""Undo commands that call services, and pushing them so that a refused change never lands on the stack.

``QUndoStack.push`` calls ``redo()`` and keeps the command even when ``redo()`` raises, which would leave an
"undo" for a change that never happened. :func:`push` runs the command's first ``apply()`` before pushing it;
the stack's immediate ``redo()`` call is then skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from partnerdesk.domain.errors import EditConflictError
from partnerdesk.l10n import N_, _, format_datetime

if TYPE_CHECKING:
    from partnerdesk.services.base import ChangeSet

_UNDO_CONFLICT = N_("“{step}” was not undone: {who} changed this afterwards ({when}). Their change was kept.")
_REDO_CONFLICT = N_("“{step}” was not redone: {who} changed this afterwards ({when}). Their change was kept.")


class VersionLedger:
    """The row versions this window's own changes went from and to, per record (issue 18).

    An undo or redo step knows the version it left a record at; the step may run only if every version since
    then was made here (by later steps, their undos, other saves of this window). ``reach`` follows that chain
    to the version the record should be at now; the service then refuses the step if the record is elsewhere,
    i.e. someone else changed it. Changes announced from other clients carry no versions and break the chain.
    """

    def __init__(self) -> None:
        self._next: dict[tuple[str, int], dict[int, int]] = {}

    def note(self, changes: ChangeSet) -> None:
        for key, after in changes.versions.items():
            before = changes.versions_before.get(key)
            if before is not None and before != after:
                self._next.setdefault(key, {})[before] = after

    def reach(self, entity: str, entity_id: int, left: int | None) -> int | None:
        """The version the record is at if only this window changed it since ``left`` (else ``left`` itself,
        which the service will find stale). None: nothing known, no check."""
        if left is None:
            return None
        links = self._next.get((entity, entity_id), {})
        version, seen = left, set()
        while version in links and version not in seen:
            seen.add(version)
            version = links[version]
        return version

    def reach_all(self, entity: str, left: dict[int, int]) -> dict[int, int]:
        return {i: v for i, v in ((i, self.reach(entity, i, v)) for i, v in left.items()) if v is not None}


def left_versions(changes: ChangeSet, entity: str, ids: Iterable[int]) -> dict[int, int]:
    """{id: version} a change left each of ``ids`` at (those it reports)."""
    return {i: v for i in ids if (v := changes.version(entity, i)) is not None}


def conflict_text(exc: EditConflictError, step: str, undoing: bool) -> str:
    """Why an undo (or redo) step was not carried out: the other person's change, kept."""
    when = format_datetime(exc.when, "short") if exc.when is not None else _("just now")
    return _(_UNDO_CONFLICT if undoing else _REDO_CONFLICT).format(step=step, who=exc.who, when=when)


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
