"""Painting one calendar entry: a chip in the month grid, a block in the week grid, a row in the agenda.

The painting functions take a painter and a rectangle so printing uses the same look as the screen.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from partnerdesk.domain.occurrence import Occurrence, SourceKind
from partnerdesk.l10n import current_language, format_date, format_time
from partnerdesk.ui import theme
from partnerdesk.ui.calendar.model import OccurrenceRole, entry_color

if TYPE_CHECKING:
    from babel import Locale

_LEFT_TOP = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute) | Qt.AlignmentFlag.AlignTop
_RIGHT_TOP = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) | Qt.AlignmentFlag.AlignTop
_LEFT_MIDDLE = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute) | Qt.AlignmentFlag.AlignVCenter
_RIGHT_MIDDLE = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex


def _tint(color: QColor, amount: float = 0.82) -> QColor:
    """The colour mixed with white, for a readable block background."""
    return QColor(int(color.red() + (255 - color.red()) * amount), int(color.green() + (255 - color.green()) * amount),
                  int(color.blue() + (255 - color.blue()) * amount))


def clock(moment: dt.datetime, tz: dt.tzinfo, lang: str) -> str:
    """'14:05' for an instant in a zone, on the language's clock and in its digits."""
    from partnerdesk.l10n import digit_system

    return _clock(moment, tz, lang, digit_system(lang))


@lru_cache(maxsize=16384)
def _clock(moment: dt.datetime, tz: dt.tzinfo, lang: str, digits: str) -> str:
    """Cached: a busy month paints thousands of them."""
    from babel.dates import format_time as babel_time

    from partnerdesk.l10n import shape_digits, time_pattern

    del digits  # part of the cache key: shape_digits reads the current choice
    return shape_digits(babel_time(moment.astimezone(tz), format=time_pattern("short", lang), locale=_locale(lang)),
                        lang)


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale:
    from partnerdesk.l10n import babel_locale

    return babel_locale(lang)


def scaled(font: QFont, factor: float, bold: bool | None = None) -> QFont:
    """A copy of ``font`` ``factor`` times as large; pixel-sized fonts (used when printing) stay pixel-sized."""
    out = QFont(font)
    if font.pixelSize() > 0:
        out.setPixelSize(max(6, round(font.pixelSize() * factor)))
    else:
        out.setPointSizeF(max(6.5, font.pointSizeF() * factor))
    if bold is not None:
        out.setBold(bold)
    return out


_STYLED: dict[tuple[str, float, bool | None], tuple[QFont, QFontMetrics]] = {}


def styled(font: QFont, factor: float, bold: bool | None = None) -> tuple[QFont, QFontMetrics]:
    """``scaled`` plus its metrics, cached (painting a busy week asks for them hundreds of times)."""
    key = (font.key(), factor, bold)
    hit = _STYLED.get(key)
    if hit is None:
        derived = scaled(font, factor, bold)
        hit = _STYLED[key] = (derived, QFontMetrics(derived))
    return hit


_ELIDED: dict[tuple[int, str, int], str] = {}


