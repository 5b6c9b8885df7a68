"""The painting functions of ``ui.charts``: no widgets, only a QPainter and a rectangle."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

Number = float | None


@dataclass(frozen=True)
class ChartStyle:
    line: QColor = field(default_factory=lambda: QColor("#2F6DB5"))
    target: QColor = field(default_factory=lambda: QColor("#5A5A5A"))
    band: QColor = field(default_factory=lambda: QColor(90, 90, 90, 40))
    grid: QColor = field(default_factory=lambda: QColor(0, 0, 0, 30))
    text: QColor = field(default_factory=lambda: QColor("#444444"))
    bar: QColor = field(default_factory=lambda: QColor("#4A6FA5"))


@dataclass(frozen=True)
class LineSeries:
    values: Sequence[Number]
    color: QColor | None = None


def _range(values: Sequence[Number], extra: Sequence[Number] = ()) -> tuple[float, float] | None:
    known = [v for v in (*values, *extra) if v is not None and math.isfinite(v)]
    if not known:
        return None
    low, high = min(known), max(known)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.08
    return low - pad, high + pad


def _x(rect: QRectF, index: int, count: int, rtl: bool) -> float:
    if count <= 1:
        return rect.center().x()
    share = index / (count - 1)
    return rect.right() - share * rect.width() if rtl else rect.left() + share * rect.width()


def _y(rect: QRectF, value: float, low: float, high: float) -> float:
    return rect.bottom() - (value - low) / (high - low) * rect.height()


def _path(rect: QRectF, values: Sequence[Number], low: float, high: float, rtl: bool) -> QPainterPath:
    """A polyline through the known values; a gap (None) lifts the pen."""
    path = QPainterPath()
    pen_down = False
    for i, value in enumerate(values):
        if value is None or not math.isfinite(value):
            pen_down = False
            continue
        point = QPointF(_x(rect, i, len(values), rtl), _y(rect, value, low, high))
        if pen_down:
            path.lineTo(point)
        else:
            path.moveTo(point)
            pen_down = True
    return path


def paint_sparkline(painter: QPainter, rect: QRectF, values: Sequence[Number], *, color: QColor | None = None,
                    target: Number = None, rtl: bool = False) -> None:
    """A tiny trend line; the last (current) value gets a dot, the target a faint dashed line."""
    bounds = _range(values, (target,))
    if bounds is None or rect.width() < 4 or rect.height() < 4:
        return
    low, high = bounds
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = color or ChartStyle().line
    if target is not None:
        pen = QPen(QColor(0, 0, 0, 90), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        y = _y(rect, target, low, high)
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    painter.setPen(QPen(color, 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(_path(rect, values, low, high, rtl))
    last = len(values) - 1
    if last >= 0 and values[last] is not None:
        painter.setBrush(color)
        painter.drawEllipse(QPointF(_x(rect, last, len(values), rtl), _y(rect, values[last] or 0, low, high)), 2.2, 2.2)
    painter.restore()


def paint_line_chart(painter: QPainter, rect: QRectF, series: Sequence[LineSeries], labels: Sequence[str], *,
                     target: Sequence[Number] = (), band: Sequence[tuple[float, float] | None] = (),
                     fmt: Callable[[float], str] = lambda v: f"{v:g}", rtl: bool = False,
                     style: ChartStyle | None = None) -> None:
    """Lines over periods with the target as a line and the tolerance as a shaded band around it.

    ``labels`` name the periods (oldest first); only some are drawn when they would overlap. ``band[i]`` is the
    (low, high) of the "behind" zone at period i. In right-to-left the oldest period is on the right.
    """
    style = style or ChartStyle()
    count = len(labels)
    flat_band = [v for pair in band if pair for v in pair]
    bounds = _range([v for s in series for v in s.values], (*target, *flat_band))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(painter.font())
    if bounds is None or count == 0:
        painter.setPen(style.text)
        painter.restore()
        return
    low, high = bounds
    axis_width = max(metrics.horizontalAdvance(fmt(v)) for v in (low, high, (low + high) / 2)) + 8
    plot = QRectF(rect.left() + (0 if rtl else axis_width), rect.top() + metrics.height() / 2,
                  rect.width() - axis_width, rect.height() - metrics.height() * 2)
    if plot.width() < 10 or plot.height() < 10:
        painter.restore()
        return
    # Grid and value axis (on the reading-start side).
    painter.setPen(QPen(style.grid, 1))
    for step in range(5):
        value = low + (high - low) * step / 4
        y = _y(plot, value, low, high)
        painter.setPen(QPen(style.grid, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(style.text)
        text_rect = QRectF(plot.right() + 4 if rtl else rect.left(), y - metrics.height() / 2, axis_width - 6,
                           metrics.height())
        align = Qt.AlignmentFlag.AlignVCenter | (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight)
        painter.drawText(text_rect, int(align), fmt(value))
    # Tolerance band and target line.
    if band and any(band):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.band)
        for i, pair in enumerate(band):
            if pair is None:
                continue
            half = plot.width() / max(1, count - 1) / 2 if count > 1 else plot.width() / 2
            x = _x(plot, i, count, rtl)
            top, bottom = _y(plot, max(pair), low, high), _y(plot, min(pair), low, high)
            painter.drawRect(QRectF(max(plot.left(), x - half), top, min(plot.right(), x + half) - max(plot.left(), x - half),
                                    bottom - top))
    if target:
        painter.setPen(QPen(style.target, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(_path(plot, target, low, high, rtl))
    # Series.
    for s in series:
        color = s.color or style.line
        painter.setPen(QPen(color, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(_path(plot, s.values, low, high, rtl))
        painter.setBrush(color)
        for i, point in enumerate(s.values):
            if point is not None and math.isfinite(point):
                painter.drawEllipse(QPointF(_x(plot, i, count, rtl), _y(plot, point, low, high)), 2.5, 2.5)
    # Period labels, thinned so they never overlap.
    painter.setPen(style.text)
    widest = max(metrics.horizontalAdvance(label) for label in labels) + 8
    every = max(1, math.ceil(widest / max(1.0, plot.width() / max(1, count))))
    for i, label in enumerate(labels):
        if (count - 1 - i) % every:
            continue
        x = _x(plot, i, count, rtl)
        painter.drawText(QRectF(x - widest / 2, plot.bottom() + 2, widest, metrics.height()),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), label)
    painter.restore()


def paint_bars(painter: QPainter, rect: QRectF, values: Sequence[Number], labels: Sequence[str], *,
               colors: Sequence[QColor | None] = (), fmt: Callable[[float], str] = lambda v: f"{v:g}",
               rtl: bool = False, style: ChartStyle | None = None) -> None:
    """Vertical bars from zero, value written above each; the first bar at the reading start."""
    style = style or ChartStyle()
    count = len(values)
    known = [v for v in values if v is not None]
    if not count or not known:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(painter.font())
    high = max(0.0, *known)
    low = min(0.0, *known)
    if high == low:
        high = low + 1
    plot = QRectF(rect.left(), rect.top() + metrics.height(), rect.width(), rect.height() - metrics.height() * 2.2)
    slot = plot.width() / count
    zero = _y(plot, 0.0, low, high)
    for i, value in enumerate(values):
        position = count - 1 - i if rtl else i
        x = plot.left() + position * slot
        if value is not None:
            y = _y(plot, value, low, high)
            color = (colors[i] if i < len(colors) else None) or style.bar
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRect(QRectF(x + slot * 0.15, min(y, zero), slot * 0.7, abs(zero - y)))
            painter.setPen(style.text)
            painter.drawText(QRectF(x, min(y, zero) - metrics.height(), slot, metrics.height()),
                             int(Qt.AlignmentFlag.AlignCenter), fmt(value))
        if i < len(labels):
            painter.setPen(style.text)
            painter.drawText(QRectF(x, plot.bottom() + 2, slot, metrics.height() * 1.2),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                             metrics.elidedText(labels[i], Qt.TextElideMode.ElideRight, slot))
    painter.restore()
