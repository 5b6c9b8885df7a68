"""Printing the ledger: landscape, the filtered rows in the on-screen order, totals per currency at the end,
columns mirrored in right-to-left languages; the header row repeats on every page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from partnerdesk.l10n import _, format_datetime, paper_size, pgettext
from partnerdesk.services.payments import PaymentRow, totals_per_currency
from partnerdesk.ui.payments.delegate import STATUS_COLORS
from partnerdesk.ui.payments.model import AMOUNT, COLUMNS, DAYS, LedgerModel
from partnerdesk.ui.payments.text import money

#: Relative widths of the printed columns (partner, invoice, direction, amount, due, paid, method, status, days).
WIDTHS = (2.2, 1.4, 1.1, 1.5, 1.1, 1.1, 1.2, 1.7, 0.8)
ROW = 22.0
PAGE_WIDTH = 1000.0


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    letter = paper_size() == "Letter"
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def paint_ledger(printer: QPrinter, model: LedgerModel, rtl: bool, font: QFont, title: str) -> int:
    """Paint the model's visible rows onto ``printer``; returns the number of pages."""
    font = QFont(font)
    font.setPixelSize(11)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    scale = page.width() / PAGE_WIDTH
    usable = page.height() / scale
    painter.scale(scale, scale)
    unit = PAGE_WIDTH / sum(WIDTHS)
    lefts, x = [], 0.0
    for w in WIDTHS:
        lefts.append(x)
        x += w * unit

    def cell(col: int, y: float) -> QRectF:
        left, width = lefts[col], WIDTHS[col] * unit
        if rtl:
            left = PAGE_WIDTH - left - width
        return QRectF(left + 4, y, width - 8, ROW)

    start = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    end = Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
    v = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute
    ink = QColor("#1F2933")
    bold = QFont(font)
    bold.setBold(True)

    def header(y: float, first: bool) -> float:
        if first:
            big = QFont(font)
            big.setPixelSize(18)
            big.setBold(True)
            painter.setFont(big)
            painter.setPen(ink)
            painter.drawText(QRectF(0, y, PAGE_WIDTH, 26), start | v, title)
            painter.setFont(font)
            subtitle = _("Printed {when}").format(when=format_datetime(dt.datetime.now(), "short"))
            if not model.filter.is_empty():
                subtitle += " · " + _("filtered")
            painter.drawText(QRectF(0, y + 26, PAGE_WIDTH, 18), start | v, subtitle)
            y += 50
        painter.fillRect(QRectF(0, y, PAGE_WIDTH, ROW), QColor("#E9EDF2"))
        painter.setFont(bold)
        painter.setPen(ink)
        for col, name in enumerate(COLUMNS):
            painter.drawText(cell(col, y), (end if col in (AMOUNT, DAYS) else start) | v, _(name))
        painter.setFont(font)
        return y + ROW

    pages = 1
    y = header(0.0, True)
    rows: list[PaymentRow] = model.visible_rows()
    for n, row in enumerate(rows):
        if y + ROW > usable:
            printer.newPage()
            pages += 1
            y = header(0.0, False)
        if n % 2:
            painter.fillRect(QRectF(0, y, PAGE_WIDTH, ROW), QColor("#F6F8FA"))
        for col in range(len(COLUMNS)):
            text = model.text(row, col)
            if col == 7:
                painter.setPen(QColor(STATUS_COLORS[row.status(model.on, model.grace)][1]))
            else:
                painter.setPen(ink)
            painter.drawText(cell(col, y), (end if col in (AMOUNT, DAYS) else start) | v,
                             painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                                              int(cell(col, y).width())))
        y += ROW
    totals = totals_per_currency(rows, model.on)
    if y + ROW * (len(totals) + 1) > usable:
        printer.newPage()
        pages += 1
        y = 0.0
    y += ROW / 2
    painter.setFont(bold)
    painter.setPen(ink)
    painter.drawText(QRectF(0, y, PAGE_WIDTH, ROW), start | v, _("Totals per currency"))
    painter.setFont(font)
    y += ROW
    for currency, t in totals.items():
        line = " · ".join([currency,
                           f"{pgettext('payments total', 'Open')}: {money(t.open_minor, currency)}",
                           f"{pgettext('payments total', 'Overdue')}: {money(t.overdue_minor, currency)}",
                           f"{pgettext('payments total', 'Paid')}: {money(t.paid_minor, currency)}"])
        painter.drawText(QRectF(0, y, PAGE_WIDTH, ROW), start | v, line)
        y += ROW
    painter.end()
    return pages
