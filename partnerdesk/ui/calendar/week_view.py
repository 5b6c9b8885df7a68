"""Week view: a time grid with an all-day row, the user's hours beside the selected partner's local hours,
the partner's working hours and weekend shaded, entries as blocks (overlaps side by side).

Drag over empty time to create, drag a block to move it (across days too), drag its lower edge to resize.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from partnerdesk.domain.occurrence import Occurrence
from partnerdesk.domain.timezones import WorkingHours
from partnerdesk.l10n import format_skeleton, format_time, ngettext
from partnerdesk.ui import theme
from partnerdesk.ui.calendar import layout
from partnerdesk.ui.calendar.base_view import DRAG_DISTANCE, CalendarGridView
from partnerdesk.ui.calendar.delegates import paint_block, paint_more_badge
from partnerdesk.ui.calendar.month_view import shift_days

HOUR_HEIGHT = 44  # at the usual font; larger text makes hours taller (WeekView.hour_height)
STEP = 15  # minutes: creation, moves and resizes snap to a quarter hour
RESIZE_EDGE = 6
MAX_ALL_DAY_LANES = 4


@dataclass
class Gesture:
    kind: str  # "move", "resize", "select", "select-all-day", "move-all-day"
    press: QPoint
    day: dt.date
    occ: Occurrence | None = None
    active: bool = False
    start: dt.datetime | None = None  # the ghost or selection, aware UTC
    end: dt.datetime | None = None


class WeekView(CalendarGridView):
    @property
    def hour_height(self) -> int:
        """An hour's height: room for two lines of a title at the view's font, never less than the usual 44 px."""
        return max(HOUR_HEIGHT, 2 * self.fontMetrics().lineSpacing() + 12)

    def __init__(self, tz: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(tz, parent)
        self.days = layout.week_days(self.today, self.first_weekday)
        self.partner_zone: dt.tzinfo | None = None
        self.hours: WorkingHours | None = None  # shaded: the selected partner's, else the user's own
        self.all_day_lanes = 1
        self.banner_count = 0
        self.more: list[tuple[QRect, dt.date, int]] = []  # "+N more" links in the all-day row
        self.more_timed: list[tuple[QRect, dt.date, int]] = []  # "+N" beside overlapping entries that do not fit
        self.gesture: Gesture | None = None
        self.first_hour: int | None = 8  # scrolled to when first shown (working hours start)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(self.hour_height // 2)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.refresh())

    def set_week(self, day: dt.date, first_weekday: int, *, refresh: bool = True) -> None:
        self.first_weekday = first_weekday
        self.days = layout.week_days(day, first_weekday)
        if refresh:
            self.refresh()

    def set_hours(self, hours: WorkingHours | None, partner_zone: dt.tzinfo | None) -> None:
        self.hours, self.partner_zone = hours, partner_zone
        self.refresh()

    def range(self) -> tuple[dt.datetime, dt.datetime]:
        return layout.range_bounds(self.days, self.tz)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.first_hour is not None:
            self.relayout()
            self.scroll_to_hour(self.first_hour)
            self.first_hour = None

    def scroll_to_hour(self, hour: int) -> None:
        self.verticalScrollBar().setValue(max(0, hour * self.hour_height - self.fontMetrics().height()))

    # --- geometry -----------------------------------------------------------------------------------------
    def gutter_width(self) -> int:
        one = self.fontMetrics().horizontalAdvance("00:00 AM") + 12
        return one * 2 if self.partner_zone is not None else one

    def header_height(self) -> int:
        return self.fontMetrics().height() + 12

    def lane_height(self) -> int:
        return self.fontMetrics().height() + 4

    def all_day_height(self) -> int:
        return self.all_day_lanes * self.lane_height() + 8

    def grid_top(self) -> int:
        return self.header_height() + self.all_day_height()

    def column_rect(self, day: dt.date) -> QRect:
        """The day's column over the whole height of the viewport (mirrored in right-to-left)."""
        i = (day - self.days[0]).days
        left = self.gutter_width()
        width = self.viewport().width() - left
        x0, x1 = left + width * i // 7, left + width * (i + 1) // 7
        return self.mirrored(QRect(x0, 0, x1 - x0, self.viewport().height()))

    def y_at(self, day: dt.date, moment: dt.datetime, top: int | None = None) -> int:
        """Viewport y of an instant within the local ``day`` (clamped to the day); ``top`` saves recomputing
        the grid's top edge when laying out many entries."""
        start, end = self._bounds(day)
        if moment <= start:
            minutes = 0
        elif moment >= end:
            minutes = 24 * 60
        else:
            local = moment.astimezone(self.tz)
            minutes = local.hour * 60 + local.minute
        if top is None:
            top = self.grid_top() - self.verticalScrollBar().value()
        return top + minutes * self.hour_height // 60

    def _bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        key = (day, self.tz)
        cache = self.__dict__.setdefault("_bounds_cache", {})
        if key not in cache:
            if len(cache) > 400:
                cache.clear()
            cache[key] = layout.day_bounds(day, self.tz)
        return cache[key]

    def point_at(self, day: dt.date, hour: int, minute: int = 0) -> QPoint:
        """The middle of ``day``'s column at a wall-clock time (used by tests and keyboard creation)."""
        column = self.column_rect(day)
        y = self.grid_top() + (hour * 60 + minute) * self.hour_height // 60 - self.verticalScrollBar().value()
        return QPoint(column.center().x(), y)

    def day_at(self, pos: QPoint) -> dt.date | None:
        for day in self.days:
            if self.column_rect(day).contains(QPoint(pos.x(), max(0, min(pos.y(), self.viewport().height() - 1)))):
                return day
        return None

    def time_at(self, day: dt.date, y: int) -> dt.datetime:
        """The instant at viewport ``y`` in ``day``'s column, snapped to the step, aware UTC."""
        minutes = (y - self.grid_top() + self.verticalScrollBar().value()) * 60 / self.hour_height
        minutes = max(0, min(24 * 60, layout.snap(minutes, STEP)))
        local = dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=minutes)
        return local.replace(tzinfo=self.tz).astimezone(dt.UTC)

    def in_all_day_row(self, pos: QPoint) -> bool:
        return self.header_height() <= pos.y() < self.grid_top()

    def relayout(self) -> None:
        self.placed, self.banner_count, self.more = [], 0, []
        model = self.model()
        if model is None or not self.days:
            return
        model = self.calendar_model()
        rows = model.rows
        spans = model.spans if len(model.spans) == len(rows) else [layout.local_span(o, self.tz) for o in rows]
        first, last = self.days[0], self.days[-1]
        banner: list[tuple[int, dt.date, dt.date]] = []
        timed: dict[dt.date, list[int]] = {day: [] for day in self.days}
        for n, occ in enumerate(rows):
            lo, hi = spans[n]
            if hi < first or lo > last:
                continue
            if occ.all_day or lo != hi:
                banner.append((n, max(lo, first), min(hi, last)))
            else:
                timed[lo].append(n)
        # All-day row: each banner takes the first lane free over its days.
        lane_busy: list[set[dt.date]] = []
        banner_lanes: list[int] = []
        for _n, lo, hi in banner:
            span = {lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)}
            lane = next((i for i, busy in enumerate(lane_busy) if not busy & span), len(lane_busy))
            if lane == len(lane_busy):
                lane_busy.append(set())
            lane_busy[lane] |= span
            banner_lanes.append(lane)
        # At most MAX_ALL_DAY_LANES rows; a day with more shows "+N more" in the last row (click: that day).
        overflow = len(lane_busy) > MAX_ALL_DAY_LANES
        shown_lanes = MAX_ALL_DAY_LANES - 1 if overflow else len(lane_busy)
        self.all_day_lanes = max(1, MAX_ALL_DAY_LANES if overflow else len(lane_busy))
        self._update_scroll_range()
        line = self.lane_height()
        hidden: dict[dt.date, int] = {}
        shown_banners = []
        for item, lane in zip(banner, banner_lanes, strict=True):
            if lane < shown_lanes:
                shown_banners.append((item, lane))
                continue
            _n, lo, hi = item
            for i in range((hi - lo).days + 1):
                day = lo + dt.timedelta(days=i)
                hidden[day] = hidden.get(day, 0) + 1
        self.more = []
        for day, count in sorted(hidden.items()):
            column = self.column_rect(day)
            self.more.append((QRect(column.left() + 4, self.header_height() + 4 + shown_lanes * line,
                                    column.width() - 8, line - 1), day, count))
        self.banner_count = len(shown_banners)  # placed[:banner_count] are in the all-day row
        for (n, lo, hi), lane in shown_banners:
            a, b = self.column_rect(lo), self.column_rect(hi)
            left, right = min(a.left(), b.left()), max(a.right(), b.right())
            self.placed.append((QRect(left + 2, self.header_height() + 4 + lane * line, right - left - 3, line - 1),
                                n))
        visible_top = self.grid_top()
        top = visible_top - self.verticalScrollBar().value()
        least_px = self.fontMetrics().height() + 4
        self.more_timed = []
        metrics = self.fontMetrics()
        least_lane = metrics.averageCharWidth() * 6 + 14  # room for the start of a title
        badge_w = metrics.horizontalAdvance("+99") + 10
        for day, members in timed.items():
            column = self.column_rect(day)
            available = column.width() - 6
            # Short entries are drawn at least one text line high: lay them out at that height too.
            least = dt.timedelta(minutes=(metrics.height() + 4) * 60 / self.hour_height)
            timed_spans = [(rows[n].start, max(rows[n].end, rows[n].start + least)) for n in members]
            hidden_rows: dict[int, list[int]] = {}  # cluster → rows that did not fit
            for n, (lane, width, cluster) in zip(members, layout.clustered_lanes(timed_spans), strict=True):
                occ = rows[n]
                shown, lane_w = layout.fit_lanes(width, available, least_lane, badge_w)
                if lane >= shown:
                    hidden_rows.setdefault(cluster, []).append(n)
                    continue
                y0 = self.y_at(day, occ.start, top)
                bottom = max(self.y_at(day, occ.end, top), y0 + least_px)
                x = column.left() + 1 + lane * lane_w
                if self.rtl:
                    x = column.right() - 4 - (lane + 1) * lane_w
                if bottom > visible_top:  # partly scrolled above the grid: only the visible part is placed
                    y0 = max(y0, visible_top)
                    self.placed.append((QRect(int(x), y0, int(lane_w), bottom - y0), n))
            for cluster_rows in hidden_rows.values():
                # "+N" beside the shown lanes, over the time the hidden entries take (click: the day's agenda).
                y0 = min(self.y_at(day, rows[n].start, top) for n in cluster_rows)
                bottom = max(max(self.y_at(day, rows[n].end, top) for n in cluster_rows), y0 + least_px)
                x = column.left() + 1 + available - badge_w + 2 if not self.rtl else column.left() + 2
                if bottom > visible_top:
                    y0 = max(y0, visible_top)
                    self.more_timed.append((QRect(int(x), y0, int(badge_w) - 2, bottom - y0), day,
                                            len(cluster_rows)))

    def _update_scroll_range(self) -> None:
        visible = self.viewport().height() - self.grid_top()
        bar = self.verticalScrollBar()
        bar.blockSignals(True)
        bar.setRange(0, max(0, 24 * self.hour_height - visible))
        bar.setPageStep(max(self.hour_height, visible))
        bar.blockSignals(False)

    # --- painting -----------------------------------------------------------------------------------------
    def paint_all(self, painter: QPainter) -> None:
        """The whole grid onto any painter (the viewport, or a printer page)."""
        self.paint_background(painter)
        top = self.grid_top()
        gesture = self.gesture
        height = self.viewport().height()
        banners = self.banner_count
        for rect, row in self.placed[:banners]:
            self.paint_entry(painter, rect, row)  # all-day row
        if self.more:
            painter.setPen(theme.color("text.accent"))
            align = (Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft) | \
                Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
            for rect, _day, count in self.more:
                painter.drawText(rect, align, ngettext("+{n} more", "+{n} more", count).format(n=count))
        painter.setClipRect(QRect(0, top, self.viewport().width(), height - top))
        for rect, row in self.placed[banners:]:
            if rect.top() < height:  # only what is scrolled into view
                self.paint_entry(painter, rect, row)
        for rect, _day, count in self.more_timed:
            if rect.top() < height:
                paint_more_badge(painter, rect, count)
        if gesture is not None and gesture.active and gesture.start is not None and gesture.end is not None:
            self.paint_gesture(painter, gesture)
        painter.setClipping(False)

    def paint_grid(self, painter: QPainter) -> None:
        top, header = self.grid_top(), self.header_height()
        width, height = self.viewport().width(), self.viewport().height()
        scroll = self.verticalScrollBar().value()
        metrics = self.fontMetrics()
        now = dt.datetime.now(dt.UTC)
        for day in self.days:
            column = self.column_rect(day)
            body = QRect(column.x(), top, column.width(), height - top)
            self.paint_hours(painter, day, body)
            painter.setPen(theme.color("grid"))
            painter.drawLine(column.topLeft() if not self.rtl else column.topRight(),
                             column.bottomLeft() if not self.rtl else column.bottomRight())
            title = QRect(column.x(), 0, column.width(), header)
            bold = QFont(self.font())
            bold.setBold(day == self.today)
            painter.setFont(bold)
            painter.setPen(theme.color("text.accent") if day == self.today else theme.color("text"))
            painter.drawText(title, Qt.AlignmentFlag.AlignCenter,
                             format_skeleton("MMMEd" if column.width() > 90 else "Ed", day))
            painter.setFont(self.font())
        painter.setPen(theme.color("grid"))
        painter.drawLine(0, header, width, header)
        painter.drawLine(0, top - 1, width, top - 1)
        gutter = self.gutter_width()
        half = gutter // 2 if self.partner_zone is not None else gutter
        if self.partner_zone is not None:  # which column of times is whose: the cities of both zones
            small = QFont(self.font())
            small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
            painter.setFont(small)
            for x, tz, color in ((0, self.tz, theme.color("text.muted")), (half, self.partner_zone, theme.color("text.partner"))):
                painter.setPen(color)
                painter.drawText(self.mirrored(QRect(x + 2, header, half - 4, top - header)),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, _city(tz))
            painter.setFont(self.font())
        painter.setClipRect(QRect(0, top, width, height - top))
        for hour in range(25):
            y = top + hour * self.hour_height - scroll
            painter.setPen(theme.color("grid"))
            line = self.mirrored(QRect(gutter, y, width - gutter, 1))
            painter.drawLine(line.left(), y, line.right(), y)
            if hour == 24:
                continue
            moment = dt.datetime.combine(self.days[0], dt.time(hour), self.tz)
            painter.setPen(theme.color("text.muted"))
            own = self.mirrored(QRect(0, y - metrics.height() // 2, half - 6, metrics.height()))
            align = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) if not self.rtl else (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
            if hour:
                painter.drawText(own, align | Qt.AlignmentFlag.AlignVCenter, format_time(moment))
                if self.partner_zone is not None:
                    painter.setPen(theme.color("text.partner"))
                    other = self.mirrored(QRect(half, y - metrics.height() // 2, half - 6, metrics.height()))
                    painter.drawText(other, align | Qt.AlignmentFlag.AlignVCenter,
                                     format_time(moment.astimezone(self.partner_zone)))
        if self.today in self.days:
            y = self.y_at(self.today, now)
            column = self.column_rect(self.today)
            painter.setPen(QPen(theme.color("now"), 2))
            painter.drawLine(column.left(), y, column.right(), y)
        painter.setClipping(False)

    def paint_hours(self, painter: QPainter, day: dt.date, body: QRect) -> None:
        """Shade the time outside the working hours shown (the partner's, else the user's), weekends darker."""
        if self.hours is None:
            return
        start, end = layout.day_bounds(day, self.tz)
        windows = list(self.hours.windows(start, end))
        midday = (start + (end - start) / 2).astimezone(self.hours.zone)
        weekend = midday.weekday() in self.hours.weekend
        painter.fillRect(body, theme.color("surface.weekend") if weekend and not windows else theme.color("surface.alt"))
        for lo, hi in windows:
            y0, y1 = self.y_at(day, lo), self.y_at(day, hi)
            painter.fillRect(QRect(body.x(), max(body.y(), y0), body.width(), y1 - max(body.y(), y0)),
                             theme.color("surface"))

    def paint_gesture(self, painter: QPainter, gesture: Gesture) -> None:
        assert gesture.start is not None and gesture.end is not None
        if gesture.kind in ("select", "select-all-day"):
            lo = gesture.start.astimezone(self.tz).date()
            hi = (gesture.end.astimezone(self.tz) - dt.timedelta(microseconds=1)).date()
            painter.setPen(QPen(theme.color("border.selected"), 1))
            painter.setBrush(QColor(61, 111, 182, 60))
            day = lo
            while day <= hi:
                column = self.column_rect(day)
                if gesture.kind == "select":
                    y0, y1 = self.y_at(day, gesture.start), self.y_at(day, gesture.end)
                else:
                    y0, y1 = self.header_height() + 2, self.grid_top() - 3
                painter.drawRect(QRect(column.x() + 2, y0, column.width() - 5, y1 - y0))
                day += dt.timedelta(days=1)
            return
        occ = gesture.occ
        assert occ is not None
        ghost = Occurrence(occ.source, occ.source_id, occ.title, gesture.start, gesture.end, occ.time_zone,
                           occ.all_day, occ.partner_id, occ.partner_name, occ.color, occ.recurring)
        day = gesture.start.astimezone(self.tz).date()
        if day not in self.days or occ.all_day:
            return
        column = self.column_rect(day)
        rect = QRectF(column.x() + 2, self.y_at(day, gesture.start), column.width() - 6,
                      max(self.y_at(day, gesture.end) - self.y_at(day, gesture.start), 12))
        paint_block(painter, rect, ghost, self.tz, self.font(), rtl=self.rtl, selected=True, ghost=True)

    # --- mouse --------------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.setFocus()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        for rect, more_day, _count in self.more + self.more_timed:
            if rect.contains(pos):
                self.gesture = None
                self.day_requested.emit(more_day)
                return
        day = self.day_at(pos)
        index = self.indexAt(pos)
        self.select_row(index.row() if index.isValid() else -1)
        if day is None or pos.y() < self.header_height():
            self.gesture = None
            return
        occ = self.entry_at(pos)
        if occ is not None:
            if not self.editable(occ):
                self.gesture = None
                return
            rect = self.visualRect(index)
            banner = self.in_all_day_row(pos)
            kind = "move-all-day" if banner else ("resize" if pos.y() >= rect.bottom() - RESIZE_EDGE else "move")
            self.gesture = Gesture(kind, pos, day, occ)
        elif self.in_all_day_row(pos):
            self.gesture = Gesture("select-all-day", pos, day)
        else:
            self.gesture = Gesture("select", pos, day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = event.position().toPoint()
        gesture = self.gesture
        if gesture is None:
            occ = self.entry_at(pos)
            over_edge = occ is not None and self.editable(occ) and not self.in_all_day_row(pos) and \
                pos.y() >= self.visualRect(self.indexAt(pos)).bottom() - RESIZE_EDGE
            if over_edge:
                self.viewport().setCursor(Qt.CursorShape.SizeVerCursor)
            else:
                self.viewport().unsetCursor()
            return
        if not gesture.active and (pos - gesture.press).manhattanLength() < DRAG_DISTANCE:
            return
        gesture.active = True
        day = self.day_at(pos) or gesture.day
        self.update_gesture(gesture, pos, day)
        self.viewport().update()

    def update_gesture(self, gesture: Gesture, pos: QPoint, day: dt.date) -> None:
        occ = gesture.occ
        if gesture.kind == "select":
            a = self.time_at(gesture.day, gesture.press.y())
            b = self.time_at(day, pos.y())
            lo, hi = min(a, b), max(a, b)
            gesture.start, gesture.end = lo, max(hi, lo + dt.timedelta(minutes=STEP))
        elif gesture.kind == "select-all-day":
            first_day, last_day = min(gesture.day, day), max(gesture.day, day)
            gesture.start = layout.day_bounds(first_day, self.tz)[0]
            gesture.end = layout.day_bounds(last_day, self.tz)[1]
        elif gesture.kind == "move-all-day" and occ is not None:
            gesture.start, gesture.end = shift_days(occ, (day - gesture.day).days, self.tz)
        elif gesture.kind == "move" and occ is not None:
            minutes = layout.snap((pos.y() - gesture.press.y()) * 60 / self.hour_height, STEP)
            start = occ.start.astimezone(self.tz).replace(tzinfo=None)
            start += dt.timedelta(days=(day - gesture.day).days, minutes=minutes)
            new_start = start.replace(tzinfo=self.tz).astimezone(dt.UTC)
            gesture.start, gesture.end = new_start, new_start + (occ.end - occ.start)
        elif gesture.kind == "resize" and occ is not None:
            minutes = layout.snap((pos.y() - gesture.press.y()) * 60 / self.hour_height, STEP)
            end = occ.end.astimezone(self.tz).replace(tzinfo=None) + dt.timedelta(minutes=minutes)
            new_end = end.replace(tzinfo=self.tz).astimezone(dt.UTC)
            gesture.start, gesture.end = occ.start, max(new_end, occ.start + dt.timedelta(minutes=STEP))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        gesture, self.gesture = self.gesture, None
        self.viewport().update()
        if gesture is None:
            return
        pos = event.position().toPoint()
        if not gesture.active:
            return  # a plain click selects (or clears the selection); creating needs a drag or a double-click
        self.update_gesture(gesture, pos, self.day_at(pos) or gesture.day)
        if gesture.start is None or gesture.end is None:
            return
        if gesture.kind == "select":
            self.create_requested.emit(gesture.start, gesture.end, False)
        elif gesture.kind == "select-all-day":
            self.create_requested.emit(gesture.start, gesture.end, True)
        elif gesture.occ is not None and (gesture.start, gesture.end) != (gesture.occ.start, gesture.occ.end):
            self.move_requested.emit(gesture.occ, gesture.start, gesture.end)

    def double_click_empty(self, pos: QPoint) -> None:
        day = self.day_at(pos)
        if day is None or pos.y() < self.header_height():
            return
        if self.in_all_day_row(pos):
            start, end = layout.day_bounds(day, self.tz)
            self.create_requested.emit(start, end, True)
            return
        start = self.time_at(day, pos.y() - self.hour_height // 4)
        self.create_requested.emit(start, start + dt.timedelta(hours=1), False)



def _city(tz: dt.tzinfo) -> str:
    """'Riyadh' for Asia/Riyadh: the short name printed over a column of times."""
    from babel.dates import get_timezone_location

    from partnerdesk.l10n import babel_locale

    key = str(getattr(tz, "key", "") or "UTC")
    try:
        return str(get_timezone_location(tz, locale=babel_locale(), return_city=True))
    except (LookupError, ValueError, AttributeError):
        return key.rsplit("/", 1)[-1].replace("_", " ")
