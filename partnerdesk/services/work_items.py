"""Work items (kanban cards): create, edit, move, trash/restore, and the board queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Integer, Table, bindparam, func, select, tuple_, update
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from partnerdesk.domain.enums import Action, Priority
from partnerdesk.domain.errors import NotFoundError, ValidationError
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.store.dialects import json_list_has, likely, per_dialect
from partnerdesk.store.models import ChecklistItem, Partner, WorkItem, WorkStatus
from partnerdesk.store.search import matching_ids, normalize

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

    def update(self, item_id: int, *, expected_version: int | None = None, **values: Any) -> ChangeSet:
        """Change fields of a card; ``expected_version``: the version the user started from (an edit conflict,
        nothing written, when someone else changed the card since)."""
        data = _clean(values)
        with self.unit_of_work() as (s, changes):
            item = self.get_at(s, WorkItem, item_id, expected_version)
            diff = apply_changes(item, data)
            if diff:
                self.log(s, ENTITY, item.id, Action.UPDATE, item.title, diff, partner_id=item.partner_id)
                changes.add("updated", ENTITY, item.id)
            return changes

    def move(self, item_ids: Iterable[int], status_id: int, before_id: int | None = None,
             values: Mapping[str, Any] | None = None, expected: Mapping[int, int] | None = None) -> ChangeSet:
        """Move cards (in the given order) into a column, before ``before_id`` or at the end.

        Only the moved cards get a new position (between their new neighbours), so a move costs the same in a
        column of ten cards or ten thousand; the column is renumbered only when two positions get too close.
        """
        ids = list(dict.fromkeys(item_ids))
        if not ids:
            return ChangeSet()
        data = _clean(values or {})  # e.g. the partner of the swimlane the cards were dropped in
        with self.unit_of_work() as (s, changes):
            self.get(s, WorkStatus, status_id)
            items = {w.id: w for w in s.scalars(select(WorkItem).where(WorkItem.id.in_(ids)))}
            if len(items) != len(ids):
                raise NotFoundError()
            for wid, version in (expected or {}).items():
                self.get_at(s, WorkItem, wid, version)
            lo, hi = self._gap(s, status_id, ids, before_id)
            if hi is not None and lo is not None and (hi - lo) / (len(ids) + 1) < 1e-6:
                changes.add("updated", ENTITY, self._renumber(s, status_id))
                lo, hi = self._gap(s, status_id, ids, before_id)
            now = _now()
            for k, wid in enumerate(ids, 1):
                item = items[wid]
                if hi is None:
                    position = (lo or 0.0) + k
                elif lo is None:
                    position = hi - (len(ids) + 1 - k)
                else:
                    position = lo + (hi - lo) * k / (len(ids) + 1)
                if item.status_id != status_id:
                    self.log(s, ENTITY, wid, Action.MOVE, item.title,
                             {"status_id": [item.status_id, status_id]}, partner_id=item.partner_id)
                    item.status_id = status_id
                    item.status_changed_at = now
                item.position = position
                diff = apply_changes(item, data)
                if diff:
                    self.log(s, ENTITY, wid, Action.UPDATE, item.title, diff, partner_id=item.partner_id)
                changes.add("updated", ENTITY, wid)
            return changes

    @staticmethod
    def _gap(s: Session, status_id: int, ids: list[int], before_id: int | None) -> tuple[float | None, float | None]:
        """Positions of the neighbours the moved cards go between (None: no neighbour on that side)."""
        base = [WorkItem.status_id == status_id, WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False),
                WorkItem.id.not_in(ids)]
        anchor = None
        if before_id is not None and before_id not in ids:
            anchor = s.execute(select(WorkItem.position, WorkItem.id).where(*base, WorkItem.id == before_id)).first()
        if anchor is None:
            return s.scalar(select(func.max(WorkItem.position)).where(*base)), None
        lo = s.scalar(select(WorkItem.position).where(*base, tuple_(WorkItem.position, WorkItem.id) < tuple_(*anchor))
                      .order_by(WorkItem.position.desc(), WorkItem.id.desc()).limit(1))
        return lo, float(anchor[0])

    @staticmethod
    def _renumber(s: Session, status_id: int) -> list[int]:
        order = list(s.scalars(select(WorkItem.id).where(WorkItem.status_id == status_id)
                               .order_by(WorkItem.position, WorkItem.id)))
        # Positions only, on the table (the ORM's bulk UPDATE would need each row's version): renumbering is
        # layout upkeep, not an edit, so it leaves the cards' row versions (and anyone's open dialogs) alone.
        table = WorkItem.__table__
        assert isinstance(table, Table)
        s.execute(update(table).where(table.c.id == bindparam("b_id")).values(position=bindparam("b_position")),
                  [{"b_id": wid, "b_position": float(pos)} for pos, wid in enumerate(order)])
        return order

    def places(self, item_ids: Iterable[int], extra: Iterable[str] = ()) -> dict[int, dict[str, Any]]:
        """Column, position, column-entry time (and ``extra`` fields) of cards: what undoing a move restores."""
        names = ["status_id", "position", "status_changed_at", *extra]
        with self.workspace.session() as s:
            return {w.id: {n: getattr(w, n) for n in names}
                    for w in s.scalars(select(WorkItem).where(WorkItem.id.in_(list(item_ids))))}

    def restore_places(self, places: Mapping[int, Mapping[str, Any]],
                       expected: Mapping[int, int] | None = None) -> ChangeSet:
        """Put cards back exactly where ``places()`` saw them (undo of a move), in one transaction; ``expected``:
        {card id: version} the undo step left them at (an edit conflict if someone changed one since)."""
        expected = expected or {}
        with self.unit_of_work() as (s, changes):
            for wid, place in places.items():
                item = self.get_at(s, WorkItem, wid, expected.get(wid))
                diff = apply_changes(item, place)
                if diff:
                    self.log(s, ENTITY, wid, Action.MOVE if "status_id" in diff else Action.UPDATE, item.title,
                             diff, partner_id=item.partner_id)
                changes.add("updated", ENTITY, wid)
            return changes

    def snapshot(self, item_id: int) -> tuple[dict[str, Any], list[tuple[str, bool]]]:
        """Every editable field and the checklist of a card (what the edit dialog shows and undo restores)."""
        values, checklist, _version = self.snapshot_at(item_id)
        return values, checklist

    def snapshot_at(self, item_id: int) -> tuple[dict[str, Any], list[tuple[str, bool]], int]:
        """``snapshot`` and the card's row version, read together (what a save from this copy expects)."""
        with self.workspace.session() as s, s.begin():
            item = self.get(s, WorkItem, item_id)
            values = {name: getattr(item, name) for name in sorted(_EDITABLE)}
            values["priority"] = Priority(values["priority"]).value
            values["tags"] = list(values["tags"] or [])
            return values, [(c.text, bool(c.done)) for c in item.checklist], item.row_version

    def edit(self, item_id: int, values: Mapping[str, Any],
             checklist: list[tuple[str, bool]] | None = None, expected_version: int | None = None) -> ChangeSet:
        """Save the edit dialog: fields and (when given) the whole checklist, in one transaction.

        ``expected_version``: the card's version when the dialog opened; if someone else saved the card since,
        an EditConflictError (with their change) and nothing written."""
        data = _clean(values)
        with self.unit_of_work() as (s, changes):
            item = self.get_at(s, WorkItem, item_id, expected_version)
            diff = apply_changes(item, data)
            if checklist is not None:
                wanted = [(t.strip(), bool(d)) for t, d in checklist if t.strip()]
                current = [(c.text, bool(c.done)) for c in item.checklist]
                if wanted != current:
                    item.checklist.clear()
                    s.flush()
                    for pos, (text, done) in enumerate(wanted):
                        item.checklist.append(ChecklistItem(text=text, done=done, position=pos))
                    diff["checklist"] = [[t for t, _d in current], [t for t, _d in wanted]]
            if diff:
                item.updated_at = _now()
                self.log(s, ENTITY, item.id, Action.UPDATE, item.title, diff, partner_id=item.partner_id)
                changes.add("updated", ENTITY, item.id)
            return changes

    def trashed(self) -> list[tuple[int, str, str, dt.datetime]]:
        """Cards in the trash, newest first: id, title, partner name, when deleted."""
        with self.workspace.session() as s:
            return [(item_id, title, partner or "", deleted_at) for item_id, title, partner, deleted_at in s.execute(
                select(WorkItem.id, WorkItem.title, Partner.name, WorkItem.deleted_at)
                .outerjoin(Partner, Partner.id == WorkItem.partner_id)
                .where(WorkItem.deleted_at.is_not(None)).order_by(WorkItem.deleted_at.desc(), WorkItem.id))
                if deleted_at is not None]  # always true (the query), for the type checker

    def trash(self, item_ids: Iterable[int], expected: Mapping[int, int] | None = None) -> ChangeSet:
        return self._set_deleted(item_ids, _now(), Action.DELETE, expected)

    def restore(self, item_ids: Iterable[int], expected: Mapping[int, int] | None = None) -> ChangeSet:
        return self._set_deleted(item_ids, None, Action.RESTORE, expected)

    def _set_deleted(self, item_ids: Iterable[int], when: dt.datetime | None, action: Action,
                     expected: Mapping[int, int] | None = None) -> ChangeSet:
        expected = expected or {}
        with self.unit_of_work() as (s, changes):
            for wid in item_ids:
                item = self.get_at(s, WorkItem, wid, expected.get(wid))
                item.deleted_at = when
                self.log(s, ENTITY, wid, action, item.title, partner_id=item.partner_id)
                changes.add("updated", ENTITY, wid)
            return changes

    def purge(self, item_ids: Iterable[int]) -> ChangeSet:
        """Delete cards from the trash for good (only trashed cards; the log keeps their titles)."""
        with self.unit_of_work() as (s, changes):
            for wid in item_ids:
                item = self.get(s, WorkItem, wid)
                if item.deleted_at is None:
                    raise ValidationError(N_("Only cards in the trash can be deleted for good."), field="id")
                self.log(s, ENTITY, wid, Action.DELETE, item.title, {"purged": True}, partner_id=item.partner_id)
                s.delete(item)
                changes.add("deleted", ENTITY, wid)
            return changes

    def archive_done(self, older_than_days: int) -> ChangeSet:
        if self.workspace.read_only:
            return ChangeSet()  # housekeeping waits until the workspace can be written
        cutoff = _now() - dt.timedelta(days=older_than_days)
        with self.unit_of_work() as (s, changes):
            done = select(WorkStatus.id).where(WorkStatus.category == "done")
            ids = list(s.scalars(select(WorkItem.id).where(
                WorkItem.status_id.in_(done), WorkItem.archived.is_(False), WorkItem.deleted_at.is_(None),
                WorkItem.status_changed_at < cutoff)))
            if ids:
                s.execute(update(WorkItem).where(WorkItem.id.in_(ids))
                          .values(archived=True, row_version=WorkItem.row_version + 1))
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


