"""Brand guide packet: story, palette with swatches (HEX/RGB/CMYK), typography, voice, do/don't, imagery."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, PageBreak, Spacer, Table, TableStyle

from partnerdesk.packets import texts
from partnerdesk.packets.data import BrandGuideData
from partnerdesk.packets.onboarding import Kit, page_size_for, render


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


def _swatch(hex_: str, family: str) -> Table:
    cell = Table([[""]], colWidths=[14 * mm], rowHeights=[10 * mm])
    cell.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), family, 8), ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(hex_)),
                              ("BOX", (0, 0), (-1, -1), 0.25, colors.grey)]))
    return cell


def build_brand_guide(data: BrandGuideData, lang: str, paper: str | None = None) -> bytes:
    """The brand guide as PDF bytes (deterministic for the same data)."""
    pagesize = page_size_for(lang, paper)
    kit = Kit(lang, pagesize[0] - 2 * MARGIN_)
    t, width = kit.t, kit.width
    story: list[Flowable] = [Spacer(1, 40 * mm)]
    if data.logo_png:
        reader = ImageReader(io.BytesIO(data.logo_png))
        w, h = reader.getSize()
        story.append(Image(io.BytesIO(data.logo_png), width=40 * mm, height=40 * mm * h / max(1, w)))
        story.append(Spacer(1, 10 * mm))
    story += [kit.p(t(texts.BRAND_GUIDE), kit.title), kit.p(data.name, kit.subtitle), PageBreak()]
    for heading, body in ((texts.BRAND_STORY, data.story), (texts.TONE, data.tone_of_voice)):
        if body:
            story += [kit.heading(t(heading))] + [kit.p(part) for part in body.split("\n\n")]
    story.append(kit.heading(t(texts.PALETTE)))
    rows = [[c.name, c.hex.upper(), "RGB {} {} {}".format(*rgb(c.hex)), "CMYK {} {} {} {}".format(*cmyk(c.hex)),
             c.usage] for c in data.colours]
    if rows:
        table = kit.table([t(texts.COL_COLOUR), "HEX", "RGB", "CMYK", t(texts.COL_USAGE)], rows,
                          [0.2 * width, 0.12 * width, 0.17 * width, 0.2 * width, 0.31 * width])
        # Swatches: a coloured band on the colour-name cell edge.
        name_col = len(rows[0]) - 1 if kit.rtl else 0
        table.setStyle(TableStyle([("LINEBEFORE" if not kit.rtl else "LINEAFTER", (name_col, i), (name_col, i), 8,
                                    colors.HexColor(c.hex)) for i, c in enumerate(data.colours, start=1)]))
        story.append(table)
        story.append(Spacer(1, 4 * mm))
        swatches = Table([[_swatch(c.hex, kit.family) for c in data.colours[:8]]], hAlign="RIGHT" if kit.rtl else "LEFT")
        swatches.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), kit.family, 8)]))
        story.append(swatches)
    if data.typefaces:
        story.append(kit.heading(t(texts.TYPOGRAPHY)))
        story.append(kit.table([t(texts.COL_ROLE), t(texts.COL_TYPEFACE), t(texts.COL_USAGE)],
                               [list(row) for row in data.typefaces], [0.25 * width, 0.3 * width, 0.45 * width]))
    if data.dos or data.donts:
        story.append(kit.heading(t(texts.DOS_DONTS)))
        for label, items in ((texts.DO, data.dos), (texts.DONT, data.donts)):
            story.append(kit.heading(t(label), 1))
            story += [kit.p(f"• {item}" if not kit.rtl else f"{item} •") for item in items]
    if data.imagery:
        story += [kit.heading(t(texts.IMAGERY))] + [kit.p(part) for part in data.imagery.split("\n\n")]
    title = t(texts.BRAND_GUIDE)
    return render(kit, pagesize, story, f"{title} — {data.name}", data.name, f"{data.name} · {title}")


MARGIN_ = 20 * mm
