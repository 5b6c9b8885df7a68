"""Typography and building blocks of the packets for one language: styles, escaped paragraphs, tables.

Every piece of user text goes through ``Kit.p`` (escaped, split into font-fallback runs, and for Arabic shaped
and broken into visual lines); tables reverse their columns in right-to-left packets.
"""

from __future__ import annotations

import itertools

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from partnerdesk.l10n import Translator
from partnerdesk.packets import fonts, rtl

INK = colors.HexColor("#1E2433")
MUTED = colors.HexColor("#6B7385")
RULE = colors.HexColor("#D5DAE3")
TINT = colors.HexColor("#F2F4F8")
DEFAULT_ACCENT = "#2E4A7D"
MARGIN = 20 * mm


def accent_for(hex_values: list[str]) -> colors.Color:
    """The first brand colour dark enough for headings on white, else the default accent."""
    for value in hex_values:
        c = colors.HexColor(value)
        if 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue < 0.45:
            return c
    return colors.HexColor(DEFAULT_ACCENT)


class Rule(Flowable):
    """A short accent rule under a section title (drawn at the reading start: right in Arabic)."""

    def __init__(self, width: float, color: colors.Color, length: float = 16 * mm, rtl_: bool = False) -> None:
        super().__init__()
        self.width, self.height, self.color, self.length, self.rtl = width, 6 * mm, color, length, rtl_

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(1.6)
        x = self.width - self.length if self.rtl else 0
        self.canv.line(x, 3.5 * mm, x + self.length, 3.5 * mm)


