"""Printing the calendar through a print preview: the month or week as shown (same painting as the screen,
laid out for the page) and the agenda over as many pages as it needs, in the UI language and direction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from partnerdesk.l10n import _, format_datetime, paper_size
from partnerdesk.ui import theme
from partnerdesk.ui.calendar.agenda_view import agenda_rows
from partnerdesk.ui.calendar.delegates import (
    AGENDA_DAY_HEIGHT,
    AGENDA_ROW_HEIGHT,
    EntryDelegate,
    paint_agenda_day,
    paint_agenda_entry,
    scaled,
)
from partnerdesk.ui.calendar.month_view import MonthView
from partnerdesk.ui.calendar.week_view import WeekView

if TYPE_CHECKING:
    from partnerdesk.ui.calendar.view import CalendarView

LOGICAL_WIDTH = 1100  # the page is laid out at this width in screen pixels, then scaled to the printer


def make_printer(view: CalendarView) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize.PageSizeId.Letter if paper_size() == "Letter" else QPageSize.PageSizeId.A4
    printer.setPageSize(QPageSize(size))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait if view.mode == "agenda"
                               else QPageLayout.Orientation.Landscape)
    printer.setDocName(view.title.text())
    return printer


def open_print_preview(view: CalendarView) -> QPrintPreviewDialog:
    printer = make_printer(view)
    dialog = QPrintPreviewDialog(printer, view)
    dialog.setObjectName("calendarPrintPreview")
    dialog.setWindowTitle(_("Print calendar"))
    dialog.setLayoutDirection(view.layoutDirection())
    dialog.paintRequested.connect(lambda p: render(view, p))
    view.print_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()
    return dialog


def _heading(view: CalendarView) -> tuple[str, str]:
    partner = view.filters.selected_partner()
    sub = [_("Times in {zone}").format(zone=view.zone_name)]
    if partner is not None:
        sub.append(_("Partner: {name}").format(name=partner.name))
    hidden = [k.label for k in view.model.hidden_kinds]
    if hidden:
        sub.append(_("Hidden: {kinds}").format(kinds=", ".join(hidden)))
    sub.append(_("Printed {when}").format(when=format_datetime(dt.datetime.now(view.tz), "short")))
    return view.title.text(), " · ".join(sub)


def _paint_heading(painter: QPainter, view: CalendarView, width: float, rtl: bool) -> float:
    title, sub = _heading(view)
    align = ((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) if rtl else (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)) | Qt.AlignmentFlag.AlignVCenter
    base = pixel_font(view)
    painter.setFont(scaled(base, 1.5, bold=True))
    painter.setPen(QColor("#1F2933"))
    painter.drawText(QRectF(0, 0, width, 30), align, title)
    painter.setFont(scaled(base, 0.85))
    painter.setPen(QColor("#52606D"))
    painter.drawText(QRectF(0, 30, width, 20), align, sub)
    painter.setFont(base)
    return 58.0


def pixel_font(widget: QWidget) -> QFont:
    """The widget's font at its screen size in pixels, so it keeps its size on a high-resolution printer."""
    font = QFont(widget.font())
    font.setPixelSize(QFontInfo(widget.font()).pixelSize())
    return font


def _offscreen_grid(view: CalendarView, width: int, height: int) -> MonthView | WeekView:
    grid: MonthView | WeekView
    if view.mode == "month":
        grid = MonthView(view.tz)
    else:
        grid = WeekView(view.tz)
    grid.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    grid.setLayoutDirection(view.layoutDirection())
    grid.setFont(pixel_font(view))
    grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    grid.setFrameShape(grid.Shape.NoFrame)
    grid.setModel(view.model)
    grid.setItemDelegate(EntryDelegate(view.tz, "chip" if view.mode == "month" else "block", grid))
    if isinstance(grid, MonthView):
        grid.set_month(view.anchor, view.first_weekday())
    else:
        grid.set_week(view.anchor, view.first_weekday())
        grid.set_hours(view.week.hours, view.week.partner_zone)
    grid.resize(width, height)
    grid.show()
    if isinstance(grid, WeekView):
        grid.resize(width, grid.grid_top() + 24 * grid.hour_height + 2)
        grid.verticalScrollBar().setValue(0)
    grid.refresh()
    return grid


def render(view: CalendarView, printer: QPrinter) -> None:
    """Paint the current mode onto ``printer`` (called by the preview and by tests with a PDF printer); paper is
    light whatever the screen's colour scheme."""
    with theme.on_paper():
        _render(view, printer)


def _render(view: CalendarView, printer: QPrinter) -> None:
    rtl = view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    painter = QPainter(printer)
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    scale = page.width() / LOGICAL_WIDTH
    logical_height = page.height() / scale
    painter.scale(scale, scale)
    painter.setLayoutDirection(view.layoutDirection())
    try:
        if view.mode == "agenda":
            _render_agenda(view, printer, painter, logical_height, rtl)
            return
        top = _paint_heading(painter, view, LOGICAL_WIDTH, rtl)
        grid = _offscreen_grid(view, LOGICAL_WIDTH, int(logical_height - top))
        fit = min(1.0, (logical_height - top) / max(1, grid.height()))
        painter.translate(0, top)
        painter.scale(1.0, fit)
        painter.setClipRect(QRectF(0, 0, grid.viewport().width(), grid.viewport().height()))
        grid.paint_all(painter)
        grid.deleteLater()
    finally:
        painter.end()


def _render_agenda(view: CalendarView, printer: QPrinter, painter: QPainter, height: float, rtl: bool) -> None:
    rows = agenda_rows(view.model.rows, view.agenda.agenda.days, view.tz, view.model.spans)
    partner_zone = view.agenda.agenda_delegate.partner_zone
    y = _paint_heading(painter, view, LOGICAL_WIDTH, rtl)
    font = pixel_font(view)
    painter.setFont(font)
    if not rows:
        painter.drawText(QRectF(0, y, LOGICAL_WIDTH, 40), Qt.AlignmentFlag.AlignCenter,
                         _("Nothing scheduled in this period."))
        return
    for row in rows:
        tall = AGENDA_DAY_HEIGHT if isinstance(row, dt.date) else AGENDA_ROW_HEIGHT
        if y + tall > height:
            printer.newPage()
            y = 0.0
        rect = QRectF(0, y, LOGICAL_WIDTH, tall)
        if isinstance(row, dt.date):
            paint_agenda_day(painter, rect, row, font, rtl=rtl)
        else:
            paint_agenda_entry(painter, rect, row, view.tz, font, rtl=rtl, partner_zone=partner_zone)
        y += tall
