"""Table model over all contacts: one light query, rows refreshed by id when the hub reports changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from sqlalchemy import select

from partnerdesk.l10n import N_, _, format_time
from partnerdesk.services.contact_lines import ContactLine, count_contacts, query_lines
from partnerdesk.store.models import Contact
from partnerdesk.ui.table_model import ListTableModel

COLUMNS = (N_("Name"), N_("Partner"), N_("Job title"), N_("Email"), N_("Phone"), N_("Tags"), N_("Local time"))
NAME, PARTNER, ROLE, EMAIL, PHONE, TAGS, LOCAL = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ADVISORY_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
PARTNER_ID_ROLE = Qt.ItemDataRole.UserRole + 4


def _fold(text: str) -> str:
    from partnerdesk.store.search import normalize

    return normalize(text)


class ContactsModel(ListTableModel):
    columns = COLUMNS

    def __init__(self, workspace: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._all: dict[int, ContactLine] = {}  # every contact, in name order
        self._rows: list[ContactLine] = []  # the ones passing the filter
        self._index: dict[int, int] = {}
        self._photos: dict[int, QIcon] = {}
        self._words: list[str] = []
        self._partner_id: int | None = None
        self._tag = ""
        self._advisory_only = False

    # -- loading ------------------------------------------------------------------------------------------
    def _query(self, ids: set[int] | None = None) -> list[ContactLine]:
        return query_lines(self.workspace, ids)

    def accepts(self, line: ContactLine) -> bool:
        if self._advisory_only and not line.advisory:
            return False
        if self._partner_id is not None and line.partner_id != self._partner_id:
            return False
        if self._tag and self._tag not in line.tags:
            return False
        return all(w in line.haystack for w in self._words)

    def set_filter(self, *, text: str | None = None, partner_id: Any = ..., tag: str | None = None,
                   advisory_only: bool | None = None) -> None:
        """Filter inside the model: one list comprehension instead of a Python call per row from Qt."""
        narrowing = False
        if text is not None:
            old, new = self._words, _fold(text).split()
            # Typing on narrows the current rows: start from them instead of from all contacts.
            narrowing = (partner_id is ... and tag is None and advisory_only is None and len(new) >= len(old)
                         and all(o in n for o, n in zip(old, new, strict=False)))
            self._words = new
        if partner_id is not ...:
            self._partner_id = partner_id
        if tag is not None:
            self._tag = tag
        if advisory_only is not None:
            self._advisory_only = advisory_only
        self._refilter(narrowing)

    def _refilter(self, narrowing: bool = False) -> None:
        candidates = self._rows if narrowing else list(self._all.values())
        words = self._words
        self.beginResetModel()
        if self._partner_id is None and not self._tag and not self._advisory_only and len(words) <= 1:
            word = words[0] if words else ""
            self._rows = [line for line in candidates if word in line.haystack] if word else candidates
        else:
            self._rows = [line for line in candidates if self.accepts(line)]
        self._index = {line.id: i for i, line in enumerate(self._rows)}
        self.endResetModel()

    def all_tags(self) -> list[str]:
        return sorted({t for line in self._all.values() for t in line.tags}, key=str.casefold)

    def reload(self) -> None:
        self.set_lines(self._query())

    def loader(self) -> Callable[[], list[ContactLine]]:
        """A function reading the rows that a worker thread can run: it holds the workspace, not the model."""
        workspace = self.workspace
        return lambda: query_lines(workspace)

    def set_lines(self, lines: list[ContactLine]) -> None:
        self._all = {line.id: line for line in lines}
        self._photos.clear()
        self._refilter()

    def count_contacts(self) -> int:
        return count_contacts(self.workspace)

    def _remove_row(self, contact_id: int) -> None:
        row = self._index.get(contact_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._index = {line.id: i for i, line in enumerate(self._rows)}

    def apply_changes(self, changes: Any) -> None:
        """Refresh only the rows whose ids changed."""
        if "partner" in changes.entities():
            self.reload()
            return
        ids = changes.ids("contact")
        if not ids:
            return
        deleted = changes.deleted.get("contact", set())
        for cid in deleted:
            self._all.pop(cid, None)
            self._remove_row(cid)
        fresh = {line.id: line for line in self._query(ids - deleted)} if ids - deleted else {}
        for cid, line in fresh.items():
            self._photos.pop(cid, None)
            self._all[cid] = line
            if not self.accepts(line):
                self._remove_row(cid)
            elif cid in self._index:
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
                return ", ".join(tag_label(t) for t in line.tags)
            if col == LOCAL:
                return local_time_text(line.zone)
        return None


#: Tags PartnerDesk itself sets, shown by their translated name instead of the stored slug.
KNOWN_TAGS = {"advisory-board": N_("Advisory board")}


def tag_label(tag: str) -> str:
    known = KNOWN_TAGS.get(tag)
    return _(known) if known else tag


def local_time_text(zone: str) -> str:
    if not zone:
        return ""
    try:
        now = dt.datetime.now(ZoneInfo(zone))
    except (KeyError, ValueError):
        return ""
    return format_time(now.time(), "short")


class ContactsFilter(QSortFilterProxyModel):
    """Sorting proxy; the filtering itself happens in ContactsModel (fast on 100k rows)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.sourceModel().set_filter(text=text)  # type: ignore[attr-defined]

    def set_filters(self, partner_id: int | None, tag: str, advisory_only: bool) -> None:
        self.sourceModel().set_filter(partner_id=partner_id, tag=tag,  # type: ignore[attr-defined]
                                      advisory_only=advisory_only)
