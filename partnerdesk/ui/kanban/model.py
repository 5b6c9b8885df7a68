"""Item model of one board column: ids in board order, card data fetched lazily in chunks."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, QObject, Qt, Signal
from sqlalchemy import func, select

from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import ChecklistItem, Partner, TeamMember, WorkItem

MIME = "application/x-partnerdesk-cards"
CardRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
CHUNK = 200


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


def _initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    return "".join(p[0] for p in parts[:2]).upper()


def load_cards(service: WorkItemService, ids: list[int]) -> dict[int, Card]:
    """Card data for some ids, in one query plus one for checklist progress."""
    if not ids:
        return {}
    with service.workspace.session() as s:
        rows = s.execute(
            select(WorkItem.id, WorkItem.title, Partner.name, Partner.color, TeamMember.name, WorkItem.due_at,
                   WorkItem.due_has_time, WorkItem.priority, WorkItem.status_changed_at)
            .outerjoin(Partner, Partner.id == WorkItem.partner_id)
            .outerjoin(TeamMember, TeamMember.id == WorkItem.responsible_member_id)
            .where(WorkItem.id.in_(ids))).all()
        progress = {wid: (int(done or 0), int(total)) for wid, done, total in s.execute(
            select(ChecklistItem.work_item_id, func.sum(ChecklistItem.done), func.count())
            .where(ChecklistItem.work_item_id.in_(ids)).group_by(ChecklistItem.work_item_id))}
    return {r[0]: Card(r[0], r[1], r[2] or "", r[3] or "#8A94A6", _initials(r[4] or ""), r[5], bool(r[6]),
                       str(r[7].value if hasattr(r[7], "value") else r[7]), *progress.get(r[0], (0, 0)), r[8])
            for r in rows}


class ColumnModel(QAbstractListModel):
    """Cards of one status column. Dropping cards emits ``cards_dropped``; the view turns it into a command."""

    cards_dropped = Signal(list, int, object)  # ids, status id, before id (or None)

    def __init__(self, service: WorkItemService, status_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.status_id = status_id
        self.ids: list[int] = []
        self._cards: dict[int, Card] = {}

    def reload(self, text: str = "") -> None:
        self.beginResetModel()
        self.ids = self.service.column_ids(self.status_id, text=text)
        self._cards.clear()
        self.endResetModel()

    def refresh_ids(self, changed: set[int]) -> None:
        for wid in changed & set(self._cards):
            del self._cards[wid]
        for wid in changed:
            if wid in self.ids:
                row = self.ids.index(wid)
                self.dataChanged.emit(self.index(row), self.index(row))

    def card(self, row: int) -> Card | None:
        wid = self.ids[row]
        if wid not in self._cards:
            start = max(0, row - CHUNK // 4)
            self._cards.update(load_cards(self.service, self.ids[start:start + CHUNK]))
        return self._cards.get(wid)

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.ids)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == IdRole:
            return self.ids[index.row()]
        card = self.card(index.row())
        if card is None:
            return None
        if role == CardRole:
            return card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return card.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (card.title, card.partner) if x)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid():
            base |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt API
        data = QMimeData()
        ids = [self.ids[i.row()] for i in sorted(indexes, key=lambda i: i.row())]
        data.setData(MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex) -> bool:
        if not data.hasFormat(MIME):
            return False
        ids = json.loads(bytes(data.data(MIME).data()).decode())
        if row < 0 and parent.isValid():
            row = parent.row()
        before = self.ids[row] if 0 <= row < len(self.ids) else None
        while before in ids:
            nxt = self.ids.index(before) + 1
            before = self.ids[nxt] if nxt < len(self.ids) else None
        self.cards_dropped.emit(ids, self.status_id, before)
        return False  # the board reloads from the database; Qt must not remove rows itself
