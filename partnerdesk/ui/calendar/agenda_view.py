"""Agenda view: the shown range as a list, one heading per day with entries under it (empty days left out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from partnerdesk.domain.occurrence import Occurrence
from partnerdesk.l10n import _
from partnerdesk.ui import theme
from partnerdesk.ui.calendar import layout
from partnerdesk.ui.calendar.accessible import spoken_description, spoken_name
from partnerdesk.ui.calendar.delegates import (
    AGENDA_DAY_HEIGHT,
    AGENDA_ROW_HEIGHT,
    paint_agenda_day,
    paint_agenda_entry,
)
from partnerdesk.ui.calendar.model import CalendarModel, OccurrenceRole

DayRole = Qt.ItemDataRole.UserRole + 10
Index = QModelIndex | QPersistentModelIndex


def agenda_rows(entries: list[Occurrence], days: list[dt.date], tz: dt.tzinfo,
                spans: list[tuple[dt.date, dt.date]] | None = None) -> list[dt.date | Occurrence]:
    """Day headings followed by the entries touching that day, for the days that have any."""
    rows: list[dt.date | Occurrence] = []
    for day, day_entries in layout.entries_by_day(entries, days, tz, spans).items():
        if day_entries:
            rows.append(day)
            rows.extend(day_entries)
    return rows


class AgendaModel(QAbstractListModel):
    """Follows a CalendarModel; rows are day headings (DayRole) and entries (OccurrenceRole)."""

    def __init__(self, source: CalendarModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.days: list[dt.date] = []
        self.rows: list[dt.date | Occurrence] = []
        self.active = True  # the calendar turns this off while the agenda is not shown
        source.modelReset.connect(self._source_reset)

    def _source_reset(self) -> None:
        if self.active:
            self.rebuild()

    def set_days(self, days: list[dt.date]) -> None:
        self.days = days
        self.rebuild()

    def rebuild(self) -> None:
        self.beginResetModel()
        source = self.source
        spans = source.spans if len(source.spans) == len(source.rows) else None
        self.rows = agenda_rows(source.rows, self.days, source.tz, spans) if self.days else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.rows[index.row()], Occurrence):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if isinstance(row, Occurrence):
            if role == OccurrenceRole:
                return row
            if role == Qt.ItemDataRole.DisplayRole:
                return row.title
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return spoken_name(row, self.source.tz)
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return spoken_description(row, self.source.tz)
            return None
        if role == DayRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            from partnerdesk.l10n import format_date

            return format_date(row, "full")
        return None


class AgendaDelegate(QStyledItemDelegate):
    def __init__(self, tz: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.partner_zone: dt.tzinfo | None = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        day = index.data(DayRole)
        if day is not None:
            paint_agenda_day(painter, QRectF(option.rect), day, option.font, rtl=rtl,
                             today=day == dt.datetime.now(self.tz).date())
            return
        occ = index.data(OccurrenceRole)
        if occ is not None:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            paint_agenda_entry(painter, QRectF(option.rect), occ, self.tz, option.font, rtl=rtl, selected=selected,
                               partner_zone=self.partner_zone)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt API
        height = AGENDA_DAY_HEIGHT if index.data(DayRole) is not None else AGENDA_ROW_HEIGHT
        return QSize(300, max(height, option.fontMetrics.height() * (1 if height == AGENDA_DAY_HEIGHT else 2) + 8))


class AgendaView(QListView):
    open_requested = Signal(object)  # occurrence
    delete_requested = Signal(object)  # occurrence (Delete key)

    def __init__(self, source: CalendarModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda = AgendaModel(source, self)
        self.setModel(self.agenda)
        self.agenda_delegate = AgendaDelegate(source.tz, self)
        self.setItemDelegate(self.agenda_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.doubleClicked.connect(self._open)
        self.activated.connect(self._open)

    def set_days(self, days: list[dt.date]) -> None:
        self.agenda.set_days(days)

    def rebuild(self) -> None:
        self.agenda.rebuild()

    def range(self) -> tuple[dt.datetime, dt.datetime]:
        return layout.range_bounds(self.agenda.days, self.agenda.source.tz)

    def set_partner_zone(self, tz: dt.tzinfo | None) -> None:
        self.agenda_delegate.partner_zone = tz
        self.viewport().update()

    def _open(self, index: QModelIndex) -> None:
        occ = index.data(OccurrenceRole)
        if occ is not None:
            self.open_requested.emit(occ)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        occ = self.selected_occurrence()
        if occ is not None and event.matches(QKeySequence.StandardKey.Delete):
            self.delete_requested.emit(occ)
            return
        super().keyPressEvent(event)

    def selected_occurrence(self) -> Occurrence | None:
        index = self.currentIndex()
        return index.data(OccurrenceRole) if index.isValid() else None

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.agenda.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(theme.color("text.faint"))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter,
                             _("Nothing scheduled in this period."))
            painter.end()
