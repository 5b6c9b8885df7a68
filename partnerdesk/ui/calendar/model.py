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

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor

from partnerdesk.domain.occurrence import KIND_COLORS, Occurrence, SourceKind
from partnerdesk.l10n import format_date, format_time

OccurrenceRole = Qt.ItemDataRole.UserRole + 1
KeyRole = Qt.ItemDataRole.UserRole + 2
ColorRole = Qt.ItemDataRole.UserRole + 3



# What changes can alter the calendar (events and the records derived entries come from).
WATCHED = frozenset({"event", "work_item", "contract", "payment", "interaction", "partner"})

Loader = Callable[[dt.datetime, dt.datetime], list[Occurrence]]
CACHED_WINDOWS = 8
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


class RangeCache:
    """Windows already loaded: a range inside one of them is answered from memory."""

    def __init__(self) -> None:
        self.windows: list[tuple[dt.datetime, dt.datetime, list[Occurrence]]] = []

    def get(self, start: dt.datetime, end: dt.datetime) -> list[Occurrence] | None:
        from partnerdesk.domain.recurrence import meets

        for lo, hi, entries in self.windows:
            if lo <= start and end <= hi:
                return [o for o in entries if meets(o.start, o.end, start, end)]
        return None

    def covers(self, start: dt.datetime, end: dt.datetime) -> bool:
        return any(lo <= start and end <= hi for lo, hi, _e in self.windows)

    def put(self, start: dt.datetime, end: dt.datetime, entries: list[Occurrence]) -> None:
        self.windows = [*self.windows[-(CACHED_WINDOWS - 1):], (start, end, entries)]

    def clear(self) -> None:
        self.windows = []


class CalendarModel(QAbstractListModel):
    """Rows: the visible entries of [start, end), sorted by start.

    Ranges already loaded (the neighbours are prefetched when the app is idle) come from memory, so "next" and
    "previous" only lay out and paint. Any change to events or their sources empties the cache.
    """

    filters_changed = Signal()

    def __init__(self, loader: Loader, tz: dt.tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.tz = tz
        self.start = dt.datetime.now(dt.UTC)
        self.end = self.start
        self.fetched: list[Occurrence] = []
        self.rows: list[Occurrence] = []
        self.spans: list[tuple[dt.date, dt.date]] = []  # first and last local day of each row
        self.cache = RangeCache()
        self._span_cache: dict[tuple[object, ...], tuple[dt.date, dt.date]] = {}
        self.pending: list[tuple[dt.datetime, dt.datetime]] = []
        self.prefetch_timer = QTimer(self)
        self.prefetch_timer.setSingleShot(True)
        self.prefetch_timer.setInterval(150)  # after the new period has painted
        self.prefetch_timer.timeout.connect(self._prefetch_one)
        self.hidden_kinds: set[SourceKind] = set()
        self.partner_ids: frozenset[int] | None = None  # None: every partner (and entries without one)
        self.loads = 0

    # --- range and filters ------------------------------------------------------------------------------
    def set_range(self, start: dt.datetime, end: dt.datetime, *, force: bool = False) -> bool:
        """Show [start, end); returns whether the rows were reset."""
        if not force and (start, end) == (self.start, self.end) and self.loads:
            return False
        self.start, self.end = start, end
        if force:
            self.cache.clear()
        self.reload()
        return True

    def reload(self) -> None:
        cached = self.cache.get(self.start, self.end)
        if cached is None:
            cached = self._load(self.start, self.end)
        self.fetched = cached
        self.loads += 1
        self._refilter()

    def _load(self, start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
        entries = sorted(self.loader(start, end), key=lambda o: (o.start, o.end, o.title))
        self.cache.put(start, end, entries)
        self._spans_of(entries)  # prefetching pays for this too
        return entries

    def _spans_of(self, entries: list[Occurrence]) -> list[tuple[dt.date, dt.date]]:
        """Each entry's first and last local day, remembered per entry and zone."""
        from partnerdesk.ui.calendar.layout import local_span

        known = self._span_cache
        if len(known) > 60_000:
            known.clear()
        tz = self.tz
        out = []
        for occ in entries:
            key = (occ.start, occ.end, occ.all_day, occ.time_zone, tz)  # all a span depends on
            span = known.get(key)
            if span is None:
                span = known[key] = local_span(occ, tz)
            out.append(span)
        return out

    def prefetch(self, ranges: list[tuple[dt.datetime, dt.datetime]]) -> None:
        """Load these ranges when the app is idle (one per event-loop turn), so switching to them is instant."""
        self.pending = [r for r in ranges if not self.cache.covers(*r)]
        if self.pending:
            self.prefetch_timer.start()

    def _prefetch_one(self) -> None:
        if not self.pending:
            return
        start, end = self.pending.pop(0)
        if not self.cache.covers(start, end):
            try:
                self._load(start, end)
            except Exception:  # noqa: BLE001 - prefetching is best effort; a real switch reports errors
                self.pending = []
                return
        if self.pending:
            self.prefetch_timer.start()

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
        if self.hidden_kinds or self.partner_ids is not None:
            self.rows = [occ for occ in self.fetched if self.accepts(occ)]
        else:
            self.rows = list(self.fetched)
        self.spans = self._spans_of(self.rows)
        self.endResetModel()

    def on_changed(self, changes: Any) -> None:
        if WATCHED & changes.entities():
            self.cache.clear()
            self.pending = []
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
