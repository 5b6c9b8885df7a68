"""Item model of one board cell (a column, or a column inside a swimlane).

The model holds card ids with their (position, id) keys, fetched a page at a time through Qt's
canFetchMore/fetchMore as the list scrolls; card data is loaded lazily in chunks for the rows painted.
After an edit, ``apply()`` inserts, removes or repaints only the rows of the cards that changed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from sqlalchemy import case, func, select

from partnerdesk.services.board_query import BoardFilter, BoardQuery, Key, LaneKey
from partnerdesk.store.models import ChecklistItem, Contact, Partner, TeamMember, WorkItem
from partnerdesk.store.workspace import Workspace

MIME = "application/x-partnerdesk-cards"
CardRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
CHUNK = 40  # cards loaded at once for painting (about four screens of a column)
PAGE = 150  # ids fetched at once as a list scrolls


@dataclass(frozen=True)
class Card:
    id: int
    title: str
    partner: str
    color: str
    who: str
    due_at: dt.datetime | None
    due_has_time: bool
    priority: str
    done: int
    total: int
    since: dt.datetime
    tags: tuple[str, ...] = ()
    updated_at: dt.datetime | None = None
    time_zone: str = ""
    owner: str = ""
    version: int = 0  # the row version shown: a drag moves the card from it (issue 18)


def _initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    return "".join(p[0] for p in parts[:2]).upper()


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def load_cards(ws: Workspace, ids: list[int]) -> dict[int, Card]:
    """Card data for some ids, in one query plus one for checklist progress."""
    if not ids:
        return {}
    with ws.engine.connect() as con:  # Core rows: no ORM bookkeeping for what is only painted
        rows = con.execute(
            select(WorkItem.id, WorkItem.title, Partner.name, Partner.color,
                   func.coalesce(TeamMember.name, Contact.display_name), WorkItem.due_at,
                   WorkItem.due_has_time, WorkItem.priority, WorkItem.status_changed_at, WorkItem.tags,
                   WorkItem.updated_at, Partner.time_zone, WorkItem.row_version)
            .outerjoin(Partner, Partner.id == WorkItem.partner_id)
            .outerjoin(TeamMember, TeamMember.id == WorkItem.responsible_member_id)
            .outerjoin(Contact, Contact.id == WorkItem.responsible_contact_id)
            .where(WorkItem.id.in_(ids))).all()
        progress = {wid: (int(done or 0), int(total)) for wid, done, total in con.execute(
            select(ChecklistItem.work_item_id, func.sum(case((ChecklistItem.done, 1), else_=0)), func.count())
            .where(ChecklistItem.work_item_id.in_(ids)).group_by(ChecklistItem.work_item_id))}
    return {r[0]: Card(r[0], r[1], r[2] or "", r[3] or "#8A94A6", _initials(r[4] or ""), r[5], bool(r[6]),
                       str(getattr(r[7], "value", r[7])), *progress.get(r[0], (0, 0)), r[8],
                       tuple(r[9] or ()), _aware(r[10]), r[11] or "", r[4] or "", int(r[12] or 0))
            for r in rows}


@dataclass
class BoardState:
    """What every cell of one board shares: the workspace, the filter and the swimlane mode."""

    ws: Workspace
    flt: BoardFilter = field(default_factory=BoardFilter)
    lane_mode: str = "none"
    stale_days: int = 14
    done_columns: frozenset[int] = frozenset()  # finished cards are never marked stale

    @property
    def query(self) -> BoardQuery:
        return BoardQuery(self.ws)


class CellModel(QAbstractListModel):
    """Cards of one cell. Dropping cards emits ``cards_dropped``; the view turns it into an undo command."""

    cards_dropped = Signal(list, int, object, object)  # ids, status id, before id (or None), lane key

    def __init__(self, state: BoardState, status_id: int, lane_key: LaneKey = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state, self.status_id, self.lane_key = state, status_id, lane_key
        self.keys: list[Key] = []
        self.ids: list[int] = []
        self.total = 0  # matching cards in the cell (from a count query), loaded or not
        self.exhausted = False
        self._cards: dict[int, Card] = {}
        self.matches: list[Key] | None = None
        self._tail: set[int] = set()  # cards placed right after the loaded rows (before the next unloaded one)

    @property
    def marks_stale(self) -> bool:
        return self.status_id not in self.state.done_columns

    # -- loading --------------------------------------------------------------------------------------------------
    def reset(self, total: int, matches: list[Key] | None = None) -> None:
        """Start over with ``total`` cards; ``matches`` (when the board filter already listed them) are served
        page by page from memory instead of by keyset queries."""
        self.beginResetModel()
        self.keys, self.ids, self._cards = [], [], {}
        self.matches = matches
        self.total, self.exhausted = total, total == 0
        self._fetch(into_reset=True)
        self.endResetModel()

    def _page(self, after: Key | None, limit: int) -> list[Key]:
        if self.matches is not None:
            start = 0 if after is None else bisect.bisect_right(self.matches, after)
            return self.matches[start:start + limit]
        return self.state.query.page(self.state.flt, self.status_id, self.state.lane_mode, self.lane_key,
                                     after, limit)

    def _fetch(self, into_reset: bool = False) -> None:
        if self.exhausted:
            return
        keys = self._page(self.keys[-1] if self.keys else None, PAGE)
        self.exhausted = len(keys) < PAGE
        if not keys:
            return
        if not into_reset:
            self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(keys) - 1)
        self.keys.extend(keys)
        self.ids.extend(k[1] for k in keys)
        if not into_reset:
            self.endInsertRows()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802 - Qt API
        if not parent.isValid():
            self._fetch()

    def next_unloaded_id(self, arriving: list[int] | None = None) -> int | None:
        """The first card after the loaded ones: cards put at the end of a partly loaded list go before it, so
        they appear at the end of what is shown (``arriving`` are those cards)."""
        self._tail = set(arriving or [])
        if self.exhausted:
            return None
        keys = self._page(self.keys[-1] if self.keys else None, 1 + len(self._tail))
        return next((k[1] for k in keys if k[1] not in self._tail), None)

    # -- row-level refresh ----------------------------------------------------------------------------------------
    def apply(self, changed: set[int], placed: dict[int, tuple[int, LaneKey, Key]]) -> None:
        """Cards ``changed``; ``placed`` says where each now is (absent: hidden by the filter, trashed…)."""
        for wid in changed:
            self._cards.pop(wid, None)
            here = placed.get(wid)
            belongs = here is not None and here[0] == self.status_id and here[1] == self.lane_key
            if self.matches is not None:
                self.matches = [k for k in self.matches if k[1] != wid]
                if belongs and here is not None:
                    bisect.insort(self.matches, here[2])
            if wid in self.ids:
                row = self.ids.index(wid)
                if belongs and here is not None and self.keys[row] == here[2]:
                    self.dataChanged.emit(self.index(row), self.index(row))
                    continue
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.ids[row], self.keys[row]
                self.endRemoveRows()
            if belongs and here is not None:
                key = here[2]
                if self.exhausted or (self.keys and key < self.keys[-1]) or wid in self._tail:
                    row = bisect.bisect_left(self.keys, key)
                    self.beginInsertRows(QModelIndex(), row, row)
                    self.keys.insert(row, key)
                    self.ids.insert(row, wid)
                    self.endInsertRows()

    def prime(self, cards: dict[int, Card]) -> None:
        """Cards loaded by the board for several cells at once (one query for every first screen)."""
        self._cards.update(cards)

    def card(self, row: int) -> Card | None:
        wid = self.ids[row]
        if wid not in self._cards:
            start = max(0, row - CHUNK // 4)
            wanted = [i for i in self.ids[start:start + CHUNK] if i not in self._cards]
            self._cards.update(load_cards(self.state.ws, wanted))
        return self._cards.get(wid)

    # -- Qt model API ---------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        if role == IdRole:
            return self.ids[index.row()]
        card = self.card(index.row())
        if card is None:
            return None
        if role == CardRole:
            return card
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title
        if role == Qt.ItemDataRole.AccessibleTextRole:  # what a screen reader says first: title and due state
            from partnerdesk.ui.kanban.card_text import spoken_name

            return spoken_name(card)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            from partnerdesk.ui.kanban.card_text import tooltip

            return tooltip(card, self.state.stale_days if self.marks_stale else None)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid():
            base |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt API
        data = QMimeData()
        ids = [self.ids[i.row()] for i in sorted(indexes, key=lambda i: i.row())]
        data.setData(MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not data.hasFormat(MIME):
            return False
        ids = [int(i) for i in json.loads(bytes(data.data(MIME).data()).decode())]
        if row < 0 and parent.isValid():
            row = parent.row()
        position = row if 0 <= row < len(self.ids) else len(self.ids)
        while position < len(self.ids) and self.ids[position] in ids:
            position += 1
        before = self.ids[position] if position < len(self.ids) else self.next_unloaded_id(ids)
        self.cards_dropped.emit(ids, self.status_id, before, self.lane_key)
        return False  # the cells update from the change notification; Qt must not remove rows itself
