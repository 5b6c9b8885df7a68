"""Month view: six weeks of day cells (week numbers on the reading-start side), entries as chips painted by the
delegate, "+N more" when a day is full; double-click a day to create, drag an event to another day to move it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from partnerdesk.domain.occurrence import Occurrence
from partnerdesk.l10n import current_language, format_skeleton, ngettext, weekday_name, weekend_days
from partnerdesk.ui import theme
from partnerdesk.ui.calendar import layout
from partnerdesk.ui.calendar.base_view import DRAG_DISTANCE, CalendarGridView


class MonthView(CalendarGridView):
    def __init__(self, tz: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(tz, parent)
        self.anchor = self.today
        self.days = layout.month_grid(self.anchor, self.first_weekday)
        self.show_week_numbers = True
        self.more: list[tuple[QRect, dt.date, int]] = []  # "+N more" links
        self._press: tuple[QPoint, Occurrence] | None = None
        self.drag_target: dt.date | None = None
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_month(self, day: dt.date, first_weekday: int, *, refresh: bool = True) -> None:
        self.anchor, self.first_weekday = day, first_weekday
        self.days = layout.month_grid(day, first_weekday)
        if refresh:
            self.refresh()

    def range(self) -> tuple[dt.datetime, dt.datetime]:
        return layout.range_bounds(self.days, self.tz)

    # --- geometry -----------------------------------------------------------------------------------------
    def header_height(self) -> int:
        return self.fontMetrics().height() + 10

    def week_column_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("00") + 16 if self.show_week_numbers else 0

    def line_height(self) -> int:
        return self.fontMetrics().height() + 4

    def cell_rect(self, day: dt.date) -> QRect:
        """Where ``day`` sits in the viewport (mirrored in right-to-left)."""
        i = (day - self.days[0]).days
        if not 0 <= i < 42:
            return QRect()
        row, col = divmod(i, 7)
        left = self.week_column_width()
        width = self.viewport().width() - left
        top = self.header_height()
        height = self.viewport().height() - top
        x0, x1 = left + width * col // 7, left + width * (col + 1) // 7
        y0, y1 = top + height * row // 6, top + height * (row + 1) // 6
        return self.mirrored(QRect(x0, y0, x1 - x0, y1 - y0))

    def day_at(self, pos: QPoint) -> dt.date | None:
        for day in self.days:
            if self.cell_rect(day).contains(pos):
                return day
        return None

    def relayout(self) -> None:
        self.placed, self.more = [], []
        model = self.model()
        if model is None or not self.days:
            return
        model = self.calendar_model()
        rows = model.rows
        row_of = {id(occ): n for n, occ in enumerate(rows)}
        spans = model.spans if len(model.spans) == len(rows) else None
        by_day = layout.entries_by_day(rows, self.days, self.tz, spans)
        line = self.line_height()
        number = self.fontMetrics().height() + 4
        for day in self.days:
            cell = self.cell_rect(day)
            entries = by_day[day]
            capacity = max(0, (cell.height() - number - 2) // line)
            shown = entries if len(entries) <= capacity else entries[:max(0, capacity - 1)]
            for n, occ in enumerate(shown):
                rect = QRect(cell.x() + 2, cell.y() + number + n * line, cell.width() - 4, line - 1)
                self.placed.append((rect, row_of[id(occ)]))
            hidden = len(entries) - len(shown)
            if hidden:
                rect = QRect(cell.x() + 4, cell.y() + number + len(shown) * line, cell.width() - 8, line - 1)
                self.more.append((rect, day, hidden))

    # --- painting -----------------------------------------------------------------------------------------
    def paint_all(self, painter: QPainter) -> None:
        """The whole grid onto any painter (the viewport, or a printer page)."""
        self.paint_background(painter)
        for rect, row in self.placed:
            self.paint_entry(painter, rect, row)
        painter.setPen(theme.color("text.accent"))
        align = ((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) if self.rtl else (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)) | \
            Qt.AlignmentFlag.AlignVCenter
        for rect, _day, hidden in self.more:
            painter.drawText(rect, align, ngettext("+{n} more", "+{n} more", hidden).format(n=hidden))
        if self.drag_target is not None:
            painter.setPen(QPen(theme.color("border.selected"), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(self.drag_target).adjusted(1, 1, -2, -2))

    def labels(self) -> dict[str, object]:
        """Texts of the grid that depend only on the month and the language (computed once per month)."""
        key = (self.days[0], current_language())
        if getattr(self, "_labels_key", None) != key:
            self._labels_key = key
            self._labels: dict[str, object] = {
                "weekend": set(weekend_days()),
                "wide": [weekday_name(d.weekday(), "wide") for d in self.days[:7]],
                "short": [weekday_name(d.weekday(), "abbreviated") for d in self.days[:7]],
                "weeks": [str(layout.week_number(self.days[row * 7 + 3])) for row in range(6)],
                "firsts": {d: format_skeleton("MMMd", d) for d in self.days if d.day == 1},  # 1 Mar, 3月1日
            }
        return self._labels

    def paint_grid(self, painter: QPainter) -> None:
        labels: Any = self.labels()
        weekend = labels["weekend"]
        header = self.header_height()
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        for col in range(7):
            day = self.days[col]
            cell = self.cell_rect(day)
            rect = QRect(cell.x(), 0, cell.width(), header)
            painter.setPen(theme.color("text.muted"))
            name = labels["short" if cell.width() < 110 else "wide"][col]
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
        for day in self.days:
            cell = self.cell_rect(day)
            if day == self.today:
                fill = theme.color("surface.today")
            elif day.month != self.anchor.month:
                fill = theme.color("surface.alt")
            elif day.weekday() in weekend:
                fill = theme.color("surface.weekend")
            else:
                fill = theme.color("surface")
            painter.fillRect(cell, fill)
            painter.setPen(theme.color("grid"))
            painter.drawRect(cell.adjusted(0, 0, -1, -1))
            number_rect = QRect(cell.x() + 6, cell.y() + 2, cell.width() - 12, metrics.height() + 2)
            painter.setFont(bold if day == self.today else self.font())
            painter.setPen(theme.color("text.faint") if day.month != self.anchor.month else theme.color("text"))
            align = ((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) if self.rtl else (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)) | \
                Qt.AlignmentFlag.AlignVCenter
            text = str(day.day) if day.day != 1 else labels["firsts"][day]
            painter.drawText(number_rect, align, text)
        painter.setFont(self.font())
        if self.show_week_numbers:
            width = self.week_column_width()
            painter.setPen(theme.color("text.faint"))
            for row in range(6):
                first = self.cell_rect(self.days[row * 7])
                rect = self.mirrored(QRect(0, first.y(), width, first.height()))
                painter.drawText(rect.adjusted(0, 4, 0, 0), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 labels["weeks"][row])

    # --- mouse --------------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = event.position().toPoint()
        self.setFocus()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        for rect, day, _hidden in self.more:
            if rect.contains(pos):
                self.day_requested.emit(day)
                return
        index = self.indexAt(pos)
        self.select_row(index.row() if index.isValid() else -1)
        occ = self.entry_at(pos)
        self._press = (pos, occ) if occ is not None and self.editable(occ) else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._press is None:
            return
        pos = event.position().toPoint()
        if (pos - self._press[0]).manhattanLength() < DRAG_DISTANCE and self.drag_target is None:
            return
        self.drag_target = self.day_at(pos)
        self.viewport().setCursor(Qt.CursorShape.DragMoveCursor)
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        press, target = self._press, self.drag_target
        self._press, self.drag_target = None, None
        self.viewport().unsetCursor()
        self.viewport().update()
        if press is None or target is None:
            return
        origin = self.day_at(press[0])
        if origin is None or origin == target:
            return
        occ = press[1]
        self.move_requested.emit(occ, *shift_days(occ, (target - origin).days, self.tz))

    def double_click_empty(self, pos: QPoint) -> None:
        day = self.day_at(pos)
        if day is None:
            return
        start = dt.datetime.combine(day, dt.time(9), self.tz).astimezone(dt.UTC)
        self.create_requested.emit(start, start + dt.timedelta(hours=1), False)


def shift_days(occ: Occurrence, days: int, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The entry moved by whole days, keeping its wall-clock times (all-day entries in their own zone)."""
    own = layout.zone(occ.time_zone) if occ.all_day else tz
    start, end = occ.start.astimezone(own), occ.end.astimezone(own)
    delta = dt.timedelta(days=days)
    new_start = (start.replace(tzinfo=None) + delta).replace(tzinfo=own)
    new_end = (end.replace(tzinfo=None) + delta).replace(tzinfo=own)
    return new_start.astimezone(dt.UTC), new_end.astimezone(dt.UTC)
