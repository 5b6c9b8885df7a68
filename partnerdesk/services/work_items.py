"""Work items (kanban cards): create, edit, move, trash/restore, and the board queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Integer, String, cast, func, select, update

from partnerdesk.domain.enums import Action, Priority
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.store.models import ChecklistItem, WorkItem, WorkStatus

ENTITY = "work_item"
_EDITABLE = {"title", "description", "partner_id", "responsible_member_id", "responsible_contact_id",
             "priority", "due_at", "due_has_time", "tags"}


class BlankTitleError(ValidationError):
    template = N_("A card needs a title.")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k in _EDITABLE}
    unknown = set(values) - _EDITABLE
    if unknown:
        raise AttributeError(f"not editable: {sorted(unknown)}")
    if "title" in out:
        out["title"] = (out["title"] or "").strip()
        if not out["title"]:
            raise BlankTitleError(field="title")
    if "priority" in out:
        out["priority"] = Priority(out["priority"])
    if "tags" in out:
        out["tags"] = sorted({t.strip() for t in out["tags"] or [] if t.strip()})
    return out


class WorkItemService(Service):
    """Every write is one transaction, logged, and returns a ChangeSet."""

    def create(self, status_id: int, title: str, *, top: bool = True, **values: Any) -> tuple[int, ChangeSet]:
        data = _clean({"title": title, **values})
        with self.unit_of_work() as (s, changes):
            self.get(s, WorkStatus, status_id)
            edge = func.min(WorkItem.position) if top else func.max(WorkItem.position)
            current = s.scalar(select(edge).where(WorkItem.status_id == status_id))
            position = 0.0 if current is None else (current - 1.0 if top else current + 1.0)
            item = WorkItem(status_id=status_id, position=position, status_changed_at=_now(), **data)
            s.add(item)
            s.flush()
            self.log(s, ENTITY, item.id, Action.CREATE, item.title, partner_id=item.partner_id)
            changes.add("created", ENTITY, item.id)
            return item.id, changes

    def update(self, item_id: int, **values: Any) -> ChangeSet:
        data = _clean(values)
        with self.unit_of_work() as (s, changes):
            item = self.get(s, WorkItem, item_id)
            diff = apply_changes(item, data)
            if diff:
                self.log(s, ENTITY, item.id, Action.UPDATE, item.title, diff, partner_id=item.partner_id)
                changes.add("updated", ENTITY, item.id)
            return changes

    def move(self, item_ids: Iterable[int], status_id: int, before_id: int | None = None) -> ChangeSet:
        """Move cards (in the given order) into a column, before ``before_id`` or at the end."""
        ids = list(dict.fromkeys(item_ids))
        with self.unit_of_work() as (s, changes):
            self.get(s, WorkStatus, status_id)
            rest = [i for i in s.scalars(select(WorkItem.id).where(
                WorkItem.status_id == status_id, WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False))
                .order_by(WorkItem.position, WorkItem.id)) if i not in ids]
            at = rest.index(before_id) if before_id in rest else len(rest)
            order = rest[:at] + ids + rest[at:]
            now = _now()
            for pos, wid in enumerate(order):
                item = self.get(s, WorkItem, wid)
                moved = wid in ids and item.status_id != status_id
                if moved:
                    self.log(s, ENTITY, wid, Action.MOVE, item.title,
                             {"status_id": [item.status_id, status_id]}, partner_id=item.partner_id)
                    item.status_id = status_id
                    item.status_changed_at = now
                if item.position != float(pos) or moved:
                    item.position = float(pos)
                    changes.add("updated", ENTITY, wid)
            return changes

    def trash(self, item_ids: Iterable[int]) -> ChangeSet:
        return self._set_deleted(item_ids, _now(), Action.DELETE)

    def restore(self, item_ids: Iterable[int]) -> ChangeSet:
        return self._set_deleted(item_ids, None, Action.RESTORE)

    def _set_deleted(self, item_ids: Iterable[int], when: dt.datetime | None, action: Action) -> ChangeSet:
        with self.unit_of_work() as (s, changes):
            for wid in item_ids:
                item = self.get(s, WorkItem, wid)
                item.deleted_at = when
                self.log(s, ENTITY, wid, action, item.title, partner_id=item.partner_id)
                changes.add("updated", ENTITY, wid)
            return changes

    def archive_done(self, older_than_days: int) -> ChangeSet:
        cutoff = _now() - dt.timedelta(days=older_than_days)
        with self.unit_of_work() as (s, changes):
            done = select(WorkStatus.id).where(WorkStatus.category == "done")
            ids = list(s.scalars(select(WorkItem.id).where(
                WorkItem.status_id.in_(done), WorkItem.archived.is_(False), WorkItem.deleted_at.is_(None),
                WorkItem.status_changed_at < cutoff)))
            if ids:
                s.execute(update(WorkItem).where(WorkItem.id.in_(ids)).values(archived=True))
                for wid in ids:
                    self.log(s, ENTITY, wid, Action.ARCHIVE)
                changes.add("updated", ENTITY, ids)
            return changes

    def add_checklist_item(self, item_id: int, text: str) -> tuple[int, ChangeSet]:
        text = text.strip()
        if not text:
            raise ValidationError(field="text")
        with self.unit_of_work() as (s, changes):
            item = self.get(s, WorkItem, item_id)
            pos = len(item.checklist)
            row = ChecklistItem(work_item_id=item_id, text=text, done=False, position=pos)
            s.add(row)
            s.flush()
            self.log(s, ENTITY, item_id, Action.UPDATE, item.title, {"checklist_add": text},
                     partner_id=item.partner_id)
            changes.add("updated", ENTITY, item_id)
            return row.id, changes

    def set_checklist_done(self, checklist_id: int, done: bool) -> ChangeSet:
        with self.unit_of_work() as (s, changes):
            row = self.get(s, ChecklistItem, checklist_id)
            row.done = done
            self.log(s, ENTITY, row.work_item_id, Action.UPDATE, row.text, {"checklist_done": done})
            changes.add("updated", ENTITY, row.work_item_id)
            return changes

    def remove_checklist_item(self, checklist_id: int) -> ChangeSet:
        with self.unit_of_work() as (s, changes):
            row = self.get(s, ChecklistItem, checklist_id)
            self.log(s, ENTITY, row.work_item_id, Action.UPDATE, row.text, {"checklist_remove": row.text})
            changes.add("updated", ENTITY, row.work_item_id)
            s.delete(row)
            return changes

    def checklist_progress(self, item_id: int) -> tuple[int, int]:
        with self.workspace.session() as s:
            done, total = s.execute(select(func.sum(func.cast(ChecklistItem.done, Integer)), func.count())
                                    .where(ChecklistItem.work_item_id == item_id)).one()
            return int(done or 0), int(total)

    # -- queries -------------------------------------------------------------------------------------------------
    def counts_per_column(self) -> dict[int, int]:
        with self.workspace.session() as s:
            rows = s.execute(select(WorkItem.status_id, func.count()).where(
                WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False)).group_by(WorkItem.status_id))
            return {sid: n for sid, n in rows}

    def column_ids(self, status_id: int, text: str = "", partner_id: int | None = None) -> list[int]:
        q = select(WorkItem.id).where(WorkItem.status_id == status_id, WorkItem.deleted_at.is_(None),
                                      WorkItem.archived.is_(False))
        if partner_id is not None:
            q = q.where(WorkItem.partner_id == partner_id)
        if text.strip():
            q = q.where(WorkItem.title.ilike(f"%{text.strip()}%"))
        with self.workspace.session() as s:
            return list(s.scalars(q.order_by(WorkItem.position, WorkItem.id)))


def filter_clause(partner_id: int | None = None, owner_id: int | None = None, tag: str | None = None,
                  due: str | None = None, text: str = "", now: dt.datetime | None = None) -> list[Any]:
    """SQL conditions for the board filter bar; due is "overdue", "week" or "none"."""
    now = now or _now()
    conds: list[Any] = [WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False)]
    if partner_id is not None:
        conds.append(WorkItem.partner_id == partner_id)
    if owner_id is not None:
        conds.append(WorkItem.responsible_member_id == owner_id)
    if tag:
        conds.append(cast(WorkItem.tags, String).like(f'%"{tag}"%'))
    if due == "overdue":
        conds.append(WorkItem.due_at < now)
    elif due == "week":
        conds.append(WorkItem.due_at.between(now, now + dt.timedelta(days=7)))
    elif due == "none":
        conds.append(WorkItem.due_at.is_(None))
    if text.strip():
        conds.append(WorkItem.title.ilike(f"%{text.strip()}%") | WorkItem.description.ilike(f"%{text.strip()}%"))
    return conds


def filtered_ids(service: Service, **filters: Any) -> list[int]:
    """All matching card ids in board order (column position, then card position)."""
    q = (select(WorkItem.id).join(WorkStatus, WorkStatus.id == WorkItem.status_id)
         .where(*filter_clause(**filters)).order_by(WorkStatus.position, WorkItem.position, WorkItem.id))
    with service.workspace.session() as s:
        return list(s.scalars(q))
