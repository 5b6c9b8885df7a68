"""What every view gets: the open workspace, the one undo stack, and the change hub."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
    from partnerdesk.services.base import ChangeSet
    from partnerdesk.store.workspace import Workspace


class ChangeHub(QObject):
    """One notification per service call: item models refresh only the ids that changed."""

    changed = Signal(object)  # ChangeSet
    workspace_replaced = Signal()  # a different workspace was opened: reload everything
    # The same workspace's data may have changed in ways no ChangeSet describes (a team workspace's server came
    # back after notifications were missed, or another client's change was too big to list): views reload what
    # they show; open editors keep what the user typed.
    reload_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from partnerdesk.ui.undo import VersionLedger

        self.ledger = VersionLedger()  # the record versions this window's own changes left (undo checks them)

    def announce(self, changes: ChangeSet) -> None:
        self.ledger.note(changes)
        if changes:
            self.changed.emit(changes)

    def reload_all(self) -> None:
        self.reload_requested.emit()


@dataclass
class AppContext:
    workspace: Workspace | None
    undo_stack: QUndoStack
    hub: ChangeHub
    settings: QSettings = field(default_factory=QSettings)

    @property
    def ws(self) -> Workspace:
        if self.workspace is None:
            raise RuntimeError("no workspace is open")
        return self.workspace
