"""Printing a PDF held in a QPdfDocument: every page rendered at the printer's resolution, on white.

QPdfDocument.render() returns a transparent image (black where nothing is drawn, on many printers), so each
page is drawn onto a white image first. A page at 1200 dpi would need ~550 MB as one image, so pages are
rendered in horizontal bands of at most ``BAND_PIXELS`` pixels (~16 MB each) at full resolution.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

from PySide6.QtCore import QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_

BAND_PIXELS = 4_000_000


class PrintError(PartnerDeskError):
    template = N_("The printer could not be started. Check that it is connected, or print to a PDF file.")


def on_white(image: QImage) -> QImage:
    """``image`` flattened onto an opaque white background."""
    white = QImage(image.size(), QImage.Format.Format_RGB32)
    white.fill(Qt.GlobalColor.white)
    painter = QPainter(white)
    painter.drawImage(0, 0, image)
    painter.end()
    return white


def render_page(document: QPdfDocument, page: int, dpi: float) -> QImage:
    """One whole page at ``dpi`` on white (for previews, tests and small resolutions)."""
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    return on_white(document.render(page, size))


def match_paper(printer: QPrinter, document: QPdfDocument) -> None:
    """Paper size and orientation of the document's first page, drawn edge to edge."""
    if document.pageCount() <= 0:
        return
    points = document.pagePointSize(0)
    landscape = points.width() > points.height()
    size = QPageSize(QSizeF(min(points.width(), points.height()), max(points.width(), points.height())),
                     QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                               else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page numbers from the print dialog's range (all pages when none was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return list(range(page_count))
    return list(range(max(0, first - 1), min(page_count, last)))


def print_steps(document: QPdfDocument, printer: QPrinter) -> Generator[tuple[int, int], None, None]:
    """Print ``document`` on ``printer`` one band at a time: yields (pages done, pages to print) after each
    band, so the UI thread can stay responsive and offer Cancel between steps (close the generator to stop:
    the printer job is then aborted)."""
    pages = pages_to_print(printer, document.pageCount())
    if not pages:
        return
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError()
    finished = False
    try:
        # The paper rectangle in device pixels: drawing 1:1 into it renders at the printer's resolution.
        area = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for done, page in enumerate(pages):
            if done:
                printer.newPage()
            for _band in _draw_page(painter, document, page, area):
                yield done, len(pages)
        finished = True
        yield len(pages), len(pages)
    finally:
        if not finished:
            printer.abort()
        if painter.isActive():
            painter.end()


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every chosen page at once; returns the number of pages printed."""
    printed = 0
    for printed, _total in print_steps(document, printer):  # noqa: B007 - the last value is the count
        pass
    return printed


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, area: QRectF) -> Iterator[int]:
    points = document.pagePointSize(page)
    # Fit the page into the paper area keeping its proportions (same paper: it fills it exactly).
    scale = min(area.width() / max(points.width(), 1), area.height() / max(points.height(), 1))
    width, height = points.width() * scale, points.height() * scale
    left = area.left() + (area.width() - width) / 2
    top = area.top() + (area.height() - height) / 2
    pixels = QSize(max(1, round(width)), max(1, round(height)))
    band = max(1, BAND_PIXELS // pixels.width())
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(pixels)
    for y in range(0, pixels.height(), band):
        h = min(band, pixels.height() - y)
        options.setScaledClipRect(QRect(0, y, pixels.width(), h))
        image = on_white(document.render(page, QSize(pixels.width(), h), options))
        painter.drawImage(QRectF(left, top + y, pixels.width(), h), image)
        yield y
