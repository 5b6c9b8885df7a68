"""The scorecard PDF: one partner, one period — KPI table with status, charts (ReportLab's own LinePlot, vectors),
our side, notes and evidence. In the partner's language, or bilingual (that language + English); Arabic right to
left (tables mirrored, chart time axis reversed). Data in (already formatted), PDF bytes out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from partnerdesk.l10n import N_, Translator
from partnerdesk.packets.kit import MUTED, Kit
from partnerdesk.packets.render import Meta, page_and_kit, render, running_header

STATUS_COLOURS = {"on_track": "#2E7D32", "behind": "#F9A825", "at_risk": "#C62828", "no_target": "#90A4AE",
                  "no_value": "#CFD8DC"}

SCORECARD = N_("Scorecard")
PARTNER_KPIS = N_("The partner's KPIs")
OUR_SIDE = N_("Our side (computed from PartnerDesk's own records)")
NOTES = N_("Notes and evidence")
COL_KPI, COL_VALUE, COL_TARGET = N_("KPI"), N_("Value"), N_("Target")
COL_STATUS, COL_PREVIOUS, COL_LAST_YEAR = N_("Status"), N_("vs previous"), N_("vs last year")
TRENDS = N_("Trends over the last 12 periods (dashed: target)")
NO_NOTES = N_("No notes or imported evidence for this period.")


@dataclass(frozen=True)
class ScorecardRow:
    key: str
    label: str  # in the packet language
    label_en: str
    value: str
    target: str
    status: str  # KpiStatus value
    status_label: str
    status_label_en: str
    previous: str
    last_year: str
    computed: bool
    history: tuple[float | None, ...] = ()
    targets: tuple[float | None, ...] = ()


@dataclass
class ScorecardData:
    partner_name: str
    company_name: str
    period_label: str
    period_label_en: str
    rows: list[ScorecardRow] = field(default_factory=list)
    our_side: list[ScorecardRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # notes and evidence lines, already in the packet language
    history_labels: tuple[str, ...] = ()


def build_scorecard(data: ScorecardData, lang: str, paper: str | None = None, *, bilingual: bool = False) -> bytes:
    pagesize, kit = page_and_kit(lang, paper, [])
    en = Translator("en")
    both = bilingual and kit.lang != "en"

    def t(message: str) -> str:
        text = kit.t(message)
        return f"{text} / {en.gettext(message)}" if both else text

    def make_story() -> list[Flowable]:
        kit.restart()
        title = f"{t(SCORECARD)} — {data.partner_name}"
        period = data.period_label + (f" / {data.period_label_en}" if both else "")
        story: list[Flowable] = [kit.heading(title), kit.p(period, kit.small), Spacer(1, 4 * mm)]
        story += [kit.sub(t(PARTNER_KPIS)), _table(kit, data.rows, t, both)]
        charted = [r for r in data.rows if any(v is not None for v in r.history)][:6]
        if charted:
            story += [Spacer(1, 4 * mm), kit.sub(t(TRENDS)), _charts(kit, charted, data.history_labels, both)]
        story += [kit.sub(t(OUR_SIDE)), _table(kit, data.our_side, t, both)]
        story += [kit.sub(t(NOTES))]
        story += [kit.bullet(line) for line in data.notes] or [kit.p(kit.t(NO_NOTES), kit.small)]
        return story

    title = kit.t(SCORECARD)
    return render(kit, pagesize, make_story, Meta(f"{title} — {data.partner_name}", data.company_name,
                                                     running_header(kit, data.partner_name, title,
                                                                    data.period_label)))


def _table(kit: Kit, rows: list[ScorecardRow], t: Callable[[str], str], both: bool) -> Table:
    header = [t(COL_KPI), t(COL_VALUE), t(COL_TARGET), t(COL_STATUS), t(COL_PREVIOUS), t(COL_LAST_YEAR)]
    w = kit.width
    widths = [0.30 * w, 0.14 * w, 0.14 * w, 0.16 * w, 0.13 * w, 0.13 * w]
    body: list[list[object]] = []
    for r in rows:
        name = r.label + (f" / {r.label_en}" if both and r.label_en != r.label else "") + (" ⓒ" if r.computed else "")
        status = r.status_label + (f" / {r.status_label_en}" if both else "")
        body.append([name, r.value, r.target, status, r.previous, r.last_year])
    table = kit.table(header, body, widths)
    status_col = 2 if kit.rtl else 3
    extra: list[tuple[object, ...]] = [("TEXTCOLOR", (status_col, i + 1), (status_col, i + 1), colors.HexColor(STATUS_COLOURS[r.status]))
             for i, r in enumerate(rows)]
    extra += [("LINEBEFORE" if not kit.rtl else "LINEAFTER", (0 if not kit.rtl else len(widths) - 1, i + 1),
               (0 if not kit.rtl else len(widths) - 1, i + 1), 3, colors.HexColor(STATUS_COLOURS[r.status]))
              for i, r in enumerate(rows)]
    table.setStyle(TableStyle(extra))
    return table


class _Chart(Flowable):
    """One small LinePlot: the KPI's values and its target (dashed); time runs right-to-left in Arabic."""

    def __init__(self, kit: Kit, row: ScorecardRow, labels: tuple[str, ...], width: float, height: float,
                 both: bool) -> None:
        super().__init__()
        self.kit, self.row, self.labels, self.width, self.height, self.both = kit, row, labels, width, height, both

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from partnerdesk.packets import rtl

        kit, row = self.kit, self.row
        drawing = Drawing(self.width, self.height)
        n = len(row.history)
        xs = [(n - 1 - i) if kit.rtl else i for i in range(n)]
        values = [(x, v) for x, v in zip(xs, row.history, strict=True) if v is not None]
        targets = [(x, v) for x, v in zip(xs, row.targets, strict=False) if v is not None]
        plot = LinePlot()
        plot.x, plot.y = 8, 14
        plot.width, plot.height = self.width - 16, self.height - 32
        plot.data = [values or [(0, 0)]] + ([targets] if targets else [])
        plot.lines[0].strokeColor = colors.HexColor("#2F6DB5")
        plot.lines[0].strokeWidth = 1.4
        if targets:
            plot.lines[1].strokeColor = colors.HexColor("#5A5A5A")
            plot.lines[1].strokeDashArray = [3, 2]
            plot.lines[1].strokeWidth = 0.8
        plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(1, n - 1)
        plot.xValueAxis.visibleLabels = 0
        plot.xValueAxis.visibleTicks = 0
        plot.yValueAxis.visibleLabels = 0
        plot.yValueAxis.visibleTicks = 0
        plot.xValueAxis.strokeColor = plot.yValueAxis.strokeColor = colors.HexColor("#D5DAE3")
        plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = kit.family  # no stray Helvetica
        drawing.add(plot)
        title = row.label + (f" / {row.label_en}" if self.both and row.label_en != row.label else "")
        family = kit.family
        if kit.rtl:
            title = rtl.visual_lines(title, family, 8, 1e6)[0]
        drawing.add(String(self.width - 8 if kit.rtl else 8, self.height - 10, title, fontName=family, fontSize=8,
                           fillColor=colors.HexColor("#1E2433"), textAnchor="end" if kit.rtl else "start"))
        if self.labels:
            first, last = self.labels[0], self.labels[-1]
            left, right = (last, first) if kit.rtl else (first, last)
            drawing.add(String(8, 3, left, fontName=family, fontSize=6.5, fillColor=MUTED))
            drawing.add(String(self.width - 8, 3, right, fontName=family, fontSize=6.5, fillColor=MUTED,
                               textAnchor="end"))
        from reportlab.graphics import renderbase

        saved = renderbase.STATE_DEFAULTS["fontName"]
        renderbase.STATE_DEFAULTS["fontName"] = family  # the renderer's first font: no stray unembedded Helvetica
        try:
            drawing.drawOn(self.canv, 0, 0)
        finally:
            renderbase.STATE_DEFAULTS["fontName"] = saved


def _charts(kit: Kit, rows: list[ScorecardRow], labels: tuple[str, ...], both: bool) -> Flowable:
    per_row = 3
    width = kit.width / per_row - 4
    cells = [_Chart(kit, r, labels, width, 32 * mm, both) for r in rows]
    grid = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    for line in grid:
        line += [""] * (per_row - len(line))  # type: ignore[list-item]
        if kit.rtl:
            line.reverse()
    table = Table(grid, colWidths=[kit.width / per_row] * per_row)
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               ("FONT", (0, 0), (-1, -1), kit.family, 8)]))
    return KeepTogether([table])
