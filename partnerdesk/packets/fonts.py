"""Register the bundled TrueType fonts once and split text into runs by the font that has each glyph."""

from __future__ import annotations

import threading
import unicodedata
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from partnerdesk.resources import resource_path

LATIN = "NotoSans"
ARABIC = "NotoSansArabic"
JAPANESE = "BIZUDPGothic"

_FILES: dict[str, tuple[str, str]] = {
    LATIN: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    JAPANESE: ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf"),
}
_lock = threading.Lock()
_registered = False
_charmaps: dict[str, frozenset[int]] = {}


def register_fonts() -> None:
    """Register every bundled font family (regular + bold) with ReportLab; safe to call repeatedly."""
    global _registered
    with _lock:
        if _registered:
            return
        for family, (regular, bold) in _FILES.items():
            pdfmetrics.registerFont(TTFont(family, str(resource_path("fonts", regular))))
            pdfmetrics.registerFont(TTFont(f"{family}-Bold", str(resource_path("fonts", bold))))
            addMapping(family, 0, 0, family)
            addMapping(family, 1, 0, f"{family}-Bold")
            addMapping(family, 0, 1, family)
            addMapping(family, 1, 1, f"{family}-Bold")
            _charmaps[family] = frozenset(pdfmetrics.getFont(family).face.charToGlyph)
        rl_config.canvas_basefontname = LATIN
        _registered = True


def base_family(lang: str) -> str:
    """The main font family for a packet language."""
    return {"ar": ARABIC, "ja": JAPANESE}.get(lang, LATIN)


def bold(family: str) -> str:
    return f"{family}-Bold"


def family_for(char: str, preferred: str) -> str:
    """The first family (preferred first) that has a glyph for ``char``."""
    register_fonts()
    code = ord(char)
    base, suffix = (preferred[:-5], "-Bold") if preferred.endswith("-Bold") else (preferred, "")
    if char.isspace() or code in _charmaps[base]:
        return preferred
    for family in (LATIN, JAPANESE, ARABIC):
        if code in _charmaps[family]:
            return family + suffix
    return preferred


#: Drawn instead of a character no bundled font has (an emoji): visible, never a silent blank.
PLACEHOLDER = "\u25a1"


def drawable(char: str) -> bool:
    """True when a bundled font has ``char`` (or it is a space or an invisible format character)."""
    register_fonts()
    code = ord(char)
    if char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Cc"):
        return True
    return any(code in charmap for charmap in _charmaps.values())


def runs(text: str, preferred: str) -> list[tuple[str, str]]:
    """Split ``text`` into (family, chunk) runs so every character is drawn by a font that has it; a character
    none has (an emoji) becomes a visible placeholder, and its variation selectors and joiners are dropped."""
    out: list[tuple[str, str]] = []
    previous = ""
    for char in text:
        if previous == PLACEHOLDER and (char in "\u200d\ufe0f\ufe0e" or 0x1F3FB <= ord(char) <= 0x1F3FF):
            continue  # the rest of an emoji sequence (joiner, variation selector, skin tone)
        if not drawable(char):
            char = PLACEHOLDER
        previous = char
        family = family_for(char, preferred)
        if out and out[-1][0] == family:
            out[-1] = (family, out[-1][1] + char)
        else:
            out.append((family, char))
    return out


def markup(text: str, preferred: str) -> str:
    """Paragraph markup for user ``text``: escaped (``<&>`` literal) and wrapped in font runs where needed."""
    parts = []
    for family, chunk in runs(text, preferred):
        safe = escape(chunk).replace("\n", "<br/>")
        parts.append(safe if family == preferred else f'<font face="{family}">{safe}</font>')
    return "".join(parts)
