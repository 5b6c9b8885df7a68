"""Undoable board edits: each command calls the service and announces what changed."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from sqlalchemy import select

from partnerdesk.l10n import ngettext
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import WorkItem
from partnerdesk.ui.context import ChangeHub


class MoveCards(QUndoCommand):
    """Move cards into a column; undo puts every card back in its column and place."""

    def __init__(self, service: WorkItemService, hub: ChangeHub, ids: list[int], status_id: int,
                 before_id: int | None) -> None:
        super().__init__(ngettext("Move card", "Move {n} cards", len(ids)).format(n=len(ids)))
        self.service, self.hub = service, hub
        self.ids, self.status_id, self.before_id = list(ids), status_id, before_id
        self._origin: list[tuple[int, list[int], int | None]] = []

    def _snapshot(self) -> None:
        with self.service.workspace.session() as s:
            placed = s.execute(select(WorkItem.id, WorkItem.status_id, WorkItem.position)
                               .where(WorkItem.id.in_(self.ids))).all()
            origin = []
            for status in sorted({p[1] for p in placed}):
                column = list(s.scalars(select(WorkItem.id).where(
                    WorkItem.status_id == status, WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False))
                    .order_by(WorkItem.position, WorkItem.id)))
                group = [wid for wid in column if wid in self.ids]
                after = [wid for wid in column[column.index(group[-1]) + 1:] if wid not in self.ids]
                origin.append((status, group, after[0] if after else None))
        self._origin = origin

    def redo(self) -> None:
        self._snapshot()
        self.hub.announce(self.service.move(self.ids, self.status_id, self.before_id))

    def undo(self) -> None:
        for status, group, before in self._origin:
            self.hub.announce(self.service.move(group, status, before))
