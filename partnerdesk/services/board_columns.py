"""Kanban columns (work statuses): add, rename, reorder, remove (cards move, never lost), WIP limits."""

from __future__ import annotations

import re

from sqlalchemy import func, select, update

from partnerdesk.domain.enums import DEFAULT_STATUSES, Action, StatusCategory
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service
from partnerdesk.store.models import WorkItem, WorkStatus

ENTITY = "work_status"
_BUILTIN_KEYS = {key for key, _label, _category in DEFAULT_STATUSES}


class ColumnNameError(ValidationError):
    template = N_("A column needs a name.")


class LastColumnError(ValidationError):
    template = N_("The board needs at least one column.")


class BoardColumnService(Service):
    def add(self, name: str, category: StatusCategory = StatusCategory.DOING) -> tuple[int, ChangeSet]:
        name = name.strip()
        if not name:
            raise ColumnNameError(field="name")
        with self.unit_of_work() as (s, changes):
            last = s.scalar(select(func.max(WorkStatus.position))) or 0
            base = re.sub(r"\W+", "_", name.casefold()).strip("_") or "column"
            key, n = base, 1
            while s.scalar(select(WorkStatus.id).where(WorkStatus.key == key)) is not None:
                n += 1
                key = f"{base}_{n}"
            col = WorkStatus(key=key, name=name, category=StatusCategory(category), position=last + 1)
            s.add(col)
            s.flush()
            self.log(s, ENTITY, col.id, Action.CREATE, name)
            changes.add("created", ENTITY, col.id)
            return col.id, changes

    def rename(self, status_id: int, name: str) -> ChangeSet:
        """A blank name is allowed only for a built-in column: it shows its translated default label again."""
        with self.unit_of_work() as (s, changes):
            col = self.get(s, WorkStatus, status_id)
            if not name.strip() and col.key not in _BUILTIN_KEYS:
                raise ColumnNameError(field="name")
            self.log(s, ENTITY, col.id, Action.UPDATE, name.strip(), {"name": [col.name, name.strip()]})
            col.name = name.strip()
            changes.add("updated", ENTITY, col.id)
            return changes

    def set_wip_limit(self, status_id: int, limit: int | None) -> ChangeSet:
        if limit is not None and limit <= 0:
            limit = None
        with self.unit_of_work() as (s, changes):
            col = self.get(s, WorkStatus, status_id)
            self.log(s, ENTITY, col.id, Action.UPDATE, "", {"wip_limit": [col.wip_limit, limit]})
            col.wip_limit = limit
            changes.add("updated", ENTITY, col.id)
            return changes

    def reorder(self, ordered_ids: list[int]) -> ChangeSet:
        with self.unit_of_work() as (s, changes):
            for pos, sid in enumerate(ordered_ids):
                self.get(s, WorkStatus, sid).position = pos
            changes.add("updated", ENTITY, ordered_ids)
            self.log(s, ENTITY, ordered_ids[0], Action.MOVE, "", {"order": ordered_ids})
            return changes

    def remove(self, status_id: int, move_cards_to: int) -> ChangeSet:
        """Delete a column after moving all its cards (trashed and archived too) to another column."""
        if status_id == move_cards_to:
            raise ValidationError(field="move_cards_to")
        with self.unit_of_work() as (s, changes):
            col = self.get(s, WorkStatus, status_id)
            self.get(s, WorkStatus, move_cards_to)
            if (s.scalar(select(func.count()).select_from(WorkStatus)) or 0) <= 1:
                raise LastColumnError()
            ids = list(s.scalars(select(WorkItem.id).where(WorkItem.status_id == status_id)))
            top = s.scalar(select(func.max(WorkItem.position)).where(WorkItem.status_id == move_cards_to)) or 0.0
            for i, wid in enumerate(ids, 1):
                s.execute(update(WorkItem).where(WorkItem.id == wid).values(status_id=move_cards_to,
                                                                              position=top + i,
                                                                              row_version=WorkItem.row_version + 1))
            if ids:
                changes.add("updated", "work_item", ids)
            self.log(s, ENTITY, col.id, Action.DELETE, col.name or col.key, {"moved_cards": len(ids)})
            s.delete(col)
            changes.add("deleted", ENTITY, status_id)
            return changes
