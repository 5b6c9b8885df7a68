"""Table model over all contacts: one light query, rows refreshed by id when the hub reports changes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from sqlalchemy import select

from partnerdesk.l10n import N_, _, format_time
from partnerdesk.store.models import Contact
from partnerdesk.store.search import KINDS
from partnerdesk.store.search import TABLE as search_table

COLUMNS = (N_("Name"), N_("Partner"), N_("Job title"), N_("Email"), N_("Phone"), N_("Tags"), N_("Local time"))
NAME, PARTNER, ROLE, EMAIL, PHONE, TAGS, LOCAL = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ADVISORY_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
PARTNER_ID_ROLE = Qt.ItemDataRole.UserRole + 4


@dataclass
class ContactLine:
    id: int
    name: str
    partner_id: int | None
    partner: str
    role: str
    email: str
    phone: str
    tags: list[str]
    advisory: bool
    zone: str
    has_photo: bool
    haystack: str


def _fold(text: str) -> str:
    from partnerdesk.store.search import normalize

    return normalize(text)


class ContactsModel(QAbstractTableModel):
    def __init__(self, workspace: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._rows: list[ContactLine] = []
        self._index: dict[int, int] = {}
        self._photos: dict[int, QIcon] = {}

    # -- loading ------------------------------------------------------------------------------------------
    _SQL = ("SELECT c.id, c.display_name, c.partner_id, p.name, c.role, c.organization, "
            "json_extract(c.emails, '$[0].value'), json_extract(c.phones, '$[0].value'), c.tags, "
            "c.advisory_board, c.time_zone, p.time_zone, c.photo IS NOT NULL, f.body "
            "FROM contacts c LEFT JOIN partners p ON p.id = c.partner_id "
            f"LEFT JOIN {search_table} f ON f.rowid = c.id * {len(KINDS)} + {KINDS.index('contact')} ")

    def _query(self, ids: set[int] | None = None) -> list[ContactLine]:
        """One SQL query; the filter text is the search index's already-normalised document."""
        if self.workspace is None:
            return []
        sql = self._SQL
        if ids is not None:
            sql += "WHERE c.id IN (" + ",".join(str(int(i)) for i in ids) + ") "
        sql += "ORDER BY c.display_name"
        lines = []
        with self.workspace.engine.connect() as con:
            for (cid, name, pid, pname, role, org, email, phone, tags, adv, tz, ptz, photo,
                 body) in con.exec_driver_sql(sql):
                role_text = " · ".join(x for x in (role, org) if x)
                tag_list = json.loads(tags) if tags and tags != "[]" else []
                lines.append(ContactLine(cid, name, pid, pname or "", role_text, email or "", phone or "",
                                         tag_list, bool(adv), tz or ptz or "", bool(photo),
                                         body if body is not None else _fold(" ".join([name, role_text,
                                                                                      email or ""]))))
        return lines

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._query()
        self._index = {line.id: i for i, line in enumerate(self._rows)}
        self._photos.clear()
        self.endResetModel()

    def apply_changes(self, changes: Any) -> None:
        """Refresh only the rows whose ids changed."""
        ids = changes.ids("contact")
        if not ids and "partner" not in changes.entities():
            return
        if "partner" in changes.entities():
            self.reload()
            return
        deleted = changes.deleted.get("contact", set())
        for cid in sorted((i for i in deleted if i in self._index), key=lambda i: -self._index[i]):
            row = self._index[cid]
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self._index = {line.id: i for i, line in enumerate(self._rows)}
        fresh = {line.id: line for line in self._query(ids - deleted)} if ids - deleted else {}
        for cid, line in fresh.items():
            self._photos.pop(cid, None)
            if cid in self._index:
                row = self._index[cid]
                self._rows[row] = line
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            else:
                row = len(self._rows)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.append(line)
                self._index[cid] = row
                self.endInsertRows()

    # -- Qt API -------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def line(self, row: int) -> ContactLine:
        return self._rows[row]

    def row_of(self, contact_id: int) -> int:
        return self._index.get(contact_id, -1)

    def _photo(self, line: ContactLine) -> QIcon | None:
        if not line.has_photo:
            return None
        if line.id not in self._photos:
            with self.workspace.session() as s:
                data = s.scalar(select(Contact.photo).where(Contact.id == line.id))
            image = QImage.fromData(data or b"")
            self._photos[line.id] = QIcon(QPixmap.fromImage(image.scaled(
                32, 32, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)))
        return self._photos[line.id]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return line.id
        if role == ADVISORY_ROLE:
            return line.advisory
        if role == SEARCH_ROLE:
            return line.haystack
        if role == PARTNER_ID_ROLE:
            return line.partner_id
        if role == Qt.ItemDataRole.DecorationRole and col == NAME:
            return self._photo(line)
        if role == Qt.ItemDataRole.ToolTipRole and col == LOCAL and line.zone:
            return line.zone
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == NAME:
                return line.name + ("  ★" if line.advisory else "")
            if col == PARTNER:
                return line.partner
            if col == ROLE:
                return line.role
            if col == EMAIL:
                return line.email
            if col == PHONE:
                # Isolated left-to-right, so "+55 11 …" keeps its order inside an Arabic table.
                return f"\u2066{line.phone}\u2069" if line.phone else ""
            if col == TAGS:
                return ", ".join(line.tags)
            if col == LOCAL:
                return local_time_text(line.zone)
        return None


def local_time_text(zone: str) -> str:
    if not zone:
        return ""
    try:
        now = dt.datetime.now(ZoneInfo(zone))
    except (KeyError, ValueError):
        return ""
    return format_time(now.time(), "short")


class ContactsFilter(QSortFilterProxyModel):
    """Accent- and case-insensitive text filter, partner, tag and advisory-board filters."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.partner_id: int | None = None
        self.tag = ""
        self.advisory_only = False
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = _fold(text).split()
        self.endFilterChange()

    def set_filters(self, partner_id: int | None, tag: str, advisory_only: bool) -> None:
        self.beginFilterChange()
        self.partner_id, self.tag, self.advisory_only = partner_id, tag, advisory_only
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        line = model.line(source_row)  # type: ignore[attr-defined]
        if self.advisory_only and not line.advisory:
            return False
        if self.partner_id is not None and line.partner_id != self.partner_id:
            return False
        if self.tag and self.tag not in line.tags:
            return False
        return all(w in line.haystack for w in self._words)
