"""Arabic PDF lines: text the catalog isolates (FSI … PDI) keeps its order, brackets still mirror."""

from __future__ import annotations

from partnerdesk.packets import fonts, rtl

CONTROLS = set("\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u200e\u200f")


def _line(text: str) -> str:
    fonts.register_fonts()
    lines = rtl.visual_lines(text, fonts.base_family("ar"), 10, 400)
    assert len(lines) == 1 and not CONTROLS & set(lines[0])
    return lines[0]


def test_isolated_company_keeps_its_final_full_stop() -> None:
    line = _line("من إعداد \u2068Lumen & Co.\u2069")
    assert line.startswith("Lumen & Co. ")  # not ".Lumen & Co" (the cover's old "أعدّته .Lumen & Co")


def test_isolated_code_like_text_stays_whole() -> None:
    assert _line("تُكتب الألوان بصيغة \u2068#4A6FA5\u2069.").startswith(".#4A6FA5 ")  # not "4A6FA5#"
    assert "(.ics)" in _line("تصدير الأحداث كملف iCalendar \u2068(.ics)\u2069")


def test_brackets_and_quotes_still_mirror() -> None:
    line = _line("نص (إلزامي)")
    assert line.index("(") < line.index(")")  # drawn "(…)" left to right, not ")…("
    quoted = _line("حذف «\u2068Q3 plan\u2069».")
    assert quoted.startswith(".«Q3 plan» ")
