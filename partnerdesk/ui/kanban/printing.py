"""Printing the board: landscape, scaled to the page width, the current filter and swimlanes applied.

The board is laid out as bands (column headers, lane titles, one band per card row) and paginated band by band;
the column headers repeat at the top of every page. Cards are painted by the same code as on screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from partnerdesk.l10n import _, format_datetime, paper_size
from partnerdesk.services.board_query import Lane
from partnerdesk.ui import theme
from partnerdesk.ui.kanban.card_text import is_stale
from partnerdesk.ui.kanban.delegate import CARD_HEIGHT, paint_card
from partnerdesk.ui.kanban.grid import Column, lane_label
from partnerdesk.ui.kanban.model import BoardState, Card, load_cards

COLUMN_WIDTH = 240.0
GAP = 8.0
HEADER_HEIGHT = 30.0
LANE_HEIGHT = 26.0
ROW_HEIGHT = CARD_HEIGHT + 4.0


@dataclass
class Band:
    kind: str  # "lane" or "cards"
    height: float
    lane: Lane | None = None
    cards: list[Card | None] | None = None  # one slot per column


def board_bands(state: BoardState, columns: list[Column], lanes: list[Lane]) -> list[Band]:
    """The printed board from top to bottom (every matching card, not only the ones scrolled into view)."""
    bands: list[Band] = []
    query = state.query
    for lane in lanes or [Lane(None, "")]:
        cells: list[list[int]] = []
        for column in columns:
            keys = query.page(state.flt, column.status_id, state.lane_mode, lane.key, None, 1_000_000)
            cells.append([k[1] for k in keys])
        depth = max((len(c) for c in cells), default=0)
        if state.lane_mode != "none":
            bands.append(Band("lane", LANE_HEIGHT, lane=lane))
        cards = load_cards(state.ws, [wid for cell in cells for wid in cell])
        for row in range(depth):
            bands.append(Band("cards", ROW_HEIGHT, cards=[cards.get(cell[row]) if row < len(cell) else None
                                                         for cell in cells]))
    return bands


def paint_board(printer: QPrinter, state: BoardState, columns: list[Column], lanes: list[Lane],
                title: str, rtl: bool, font: QFont) -> int:
    """Paint the board onto ``printer``; returns the number of pages (paper is light in any theme)."""
    with theme.on_paper():
        return _paint_board(printer, state, columns, lanes, title, rtl, font)


def _paint_board(printer: QPrinter, state: BoardState, columns: list[Column], lanes: list[Lane],
                 title: str, rtl: bool, font: QFont) -> int:
    font = QFont(font)
    font.setPixelSize(12)  # sizes are in the logical page units below, whatever the printer resolution
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    bands = board_bands(state, columns, lanes)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    width = max(1.0, len(columns) * (COLUMN_WIDTH + GAP) - GAP)
    scale = page.width() / width
    usable = page.height() / scale
    subtitle = _("Printed {when}").format(when=format_datetime(dt.datetime.now(), "short"))
    if not state.flt.is_empty():
        subtitle += " · " + _("filtered")
    pages = 1

    def x_of(index: int) -> float:
        x = index * (COLUMN_WIDTH + GAP)
        return width - x - COLUMN_WIDTH if rtl else x

    def page_top(first: bool) -> float:
        y = 0.0
        if first:
            bold = QFont(font)
            bold.setPixelSize(18)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(QColor("#1F2933"))
            align = (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignAbsolute
            painter.drawText(QRectF(0, 0, width, 26), align | Qt.AlignmentFlag.AlignVCenter, title)
            painter.setFont(font)
            painter.drawText(QRectF(0, 26, width, 18), align | Qt.AlignmentFlag.AlignVCenter, subtitle)
            y = 50.0
        head = QFont(font)
        head.setBold(True)
        painter.setFont(head)
        for i, column in enumerate(columns):
            rect = QRectF(x_of(i), y, COLUMN_WIDTH, HEADER_HEIGHT - 4)
            painter.fillRect(rect, QColor("#E9EDF2"))
            painter.setPen(QColor("#1F2933"))
            painter.drawText(rect.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignCenter, column.label)
        painter.setFont(font)
        return y + HEADER_HEIGHT

    painter.scale(scale, scale)
    y = page_top(True)
    for band in bands:
        if y + band.height > usable:
            printer.newPage()
            pages += 1
            y = page_top(False)
        if band.kind == "lane" and band.lane is not None:
            painter.setPen(QColor("#1F2933"))
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            align = (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignAbsolute
            painter.drawText(QRectF(0, y, width, band.height), align | Qt.AlignmentFlag.AlignVCenter,
                             lane_label(state.lane_mode, band.lane))
            painter.setFont(font)
            painter.fillRect(QRectF(0, y + band.height - 2, width, 1), QColor("#AAB4BE"))
        for i, card in enumerate(band.cards or []):
            if card is not None:
                paint_card(painter, QRectF(x_of(i), y + 2, COLUMN_WIDTH, CARD_HEIGHT - 2), card, font, rtl,
                           stale=columns[i].category != "done" and is_stale(card, state.stale_days))
        y += band.height
    painter.end()
    return pages


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    letter = paper_size() == "Letter"
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer
