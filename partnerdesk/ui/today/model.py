"""Item model of the Today list: section headers and rows, keyed by each row's identity.

A refresh asks the attention service again (a few aggregate queries) and applies the difference: rows whose
content changed are repainted in place; only when rows come or go is the list rebuilt.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from partnerdesk.domain.attention import Row, Section
from partnerdesk.l10n import _, ngettext
from partnerdesk.services.attention import Brief, Options, brief
from partnerdesk.services.attention_texts import (
    kind_label,
    money_totals_text,
    reasons_text,
    section_title,
    when_text,
)

RowRole = Qt.ItemDataRole.UserRole + 1
SectionRole = Qt.ItemDataRole.UserRole + 2
CountRole = Qt.ItemDataRole.UserRole + 3
NoteRole = Qt.ItemDataRole.UserRole + 4  # a section header's note (money totals per currency)

#: Entities whose changes can change a KPI's status (values, targets, definitions; payments feed ROI).
KPI_INPUTS = frozenset({"kpi_value", "kpi_definition", "kpi", "partner", "payment"})

#: Entities whose changes can change what Today shows.
WATCHED = frozenset({"work_item", "work_status", "event", "interaction", "contract", "partner", "payment",
                     "team_member", "kpi_value", "kpi", "kpi_definition"})

MoreRole = Qt.ItemDataRole.UserRole + 5


#: A refresh slower than this (a large workspace) runs off the UI thread after an edit.
SLOW_S = 0.1

#: Rows a section shows until the user expands it, so that every section shows on the first screen.
PREVIEW = 3


@dataclass(frozen=True)
class More:
    """The line after a section that shows only part of its rows: how many more there are. ``expand``: a click
    shows them here; otherwise (past what Today lists) a click opens them on the board."""

    section: Section
    count: int
    expand: bool = True


Entry = Row | Section | More


class TodayModel(QAbstractListModel):
    refreshed = Signal()

    def __init__(self, ws: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.options = Options()
        self.missed: Sequence[Any] = ()
        self.kpi_cache: dict[dt.date, dict[int, tuple[str, ...]]] = {}  # cleared when KPI inputs change
        self.brief: Brief | None = None
        self.entries: list[Entry] = []
        self.expanded: set[Section] = set()
        self.kpi_generation = 0
        self.last_duration = 0.0  # seconds the last refresh took
        self.job: Any = None  # the background refresh running, if any
        self.again = False

    # -- loading --------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask the attention service again, here and now (the first fill, a changed option)."""
        if self.ws is None:
            return
        started = time.perf_counter()
        result = brief(self.ws, self.options, self.missed, self.kpi_cache)
        self.last_duration = time.perf_counter() - started
        self.apply(result)

    def clear_kpi_cache(self) -> None:
        self.kpi_cache.clear()
        self.kpi_generation += 1

    def refresh_in_background(self) -> None:
        """The same refresh in a worker thread (a large workspace, after an edit), so the window never stalls;
        a change announced meanwhile runs one more refresh when this one ends."""
        from partnerdesk.ui.jobs import BackgroundJob

        if self.ws is None:
            return
        if self.job is not None:
            self.again = True
            return
        ws, options, missed = self.ws, self.options, tuple(self.missed)
        cache, generation = dict(self.kpi_cache), self.kpi_generation
        job = BackgroundJob(lambda: (brief(ws, options, missed, cache), time.perf_counter()), self)
        started = time.perf_counter()

        def done(payload: Any) -> None:
            result, ended = payload
            self.last_duration = ended - started
            if self.ws is ws and self.options == options:
                if generation == self.kpi_generation:
                    self.kpi_cache.update(cache)
                self.apply(result)

        def finished() -> None:
            self.job = None
            job.deleteLater()
            if self.again:
                self.again = False
                self.refresh_later()

        job.succeeded.connect(done)
        job.finished.connect(finished)
        self.job = job
        job.start()

    def refresh_later(self) -> None:
        """After an announced change: at once when refreshing is quick, else off the UI thread."""
        if self.last_duration < SLOW_S:
            self.refresh()
        else:
            self.refresh_in_background()

    def apply(self, result: Brief) -> None:
        self.brief = result
        self._show(self._entries())
        self.refreshed.emit()

    def _entries(self) -> list[Entry]:
        entries: list[Entry] = []
        assert self.brief is not None
        for section, rows in self.brief.sections():
            entries.append(section)
            if section in self.expanded or len(rows) <= PREVIEW + 1:
                entries.extend(rows)
                if self.brief.more.get(section):
                    entries.append(More(section, self.brief.more[section], expand=False))
            else:
                entries.extend(rows[:PREVIEW])
                entries.append(More(section, self.brief.count(section) - PREVIEW))
        return entries

    def expand(self, section: Section) -> None:
        """Show every row of a section (up to what Today lists)."""
        if section not in self.expanded and self.brief is not None:
            self.expanded.add(section)
            self._show(self._entries())

    def reveal(self, row: Row) -> int:
        """The list row of ``row``, expanding its section when the row is beyond the preview."""
        if row not in self.entries:
            self.expand(row.section)
        return self.entries.index(row)

    def _show(self, entries: list[Entry]) -> None:
        old_keys = [_key(e) for e in self.entries]
        if old_keys == [_key(e) for e in entries]:
            changed = [i for i, (a, b) in enumerate(zip(self.entries, entries, strict=True)) if a != b]
            self.entries = entries
            for i in changed:
                self.dataChanged.emit(self.index(i), self.index(i))
            # Section counts may change without rows coming or going (never in practice, kept exact).
        else:
            self.beginResetModel()
            self.entries = entries
            self.endResetModel()

    def set_workspace(self, ws: Any) -> None:
        self.ws = ws
        self.expanded.clear()
        self.clear_kpi_cache()
        self.beginResetModel()
        self.entries, self.brief = [], None
        self.endResetModel()
        self.refresh()

    @property
    def today(self) -> dt.date:
        return self.brief.today if self.brief is not None else dt.date.today()

    @property
    def action_count(self) -> int:
        return self.brief.action_count if self.brief is not None else 0

    def rows(self) -> list[Row]:
        """Every row Today lists, shown or behind a section's "more" line."""
        return list(self.brief.rows) if self.brief is not None else []

    def row_of(self, index: QModelIndex | QPersistentModelIndex) -> Row | None:
        entry = self.entries[index.row()] if index.isValid() and index.row() < len(self.entries) else None
        return entry if isinstance(entry, Row) else None

    def count_in(self, section: Section) -> int:
        return self.brief.count(section) if self.brief is not None else 0

    # -- Qt model API ---------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        entry = self.entries[index.row()]
        if isinstance(entry, More):
            if role == MoreRole:
                return entry
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return more_text(entry.count)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Show them here") if entry.expand else _("Show them on the board")
            return None
        if isinstance(entry, Section):
            if role == SectionRole:
                return entry
            if role == CountRole:
                return self.count_in(entry)
            if role == NoteRole:
                return money_totals_text(self.brief.totals) if entry == Section.MONEY and self.brief else ""
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{section_title(entry)} ({self.count_in(entry)})"
            return None
        if role == RowRole:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            bits = [kind_label(entry.kind), entry.partner, when_text(entry, self.today), reasons_text(entry)]
            return " · ".join(b for b in bits if b)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self.entries[index.row()], Section):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def more_text(count: int) -> str:
    return ngettext("…and {n} more", "…and {n} more", count).format(n=count)


def _key(entry: Entry) -> tuple[Any, ...]:
    if isinstance(entry, More):
        return ("more", entry.section.value)
    return ("section", entry.value) if isinstance(entry, Section) else entry.key
