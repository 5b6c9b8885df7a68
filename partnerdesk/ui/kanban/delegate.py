"""Paints a card: partner stripe, title, partner, tags, due date (overdue in red), checklist, days in column,
priority, owner initials, and a stale marker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from partnerdesk.l10n import _, current_language, format_skeleton, ngettext
from partnerdesk.ui.kanban.card_text import days_in_column, due_text, is_stale
from partnerdesk.ui.kanban.model import BoardState, Card, CardRole

PRIORITY_COLORS = {"urgent": "#C62828", "high": "#EF6C00", "normal": "#8A94A6", "low": "#B0BEC5"}
STALE_COLOR = "#B7791F"
CARD_HEIGHT = 104

# Alignment flags combined once: combining Qt flags costs Python time on every card painted.
_A = Qt.AlignmentFlag
_LEFT, _RIGHT = _A.AlignLeft | _A.AlignAbsolute, _A.AlignRight | _A.AlignAbsolute  # the caller picks the side
_MID = _A.AlignVCenter
_ALIGN = {(side, extra): side | extra for side in (_LEFT, _RIGHT)
          for extra in (_MID, _A.AlignTop | Qt.TextFlag.TextWordWrap)}
_CENTER = _A.AlignCenter
_COLORS: dict[str, QColor] = {}


def _color(name: str) -> QColor:
    color = _COLORS.get(name)
    if color is None:
        color = _COLORS[name] = QColor(name)
    return color


_FONTS: dict[tuple[str, int], tuple[QFont, QFont, QFontMetrics]] = {}


def _fonts(font: QFont, painter: QPainter) -> tuple[QFont, QFont, QFontMetrics]:
    """Title font, small font and its metrics for a base font on a device (made once, not per card)."""
    device = painter.device()
    key = (font.key(), device.logicalDpiY() if device is not None else 96)
    fonts = _FONTS.get(key)
    if fonts is None:
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        if font.pixelSize() > 0:  # printing lays out in pixels of its own logical page
            small.setPixelSize(max(8, round(font.pixelSize() * 0.85)))
        else:
            small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        fonts = _FONTS[key] = (bold, small, QFontMetrics(small, device))
    return fonts


@dataclass(frozen=True)
class CardTexts:
    """What a card shows as text, worked out once per card version and day (formatting dates is not free)."""

    bottom: str
    overdue: bool
    days_here: str = ""


def card_texts(card: Card, today: dt.date, finished: bool = False) -> CardTexts:
    """``finished``: the card is in a done column, so a past due date is history, not a warning."""
    text, overdue = due_text(card, today)
    if finished and card.due_at is not None and overdue:
        day = card.due_at.astimezone().date()
        text, overdue = _("Due {date}").format(date=format_skeleton("MMMd", day)), False
    bits = [text] if text else []
    if card.total:
        bits.append(f"☑ {card.done}/{card.total}")
    days = days_in_column(card)
    here = ngettext("{n} day here", "{n} days here", days).format(n=days) if days else _("New here")
    return CardTexts(" · ".join(bits), overdue, here)


def paint_card(painter: QPainter, rect: QRectF, card: Card, font: QFont, rtl: bool, selected: bool = False,
               stale: bool = False, texts: CardTexts | None = None, show_partner: bool = True) -> None:
    """Draw one card into ``rect`` (used by the board lists and by printing). Under a partner's lane header the
    partner line shows the owner instead (``show_partner`` False)."""
    texts = texts or card_texts(card, dt.date.today())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    border = _color("#3D6FB6") if selected else _color(STALE_COLOR) if stale else _color("#D5DAE1")
    pen = QPen(border, 2 if selected or stale else 1)
    if stale and not selected:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(_color("#EEF4FC") if selected else _color("#FFFBF0") if stale else _color("#FFFFFF"))
    painter.drawRoundedRect(rect, 6, 6)
    stripe = QRectF(rect.right() - 5, rect.top(), 5, rect.height()) if rtl else \
        QRectF(rect.left(), rect.top(), 5, rect.height())
    painter.fillRect(stripe, _color(card.color))
    inner = rect.adjusted(12, 5, -12, -5)
    lead, trail = (_RIGHT, _LEFT) if rtl else (_LEFT, _RIGHT)
    bold, small, metrics = _fonts(font, painter)
    painter.setFont(bold)
    painter.setPen(_color("#1F2933"))
    painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), 34),
                     _ALIGN[(lead, _A.AlignTop | Qt.TextFlag.TextWordWrap)], card.title)
    painter.setFont(small)
    # Partner, with the stale marker at the trailing end.
    line = QRectF(inner.left(), inner.top() + 35, inner.width(), 17)
    badge = _("Stale") if stale else ""
    badge_w = metrics.horizontalAdvance(badge) + 10 if badge else 0
    painter.setPen(_color("#52606D"))
    painter.drawText(line, _ALIGN[(lead, _MID)], metrics.elidedText(
        card.partner if show_partner else card.owner, Qt.TextElideMode.ElideRight,
        int(inner.width() - badge_w - 4)))
    if badge:
        painter.setPen(_color(STALE_COLOR))
        painter.drawText(line, _ALIGN[(trail, _MID)], badge)
    # Tags as small chips, leading edge first; days in the column at the trailing end of the same row (the
    # bottom line is the busiest, and a narrow column used to cut this off).
    chips = QRectF(inner.left(), inner.top() + 54, inner.width(), 16)
    if texts.days_here:
        here_w = metrics.horizontalAdvance(texts.days_here) + 6
        painter.setPen(_color("#7B8794"))
        painter.drawText(chips, _ALIGN[(trail, _MID)], texts.days_here)
        chips = chips.adjusted(here_w if rtl else 0, 0, 0 if rtl else -here_w, 0)
    x = chips.right() if rtl else chips.left()
    for tag in card.tags:
        width = metrics.horizontalAdvance(tag) + 10
        if width > chips.width() or (rtl and x - width < chips.left()) or (not rtl and x + width > chips.right()):
            break
        chip = QRectF(x - width if rtl else x, chips.top(), width, chips.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_color("#E4E7EB"))
        painter.drawRoundedRect(chip, 7, 7)
        painter.setPen(_color("#3E4C59"))
        painter.drawText(chip, _CENTER, tag)
        x = x - width - 4 if rtl else x + width + 4
    # Due date, checklist and days in column; owner initials and priority at the trailing end.
    bottom = QRectF(inner.left(), inner.bottom() - 16, inner.width(), 16)
    painter.setPen(_color("#C62828") if texts.overdue else _color("#52606D"))
    painter.drawText(bottom.adjusted(46 if rtl else 0, 0, 0 if rtl else -46, 0), _ALIGN[(lead, _MID)],
                     metrics.elidedText(texts.bottom, Qt.TextElideMode.ElideRight, int(bottom.width() - 48)))
    painter.setPen(_color("#1F2933"))
    painter.drawText(bottom, _ALIGN[(trail, _MID)], card.who)
    dot_x = bottom.left() + 30 if rtl else bottom.right() - 34
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_color(PRIORITY_COLORS.get(card.priority, "#8A94A6")))
    painter.drawEllipse(QRectF(dot_x, bottom.center().y() - 4, 8, 8))
    painter.restore()


class CardDelegate(QStyledItemDelegate):
    def __init__(self, state: BoardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._texts: dict[int, tuple[Card, tuple[dt.date, str, bool], CardTexts]] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(220, CARD_HEIGHT)

    def texts(self, card: Card, finished: bool = False) -> CardTexts:
        today = dt.date.today()
        when = (today, current_language(), finished)  # relative dates change daily, words with the language
        cached = self._texts.get(card.id)
        if cached is None or cached[0] is not card or cached[1] != when:
            if len(self._texts) > 2000:
                self._texts.clear()
            cached = self._texts[card.id] = (card, when, card_texts(card, today, finished))
        return cached[2]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        card: Card | None = index.data(CardRole)
        if card is None:
            return
        finished = not getattr(index.model(), "marks_stale", True)  # a done column
        paint_card(painter, QRectF(option.rect).adjusted(4, 3, -4, -3), card, option.font,
                   option.direction == Qt.LayoutDirection.RightToLeft,
                   bool(option.state & QStyle.StateFlag.State_Selected),
                   not finished and is_stale(card, self.state.stale_days),
                   self.texts(card, finished), show_partner=self.state.lane_mode != "partner")
