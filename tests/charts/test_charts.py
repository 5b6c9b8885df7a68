"""The QPainter charts: they draw where a reader expects, mirror the time axis in right-to-left, print."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from partnerdesk.ui.charts import LineSeries, paint_bars, paint_line_chart, paint_sparkline

RED = QColor("#FF0000")


def _image(width: int = 120, height: int = 40) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    return image


def _red_columns(image: QImage, rows: range) -> list[int]:
    return [x for x in range(image.width())
            if any(QColor(image.pixel(x, y)).red() > 200 and QColor(image.pixel(x, y)).green() < 80 for y in rows)]


def _draw(fn, image: QImage) -> None:  # type: ignore[no-untyped-def]
    painter = QPainter(image)
    fn(painter)
    painter.end()


def test_sparkline_rises_to_the_right_and_mirrors_in_rtl(qapp) -> None:  # type: ignore[no-untyped-def]
    values = [0.0, 1.0, 2.0, 3.0, 10.0]
    ltr, rtl = _image(), _image()
    _draw(lambda p: paint_sparkline(p, QRectF(0, 0, 120, 40), values, color=RED), ltr)
    _draw(lambda p: paint_sparkline(p, QRectF(0, 0, 120, 40), values, color=RED, rtl=True), rtl)
    top = range(0, 6)  # the newest, highest value is near the top edge
    assert _red_columns(ltr, top) and min(_red_columns(ltr, top)) > 90
    assert _red_columns(rtl, top) and max(_red_columns(rtl, top)) < 30


def test_sparkline_gaps_and_empty_series_draw_nothing_wrong(qapp) -> None:  # type: ignore[no-untyped-def]
    empty = _image()
    _draw(lambda p: paint_sparkline(p, QRectF(0, 0, 120, 40), [None, None], color=RED), empty)
    assert not _red_columns(empty, range(40))
    gap = _image()
    _draw(lambda p: paint_sparkline(p, QRectF(0, 0, 120, 40), [5.0, None, None, None, 5.5], color=RED), gap)
    middle = [x for x in _red_columns(gap, range(40)) if 40 < x < 80]
    assert not middle  # no line across the missing periods


def test_line_chart_with_target_band_and_mirrored_axis(qapp) -> None:  # type: ignore[no-untyped-def]
    labels = [f"M{i}" for i in range(12)]
    values = [float(i) for i in range(12)]
    ltr, rtl = _image(400, 200), _image(400, 200)
    for image, mirrored in ((ltr, False), (rtl, True)):
        _draw(lambda p, m=mirrored: paint_line_chart(  # type: ignore[misc]
            p, QRectF(0, 0, 400, 200), [LineSeries(values, RED)], labels, target=[6.0] * 12,
            band=[(5.4, 6.0)] * 12, rtl=m), image)
    upper = range(0, 50)
    assert min(_red_columns(ltr, upper)) > 250  # highest values on the right
    assert max(_red_columns(rtl, upper)) < 150  # ... and on the left in right-to-left


def test_bars_order_follows_direction(qapp) -> None:  # type: ignore[no-untyped-def]
    ltr, rtl = _image(200, 100), _image(200, 100)
    _draw(lambda p: paint_bars(p, QRectF(0, 0, 200, 100), [10.0, 1.0], ["a", "b"], colors=[RED, None]), ltr)
    _draw(lambda p: paint_bars(p, QRectF(0, 0, 200, 100), [10.0, 1.0], ["a", "b"], colors=[RED, None], rtl=True),
          rtl)
    assert max(_red_columns(ltr, range(100))) < 100 and min(_red_columns(rtl, range(100))) > 100
