"""Page furniture and layout passes shared by the packets: cover, running header, "page X of Y", outline,
metadata and a table of contents filled in by a second layout pass."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import _listWrapOn

from partnerdesk.l10n.formats import paper_size
from partnerdesk.packets import fonts, rtl, texts
from partnerdesk.packets.kit import MARGIN, MUTED, RULE, Kit, accent_for

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class Cancelled(Exception):
    """Raised between layout passes when the caller's cancel check returns True."""


def page_size_for(lang: str, paper: str | None) -> tuple[float, float]:
    """A4 or US Letter: ``paper`` ("A4"/"Letter", any case) wins, else the language's CLDR territory."""
    choice = (paper or paper_size(lang)).lower()
    size: tuple[float, float] = LETTER if choice == "letter" else A4
    return size


@dataclass
class Meta:
    title: str
    author: str
    running: str  # running header text (pages after the cover)


class _NumberedCanvas(Canvas):
    """Canvas that knows the page count at the end, for "Page X of Y" footers."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []
        self._toc_marks: list[tuple[int, str, float, float, bool]] = []  # page, heading key, x, y, right-aligned
        self._heading_pages: dict[str, int] = {}

    def showPage(self) -> None:  # noqa: N802 - ReportLab API
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            if self._pageNumber > 1:
                self.footer(total)
            self.toc_numbers()
            super().showPage()
        super().save()

    def toc_numbers(self) -> None:
        """Write the final page numbers into the table of contents on this page."""
        kit: Kit = self._kit
        self.setFillColor(MUTED)
        for page, key, x, y, right in self._toc_marks:
            number = self._heading_pages.get(key)
            if page == self._pageNumber and number is not None:
                draw_runs(self, x, y, str(number), kit.family, kit.toc.fontSize, right=right)

    def footer(self, total: int) -> None:
        kit: Kit = self._kit
        text = kit.t(texts.PAGE_X_OF_Y, page=self._pageNumber, pages=total)
        if kit.rtl:
            text = rtl.visual_lines(text, kit.family, 7.5, 1e6)[0]
        self.setFillColor(MUTED)
        x = MARGIN if kit.rtl else self._pagesize[0] - MARGIN
        draw_runs(self, x, 11 * mm, text, kit.family, 7.5, right=not kit.rtl)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.35)
        self.line(MARGIN, 15 * mm, self._pagesize[0] - MARGIN, 15 * mm)


def draw_runs(canvas: Canvas, x: float, y: float, text: str, family: str, size: float, right: bool) -> None:
    """Draw one line with font fallback runs; ``right`` aligns its end at ``x``."""
    pieces = fonts.runs(text, family)
    if right:
        x -= sum(stringWidth(chunk, fam, size) for fam, chunk in pieces)
    for fam, chunk in pieces:
        canvas.setFont(fam, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, fam, size)


class _KeepStart(KeepTogether):
    """keepWithNext groups (section title, sub-heading, then a table): the titles stay with the *start* of what
    follows; a long table may begin under them and continue on the next page instead of leaving a gap."""

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803 - ReportLab API
        dims: list[tuple[float, float]] = []
        self._H = _listWrapOn(self._content, aW, self.canv, dims=dims)[1]
        self._H0 = dims[0][1] if dims else 0
        self._last = dims[-1][1] if dims else 0
        self._wrapInfo = aW, aH
        return aW, 0xFFFFFF

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - ReportLab API
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        start = self._H - self._last + min(self._last, 40 * mm)
        if self._H > aH and start <= aH and len(self._content) > 1:
            whole: list[Flowable] = self._content[:]
            return whole
        parts: list[Flowable] = super().split(aW, aH)
        return parts


class _Doc(BaseDocTemplate):
    """Records the page of every heading (for the TOC) and adds bookmarks."""

    pages: dict[str, int]
    cancel: Cancel | None = None

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab API
        if self.cancel is not None and self.cancel():
            raise Cancelled()
        outline = getattr(flowable, "outline", None)
        if outline:
            title, level, key = outline
            self.pages[key] = self.page
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)


class Toc(Flowable):
    """Table of contents: numbered section titles with page numbers (mirrored in right-to-left packets).

    One layout pass is enough: the table lays out the titles, and each page number is written onto the contents
    page when the document is saved, from the pages the headings actually landed on (``_NumberedCanvas``).
    """

    def __init__(self, kit: Kit, entries: list[tuple[int, str, str]]) -> None:
        super().__init__()
        self.kit, self.entries = kit, entries
        k = kit
        widths = [12 * mm, k.width - 12 * mm - 16 * mm, 16 * mm]
        rows: list[list[object]] = [[k.p(k.number(number), k.toc_num, widths[0]), k.p(title, k.toc, widths[1] - 10),
                                     ""] for number, title, _key in entries]
        if k.rtl:
            rows, widths = [row[::-1] for row in rows], widths[::-1]
        num_col = 2 if k.rtl else 0
        self.page_col = 0 if k.rtl else 2
        self.table = Table(rows, colWidths=widths, hAlign="RIGHT" if k.rtl else "LEFT")
        self.table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), k.family, 11),
            ("LINEBELOW", (0, 0), (-1, -1), 0.35, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (num_col, 0), (num_col, -1), 0), ("RIGHTPADDING", (num_col, 0), (num_col, -1), 0),
            ("LEFTPADDING", (self.page_col, 0), (self.page_col, -1), 0),
            ("RIGHTPADDING", (self.page_col, 0), (self.page_col, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self.table.drawOn(canvas, 0, 0)
        rows, cols = self.table._rowpositions, self.table._colpositions
        marks = getattr(canvas, "_toc_marks", None)
        if marks is None:
            return
        for i, (_number, _title, key) in enumerate(self.entries):
            baseline = rows[i] - 7 - self.kit.toc.fontSize + 0.5
            x = cols[self.page_col] if self.kit.rtl else cols[self.page_col + 1]
            ax, ay = canvas.absolutePosition(x, baseline)
            marks.append((canvas.getPageNumber(), key, ax, ay, not self.kit.rtl))


def toc_entries(story: list[Flowable]) -> list[tuple[int, str, str]]:
    """(number, title, key) of every numbered section opener in ``story``."""
    out = []
    for item in story:
        for flowable in getattr(item, "_content", [item]):
            number = getattr(flowable, "toc_number", None)
            if number is not None:
                title, _level, key = flowable.outline
                out.append((number, title, key))
    return out


def render(kit: Kit, pagesize: tuple[float, float], make_story: Callable[[], list[Flowable]], meta: Meta, *,
           cover: Callable[[Canvas, Kit, tuple[float, float]], None] | None = None,
           progress: Progress | None = None, cancel: Cancel | None = None) -> bytes:
    """Lay out the story returned by ``make_story()`` in one pass (the table of contents is completed when the
    file is written). ``cover`` draws the background of page 1 (no header/footer there).

    ``progress(done, total)`` reports the layout (1 of 1 when done); ``cancel()`` is checked before the layout
    and after every flowable, and raises ``Cancelled``.
    """
    if cancel is not None and cancel():
        raise Cancelled()
    pdf = _build(kit, pagesize, make_story(), meta, cover, cancel)
    if progress is not None:
        progress(1, 1)
    return pdf


def _build(kit: Kit, pagesize: tuple[float, float], story: list[Flowable], meta: Meta,
           cover: Callable[[Canvas, Kit, tuple[float, float]], None] | None, cancel: Cancel | None = None) -> bytes:
    width = pagesize[0] - 2 * MARGIN
    buffer = io.BytesIO()
    doc = _Doc(buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 6 * mm,
               bottomMargin=MARGIN, title=meta.title, author=meta.author, subject=meta.title, lang=kit.lang,
               creator="PartnerDesk", invariant=1, initialFontName=kit.family, keepTogetherClass=_KeepStart)
    doc.pages = {}
    doc.cancel = cancel
    running = rtl.visual_lines(meta.running, kit.family, 7.5, 1e6)[0] if kit.rtl else meta.running

    def header(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas._kit = kit
        canvas._heading_pages = doc.pages
        canvas.saveState()
        canvas.setFillColor(MUTED)
        y = pagesize[1] - MARGIN + 2 * mm
        x = pagesize[0] - MARGIN if kit.rtl else MARGIN
        draw_runs(canvas, x, y, running, kit.family, 7.5, right=kit.rtl)
        canvas.setFillColor(kit.accent)
        bar_x = MARGIN if kit.rtl else pagesize[0] - MARGIN - 6 * mm
        canvas.rect(bar_x, y - 0.5, 6 * mm, 2.2 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def first(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas._kit = kit
        canvas._heading_pages = doc.pages
        if cover is not None:
            canvas.saveState()
            cover(canvas, kit, pagesize)
            canvas.restoreState()

    body = Frame(MARGIN, MARGIN, width, pagesize[1] - 2 * MARGIN - 6 * mm, id="body")
    templates = [PageTemplate(id="page", frames=[body], onPage=header)]
    if cover is not None:
        band = pagesize[1] * 0.5
        top = Frame(MARGIN, pagesize[1] - band + 14 * mm, width, band - 40 * mm, id="cover-top")
        bottom = Frame(MARGIN, MARGIN, width, pagesize[1] - band - MARGIN - 8 * mm, id="cover-bottom")
        templates.insert(0, PageTemplate(id="cover", frames=[top, bottom], onPage=first, autoNextPageTemplate="page"))
    doc.addPageTemplates(templates)
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def draw_cover(canvas: Canvas, kit: Kit, pagesize: tuple[float, float]) -> None:
    """Cover background: an accent band over the top half with a fine rule pattern, a hairline at the foot."""
    w, h = pagesize
    band = h * 0.5
    canvas.setFillColor(kit.accent)
    canvas.rect(0, h - band, w, band, stroke=0, fill=1)
    canvas.setStrokeColor(colors.Color(1, 1, 1, alpha=0.12))
    canvas.setLineWidth(0.6)
    for i in range(9):  # quiet diagonal hatching on the outer edge of the band
        x = (w - 70 * mm + i * 9 * mm) if not kit.rtl else (i * 9 * mm - 10 * mm)
        canvas.line(x, h - band, x + 40 * mm, h)
    canvas.setFillColor(colors.white)
    canvas.rect(MARGIN if not kit.rtl else w - MARGIN - 14 * mm, h - band + 10 * mm, 14 * mm, 1.6, stroke=0, fill=1)


def running_header(kit: Kit, *parts: str) -> str:
    """The running header's parts joined by middle dots; in RTL each Latin name keeps its own order
    ("Lumen & Co." instead of ".Lumen & Co")."""
    return " · ".join(rtl.embed_ltr(part) if kit.rtl else part for part in parts)


def page_and_kit(lang: str, paper: str | None, brand_colours: list[str]) -> tuple[tuple[float, float], Kit]:
    """The page size (``paper`` or the language's default) and a Kit whose text fills it between the margins,
    accented with the brand's colours."""
    pagesize = page_size_for(lang, paper)
    return pagesize, Kit(lang, pagesize[0] - 2 * MARGIN, accent_for(brand_colours))


def cover_head(kit: Kit, title: str, subtitle: str, logo_png: bytes | None, logo_width: float,
               gap: float) -> list[Flowable]:
    """The cover's title and subtitle in the accent band, then (below the band) the logo, ``logo_width`` wide
    and ``gap`` below the band's top, on the reading side."""
    story: list[Flowable] = [Spacer(1, 30 * mm), kit.p(title, kit.cover_title), kit.p(subtitle, kit.cover_sub),
                             NextPageTemplate("page"), FrameBreak()]
    if logo_png:
        w, h = ImageReader(io.BytesIO(logo_png)).getSize()
        image = Image(io.BytesIO(logo_png), width=logo_width, height=logo_width * h / max(1, w))
        image.hAlign = "RIGHT" if kit.rtl else "LEFT"
        story += [Spacer(1, gap), image]
    return story
