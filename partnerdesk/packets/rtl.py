"""Right-to-left (Arabic) text for ReportLab: shape, break lines in logical order, reorder each line."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from partnerdesk.packets import fonts


@lru_cache(maxsize=1)
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    # Keep harakat (the default deletes them); Noto Sans Arabic has the Lam-Alef presentation forms.
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


def shape(text: str) -> str:
    """Join Arabic letters into their contextual forms (logical order kept)."""
    shaped: str = _reshaper().reshape(text)
    return shaped


def _width(text: str, family: str, size: float) -> float:
    width: float = sum(stringWidth(chunk, fam, size) for fam, chunk in fonts.runs(text, family))
    return width


def break_lines(text: str, family: str, size: float, width: float) -> list[str]:
    """Shape ``text`` and break it into lines (logical order) no wider than ``width`` points."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in _split_long_words(shape(paragraph).split(" "), family, size, width):
            candidate = f"{current} {word}" if current else word
            if current and _width(candidate, family, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


# Bidi controls: the catalogs isolate user data (FSI … PDI) and we embed runs (LRE/RLE … PDF). They steer the
# reordering and are dropped after it: fonts have no glyph for them and a PDF line is already in visual order.
_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))


def _split_long_words(words: list[str], family: str, size: float, width: float) -> list[str]:
    """Words wider than a line are broken into pieces that fit (a very long name or URL never overflows)."""
    out: list[str] = []
    for word in words:
        if len(word) < 12 or _width(word, family, size) <= width:
            out.append(word)
            continue
        piece = ""
        for char in word:
            if piece and _width(piece + char, family, size) > width:
                out.append(piece)
                piece = ""
            piece += char
        out.append(piece)
    return out
def _isolates_as_embeddings(text: str) -> str:
    """FSI/LRI/RLI … PDI as the embeddings python-bidi's algorithm knows (LRE/RLE … PDF): the catalogs isolate
    user data, and that algorithm (unlike the newer one in python-bidi) also mirrors brackets and quotes."""
    out: list[str] = []
    for i, char in enumerate(text):
        if char == "\u2068":  # FSI: the direction of the first strong letter up to its PDI
            depth, direction = 0, "\u202a"
            for following in text[i + 1:]:
                if following in "\u2066\u2067\u2068":
                    depth += 1
                elif following == "\u2069":
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and unicodedata.bidirectional(following) in ("L", "R", "AL"):
                    direction = "\u202a" if unicodedata.bidirectional(following) == "L" else "\u202b"
                    break
            out.append(direction)
        else:
            out.append({"\u2066": "\u202a", "\u2067": "\u202b", "\u2069": "\u202c"}.get(char, char))
    return "".join(out)


def visual_lines(text: str, family: str, size: float, width: float) -> list[str]:
    """Lines ready to draw left-to-right: shaped, broken in logical order, then bidi-reordered per line."""
    return [get_display(_isolates_as_embeddings(line), base_dir="R" if _has_rtl(line) else "L")
            .translate(_CONTROLS) for line in break_lines(text, family, size, width)]


def plain(text: str) -> str:
    """Text without bidi controls, for left-to-right output of a string that may come from the Arabic catalog."""
    return text.translate(_CONTROLS)


def _has_rtl(text: str) -> bool:
    """True if ``text`` holds a right-to-left letter; purely left-to-right values (a Latin name, an e-mail)
    keep their own order instead of having their trailing punctuation mirrored to the left."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def embed_ltr(text: str) -> str:
    """A user's left-to-right text (a Latin name, an English question) kept in its own order inside a
    right-to-left line (LRE … PDF): its end punctuation stays at its end. Text with right-to-left letters is
    returned as it is."""
    return text if _has_rtl(text) else "\u202a" + text + "\u202c"


def embed_rtl(text: str) -> str:
    """A line composed by us (a numbered question, a running header) laid out right to left (RLE … PDF) even
    when all its letters are Latin, so every such line puts its number on the same side."""
    return "\u202b" + text + "\u202c"


def reverse_columns(rows: list[list[object]]) -> list[list[object]]:
    """Tables read right to left: mirror the column order."""
    return [list(reversed(row)) for row in rows]
