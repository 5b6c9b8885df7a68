"""The entries of the shown date range as one Qt list model, filtered by kind and partner.

The model fetches the range once (``loader(start, end)``, by default the calendar service) and filters in
memory, so toggling a kind or choosing a partner is instant. Each row is one ``Occurrence``; the views lay
them out and the delegate paints them. Changes announced on the hub reload only when events or the records
behind derived entries changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from partnerdesk.domain.occurrence import KIND_COLORS, Occurrence, SourceKind
from partnerdesk.l10n import format_date, format_time

OccurrenceRole = Qt.ItemDataRole.UserRole + 1
KeyRole = Qt.ItemDataRole.UserRole + 2
ColorRole = Qt.ItemDataRole.UserRole + 3



# What changes can alter the calendar (events and the records derived entries come from).
WATCHED = frozenset({"event", "work_item", "contract", "payment", "interaction", "partner"})

Loader = Callable[[dt.datetime, dt.datetime], list[Occurrence]]
Index = QModelIndex | QPersistentModelIndex


def entry_color(occ: Occurrence) -> QColor:
    if occ.source == SourceKind.EVENT and occ.color:
        return QColor(occ.color)
    return QColor(KIND_COLORS.get(occ.source, "#4A6FA5"))


def time_range_text(occ: Occurrence, tz: dt.tzinfo) -> str:
    """'09:00–10:00' in the user's zone, or the day(s) for all-day entries."""
    if occ.all_day:
        from partnerdesk.ui.calendar.layout import local_span

        first, last = local_span(occ, tz)
        return format_date(first) if first == last else f"{format_date(first)} – {format_date(last)}"
    start, end = occ.start.astimezone(tz), occ.end.astimezone(tz)
    if start.date() != end.date() and end - start >= dt.timedelta(days=1):
        return f"{format_date(start.date())} {format_time(start)} – {format_date(end.date())} {format_time(end)}"
    return format_time(start) if end == start else f"{format_time(start)}–{format_time(end)}"


class CalendarModel(QAbstractListModel):
    """Rows: the visible entries of [start, end), sorted by start."""

    filters_changed = Signal()

    def __init__(self, loader: Loader, tz: dt.tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.tz = tz
        self.start = dt.datetime.now(dt.UTC)
        self.end = self.start
        self.fetched: list[Occurrence] = []
        self.rows: list[Occurrence] = []
        self.hidden_kinds: set[SourceKind] = set()
        self.partner_ids: frozenset[int] | None = None  # None: every partner (and entries without one)
        self.loads = 0

    # --- range and filters ------------------------------------------------------------------------------
    def set_range(self, start: dt.datetime, end: dt.datetime, *, force: bool = False) -> None:
        if not force and (start, end) == (self.start, self.end) and self.loads:
            return
        self.start, self.end = start, end
        self.reload()

    def reload(self) -> None:
        self.fetched = sorted(self.loader(self.start, self.end), key=lambda o: (o.start, o.end, o.title))
        self.loads += 1
        self._refilter()

    def set_kind_visible(self, kind: SourceKind, visible: bool) -> None:
        if visible == (kind not in self.hidden_kinds):
            return
        if visible:
            self.hidden_kinds.discard(kind)
        else:
            self.hidden_kinds.add(kind)
        self._refilter()
        self.filters_changed.emit()

    def set_partners(self, partner_ids: Iterable[int] | None) -> None:
        self.partner_ids = None if partner_ids is None else frozenset(partner_ids)
        self._refilter()
        self.filters_changed.emit()

    def accepts(self, occ: Occurrence) -> bool:
        if occ.source in self.hidden_kinds:
            return False
        return self.partner_ids is None or occ.partner_id in self.partner_ids

    def _refilter(self) -> None:
        self.beginResetModel()
        self.rows = [occ for occ in self.fetched if self.accepts(occ)]
        self.endResetModel()

    def on_changed(self, changes: Any) -> None:
        if WATCHED & changes.entities():
            self.reload()

    # --- lookups ----------------------------------------------------------------------------------------
    def row_of(self, key: tuple[str, int, str]) -> int:
        return next((row for row, occ in enumerate(self.rows) if occ.key == key), -1)

    def occurrence(self, row: int) -> Occurrence:
        return self.rows[row]

    def index_of(self, occ: Occurrence) -> QModelIndex:
        row = self.row_of(occ.key)
        return self.index(row) if row >= 0 else QModelIndex()

    # --- Qt model API -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        occ = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return occ.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [occ.title, time_range_text(occ, self.tz), occ.source.label]
            if occ.partner_name:
                lines.append(occ.partner_name)
            return "\n".join(lines)
        if role == OccurrenceRole:
            return occ
        if role == KeyRole:
            return occ.key
        if role == ColorRole:
            return entry_color(occ)
        return None
