"""Contacts grouped by partner: a proxy over the sorted contacts that, when grouping is on, puts a header row
before each partner's contacts ("Casa Lusa Cerâmica · 3 contacts", spanning the table). Header rows are neither
selectable nor enabled, so selection, Ctrl+A and the arrow keys pass over them; the contacts inside a group keep
the order of the column the user sorts by, and the groups follow the partner's name (reversed when the Partner
column is sorted descending)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from partnerdesk.l10n import _, ngettext
from partnerdesk.ui import theme
from partnerdesk.ui.contacts.model import ID_ROLE, PARTNER, PARTNER_ID_ROLE

_ROOT = QModelIndex()
#: True on a group's header row (data role).
HEADER_ROLE = Qt.ItemDataRole.UserRole + 20


@dataclass(frozen=True)
class Header:
    partner_id: int | None
    name: str
    count: int

    def text(self) -> str:
        name = self.name or _("No partner")
        return ngettext("{partner} · {count} contact", "{partner} · {count} contacts", self.count).format(
            partner=name, count=self.count)


class GroupedContacts(QAbstractProxyModel):
    """Rows: either a Header or the row number of a contact in the source (the sorting proxy)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grouped = False
        self.partner_order = Qt.SortOrder.AscendingOrder
        self._rows: list[Header | int] = []
        self._proxy_of: dict[int, int] = {}  # source row → our row
        self._saved: list[tuple[QPersistentModelIndex | None, int]] = []

    # -- source --------------------------------------------------------------------------------------------
    def setSourceModel(self, source: QAbstractItemModel) -> None:  # noqa: N802 (Qt's name)
        super().setSourceModel(source)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._after_reset)
        for about in (source.layoutAboutToBeChanged, source.rowsAboutToBeInserted, source.rowsAboutToBeRemoved):
            about.connect(self._before_change)
        for done in (source.layoutChanged, source.rowsInserted, source.rowsRemoved):
            done.connect(self._after_change)
        source.dataChanged.connect(self._data_changed)
        source.headerDataChanged.connect(self.headerDataChanged)
        self.beginResetModel()
        self._build()
        self.endResetModel()

    def set_grouped(self, on: bool) -> None:
        if on != self.grouped:
            self._before_change()
            self.grouped = on
            self._after_change()

    def _after_reset(self) -> None:
        self._build()
        self.endResetModel()

    def _before_change(self, *_args: Any) -> None:
        """Remember where every persistent index (selection, current row) points, by source contact."""
        self.layoutAboutToBeChanged.emit()
        source = self.sourceModel()
        saved = []
        for index in self.persistentIndexList():
            entry = self._rows[index.row()] if 0 <= index.row() < len(self._rows) else None
            saved.append((QPersistentModelIndex(source.index(entry, index.column()))
                          if isinstance(entry, int) else None, index.column()))
        self._saved = saved

    def _after_change(self, *_args: Any) -> None:
        old = self.persistentIndexList()
        self._build()
        new = []
        for kept, column in self._saved:
            row = self._proxy_of.get(kept.row(), -1) if kept is not None and kept.isValid() else -1
            new.append(self.index(row, column) if row >= 0 else QModelIndex())
        if len(new) == len(old):
            self.changePersistentIndexList(old, new)
        self._saved = []
        self.layoutChanged.emit()

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        if self.grouped and top.column() <= PARTNER <= bottom.column():
            before = [r for r in self._rows if isinstance(r, Header)]
            if self._headers() != before:  # a contact moved to another partner: regroup
                self._before_change()
                self._after_change()
                return
        rows = [self._proxy_of[r] for r in range(top.row(), bottom.row() + 1) if r in self._proxy_of]
        if rows:
            self.dataChanged.emit(self.index(min(rows), top.column()), self.index(max(rows), bottom.column()))

    def _groups(self) -> list[tuple[Header, list[int]]]:
        source = self.sourceModel()
        members: dict[int | None, list[int]] = {}
        names: dict[int | None, str] = {}
        for row in range(source.rowCount()):
            index = source.index(row, PARTNER)
            pid = index.data(PARTNER_ID_ROLE)
            if pid not in members:
                members[pid], names[pid] = [], str(index.data() or "")
            members[pid].append(row)
        # Named partners by name; contacts without a partner last.
        order: list[int | None] = sorted((p for p in members if p is not None), key=lambda p: names[p].casefold(),
                       reverse=self.partner_order == Qt.SortOrder.DescendingOrder)
        if None in members:
            order.append(None)
        return [(Header(pid, names[pid], len(members[pid])), members[pid]) for pid in order]

    def _headers(self) -> list[Header]:
        return [header for header, _rows in self._groups()]

    def _build(self) -> None:
        source = self.sourceModel()
        if source is None:
            self._rows = []
        elif not self.grouped:
            self._rows = list(range(source.rowCount()))
        else:
            rows: list[Header | int] = []
            for header, members in self._groups():
                rows.append(header)
                rows.extend(members)
            self._rows = rows
        self._proxy_of = {entry: n for n, entry in enumerate(self._rows) if isinstance(entry, int)}

    # -- mapping -------------------------------------------------------------------------------------------
    def header_rows(self) -> list[int]:
        return [n for n, entry in enumerate(self._rows) if isinstance(entry, Header)]

    def header(self, row: int) -> Header | None:
        entry = self._rows[row] if 0 <= row < len(self._rows) else None
        return entry if isinstance(entry, Header) else None

    def mapToSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:  # noqa: N802
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return QModelIndex()
        entry = self._rows[index.row()]
        return self.sourceModel().index(entry, index.column()) if isinstance(entry, int) else QModelIndex()

    def mapFromSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:  # noqa: N802
        if not index.isValid() or index.row() not in self._proxy_of:
            return QModelIndex()
        return self.index(self._proxy_of[index.row()], index.column())

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        if parent.isValid() or not 0 <= row < len(self._rows) or not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _index: Any = None) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:  # the columns are the source's, whatever row 0 is
            return self.sourceModel().headerData(section, orientation, role)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting the Partner column orders the groups; any column orders the contacts inside them."""
        if column == PARTNER:
            self.partner_order = order
        self.sourceModel().sort(column, order)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self.header(index.row()) is not None:
            return Qt.ItemFlag.NoItemFlags  # not a contact: not selectable, and the arrow keys pass it
        return super().flags(index)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        header = self.header(index.row())
        if header is None:
            return super().data(index, role)
        if role == HEADER_ROLE:
            return True
        if role == ID_ROLE:
            return None
        if role == PARTNER_ID_ROLE:
            return header.partner_id
        if index.column() != 0:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return header.text()
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return theme.color("surface.alt")
        if role == Qt.ItemDataRole.ForegroundRole:  # a header is not disabled text: keep it readable
            return QApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        return None
