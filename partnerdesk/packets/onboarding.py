"""Onboarding packet for one partner: data in, PDF bytes out, in the partner's language."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from partnerdesk.l10n import Translator
from partnerdesk.l10n.formats import format_date, paper_size
from partnerdesk.packets import fonts, rtl, texts
from partnerdesk.packets.data import OnboardingData

ACCENT = colors.HexColor("#2E4A7D")
LIGHT = colors.HexColor("#E8EDF5")
MARGIN = 20 * mm


class Kit:
    """Styles and text helpers for one language (handles font runs, escaping and right-to-left)."""

    def __init__(self, lang: str, width: float) -> None:
        fonts.register_fonts()
        self.tr = Translator(lang)
        self.lang = self.tr.language
        self.rtl = self.tr.rtl
        self.family = fonts.base_family(self.lang)
        self.width = width
        align = TA_RIGHT if self.rtl else TA_LEFT
        wrap = "CJK" if self.lang == "ja" else None
        base = dict(fontName=self.family, alignment=align, wordWrap=wrap)
        self.body = ParagraphStyle("body", fontSize=10, leading=15, spaceAfter=6, **base)
        self.cell = ParagraphStyle("cell", fontSize=9, leading=12, **base)
        self.h1 = ParagraphStyle("h1", fontSize=18, leading=24, spaceBefore=4, spaceAfter=10, textColor=ACCENT,
                                 **{**base, "fontName": fonts.bold(self.family)})
        self.h2 = ParagraphStyle("h2", fontSize=12, leading=17, spaceBefore=8, spaceAfter=4, textColor=ACCENT,
                                 **{**base, "fontName": fonts.bold(self.family)})
        self.title = ParagraphStyle("title", fontSize=30, leading=38, spaceAfter=16, textColor=ACCENT,
                                    **{**base, "fontName": fonts.bold(self.family), "alignment": TA_CENTER})
        self.subtitle = ParagraphStyle("subtitle", fontSize=14, leading=20, spaceAfter=8,
                                       **{**base, "alignment": TA_CENTER})

    def t(self, message: str, **params: object) -> str:
        text = self.tr.gettext(message)
        return text.format(**params) if params else text

    def markup(self, text: str, style: ParagraphStyle, width: float | None = None) -> str:
        """Escaped markup for ``text``; in RTL, pre-broken visual lines joined by <br/>."""
        family = style.fontName
        if not self.rtl:
            return fonts.markup(text, family)
        lines = rtl.visual_lines(text, family, style.fontSize, (width or self.width - 12) - 2)  # frame padding
        return "<br/>".join(fonts.markup(line, family) for line in lines)

    def p(self, text: str, style: ParagraphStyle | None = None, width: float | None = None) -> Paragraph:
        style = style or self.body
        if self.rtl and style.alignment == TA_CENTER:
            lines = rtl.visual_lines(text, style.fontName, style.fontSize, width or self.width - 14)
            return Paragraph("<br/>".join(fonts.markup(line, style.fontName) for line in lines), style)
        return Paragraph(self.markup(text, style, width), style)

    def heading(self, text: str, level: int = 0) -> Paragraph:
        para = self.p(text, self.h1 if level == 0 else self.h2)
        para.outline = (text, level)  # type: ignore[attr-defined]
        return para

    def table(self, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        if self.rtl:
            header, rows, widths = header[::-1], rtl.reverse_columns(rows), widths[::-1]  # type: ignore[assignment]
        head_style = ParagraphStyle("th", parent=self.cell, fontName=fonts.bold(self.family),
                                    textColor=colors.white)
        data = [[self.p(h, head_style, w - 8) for h, w in zip(header, widths, strict=True)]]
        data += [[self.p(str(c), self.cell, w - 8) for c, w in zip(row, widths, strict=True)] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="RIGHT" if self.rtl else "LEFT")
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), self.family, 9),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, LIGHT]),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#B8C2D6")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]))
        return table


class _AnswerField(Flowable):
    """A fillable multi-line text field over ruled lines (usable on screen and on paper)."""

    def __init__(self, name: str, width: float, lines: int, fillable: bool) -> None:
        super().__init__()
        self.name, self.width, self.lines, self.fillable = name, width, max(1, lines), fillable
        self.height = self.lines * 7 * mm + 2 * mm

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.HexColor("#9AA6BF"))
        c.setLineWidth(0.5)
        for i in range(self.lines):
            y = i * 7 * mm + 1 * mm
            c.line(0, y, self.width, y)
        if not self.fillable:
            return
        c.acroForm.textfield(name=self.name, x=0, y=1 * mm, width=self.width, height=self.height - 2 * mm,
                             borderWidth=0, fillColor=colors.Color(0.93, 0.95, 1, alpha=0.4),
                             fieldFlags="multiline", fontSize=10, relative=True, tooltip=self.name)


class _NumberedCanvas(Canvas):
    """Canvas that knows the page count at the end, for "Page X of Y" footers."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab API
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self.footer(total)
            super().showPage()
        super().save()

    def footer(self, total: int) -> None:
        kit: Kit = self._kit  # type: ignore[attr-defined]
        text = kit.t(texts.PAGE_X_OF_Y, page=self._pageNumber, pages=total)
        if kit.rtl:
            text = rtl.visual_lines(text, kit.family, 8, 1e6)[0]
        self.setFillColor(colors.grey)
        x = MARGIN if kit.rtl else self._pagesize[0] - MARGIN
        _draw_runs(self, x, 12 * mm, text, kit.family, 8, right=not kit.rtl)


