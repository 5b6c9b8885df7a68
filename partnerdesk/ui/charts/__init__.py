"""Small charts painted with QPainter: sparkline, line with a target band, bars.

Every chart is a plain function ``paint_*(painter, rect, ...)`` so the same code draws on screen (a delegate, a
widget) and on paper (QPrinter). ``rtl=True`` mirrors the time axis: the newest point is on the left, as an
Arabic reader expects. :class:`ChartWidget` shows one of them in a layout.
"""

from partnerdesk.ui.charts.painting import (
    ChartStyle,
    LineSeries,
    paint_bars,
    paint_line_chart,
    paint_sparkline,
)
from partnerdesk.ui.charts.widget import ChartWidget

__all__ = ["ChartStyle", "ChartWidget", "LineSeries", "paint_bars", "paint_line_chart", "paint_sparkline"]
