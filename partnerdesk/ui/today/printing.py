"""The daily brief: Today's list on one page (A4 or Letter by locale), painted like the screen, mirrored in
right-to-left languages; a long list is scaled down to fit, and continues on more pages only past that."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from partnerdesk.domain.attention import Row, Section
from partnerdesk.l10n import _, format_datetime, paper_size
from partnerdesk.ui.calendar.delegates import scaled
from partnerdesk.ui.calendar.printing import pixel_font
from partnerdesk.ui.today.delegate import HEADER_HEIGHT, ROW_HEIGHT, paint_header, paint_row

if TYPE_CHECKING:
    from partnerdesk.ui.today.view import TodayView

LOGICAL_WIDTH = 760  # laid out at this width in screen pixels, then scaled to the page
MIN_FIT = 0.6  # scale a long list down to this before it takes a second page
HEADING = 60.0


def make_printer(view: TodayView) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize.PageSizeId.Letter if paper_size() == "Letter" else QPageSize.PageSizeId.A4
    printer.setPageSize(QPageSize(size))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDocName(view.title.text())
    return printer


def open_print_preview(view: TodayView) -> QPrintPreviewDialog:
    dialog = QPrintPreviewDialog(make_printer(view), view)
    dialog.setObjectName("todayPrintPreview")
    dialog.setWindowTitle(_("Print the daily brief"))
    dialog.setLayoutDirection(view.layoutDirection())
    dialog.paintRequested.connect(lambda p: render(view, p))
    dialog.open()
    return dialog


def render(view: TodayView, printer: QPrinter) -> int:
    """Paint the brief onto ``printer``; returns the number of pages."""
    rtl = view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    entries = view.model.entries
    needed = HEADING + sum(HEADER_HEIGHT if isinstance(e, Section) else ROW_HEIGHT for e in entries)
    painter = QPainter(printer)
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    scale = page.width() / LOGICAL_WIDTH
    height = page.height() / scale
    fit = max(MIN_FIT, min(1.0, height / needed))
    painter.scale(scale * fit, scale * fit)
    height /= fit
    width = LOGICAL_WIDTH / fit
    painter.setLayoutDirection(view.layoutDirection())
    font = pixel_font(view)
    pages = 1
    try:
        align = ((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                 | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        painter.setFont(scaled(font, 1.5, bold=True))
        painter.setPen(QColor("#1F2933"))
        painter.drawText(QRectF(0, 0, width, 30), align, view.title.text())
        painter.setFont(scaled(font, 0.85))
        painter.setPen(QColor("#52606D"))
        sub = [_("Times in {zone}").format(zone=view.model.options.zone or "UTC")]
        if view.model.options.mine:
            sub.append(_("Only mine"))
        sub.append(_("Printed {when}").format(when=format_datetime(dt.datetime.now(view.tz), "short")))
        painter.drawText(QRectF(0, 30, width, 20), align, " · ".join(sub))
        y = HEADING
        if not entries:
            painter.setFont(font)
            painter.drawText(QRectF(0, y, width, 40), Qt.AlignmentFlag.AlignCenter, view.empty.text())
        for entry in entries:
            tall = HEADER_HEIGHT if isinstance(entry, Section) else ROW_HEIGHT
            if y + tall > height:
                printer.newPage()
                pages += 1
                y = 0.0
            rect = QRectF(0, y, width, tall)
            if isinstance(entry, Row):
                paint_row(painter, rect, entry, font, rtl, view.model.today, view.tz)
            else:
                paint_header(painter, rect, entry, view.model.count_in(entry), font, rtl)
            y += tall
    finally:
        painter.end()
    return pages