def _draw_runs(canvas: Canvas, x: float, y: float, text: str, family: str, size: float, right: bool) -> None:
    """Draw one line with font fallback runs; ``right`` aligns its end at ``x``."""
    pieces = fonts.runs(text, family)
    if right:
        x -= sum(stringWidth(chunk, fam, size) for fam, chunk in pieces)
    for fam, chunk in pieces:
        canvas.setFont(fam, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, fam, size)


class _Doc(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab API
        outline = getattr(flowable, "outline", None)
        if outline:
            title, level = outline
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)


def page_size_for(lang: str, paper: str | None) -> tuple[float, float]:
    choice = (paper or paper_size(lang)).lower()
    return LETTER if choice == "letter" else A4


def build_onboarding(data: OnboardingData, lang: str, paper: str | None = None, fillable: bool = True) -> bytes:
    """The onboarding packet as PDF bytes (deterministic for the same data).

    With ``fillable`` the questionnaire has AcroForm text fields; ReportLab's AcroForm only supports the
    standard 14 fonts, so the form's default font (Helvetica, unembedded) is then referenced by the fields.
    ``fillable=False`` gives a print-only packet in which every font is embedded.
    """
    pagesize = page_size_for(lang, paper)
    kit = Kit(lang, pagesize[0] - 2 * MARGIN)
    title = kit.t(texts.ONBOARDING_TITLE)
    story = _story(kit, data, kit.width, fillable)
    return render(kit, pagesize, story, f"{title} — {data.partner_name}", data.company_name,
                  f"{data.company_name} · {title} · {data.partner_name}")


