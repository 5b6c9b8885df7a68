"""Printing the performance matrix through the same painting as the screen (QPrinter, or a PDF file)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPainter, QPen

from partnerdesk.ui.performance.model import PerformanceModel
from partnerdesk.ui.performance.tile_paint import paint_tile

NAME_WIDTH = 150.0
CELL_WIDTH, CELL_HEIGHT = 120.0, 40.0


def print_matrix(printer: Any, model: PerformanceModel, title: str, rtl: bool = False) -> int:
    """Paint the matrix (as filtered and sorted) on ``printer``, landscape, continuing on new pages and repeating
    the header row; KPI columns that do not fit go on further pages. Returns the number of pages."""
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    pages = 0
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        scale = printer.resolution() / 96.0
        painter.scale(scale, scale)
        width, height = page.width() / scale, page.height() / scale
        font = QFont(painter.font())
        font.setPixelSize(10)
        painter.setFont(font)
        per_page_cols = max(1, int((width - NAME_WIDTH) // CELL_WIDTH))
        per_page_rows = max(1, int((height - 60) // CELL_HEIGHT))
        column_chunks = [list(range(c, min(c + per_page_cols, model.columnCount())))
                         for c in range(0, max(1, model.columnCount()), per_page_cols)] or [[]]
        for columns in column_chunks:
            for first in range(0, max(1, model.rowCount()), per_page_rows):
                if pages:
                    printer.newPage()
                pages += 1
                _page(painter, model, title, columns, range(first, min(first + per_page_rows, model.rowCount())),
                      width, rtl)
    finally:
        painter.end()
    return pages


def _x(left: float, width: float, total: float, rtl: bool) -> float:
    return total - left - width if rtl else left


def _page(painter: QPainter, model: PerformanceModel, title: str, columns: list[int], rows: range, width: float,
          rtl: bool) -> None:
    bold = QFont(painter.font())
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(QColor("black"))
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    painter.drawText(QRectF(0, 0, width, 24), int(side | Qt.AlignmentFlag.AlignVCenter), title)
    top = 30.0
    for i, col in enumerate(columns):
        x = _x(NAME_WIDTH + i * CELL_WIDTH, CELL_WIDTH, width, rtl)
        painter.drawText(QRectF(x + 2, top, CELL_WIDTH - 4, 24),
                         int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                         str(model.headerData(col, Qt.Orientation.Horizontal)))
    top += 26
    normal = QFont(painter.font())
    normal.setBold(False)
    for r in rows:
        y = top + (r - rows.start) * CELL_HEIGHT
        painter.setFont(bold)
        painter.setPen(QColor("black"))
        painter.drawText(QRectF(_x(0, NAME_WIDTH, width, rtl) + 2, y, NAME_WIDTH - 4, CELL_HEIGHT),
                         int(side | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
                         str(model.headerData(r, Qt.Orientation.Vertical)))
        painter.setFont(normal)
        for i, col in enumerate(columns):
            tile = model.tile(r, col)
            rect = QRectF(_x(NAME_WIDTH + i * CELL_WIDTH, CELL_WIDTH, width, rtl), y, CELL_WIDTH, CELL_HEIGHT)
            if tile is not None:
                paint_tile(painter, rect, tile, compact=True, compare_last_year=model.compare_last_year, rtl=rtl)
        painter.setPen(QPen(QColor(0, 0, 0, 40), 0.5))
        painter.drawLine(0, int(y + CELL_HEIGHT), int(width), int(y + CELL_HEIGHT))
