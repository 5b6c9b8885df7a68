"""Paints Today's list: section headers with their count, and rows with the partner's colour, the title, the
date side (overdue in red), the kind and partner, a meeting's time in both zones, a partner's reasons."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from partnerdesk.domain.attention import Kind, Row, Section
from partnerdesk.l10n import _, format_money, format_time
from partnerdesk.services.attention_texts import isolated, kind_label, reasons_text, section_title, when_text
from partnerdesk.ui.today.model import CountRole, MoreRole, NoteRole, RowRole, SectionRole

HEADER_HEIGHT = 36
ROW_HEIGHT = 50
MORE_HEIGHT = 30
OVERDUE = "#C62828"
_A = Qt.AlignmentFlag
_LEFT, _RIGHT = _A.AlignLeft | _A.AlignAbsolute, _A.AlignRight | _A.AlignAbsolute


def _zone(name: str) -> dt.tzinfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def time_texts(row: Row, tz: dt.tzinfo) -> tuple[str, str]:
    """(the user's time, the partner's local time when its clock differs) of a timed row."""
    if row.at is None:
        return "", ""
    mine = row.at.astimezone(tz)
    there_zone = _zone(row.partner_zone)
    there = ""
    if there_zone is not None:
        other = row.at.astimezone(there_zone)
        if other.utcoffset() != mine.utcoffset():
            there = _("Partner's local time: {when} ({zone})").format(when=format_time(other),
                                                                      zone=row.partner_zone)
    return format_time(mine), there


def detail_text(row: Row, tz: dt.tzinfo) -> str:
    """The second line of a row."""
    if row.kind == Kind.PARTNER:
        return reasons_text(row)
    bits = [kind_label(row.kind)]
    if row.partner:  # (partner rows returned above)
        bits.append(isolated(row.partner))
    if row.amount_minor is not None:
        bits.append(isolated(format_money(row.amount_minor, row.currency)))
    _mine, there = time_texts(row, tz) if row.days_overdue == 0 else ("", "")
    if there:
        bits.append(there)
    return " · ".join(bits)


def trailing_text(row: Row, today: dt.date, tz: dt.tzinfo) -> str:
    when = when_text(row, today)
    mine, _there = time_texts(row, tz)
    if mine and row.days_overdue == 0:
        return f"{when} {mine}" if row.day != today or row.kind != Kind.EVENT else mine
    return when


def paint_header(painter: QPainter, rect: QRectF, section: Section, count: int, font: QFont, rtl: bool,
                 note: str = "") -> None:
    lead, trail = (_RIGHT, _LEFT) if rtl else (_LEFT, _RIGHT)
    painter.save()
    bold = QFont(font)
    bold.setBold(True)
    if font.pixelSize() > 0:
        bold.setPixelSize(round(font.pixelSize() * 1.1))
    else:
        bold.setPointSizeF(font.pointSizeF() * 1.1)
    painter.setFont(bold)
    painter.setPen(QColor("#1F2933"))
    painter.drawText(rect.adjusted(8, 8, -8, 0), lead | _A.AlignVCenter, f"{section_title(section)}  ({count})")
    if note:
        painter.setFont(font)
        painter.setPen(QColor("#3E4C59"))
        painter.drawText(rect.adjusted(8, 8, -8, 0), trail | _A.AlignVCenter, note)
    painter.setPen(QColor("#D5DAE1"))
    painter.drawLine(QPointF(rect.left() + 8, rect.bottom() - 1), QPointF(rect.right() - 8, rect.bottom() - 1))
    painter.restore()


def _small(font: QFont) -> QFont:
    small = QFont(font)
    if font.pixelSize() > 0:  # printing lays out in pixels
        small.setPixelSize(max(8, round(font.pixelSize() * 0.9)))
    else:
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
    return small


def paint_row(painter: QPainter, rect: QRectF, row: Row, font: QFont, rtl: bool, today: dt.date,
              tz: dt.tzinfo, selected: bool = False, hovered: bool = False) -> None:
    """Draw one row into ``rect`` (the list and the printed brief)."""
    lead, trail = (_RIGHT, _LEFT) if rtl else (_LEFT, _RIGHT)
    painter.save()
    if selected or hovered:
        painter.fillRect(rect, QColor("#E3ECF9" if selected else "#F3F6FA"))
    stripe = QRectF(rect.right() - 13, rect.top() + 6, 5, rect.height() - 12) if rtl else \
        QRectF(rect.left() + 8, rect.top() + 6, 5, rect.height() - 12)
    painter.fillRect(stripe, QColor(row.color or "#8A94A6"))
    inner = rect.adjusted(8, 5, -22, -5) if rtl else rect.adjusted(22, 5, -8, -5)
    bold = QFont(font)
    bold.setBold(True)
    small = _small(font)
    trailing = trailing_text(row, today, tz)
    trail_w = QFontMetrics(font).horizontalAdvance(trailing) + 12 if trailing else 0
    top = QRectF(inner.left(), inner.top(), inner.width(), inner.height() / 2)
    painter.setPen(QColor(OVERDUE) if row.days_overdue > 0 else QColor("#3E4C59"))
    painter.setFont(font)
    painter.drawText(top, trail | _A.AlignVCenter, trailing)
    painter.setFont(bold)
    painter.setPen(QColor("#1F2933"))
    title_rect = top.adjusted(trail_w if rtl else 0, 0, 0 if rtl else -trail_w, 0)
    title = QFontMetrics(bold).elidedText(row.title, Qt.TextElideMode.ElideRight, int(title_rect.width()) - 4)
    painter.drawText(title_rect, lead | _A.AlignVCenter, isolated(title))  # user data keeps its own direction
    painter.setFont(small)
    painter.setPen(QColor("#52606D"))
    bottom = QRectF(inner.left(), inner.top() + inner.height() / 2, inner.width(), inner.height() / 2)
    painter.drawText(bottom, lead | _A.AlignVCenter, QFontMetrics(small).elidedText(
        detail_text(row, tz), Qt.TextElideMode.ElideRight, int(bottom.width())))
    painter.restore()


class TodayDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz: dt.tzinfo = dt.UTC
        self.today = dt.date.today()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        if index.data(SectionRole) is not None:
            return QSize(400, HEADER_HEIGHT)
        return QSize(400, MORE_HEIGHT if index.data(MoreRole) is not None else ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        rect = QRectF(option.rect)
        section: Section | None = index.data(SectionRole)
        if section is not None:
            paint_header(painter, rect, section, int(index.data(CountRole) or 0), option.font, rtl,
                         index.data(NoteRole) or "")
            return
        more = index.data(MoreRole)
        if more is not None:
            painter.save()
            painter.setPen(QColor("#3D6FB6"))
            painter.setFont(option.font)
            painter.drawText(rect.adjusted(22, 0, -22, 0), (_RIGHT if rtl else _LEFT) | _A.AlignVCenter,
                             index.data(Qt.ItemDataRole.DisplayRole))
            painter.restore()
            return
        row: Row | None = index.data(RowRole)
        if row is not None:
            paint_row(painter, rect, row, option.font, rtl, self.today, self.tz,
                      bool(option.state & QStyle.StateFlag.State_Selected),
                      bool(option.state & QStyle.StateFlag.State_MouseOver))
