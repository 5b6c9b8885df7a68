"""How a KPI tile looks: status colour, name, value, target, changes and a sparkline. Used by the profile tab's
tiles (full) and the performance matrix's cells (compact), on screen and when printing."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from partnerdesk.domain.enums import KpiUnit
from partnerdesk.domain.kpi import KpiStatus, is_improvement, rule_text
from partnerdesk.l10n import _, current_language, format_date
from partnerdesk.services.kpis import KpiTile, format_change, format_kpi_value
from partnerdesk.ui.charts import paint_sparkline

STATUS_COLORS = {KpiStatus.ON_TRACK: "#2E7D32", KpiStatus.BEHIND: "#F9A825", KpiStatus.AT_RISK: "#C62828",
                 KpiStatus.NO_TARGET: "#90A4AE", KpiStatus.NO_VALUE: "#CFD8DC"}
GOOD, BAD = QColor("#2E7D32"), QColor("#C62828")
_A = Qt.AlignmentFlag


_STATUS_QCOLORS: dict[KpiStatus, QColor] = {}
_METRICS: dict[str, QFontMetricsF] = {}
GREY, SPARK = QColor("#666666"), QColor("#4A6FA5")


def status_color(status: KpiStatus) -> QColor:
    color = _STATUS_QCOLORS.get(status)
    if color is None:
        color = _STATUS_QCOLORS[status] = QColor(STATUS_COLORS[status])
    return color


def _metrics(font: QFont) -> QFontMetricsF:
    key = font.key()
    found = _METRICS.get(key)
    if found is None:
        found = _METRICS[key] = QFontMetricsF(font)
    return found


@lru_cache(maxsize=50_000)
def _formatted(value: float | None, unit: str, currency: str, lang: str) -> str:
    return format_kpi_value(value, KpiUnit(unit), currency, lang)


@lru_cache(maxsize=20_000)
def _change_text(delta: float | None, lang: str) -> str:
    return format_change(delta, lang)


def value_text(tile: KpiTile) -> str:
    """Formatting through Babel costs more than painting a cell: remembered per value and language."""
    return _formatted(tile.value, tile.kpi.unit.value, tile.kpi.currency, current_language())


def target_text(tile: KpiTile) -> str:
    return _formatted(tile.target, tile.kpi.unit.value, tile.kpi.currency, current_language())


def tooltip(tile: KpiTile) -> str:
    """The rule in plain words, what the value was compared with, and the evidence behind an imported value."""
    lines = [f"<b>{tile.kpi.label}</b> — {tile.status.label}",
             rule_text(tile.kpi.direction, tile.kpi.unit, tile.kpi.tolerance, running=tile.assessment.paced)]
    if tile.assessment.paced and tile.assessment.compared_with is not None:
        lines.append(_("Target so far: {value}").format(
            value=format_kpi_value(tile.assessment.compared_with, tile.kpi.unit, tile.kpi.currency)))
    if tile.computed:
        lines.append(_("Computed by PartnerDesk, not typed."))
    stored = tile.stored
    if stored is not None and stored.note:
        lines.append(_("Note: {note}").format(note=stored.note))
    evidence = stored.evidence if stored is not None else {}
    if evidence:
        rows = ", ".join(str(r) for r in evidence.get("rows", [])[:20])
        lines.append(_("Imported from {file} (rows {rows}); SHA-256 {digest}…").format(
            file=evidence.get("file", ""), rows=rows, digest=str(evidence.get("sha256", ""))[:12]))
        if evidence.get("report_start"):
            import datetime as dt

            start = dt.date.fromisoformat(evidence["report_start"])
            end = dt.date.fromisoformat(evidence.get("report_end") or evidence["report_start"])
            lines.append(_("Report period: {start} – {end}").format(start=format_date(start), end=format_date(end)))
    return "<br>".join(lines)


def _ltr(text: str) -> str:
    """A signed number kept left-to-right inside right-to-left text ("+5.6%", not "5.6%+")."""
    return "\u2066" + text + "\u2069"


def _change_color(tile: KpiTile, delta: float | None) -> QColor:
    better = is_improvement(delta, tile.kpi.direction)
    return GOOD if better else BAD if better is False else GREY


def paint_tile(painter: QPainter, rect: QRectF, tile: KpiTile, *, compact: bool = False,
               compare_last_year: bool = False, rtl: bool = False, selected: bool = False,
               base: QColor | None = None, text: QColor | None = None) -> None:
    """Full tile (name, value, target, both changes, sparkline) or a compact matrix cell (light, value, change,
    sparkline). ``rtl`` mirrors the layout and the sparkline's time axis."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = text or QColor("#202020")
    color = status_color(tile.status)
    start = _A.AlignRight | _A.AlignAbsolute if rtl else _A.AlignLeft | _A.AlignAbsolute
    end = _A.AlignLeft | _A.AlignAbsolute if rtl else _A.AlignRight | _A.AlignAbsolute
    if not compact:
        painter.setPen(QPen(QColor("#3B6FB6") if selected else QColor(0, 0, 0, 40), 2 if selected else 1))
        painter.setBrush(base or QColor("white"))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 6, 6)
        stripe = QRectF(rect.right() - 6, rect.top() + 1, 5, rect.height() - 2) if rtl else \
            QRectF(rect.left() + 1, rect.top() + 1, 5, rect.height() - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRect(stripe)
    font = painter.font()
    metrics = _metrics(font)
    line = metrics.height()
    inner = rect.adjusted(12, 6, -12, -6) if not compact else rect.adjusted(6, 3, -6, -3)
    if compact:
        # Traffic light, value, change; the sparkline fills the lower half.
        light = QRectF(inner.right() - 10 if rtl else inner.left(), inner.top() + (line - 10) / 2, 10, 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(light)
        text_rect = QRectF(inner.left() + (0 if rtl else 14), inner.top(), inner.width() - 14, line)
        painter.setPen(text)
        painter.drawText(text_rect, int(start | _A.AlignVCenter), value_text(tile))
        delta = tile.vs_last_year if compare_last_year else tile.vs_previous
        painter.setPen(_change_color(tile, delta))
        painter.drawText(text_rect, int(end | _A.AlignVCenter), _ltr(_change_text(delta, current_language())))
        spark = QRectF(inner.left(), inner.top() + line + 2, inner.width(), max(6.0, inner.height() - line - 2))
        paint_sparkline(painter, spark, tile.history, color=SPARK, target=tile.target, rtl=rtl)
        painter.restore()
        return
    font = QFont(font)
    bold = QFont(font)
    bold.setBold(True)
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 1.5 if font.pointSizeF() > 0 else 14)
    big.setBold(True)
    painter.setFont(bold)
    painter.setPen(text)
    name = tile.kpi.label + ("  ⓒ" if tile.computed else "")
    badge_width = metrics.horizontalAdvance(tile.status.label) + 6
    painter.drawText(QRectF(inner.left() + (badge_width if rtl else 0), inner.top(), inner.width() - badge_width,
                            line), int(start | _A.AlignVCenter),
                     QFontMetricsF(bold).elidedText(name, Qt.TextElideMode.ElideRight, inner.width() - badge_width))
    painter.setFont(font)
    badge = QRectF(inner.left() if rtl else inner.right() - badge_width, inner.top(), badge_width, line)
    painter.setPen(color.darker(130))
    painter.drawText(badge, int(end | _A.AlignVCenter), tile.status.label)
    painter.setFont(big)
    painter.setPen(text)
    big_line = QFontMetricsF(big).height()
    painter.drawText(QRectF(inner.left(), inner.top() + line + 2, inner.width(), big_line),
                     int(start | _A.AlignVCenter), value_text(tile))
    painter.setFont(font)
    row = inner.top() + line + big_line + 4
    painter.setPen(QColor("#555555"))
    painter.drawText(QRectF(inner.left(), row, inner.width(), line), int(start | _A.AlignVCenter),
                     _("Target {value}").format(value=target_text(tile)) if tile.target is not None else _("No target"))
    row += line
    half = inner.width() / 2
    for i, (label, delta) in enumerate(((_("vs previous"), tile.vs_previous), (_("vs last year"), tile.vs_last_year))):
        x = inner.left() + (half * (1 - i) if rtl else half * i)
        painter.setPen(QColor("#777777"))
        painter.drawText(QRectF(x, row, half - 4, line), int(start | _A.AlignVCenter),
                         metrics.elidedText(label, Qt.TextElideMode.ElideRight, half - 4))
        painter.setPen(_change_color(tile, delta))
        painter.drawText(QRectF(x, row + line, half, line), int(start | _A.AlignVCenter), _ltr(_change_text(delta, current_language())))
    spark = QRectF(inner.left(), row + 2 * line + 4, inner.width(), max(8.0, inner.bottom() - row - 2 * line - 4))
    paint_sparkline(painter, spark, tile.history, color=SPARK, target=tile.target, rtl=rtl)
    painter.restore()