class Kit:
    """Styles and text helpers for one language (font runs, escaping and right-to-left)."""

    def __init__(self, lang: str, width: float, accent: colors.Color | None = None) -> None:
        fonts.register_fonts()
        self.tr = Translator(lang)
        self.lang = self.tr.language
        self.rtl = self.tr.rtl
        self.family = fonts.base_family(self.lang)
        self.width = width
        self.accent = accent or colors.HexColor(DEFAULT_ACCENT)
        self._keys = itertools.count(1)
        self.sections = 0
        self.align = TA_RIGHT if self.rtl else TA_LEFT
        wrap = "CJK" if self.lang == "ja" else None
        bold = fonts.bold(self.family)
        base = dict(fontName=self.family, alignment=self.align, wordWrap=wrap, textColor=INK)
        self.body = ParagraphStyle("body", fontSize=9.5, leading=15, spaceAfter=6, **base)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8, leading=11.5, textColor=MUTED,
                                    spaceAfter=4)
        self.cell = ParagraphStyle("cell", fontSize=8.5, leading=12, **base)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=bold)
        self.cell_muted = ParagraphStyle("cell_muted", parent=self.cell, fontSize=7.5, leading=10.5,
                                         textColor=MUTED)
        self.th = ParagraphStyle("th", parent=self.cell, fontName=bold, fontSize=7.5, leading=10, textColor=MUTED)
        self.eyebrow = ParagraphStyle("eyebrow", fontSize=9, leading=12, spaceBefore=18, spaceAfter=1,
                                      **{**base, "fontName": bold, "textColor": self.accent})
        self.h1 = ParagraphStyle("h1", fontSize=20, leading=26, spaceAfter=2,
                                 **{**base, "fontName": bold, "textColor": INK})
        self.h2 = ParagraphStyle("h2", fontSize=11.5, leading=16, spaceBefore=10, spaceAfter=4, keepWithNext=1,
                                 **{**base, "fontName": bold, "textColor": self.accent})
        self.cover_title = ParagraphStyle("cover_title", fontSize=34, leading=42, spaceAfter=6,
                                          **{**base, "fontName": bold, "textColor": colors.white})
        self.cover_sub = ParagraphStyle("cover_sub", fontSize=16, leading=22, spaceAfter=4,
                                        **{**base, "textColor": colors.white})
        self.cover_meta = ParagraphStyle("cover_meta", fontSize=10, leading=15, **{**base, "textColor": MUTED})
        self.toc = ParagraphStyle("toc", fontSize=11, leading=15, **base)
        self.toc_num = ParagraphStyle("toc_num", fontSize=11, leading=15, **{**base, "fontName": bold,
                                                                             "textColor": self.accent})

    def restart(self) -> None:
        """Number sections and heading keys from the start again (before each layout pass)."""
        self._keys = itertools.count(1)
        self.sections = 0

    def t(self, message: str, **params: object) -> str:
        text = self.tr.gettext(message)
        return text.format(**params) if params else text

    def n(self, forms: tuple[str, str], count: int, **params: object) -> str:
        """Plural-aware text for a ``texts.ngettext`` pair; ``{count}`` is filled in."""
        return self.tr.ngettext(forms[0], forms[1], count).format(count=count, **params)

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

    def bullet(self, text: str) -> Paragraph:
        return self.p(f"{text} •" if self.rtl else f"• {text}")

    def number(self, value: int) -> str:
        from partnerdesk.l10n.formats import format_number

        text = format_number(value, lang=self.lang)
        return text.rjust(2, format_number(0, lang=self.lang))

    def section(self, text: str, new_page: bool = False) -> list[Flowable]:
        """A numbered section opener (eyebrow number, title, accent rule) with a bookmark and a TOC entry."""
        from reportlab.platypus import PageBreak

        self.sections += 1
        head = self.heading(text, 0)
        head.toc_number = self.sections
        eyebrow = self.p(self.number(self.sections), self.eyebrow)
        rule = Rule(self.width, self.accent, rtl_=self.rtl)
        eyebrow.keepWithNext = head.keepWithNext = rule.keepWithNext = 1
        # Chained keepWithNext: the title never stands alone at the foot of a page.
        return [PageBreak() if new_page else CondPageBreak(60 * mm), eyebrow, head, rule]

    def heading(self, text: str, level: int = 0) -> Paragraph:
        para = self.p(text, self.h1 if level == 0 else self.h2)
        para.outline = (text, level, f"h{next(self._keys)}")
        return para

    def sub(self, text: str) -> Paragraph:
        """A level-1 heading (bookmarked, not in the table of contents)."""
        return self.heading(text, 1)

    def table(self, header: list[str], rows: list[list[object]], widths: list[float],
              spans: list[int] | None = None) -> Table:
        """A table with a quiet header row and hairlines; cells are text or lists of flowables.

        ``spans`` lists row indexes (0 = first data row) drawn as full-width group rows (first cell only).
        """
        n = len(widths)
        if self.rtl:
            header, widths = header[::-1], widths[::-1]
            rows = [row if spans and i in spans else rtl.reverse_columns([row])[0] for i, row in enumerate(rows)]
        data: list[list[object]] = [[self.p(h, self.th, w - 10) for h, w in zip(header, widths, strict=True)]]
        for i, row in enumerate(rows):
            if spans and i in spans:
                data.append([self.p(str(row[0]), self.cell_bold, sum(widths) - 10)] + [""] * (n - 1))
                continue
            data.append([c if isinstance(c, (list, Flowable)) else self.p(str(c), self.cell, w - 10)
                         for c, w in zip(row, widths, strict=True)])
        # splitInRow: a row taller than a page (a very long word in a narrow column) splits instead of failing.
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="RIGHT" if self.rtl else "LEFT", splitInRow=1)
        style = [
            ("FONT", (0, 0), (-1, -1), self.family, 8.5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.9, self.accent),
            ("LINEBELOW", (0, 1), (-1, -1), 0.35, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        for i in spans or []:
            style += [("SPAN", (0, i + 1), (-1, i + 1)), ("BACKGROUND", (0, i + 1), (-1, i + 1), TINT),
                      ("TOPPADDING", (0, i + 1), (-1, i + 1), 3), ("BOTTOMPADDING", (0, i + 1), (-1, i + 1), 3)]
        table.setStyle(TableStyle(style))
        return table

    def facts(self, rows: list[tuple[str, str]], label_width: float = 0.3, tinted: bool = False) -> Table:
        """Label/value pairs (no header row): the label column is small and muted; ``tinted`` sets them on a
        light panel (e.g. "at a glance")."""
        widths = [label_width * self.width, (1 - label_width) * self.width]
        data = [[self.p(label, self.th, widths[0] - 10), self.p(value, self.cell, widths[1] - 10)]
                for label, value in rows]
        if self.rtl:
            data, widths = [row[::-1] for row in data], widths[::-1]
        table = Table(data, colWidths=widths, hAlign="RIGHT" if self.rtl else "LEFT", splitInRow=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), self.family, 8.5),
            ("LINEABOVE", (0, 0), (-1, 0), 0.9, self.accent),
            ("LINEBELOW", (0, 0), (-1, -1), 0.35, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ] + ([("BACKGROUND", (0, 0), (-1, -1), TINT), ("LINEBELOW", (0, 0), (-1, -1), 0.35, colors.white),
              ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)] if tinted else [])))
        return table

    def stack(self, lines: list[tuple[str, ParagraphStyle]], width: float) -> list[Flowable]:
        """Several paragraphs in one table cell (e.g. a name over an e-mail address)."""
        return [self.p(text, style, width - 10) for text, style in lines if text]