def text_clause(needle: str) -> Any:
    """Cards whose title, description or tags contain every word of ``needle`` (accent- and case-insensitive,
    through the workspace's trigram full-text index), or whose partner's name contains it."""
    tokens = [t for t in normalize(needle).split() if t]
    variants = {}
    for engine in ("sqlite", "postgresql"):
        found, params = matching_ids(ENTITY, tokens, engine == "postgresql")
        # One id list (text matches, plus the cards of partners whose name contains the text), so the database
        # looks the matching cards up by primary key instead of scanning the whole board.
        matching = sql_text(
            f"{found} UNION SELECT id FROM work_items WHERE partner_id IN "
            "(SELECT id FROM partners WHERE strpos(lower(partners.name), :needle) > 0)"
            if engine == "postgresql" else
            f"{found} UNION SELECT id FROM work_items WHERE partner_id IN "
            "(SELECT id FROM partners WHERE instr(lower(partners.name), :needle) > 0)"
        ).bindparams(needle=needle.casefold(), **params).columns(id=Integer)
        variants[engine] = WorkItem.id.in_(matching)
    return per_dialect(**variants)


def filter_clause(partner_id: int | None = None, owner_id: int | None = None, tag: str | None = None,
                  due: str | None = None, text: str = "", now: dt.datetime | None = None,
                  by_id: bool = False) -> list[Any]:
    """SQL conditions for the board filter bar; due is "overdue", "week" or "none".

    ``by_id``: the query also names a few card ids, to be looked up by primary key.
    """
    now = now or _now()
    # With a selective condition that has its own index (ids, partner, due date), keep SQLite from walking the
    # whole board index instead: the live-card conditions are then written so that they cannot use an index.
    by_id = by_id or bool(text.strip()) or partner_id is not None or due in ("overdue", "week", "none")
    conds: list[Any] = []
    if partner_id is not None:
        conds.append(WorkItem.partner_id == partner_id)
    if owner_id is not None:
        conds.append(WorkItem.responsible_member_id == owner_id)
    if tag:
        folded = normalize(tag)
        if len(folded) >= 3 and '"' not in folded:
            # Tags are in the full-text index too: its candidates first, then the exact tag on those only.
            variants = {}
            for engine in ("sqlite", "postgresql"):
                found, params = matching_ids(ENTITY, [folded], engine == "postgresql", prefix="tag")
                variants[engine] = WorkItem.id.in_(sql_text(found).bindparams(**params).columns(id=Integer))
            conds.append(per_dialect(**variants))
            by_id = True
        conds.append(json_list_has(WorkItem.tags, tag))
    if due == "overdue":
        conds.append(WorkItem.due_at < now)
    elif due == "week":
        conds.append(WorkItem.due_at.between(now, now + dt.timedelta(days=7)))
    elif due == "none":
        conds.append(WorkItem.due_at.is_(None))
    if text.strip():
        conds.append(text_clause(text.strip()))
    live = [WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False)]
    return ([likely(c) for c in live] if by_id else live) + conds


def filtered_ids(service: Service, **filters: Any) -> list[int]:
    """All matching card ids in board order (column position, then card position)."""
    q = (select(WorkItem.id).join(WorkStatus, WorkStatus.id == WorkItem.status_id)
         .where(*filter_clause(**filters)).order_by(WorkStatus.position, WorkItem.position, WorkItem.id))
    with service.workspace.session() as s:
        return list(s.scalars(q))