def elided(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` cut to ``width`` with an ellipsis, remembered (the same chips are painted again and again)."""
    key = (id(metrics), text, width)
    hit = _ELIDED.get(key)
    if hit is None:
        if len(_ELIDED) > 20_000:
            _ELIDED.clear()
        hit = _ELIDED[key] = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return hit


def iso(text: str, rtl: bool) -> str:
    """User text (often Latin) isolated inside a right-to-left line, so its "…" stays at its own end."""
    return f"\u2068{text}\u2069" if rtl and text else text


def kind_glyph(occ: Occurrence) -> str | None:
    """The bundled icon that marks a derived entry's kind (events have none: their colour is the partner's)."""
    return None if occ.source == SourceKind.EVENT else f"kind-{occ.source.value}"


def _draw_glyph(painter: QPainter, name: str, color: str, x: float, center_y: float, size: int) -> bool:
    from partnerdesk.ui.icons import glyph

    pixmap = glyph(name, color, size)
    if pixmap is None:
        return False
    painter.drawPixmap(int(x), int(center_y - size / 2), pixmap)
    return True


def _leading(inner: QRectF, width: float, rtl: bool) -> tuple[float, QRectF]:
    """Where a mark of ``width`` starts on the reading-start side, and the rectangle left after it."""
    if rtl:
        return inner.right() - width, inner.adjusted(0, 0, -(width + 4), 0)
    return inner.left(), inner.adjusted(width + 4, 0, 0, 0)


def paint_chip(painter: QPainter, rect: QRectF, occ: Occurrence, tz: dt.tzinfo, font: QFont, *, rtl: bool,
               selected: bool = False, continues: bool = False) -> None:
    """One line in a month cell: all-day entries as a filled bar, timed ones as a dot, time and title.

    The title comes first; a derived entry's kind is its colour plus a small glyph, never a word."""
    color = entry_color(occ)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    align = ((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) if rtl else (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)) | Qt.AlignmentFlag.AlignVCenter
    small, metrics = styled(font, 0.88)
    painter.setFont(small)
    inner = rect.adjusted(3, 0, -3, 0)
    filled = occ.all_day or continues
    mark = kind_glyph(occ)
    size = max(8, min(int(rect.height()) - 4, metrics.height() - 2))
    if filled:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color if not selected else color.darker(120))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
        if mark is not None and inner.width() > size * 3:
            x, after = _leading(inner, size, rtl)
            if _draw_glyph(painter, mark, theme.text_on(color).name(), x, rect.center().y(), size):
                inner = after
        painter.setPen(theme.text_on(color if not selected else color.darker(120)))
        text = iso(elided(metrics, occ.short_title, int(inner.width())), rtl)
    else:
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_tint(color, 0.7))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
        drawn = False
        if mark is not None:
            x, after = _leading(inner, size, rtl)
            drawn = _draw_glyph(painter, mark, color.name(), x, rect.center().y(), size)
            if drawn:
                inner = after
        if not drawn:
            dot = 7.0
            cx = inner.right() - dot if rtl else inner.left()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(QRectF(cx, rect.center().y() - dot / 2, dot, dot))
            inner = inner.adjusted(0, 0, -(dot + 4), 0) if rtl else inner.adjusted(dot + 4, 0, 0, 0)
        painter.setPen(theme.color("text"))
        prefix = f"{clock(occ.start, tz, current_language())} "
        room = int(inner.width() - metrics.horizontalAdvance(prefix))
        text = prefix + iso(elided(metrics, occ.short_title, room), rtl) if room > 0 else \
            elided(metrics, prefix, int(inner.width()))
    painter.drawText(inner, align, text)
    painter.restore()


def paint_block(painter: QPainter, rect: QRectF, occ: Occurrence, tz: dt.tzinfo, font: QFont, *, rtl: bool,
                selected: bool = False, ghost: bool = False) -> None:
    """A timed entry in the week grid: tinted block, coloured edge on the reading-start side, title, times."""
    color = entry_color(occ)
    body = rect.adjusted(1, 1, -1, -1)
    if body.width() < 26 or body.height() < 8:  # too narrow for words: a coloured sliver (the tooltip tells)
        painter.fillRect(body, _tint(color, 0.45))
        painter.fillRect(QRectF(body.left(), body.top(), min(3.0, body.width()), body.height()), color)
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    background = _tint(color, 0.55 if selected else 0.8)
    if ghost:
        background.setAlpha(150)
    painter.setPen(QPen(color.darker(115) if selected else color, 1.5 if selected else 1))
    painter.setBrush(background)
    painter.drawRoundedRect(body, 4, 4)
    stripe = QRectF(body.right() - 4, body.top(), 4, body.height()) if rtl else QRectF(body.left(), body.top(), 4,
                                                                                         body.height())
    painter.fillRect(stripe, color)
    inner = body.adjusted(4, 2, -8, -2) if rtl else body.adjusted(8, 2, -4, -2)
    align_top, align_middle = (_RIGHT_TOP, _RIGHT_MIDDLE) if rtl else (_LEFT_TOP, _LEFT_MIDDLE)
    bold, bold_metrics = styled(font, 0.9, True)
    small, small_metrics = styled(font, 0.82)
    line = bold_metrics.height()
    # The corner mark (repeat, or the kind of a derived entry) gets its own room beside the title.
    mark = "appointment-recurring" if occ.recurring else kind_glyph(occ)
    size = max(8, small_metrics.height() - 3)
    title_area = inner
    if mark is not None and inner.width() > size * 7:  # narrow blocks keep their width for the title
        corner = inner.left() if rtl else inner.right() - size
        if _draw_glyph(painter, mark, theme.color("text.muted").name() if occ.recurring else color.name(), corner,
                       inner.top() + line / 2, size):
            title_area = inner.adjusted(size + 3, 0, 0, 0) if rtl else inner.adjusted(0, 0, -(size + 3), 0)
    painter.setPen(theme.color("text"))
    painter.setFont(bold)
    title = occ.short_title
    lang = current_language()
    if inner.height() < line * 2.2:
        text = f"{title} · {clock(occ.start, tz, lang)}"
        painter.drawText(title_area, align_top, iso(
            bold_metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(title_area.width())), rtl))
    else:
        # As many title lines as fit above the time line; never drawn over it.
        lines = max(1, int((inner.height() - line) // line))
        title_rect = QRectF(title_area.left(), title_area.top(), title_area.width(), lines * line)
        wrapped = bold_metrics.boundingRect(title_rect.toRect(), int(align_top | Qt.TextFlag.TextWordWrap), title)
        if lines == 1 or wrapped.height() > title_rect.height():
            painter.save()
            painter.setClipRect(title_rect)
            if lines == 1:
                painter.drawText(title_rect, align_top, iso(bold_metrics.elidedText(
                    title, Qt.TextElideMode.ElideRight, int(title_rect.width())), rtl))
            else:
                painter.drawText(title_rect, align_top | Qt.TextFlag.TextWordWrap, iso(title, rtl))
            painter.restore()
        else:
            painter.drawText(title_rect, align_top | Qt.TextFlag.TextWordWrap, iso(title, rtl))
        painter.setFont(small)
        painter.setPen(theme.color("text.muted"))
        detail = clock(occ.start, tz, lang) if occ.end == occ.start else \
            f"{clock(occ.start, tz, lang)}–{clock(occ.end, tz, lang)}"
        if occ.partner_name and occ.partner_name not in title:
            detail += f" · {occ.partner_name}"
        painter.drawText(QRectF(inner.left(), inner.bottom() - line, inner.width(), line),
                         align_middle,
                         small_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, int(inner.width())))
    painter.restore()


def paint_more_badge(painter: QPainter, rect: QRectF | QRect, count: int) -> None:
    """"+N" for overlapping entries the week column has no room for (N in the language's digits)."""
    from partnerdesk.l10n import format_number

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(theme.color("border"), 1))
    painter.setBrush(theme.color("surface.alt"))
    painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
    painter.setPen(theme.color("text.accent"))
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(rect), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                     "+" + format_number(count))
    painter.restore()


class EntryDelegate(QStyledItemDelegate):
    """Paints an entry into the rectangle the view gives it; ``style`` is "chip" (month) or "block" (week)."""

    def __init__(self, tz: dt.tzinfo, style: str = "chip", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.style = style

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        occ: Occurrence | None = index.data(OccurrenceRole)
        if occ is None:
            return
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if self.style == "block" and not occ.all_day:
            paint_block(painter, QRectF(option.rect), occ, self.tz, option.font, rtl=rtl, selected=selected)
        else:
            paint_chip(painter, QRectF(option.rect), occ, self.tz, option.font, rtl=rtl, selected=selected,
                       continues=self.style == "block")

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt API
        return QSize(120, option.fontMetrics.height() + 4)


AGENDA_DAY_HEIGHT = 30
AGENDA_ROW_HEIGHT = 40


def paint_agenda_day(painter: QPainter, rect: QRectF, day: dt.date, font: QFont, *, rtl: bool,
                     today: bool = False) -> None:
    painter.save()
    painter.fillRect(rect, theme.color("surface.today") if today else theme.color("surface.alt"))
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(theme.color("text.accent") if today else theme.color("text"))
    align = ((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) if rtl else (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)) | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(rect.adjusted(10, 0, -10, 0), align, format_date(day, "full"))
    painter.restore()


def paint_agenda_entry(painter: QPainter, rect: QRectF, occ: Occurrence, tz: dt.tzinfo, font: QFont, *,
                       rtl: bool, selected: bool = False, partner_zone: dt.tzinfo | None = None) -> None:
    """Time column, colour bar, title with partner and kind beneath; the partner's local time when known."""
    color = entry_color(occ)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if selected:
        painter.fillRect(rect, _tint(color, 0.75))
    time_width = 150.0
    inner = rect.adjusted(10, 3, -10, -3)
    time_rect = QRectF(inner.right() - time_width, inner.top(), time_width, inner.height()) if rtl else \
        QRectF(inner.left(), inner.top(), time_width, inner.height())
    bar_x = time_rect.left() - 10 if rtl else time_rect.right() + 6
    painter.fillRect(QRectF(bar_x, inner.top() + 2, 4, inner.height() - 4), color)
    text_rect = QRectF(inner.left(), inner.top(), bar_x - 10 - inner.left(), inner.height()) if rtl else \
        QRectF(bar_x + 12, inner.top(), inner.right() - bar_x - 12, inner.height())
    align = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute) if rtl else (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
    small = scaled(font, 0.85)
    half = inner.height() / 2
    painter.setFont(font)
    painter.setPen(theme.color("text"))
    painter.drawText(QRectF(time_rect.left(), time_rect.top(), time_rect.width(), half),
                     align | Qt.AlignmentFlag.AlignVCenter, _time_cell(occ, tz))
    if partner_zone is not None and not occ.all_day:
        painter.setFont(small)
        painter.setPen(theme.color("text.muted"))
        painter.drawText(QRectF(time_rect.left(), time_rect.top() + half, time_rect.width(), half),
                         align | Qt.AlignmentFlag.AlignVCenter,
                         f"({format_time(occ.start.astimezone(partner_zone))})")
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(theme.color("text"))
    title = occ.short_title + (" ↻" if occ.recurring else "")
    painter.drawText(QRectF(text_rect.left(), text_rect.top(), text_rect.width(), half),
                     align | Qt.AlignmentFlag.AlignVCenter,
                     QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, int(text_rect.width())))
    painter.setFont(small)
    painter.setPen(theme.color("text.muted"))
    detail = " · ".join(bit for bit in (occ.source.label if occ.source != SourceKind.EVENT else "",
                                        occ.partner_name if occ.partner_name not in occ.short_title else "")
                        if bit)
    painter.drawText(QRectF(text_rect.left(), text_rect.top() + half, text_rect.width(), half),
                     align | Qt.AlignmentFlag.AlignVCenter,
                     QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight, int(text_rect.width())))
    painter.restore()


def _time_cell(occ: Occurrence, tz: dt.tzinfo) -> str:
    if occ.all_day:
        from partnerdesk.l10n import _

        return _("All day")
    start, end = occ.start.astimezone(tz), occ.end.astimezone(tz)
    return format_time(start) if end == start else f"{format_time(start)}–{format_time(end)}"
