"""Paints a card: partner stripe, title, partner, tags, due date (overdue in red), checklist, days in column,
priority, owner initials, and a stale marker."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from partnerdesk.l10n import _, ngettext
from partnerdesk.ui.kanban.card_text import days_in_column, due_text, is_stale
from partnerdesk.ui.kanban.model import BoardState, Card, CardRole

PRIORITY_COLORS = {"urgent": "#C62828", "high": "#EF6C00", "normal": "#8A94A6", "low": "#B0BEC5"}
STALE_COLOR = "#B7791F"
CARD_HEIGHT = 104


def paint_card(painter: QPainter, rect: QRectF, card: Card, font: QFont, rtl: bool, selected: bool = False,
               stale: bool = False, today: dt.date | None = None) -> None:
    """Draw one card into ``rect`` (used by the board lists and by printing)."""
    today = today or dt.date.today()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    border = QColor("#3D6FB6") if selected else QColor(STALE_COLOR) if stale else QColor("#D5DAE1")
    pen = QPen(border, 2 if selected or stale else 1)
    if stale and not selected:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor("#EEF4FC") if selected else QColor("#FFFBF0") if stale else QColor("#FFFFFF"))
    painter.drawRoundedRect(rect, 6, 6)
    stripe = QRectF(rect.right() - 5, rect.top(), 5, rect.height()) if rtl else \
        QRectF(rect.left(), rect.top(), 5, rect.height())
    painter.fillRect(stripe, QColor(card.color))
    inner = rect.adjusted(12, 5, -12, -5)
    lead = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    trail = Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
    middle = Qt.AlignmentFlag.AlignVCenter
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(QColor("#1F2933"))
    painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), 34), lead | Qt.TextFlag.TextWordWrap,
                     card.title)
    small = QFont(font)
    if font.pixelSize() > 0:  # printing lays out in pixels of its own logical page
        small.setPixelSize(max(8, round(font.pixelSize() * 0.85)))
    else:
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    metrics = QFontMetrics(small, painter.device())
    painter.setFont(small)
    # Partner, with the stale marker at the trailing end.
    line = QRectF(inner.left(), inner.top() + 35, inner.width(), 17)
    badge = _("Stale") if stale else ""
    badge_w = metrics.horizontalAdvance(badge) + 10 if badge else 0
    painter.setPen(QColor("#52606D"))
    painter.drawText(line, lead | middle, metrics.elidedText(card.partner, Qt.TextElideMode.ElideRight,
                                                             int(inner.width() - badge_w - 4)))
    if badge:
        painter.setPen(QColor(STALE_COLOR))
        painter.drawText(line, trail | middle, badge)
    # Tags as small chips, leading edge first.
    chips = QRectF(inner.left(), inner.top() + 54, inner.width(), 16)
    x = chips.right() if rtl else chips.left()
    for tag in card.tags:
        width = metrics.horizontalAdvance(tag) + 10
        if width > chips.width() or (rtl and x - width < chips.left()) or (not rtl and x + width > chips.right()):
            break
        chip = QRectF(x - width if rtl else x, chips.top(), width, chips.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#E4E7EB"))
        painter.drawRoundedRect(chip, 7, 7)
        painter.setPen(QColor("#3E4C59"))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, tag)
        x = x - width - 4 if rtl else x + width + 4
    # Due date, checklist and days in column; owner initials and priority at the trailing end.
    bottom = QRectF(inner.left(), inner.bottom() - 16, inner.width(), 16)
    text, overdue = due_text(card, today)
    bits = [text] if text else []
    if card.total:
        bits.append(f"☑ {card.done}/{card.total}")
    days = days_in_column(card)
    bits.append(ngettext("{n} day here", "{n} days here", days).format(n=days) if days else _("New here"))
    painter.setPen(QColor("#C62828") if overdue else QColor("#52606D"))
    painter.drawText(bottom.adjusted(0 if not rtl else 46, 0, -46 if not rtl else 0, 0), lead | middle,
                     metrics.elidedText("  ·  ".join(bits), Qt.TextElideMode.ElideRight, int(bottom.width() - 48)))
    painter.setPen(QColor("#1F2933"))
    painter.drawText(bottom, trail | middle, card.who)
    dot_x = bottom.left() + 30 if rtl else bottom.right() - 34
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(PRIORITY_COLORS.get(card.priority, "#8A94A6")))
    painter.drawEllipse(QRectF(dot_x, bottom.center().y() - 4, 8, 8))
    painter.restore()


class CardDelegate(QStyledItemDelegate):
    def __init__(self, state: BoardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(220, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        card: Card | None = index.data(CardRole)
        if card is None:
            return
        paint_card(painter, QRectF(option.rect).adjusted(4, 3, -4, -3), card, option.font,
                   option.direction == Qt.LayoutDirection.RightToLeft,
                   bool(option.state & QStyle.StateFlag.State_Selected), is_stale(card, self.state.stale_days))
