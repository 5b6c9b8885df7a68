"""Board read queries: the filter, swimlanes, per-cell counts and keyset pages of card ids.

A board never loads every card: counts come from GROUP BY queries, and each cell (column x lane) reads its ids
a page at a time, ordered by (position, id), continuing after the last key it holds.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy import String, func, select, true, tuple_, type_coerce

from partnerdesk.domain.enums import Priority
from partnerdesk.services.base import Service
from partnerdesk.services.work_items import filter_clause
from partnerdesk.store.dialects import json_elements
from partnerdesk.store.models import ActivityLog, Partner, TeamMember, WorkItem, WorkStatus

LANE_MODES = ("none", "partner", "owner", "priority")
DUE_CHOICES = ("", "overdue", "week", "none")
PRIORITY_ORDER = ("urgent", "high", "normal", "low")
Key = tuple[float, int]  # (position, id): the board order of a card inside a cell
LaneKey = int | str | None


@dataclass(frozen=True)
class BoardFilter:
    """What the filter bar asks for; empty fields do not filter. Stored as a dict in named presets."""

    partner_id: int | None = None
    owner_id: int | None = None
    tag: str = ""
    due: str = ""
    text: str = ""

    def clauses(self, now: dt.datetime | None = None, by_id: bool = False) -> list[Any]:
        return filter_clause(partner_id=self.partner_id, owner_id=self.owner_id, tag=self.tag or None,
                             due=self.due or None, text=self.text, now=now, by_id=by_id)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BoardFilter:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("due") not in DUE_CHOICES:
            values.pop("due", None)
        return cls(**values)

    def is_empty(self) -> bool:
        return not self.as_dict()


def lane_column(mode: str) -> Any:
    """The column a swimlane mode groups by; priorities are read as plain strings (no enum per row)."""
    return {"partner": WorkItem.partner_id, "owner": WorkItem.responsible_member_id,
            "priority": type_coerce(WorkItem.priority, String)}.get(mode)


def _lane_value(value: Any) -> LaneKey:
    return value.value if isinstance(value, Priority) else value


@dataclass(frozen=True)
class Lane:
    key: LaneKey
    label: str  # empty for "no partner" / "unassigned"; the UI supplies the translated label
    color: str = ""


class BoardQuery(Service):
    """Read-only queries behind the board view (no writes, so no unit of work)."""

    def counts(self, flt: BoardFilter, lane_mode: str = "none") -> dict[tuple[int, LaneKey], int]:
        """Cards per (column, lane) matching the filter; lane is None when there are no swimlanes."""
        lane = lane_column(lane_mode)
        cols = [WorkItem.status_id] + ([lane] if lane is not None else [])
        with self.workspace.session() as s:
            rows = s.execute(select(*cols, func.count()).where(*flt.clauses()).group_by(*cols))
            if lane is None:
                return {(r[0], None): r[1] for r in rows}
            return {(r[0], _lane_value(r[1])): r[2] for r in rows}

    def snapshot(self, flt: BoardFilter, lane_mode: str = "none") -> dict[tuple[int, LaneKey], list[Key]]:
        """Every card matching a (non-empty) filter, by cell, in board order: one query per filter change, so
        counts and pages of a selective filter need no further queries. Empty filters use ``page()`` instead."""
        lane = lane_column(lane_mode)
        cols = [WorkItem.status_id, WorkItem.position, WorkItem.id] + ([lane] if lane is not None else [])
        out: dict[tuple[int, LaneKey], list[Key]] = {}
        stmt = select(*cols).where(*flt.clauses()).order_by(WorkItem.position, WorkItem.id)
        # Tens of thousands of small tuples would set off the cyclic garbage collector several times over the
        # whole heap; they hold no cycles, so it is paused while they are built (one cheap pass follows).
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self.workspace.engine.connect() as con:
                rows: Sequence[Any] = con.execute(stmt).all()  # 3 or 4 columns, by the lane mode
            if lane is None:
                for status_id, position, wid in rows:
                    out.setdefault((status_id, None), []).append((position, wid))
            else:
                for status_id, position, wid, value in rows:
                    out.setdefault((status_id, value), []).append((position, wid))
            del rows
        finally:
            if collecting:
                gc.enable()
        gc.collect(0)
        return out

    def column_totals(self) -> dict[int, int]:
        """Unfiltered cards per column: what WIP limits are checked against."""
        with self.workspace.session() as s:
            return dict(s.execute(select(WorkItem.status_id, func.count()).where(
                WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False)).group_by(WorkItem.status_id)).all())

    def partner_open_totals(self) -> dict[int, int]:
        """Unfiltered open (not Done) cards per partner: what partner-lane WIP limits are checked against."""
        done = select(WorkStatus.id).where(WorkStatus.category == "done")
        with self.workspace.session() as s:
            return {pid: n for pid, n in s.execute(select(WorkItem.partner_id, func.count()).where(
                WorkItem.deleted_at.is_(None), WorkItem.archived.is_(False), WorkItem.partner_id.is_not(None),
                WorkItem.status_id.not_in(done)).group_by(WorkItem.partner_id))
                if pid is not None}  # always (the query), for the type checker

    def page(self, flt: BoardFilter, status_id: int, lane_mode: str = "none", lane_key: LaneKey = None,
             after: Key | None = None, limit: int = 100) -> list[Key]:
        """The next ``limit`` cards of a cell after ``after``, as (position, id) keys in board order."""
        q = select(WorkItem.position, WorkItem.id).where(*flt.clauses(), WorkItem.status_id == status_id)
        lane = lane_column(lane_mode)
        if lane is not None:
            q = q.where(lane.is_(None) if lane_key is None else lane == lane_key)
        if after is not None:
            q = q.where(tuple_(WorkItem.position, WorkItem.id) > tuple_(*after))
        with self.workspace.session() as s:
            return [(float(p), i) for p, i in s.execute(q.order_by(WorkItem.position, WorkItem.id).limit(limit))]

    def placements(self, flt: BoardFilter, lane_mode: str, ids: list[int]) -> dict[int, tuple[int, LaneKey, Key]]:
        """Where some cards are now: id -> (column, lane, key); cards not matching the filter are absent."""
        lane = lane_column(lane_mode)
        cols = [WorkItem.id, WorkItem.status_id, WorkItem.position] + ([lane] if lane is not None else [])
        with self.workspace.session() as s:
            rows = s.execute(select(*cols).where(*flt.clauses(by_id=True), WorkItem.id.in_(ids))).all()
        return {r[0]: (r[1], _lane_value(r[3]) if lane is not None else None, (float(r[2]), r[0])) for r in rows}

    def lanes(self, lane_mode: str, keys: set[LaneKey]) -> list[Lane]:
        """Lane headers for the lane keys that hold cards, in a stable order (named ones first, by name)."""
        if lane_mode == "priority":
            return [Lane(p, "") for p in PRIORITY_ORDER if p in keys]
        named = [k for k in keys if k is not None]
        with self.workspace.session() as s:
            if lane_mode == "partner":
                rows = s.execute(select(Partner.id, Partner.name, Partner.color).where(Partner.id.in_(named)))
                out = [Lane(r[0], r[1], r[2] or "") for r in rows]
            else:
                rows = s.execute(select(TeamMember.id, TeamMember.name).where(TeamMember.id.in_(named)))
                out = [Lane(r[0], r[1]) for r in rows]
        out.sort(key=lambda lane: lane.label.casefold())
        return out + ([Lane(None, "")] if None in keys else [])

    def board_ids(self, flt: BoardFilter) -> list[tuple[int, int]]:
        """Every matching card as (column id, card id) in board order: what print and CSV export use."""
        q = (select(WorkItem.status_id, WorkItem.id).join(WorkStatus, WorkStatus.id == WorkItem.status_id)
             .where(*flt.clauses()).order_by(WorkStatus.position, WorkItem.position, WorkItem.id))
        with self.workspace.session() as s:
            return [(r[0], r[1]) for r in s.execute(q)]

    def tags(self) -> list[str]:
        """Every tag used on a live card, sorted case-insensitively."""
        with self.workspace.session() as s:
            each = json_elements(WorkItem.tags, s.get_bind())
            q = select(each.c.value).select_from(WorkItem).join(each, true()).where(
                WorkItem.deleted_at.is_(None)).distinct()
            return sorted((str(t) for t in s.scalars(q) if t), key=str.casefold)

    def partners(self) -> list[tuple[int, str]]:
        with self.workspace.session() as s:
            return [(r[0], r[1]) for r in s.execute(select(Partner.id, Partner.name).order_by(Partner.name))]

    def members(self) -> list[tuple[int, str]]:
        with self.workspace.session() as s:
            return [(r[0], r[1]) for r in s.execute(select(TeamMember.id, TeamMember.name)
                                                    .order_by(TeamMember.name))]

    def statuses(self) -> list[tuple[int, str]]:
        """The board's columns (id, name) in workflow order."""
        with self.workspace.session() as s:
            return [(r[0], r[1]) for r in s.execute(select(WorkStatus.id, WorkStatus.name)
                                                    .order_by(WorkStatus.position, WorkStatus.id))]

    def history(self, item_id: int, limit: int = 50) -> CardHistory:
        """When a card was created and last changed, and its activity entries, newest first."""
        with self.workspace.session() as s:
            item = s.get(WorkItem, item_id)
            if item is None:
                return CardHistory(None, None, None, [])
            members: dict[int, str] = {r[0]: r[1] for r in s.execute(select(TeamMember.id, TeamMember.name))}
            entries = [(a.at, members.get(a.member_id or -1, ""), a.action.label, a.summary)
                       for a in s.scalars(select(ActivityLog).where(ActivityLog.entity == "work_item",
                                                                    ActivityLog.entity_id == item_id)
                                          .order_by(ActivityLog.at.desc()).limit(limit))]
            return CardHistory(item.status_id, item.created_at, item.updated_at, entries)


@dataclass(frozen=True)
class CardHistory:
    status_id: int | None
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    entries: list[tuple[dt.datetime, str, str, str]]
