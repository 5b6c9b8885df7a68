"""Brand guide: story, palette with swatches (HEX/RGB/CMYK), typography, voice, do/don't, imagery.

``brand_sections`` is shared by the stand-alone brand guide and the onboarding packet's brand-guide section.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from partnerdesk.packets import texts
from partnerdesk.packets.data import BrandGuideData
from partnerdesk.packets.kit import RULE, Kit
from partnerdesk.packets.render import (
    Cancel,
    Meta,
    Progress,
    Toc,
    cover_head,
    draw_cover,
    page_and_kit,
    render,
    running_header,
    toc_entries,
)


def rgb(hex_: str) -> tuple[int, int, int]:
    value = hex_.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def cmyk(hex_: str) -> tuple[int, int, int, int]:
    """Naive (uncalibrated) CMYK percentages for a HEX colour."""
    r, g, b = (c / 255 for c in rgb(hex_))
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0, 0, 0, 100
    return tuple(round(100 * (1 - c - k) / (1 - k)) for c in (r, g, b)) + (round(100 * k),)  # type: ignore[return-value]


def _swatches(kit: Kit, data: BrandGuideData) -> Table:
    """Large colour chips with name and HEX under each (up to six per row)."""
    per_row = 6
    chip_w = kit.width / per_row - 3 * mm
    colours = list(data.colours)
    cells: list[object] = []  # one cell per colour: [chip, name, HEX]; "" pads the last row
    for c in colours:
        chip = Table([[""]], colWidths=[chip_w], rowHeights=[16 * mm])
        chip.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), kit.family, 8),
                                  ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(c.hex)),
                                  ("BOX", (0, 0), (-1, -1), 0.35, RULE)]))
        cells.append([chip, kit.p(c.name, kit.cell_bold, chip_w), kit.p(c.hex.upper(), kit.cell_muted, chip_w)])
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    rows = [row + [""] * (per_row - len(row)) for row in rows]
    if kit.rtl:
        rows = [row[::-1] for row in rows]
    table = Table(rows, colWidths=[chip_w + 3 * mm] * per_row, hAlign="RIGHT" if kit.rtl else "LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), kit.family, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
    return table


def brand_sections(kit: Kit, data: BrandGuideData, level: int = 0) -> list[Flowable]:
    """The guide's parts: numbered sections (``level`` 0) or sub-headings inside another packet (1)."""
    t, width = kit.t, kit.width

    def head(msgid: str) -> list[Flowable]:
        return kit.section(t(msgid)) if level == 0 else [kit.sub(t(msgid))]

    story: list[Flowable] = []
    if data.story:
        story += head(texts.BRAND_STORY) + [kit.p(part) for part in data.story.split("\n\n")]
    if data.colours:
        story += head(texts.PALETTE) + [_swatches(kit, data), Spacer(1, 2 * mm)]
        rows: list[list[object]] = [
            [kit.stack([(c.name, kit.cell_bold), (c.usage, kit.cell_muted)], 0.34 * width), c.hex.upper(),
             "{} {} {}".format(*rgb(c.hex)), "{} {} {} {}".format(*cmyk(c.hex))] for c in data.colours]
        table = kit.table([t(texts.COL_COLOUR), "HEX", "RGB", "CMYK"], rows,
                          [0.40 * width, 0.16 * width, 0.20 * width, 0.24 * width])
        name_col = 3 if kit.rtl else 0  # a band of the colour on the name cell's reading edge
        table.setStyle(TableStyle([("LINEAFTER" if kit.rtl else "LINEBEFORE", (name_col, i), (name_col, i), 5,
                                    colors.HexColor(c.hex)) for i, c in enumerate(data.colours, start=1)]))
        story.append(table)
    if data.typefaces:
        story += head(texts.TYPOGRAPHY)
        story.append(kit.table([t(texts.COL_ROLE), t(texts.COL_TYPEFACE), t(texts.COL_USAGE)],
                               [list(row) for row in data.typefaces], [0.22 * width, 0.30 * width, 0.48 * width]))
    if data.tone_of_voice:
        story += head(texts.TONE) + [kit.p(part) for part in data.tone_of_voice.split("\n\n")]
    if data.dos or data.donts:
        story += head(texts.DOS_DONTS)
        half = (width - 6 * mm) / 2
        columns = []
        for label, items, colour in ((texts.DO, data.dos, "#2F7D4F"), (texts.DONT, data.donts, "#B23A3A")):
            mark = kit.p(t(label), kit.h2)
            mark.style = mark.style.clone("mark", textColor=colors.HexColor(colour), spaceBefore=0)
            columns.append([mark] + [kit.p(f"{item} •" if kit.rtl else f"• {item}", kit.cell, half - 8)
                                     for item in items])
        if kit.rtl:
            columns = columns[::-1]
        grid = Table([columns], colWidths=[half + 3 * mm, half + 3 * mm], hAlign="RIGHT" if kit.rtl else "LEFT")
        grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), kit.family, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LINEABOVE", (0, 0), (0, 0), 1.6, colors.HexColor("#2F7D4F" if not kit.rtl
                                                                                     else "#B23A3A")),
                                  ("LINEABOVE", (1, 0), (1, 0), 1.6, colors.HexColor("#B23A3A" if not kit.rtl
                                                                                     else "#2F7D4F")),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
        story.append(grid)
    if data.imagery:
        story += head(texts.IMAGERY) + [kit.p(part) for part in data.imagery.split("\n\n")]
    return story


def build_brand_guide(data: BrandGuideData, lang: str, paper: str | None = None, *,
                      progress: Progress | None = None, cancel: Cancel | None = None) -> bytes:
    """The brand guide as PDF bytes: cover, contents and the guide's sections (deterministic for the same
    data). ``paper``, ``progress`` and ``cancel`` as for ``build_onboarding``."""
    pagesize, kit = page_and_kit(lang, paper, [c.hex for c in data.colours])
    title = kit.t(texts.BRAND_GUIDE)

    def make_story() -> list[Flowable]:
        kit.restart()
        body = brand_sections(kit, data, level=0)
        if body:
            body[0] = PageBreak()  # the first section starts right after the contents
        story = _cover(kit, data, title) + [kit.heading(kit.t(texts.CONTENTS)), Spacer(1, 6 * mm)]
        return story + [Toc(kit, toc_entries(body))] + body

    return render(kit, pagesize, make_story, Meta(f"{title} — {data.name}", data.name,
                                                     running_header(kit, data.name, title)),
                  cover=draw_cover, progress=progress, cancel=cancel)


def _cover(kit: Kit, data: BrandGuideData, title: str) -> list[Flowable]:
    return cover_head(kit, title, data.name, data.logo_png, 30 * mm, 8 * mm) + [PageBreak()]
