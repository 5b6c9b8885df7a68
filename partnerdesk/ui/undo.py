"""Undo commands that call services, and pushing them so that a refused change never lands on the stack.

``QUndoStack.push`` calls ``redo()`` and keeps the command even when ``redo()`` raises, which would leave an
"undo" for a change that never happened. :func:`push` runs the command's first ``apply()`` before pushing it;
the stack's immediate ``redo()`` call is then skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from partnerdesk.domain.errors import EditConflictError, PartnerDeskError
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
        # (entity, id) -> this window's own version transitions of the record, oldest first (0: no row)
        self._steps: dict[tuple[str, int], list[tuple[int, int]]] = {}

    def note(self, changes: ChangeSet) -> None:
        for key, after in changes.versions.items():
            before = changes.versions_before.get(key)
            if before is not None and before != after:
                self._steps.setdefault(key, []).append((before, after))

    def reach(self, entity: str, entity_id: int, left: int | None) -> int | None:
        """The version the record is at if only this window changed it since ``left`` (else the version where
        the chain breaks, which the service will find stale). None: nothing known, no check."""
        if left is None:
            return None
        steps = self._steps.get((entity, entity_id), [])
        # From this window's latest transition to ``left`` (a restored row starts counting again), forward
        # through every later transition that started where the previous one ended.
        start = max((i for i, (_b, after) in enumerate(steps) if after == left), default=len(steps))
        version = left
        for before, after in steps[start + 1:]:
            if before != version:
                break
            version = after
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
    """A step that calls a service. A versioned step (``track_version``) edits one record: its first apply
    expects the version the user started from, later undos and redos the version this step left (followed
    through this window's own later changes). When someone else changed the record in between, the step says
    so, keeps their change and leaves the stack."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied_before_push = False
        self._record: tuple[Any, str, int] | None = None  # (hub, entity, id)
        self._start_version: int | None = None
        self._left_version: int | None = None

    def apply(self) -> None:
        """Do (or redo) the change; raise a PartnerDeskError to refuse it."""
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def track_version(self, hub: Any, entity: str, record_id: int, start_version: int | None) -> None:
        self._record = (hub, entity, record_id)
        self._start_version = start_version

    def expected_version(self) -> int | None:
        """What the record's version must be for this step to run now (None: no check)."""
        if self._record is None:
            return None
        if self._left_version is None:
            return self._start_version
        hub, entity, record_id = self._record
        return hub.ledger.reach(entity, record_id, self._left_version)

    def note_version(self, changes: ChangeSet) -> ChangeSet:
        """Remember the version a service call of this step left the record at; returns ``changes``."""
        if self._record is not None:
            _hub, entity, record_id = self._record
            version = changes.version(entity, record_id)
            if version is not None:
                self._left_version = version
        return changes

    def run_first(self) -> None:
        self.apply()
        self._applied_before_push = True

    def redo(self) -> None:
        if self._applied_before_push:
            self._applied_before_push = False
            return
        try:
            self.apply()
        except EditConflictError as exc:
            tell(conflict_text(exc, self.text(), undoing=False))
            self.setObsolete(True)
        except PartnerDeskError as exc:
            tell(exc.message)

    def undo(self) -> None:
        try:
            self.revert()
        except EditConflictError as exc:
            tell(conflict_text(exc, self.text(), undoing=True))
            self.setObsolete(True)
        except PartnerDeskError as exc:
            tell(exc.message)


def tell(text: str) -> None:
    """Why an undo or redo step did nothing (no traceback reaches the user)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    QMessageBox.warning(QApplication.activeWindow(), "PartnerDesk", text)


def push(stack: QUndoStack, command: Any) -> None:
    """Apply ``command`` and put it on ``stack``; if it raises, nothing is pushed and the error propagates."""
    if isinstance(command, ServiceCommand):
        command.run_first()
    stack.push(command)
