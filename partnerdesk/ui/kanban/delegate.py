"""Paints a card: partner stripe, title, partner, due date (overdue in red), priority, owner, checklist."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from partnerdesk.l10n import _, format_date, ngettext
from partnerdesk.ui.kanban.model import Card, CardRole

PRIORITY_COLORS = {"urgent": "#C62828", "high": "#EF6C00", "normal": "#8A94A6", "low": "#B0BEC5"}
CARD_HEIGHT = 84


def due_text(card: Card, today: dt.date) -> tuple[str, bool]:
    """Relative due label and whether it is overdue."""
    if card.due_at is None:
        return "", False
    day = card.due_at.astimezone().date()
    delta = (day - today).days
    if delta < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -delta).format(n=-delta), True
    if delta == 0:
        return _("Due today"), False
    if delta == 1:
        return _("Due tomorrow"), False
    return _("Due {date}").format(date=format_date(day, "medium")), False


class CardDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(220, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        card: Card | None = index.data(CardRole)
        if card is None:
            return
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor("#3D6FB6") if selected else QColor("#D5DAE1"), 2 if selected else 1))
        painter.setBrush(QColor("#EEF4FC") if selected else QColor("#FFFFFF"))
        painter.drawRoundedRect(rect, 6, 6)
        stripe = QRectF(rect.right() - 5, rect.top(), 5, rect.height()) if rtl else \
            QRectF(rect.left(), rect.top(), 5, rect.height())
        painter.fillRect(stripe, QColor(card.color))
        inner = rect.adjusted(12, 6, -12, -6)
        align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1F2933"))
        title_rect = QRectF(inner.left(), inner.top(), inner.width(), 36)
        painter.drawText(title_rect, align | Qt.TextFlag.TextWordWrap, card.title)
        font.setBold(False)
        font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.85))
        painter.setFont(font)
        painter.setPen(QColor("#52606D"))
        line = QRectF(inner.left(), inner.top() + 38, inner.width(), 18)
        painter.drawText(line, align | Qt.AlignmentFlag.AlignVCenter,
                         option.fontMetrics.elidedText(card.partner, Qt.TextElideMode.ElideRight, int(inner.width())))
        bottom = QRectF(inner.left(), inner.bottom() - 16, inner.width(), 16)
        text, overdue = due_text(card, dt.date.today())
        bits = [text] if text else []
        if card.total:
            bits.append(f"☑ {card.done}/{card.total}")
        painter.setPen(QColor("#C62828") if overdue else QColor("#52606D"))
        painter.drawText(bottom, align | Qt.AlignmentFlag.AlignVCenter, "  ·  ".join(bits))
        # Priority dot and owner initials sit at the trailing end.
        end = Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
        painter.setPen(QColor("#1F2933"))
        painter.drawText(bottom, end | Qt.AlignmentFlag.AlignVCenter, card.who)
        dot_x = bottom.left() + 30 if rtl else bottom.right() - 34
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PRIORITY_COLORS.get(card.priority, "#8A94A6")))
        painter.drawEllipse(QRectF(dot_x, bottom.center().y() - 4, 8, 8))
        painter.restore()
