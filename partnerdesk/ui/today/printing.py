"""The daily brief: Today's list on one page (A4 or Letter by locale), a line a row, mirrored in right-to-left
languages; long sections keep their first rows and say how many more there are."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from partnerdesk.domain.attention import Kind, Row, Section
from partnerdesk.l10n import _, format_datetime, ngettext, paper_size
from partnerdesk.services.attention_texts import isolated, money_totals_text, reasons_text
from partnerdesk.ui.calendar.delegates import scaled
from partnerdesk.ui.calendar.printing import pixel_font
from partnerdesk.ui.today.delegate import HEADER_HEIGHT, paint_header, trailing_text

if TYPE_CHECKING:
    from partnerdesk.ui.today.view import TodayView

LOGICAL_WIDTH = 760  # laid out at this width in screen pixels, then scaled to the page
LINE_HEIGHT = 24  # one printed line a row
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


def fit_sections(counts: list[int], room: int) -> list[int]:
    """How many rows of each section fit in ``room`` lines, a capped section spending one line on "and N more":
    the longest sections give way first, so every section keeps its first rows."""
    caps = list(counts)

    def lines() -> int:
        return sum(c + (1 if c < n else 0) for c, n in zip(caps, counts, strict=True))

    while lines() > room and any(c > 1 for c in caps):
        longest = max(range(len(caps)), key=lambda i: caps[i])
        caps[longest] -= 1
    return caps


def _paint_line(painter: QPainter, rect: QRectF, row: Row, font: QFont, rtl: bool, view: TodayView) -> None:
    """One compact printed line: partner colour, title and partner (or reasons), the date side."""
    lead, trail = ((Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignLeft) if rtl
                   else (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight))
    lead |= Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
    trail |= Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
    painter.save()
    stripe = QRectF(rect.right() - 12, rect.top() + 4, 4, rect.height() - 8) if rtl else \
        QRectF(rect.left() + 8, rect.top() + 4, 4, rect.height() - 8)
    painter.fillRect(stripe, QColor(row.color or "#8A94A6"))
    inner = rect.adjusted(8, 0, -20, 0) if rtl else rect.adjusted(20, 0, -8, 0)
    when = trailing_text(row, view.model.today, view.tz)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    when_w = metrics.horizontalAdvance(when) + 12 if when else 0
    painter.setPen(QColor("#C62828") if row.days_overdue > 0 else QColor("#3E4C59"))
    painter.drawText(inner, trail, when)
    detail = reasons_text(row) if row.kind == Kind.PARTNER else row.partner
    text = f"{isolated(row.title)} — {isolated(detail)}" if detail and detail != row.title else isolated(row.title)
    painter.setPen(QColor("#1F2933"))
    body = inner.adjusted(when_w if rtl else 0, 0, 0 if rtl else -when_w, 0)
    painter.drawText(body, lead, metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(body.width())))
    painter.restore()


def render(view: TodayView, printer: QPrinter) -> int:
    """Paint the brief onto ``printer`` (one page: long sections are cut to their first rows with a count of
    the rest); returns the number of pages."""
    rtl = view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    painter = QPainter(printer)
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    scale = page.width() / LOGICAL_WIDTH
    height = page.height() / scale
    painter.scale(scale, scale)
    width = LOGICAL_WIDTH
    painter.setLayoutDirection(view.layoutDirection())
    font = pixel_font(view)
    align = ((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
             | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
    sections = view.model.brief.sections() if view.model.brief is not None else []
    room = int((height - HEADING - len(sections) * HEADER_HEIGHT) // LINE_HEIGHT)
    caps = fit_sections([view.model.count_in(section) for section, _rows in sections], room)
    try:
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
        if not sections:
            painter.setFont(font)
            painter.drawText(QRectF(0, y, width, 40), Qt.AlignmentFlag.AlignCenter, view.empty.text())
        for (section, rows), cap in zip(sections, caps, strict=True):
            note = money_totals_text(view.model.brief.totals) if section == Section.MONEY and view.model.brief else ""
            paint_header(painter, QRectF(0, y, width, HEADER_HEIGHT), section, view.model.count_in(section), font, rtl,
                         note)
            y += HEADER_HEIGHT
            for row in rows[:cap]:
                _paint_line(painter, QRectF(0, y, width, LINE_HEIGHT), row, font, rtl, view)
                y += LINE_HEIGHT
            rest = view.model.count_in(section) - min(cap, len(rows))
            if rest > 0:
                painter.setFont(scaled(font, 0.9))
                painter.setPen(QColor("#52606D"))
                painter.drawText(QRectF(20, y, width - 40, LINE_HEIGHT), align,
                                 ngettext("…and {n} more", "…and {n} more", rest).format(n=rest))
                y += LINE_HEIGHT
    finally:
        painter.end()
    return 1