def render(kit: Kit, pagesize: tuple[float, float], story: list[Flowable], title: str, author: str,
           running: str) -> bytes:
    """Lay out ``story`` with running header (from page 2), page X of Y footer, outline and metadata."""
    width = pagesize[0] - 2 * MARGIN
    buffer = io.BytesIO()
    doc = _Doc(buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 6 * mm,
               bottomMargin=MARGIN, title=title, author=author, subject=title, lang=kit.lang, invariant=1,
               initialFontName=kit.family)
    if kit.rtl:
        running = rtl.visual_lines(running, kit.family, 8, 1e6)[0]

    def header(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas._kit = kit  # type: ignore[attr-defined]
        if canvas.getPageNumber() == 1:
            return
        canvas.saveState()
        canvas.setFillColor(colors.grey)
        y = pagesize[1] - MARGIN + 2 * mm
        x = pagesize[0] - MARGIN if kit.rtl else MARGIN
        _draw_runs(canvas, x, y, running, kit.family, 8, right=kit.rtl)
        canvas.setStrokeColor(ACCENT)
        canvas.line(MARGIN, y - 2 * mm, pagesize[0] - MARGIN, y - 2 * mm)
        canvas.restoreState()

    frame = Frame(MARGIN, MARGIN, width, pagesize[1] - 2 * MARGIN - 6 * mm, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=header)])
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def _story(kit: Kit, data: OnboardingData, width: float, fillable: bool) -> list[Flowable]:
    t = kit.t
    story: list[Flowable] = [Spacer(1, 60 * mm), kit.p(t(texts.ONBOARDING_TITLE), kit.title),
                             kit.p(data.partner_name, kit.subtitle),
                             kit.p(t(texts.PREPARED_BY, company=data.company_name), kit.subtitle),
                             kit.p(format_date(data.today, "long", lang=kit.lang), kit.subtitle), PageBreak()]
    # Welcome letter
    story += [kit.heading(t(texts.WELCOME)), kit.p(t(texts.WELCOME_GREETING, partner=data.partner_name)),
              kit.p(t(texts.WELCOME_BODY)), kit.p(t(texts.WELCOME_CLOSING)), Spacer(1, 6 * mm),
              kit.p(t(texts.WELCOME_SIGN))]
    if data.owners:
        owner = data.owners[0]
        story += [kit.p(owner.name, kit.h2), kit.p(", ".join(x for x in (owner.role, data.company_name) if x))]
    story.append(PageBreak())
    # Who's who
    cols = [t(texts.COL_NAME), t(texts.COL_ROLE), t(texts.COL_EMAIL), t(texts.COL_TIME_ZONE)]
    widths = [0.28 * width, 0.24 * width, 0.28 * width, 0.20 * width]
    story.append(kit.heading(t(texts.WHOS_WHO)))
    story.append(kit.heading(t(texts.OUR_TEAM), 1))
    labels = [t(texts.OWNER_1), t(texts.OWNER_2)]
    rows = [[p.name, " — ".join(x for x in (labels[i] if i < 2 else "", p.role) if x), p.email, p.time_zone]
            for i, p in enumerate(data.owners)]
    story.append(kit.table(cols, rows, widths))
    story.append(kit.heading(t(texts.YOUR_TEAM), 1))
    rows = [[p.name, p.role, p.email, p.time_zone] for p in data.contacts]
    story.append(kit.table(cols, rows, widths) if rows else kit.p(t(texts.NOTHING_LISTED)))
    # Scope
    story.append(kit.heading(t(texts.SCOPE)))
    if data.phase:
        story.append(kit.p(t(texts.PHASE, phase=data.phase)))
    for label, items in ((texts.IN_SCOPE, data.in_scope), (texts.OUT_OF_SCOPE, data.out_of_scope)):
        story.append(kit.heading(t(label), 1))
        story += [kit.p(f"• {item}" if not kit.rtl else f"{item} •") for item in items] or \
            [kit.p(t(texts.NOTHING_LISTED))]
    # Responsibilities
    story.append(kit.heading(t(texts.RESPONSIBILITIES)))
    cols = [t(texts.COL_TASK), t(texts.COL_WHO), t(texts.COL_FREQUENCY), t(texts.COL_DEADLINE)]
    rows = [[r.task, r.who, r.frequency, format_date(r.deadline, "medium", lang=kit.lang) if r.deadline else "—"]
            for r in data.responsibilities]
    story.append(kit.table(cols, rows, [0.40 * width, 0.24 * width, 0.16 * width, 0.20 * width]) if rows
                 else kit.p(t(texts.NOTHING_LISTED)))
    # Contract
    story.append(kit.heading(t(texts.CONTRACT)))
    c = data.contract
    if c is None:
        story.append(kit.p(t(texts.NO_CONTRACT)))
    else:
        rows = [[t(texts.CONTRACT_TITLE), c.title],
                [t(texts.CONTRACT_START), format_date(c.start_on, "long", lang=kit.lang)],
                [t(texts.CONTRACT_END), format_date(c.end_on, "long", lang=kit.lang) if c.end_on
                 else t(texts.OPEN_ENDED)],
                [t(texts.PAYMENT_TERMS), c.payment_terms or "—"], [t(texts.DELIVERY_TERMS), c.delivery_terms or "—"],
                [t(texts.REVIEW), t(texts.REVIEW_EVERY, months=c.review_every_months)
                 if c.review_every_months else "—"],
                [t(texts.NOTICE), t(texts.NOTICE_DAYS, days=c.notice_days)],
                [t(texts.DISPUTES), c.dispute_resolution or "—"]]
        story.append(kit.table(["", ""], rows, [0.3 * width, 0.7 * width]))
    # KPIs
    story.append(kit.heading(t(texts.KPIS)))
    rows = [[k.name, k.value, k.target] for k in data.kpis]
    story.append(kit.table([t(texts.COL_KPI), t(texts.COL_LATEST), t(texts.COL_TARGET)], rows,
                           [0.5 * width, 0.25 * width, 0.25 * width]) if rows else kit.p(t(texts.NOTHING_LISTED)))
    # Questionnaire
    story += [PageBreak(), kit.heading(t(texts.QUESTIONNAIRE))]
    if data.questionnaire_title:
        story.append(kit.heading(data.questionnaire_title, 1))
    if data.questionnaire_intro:
        story.append(kit.p(data.questionnaire_intro))
    for number, q in enumerate(data.questions, start=1):
        text = f"{number}. {q.text}" + (f" {t(texts.REQUIRED)}" if q.required else "")
        story += [kit.p(text), _AnswerField(f"q{number}", width, q.lines, fillable), Spacer(1, 3 * mm)]
    return story
