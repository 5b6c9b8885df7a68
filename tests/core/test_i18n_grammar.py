"""Grammar that a complete catalog can still get wrong: plural rules, spelled-out counts, glued fragments."""

from __future__ import annotations

import gettext
import io
import re
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as catalog_tool  # noqa: E402

LANGS = ("pt", "ja", "it", "el", "ar")


def _compiled(lang: str) -> gettext.GNUTranslations:
    buf = io.BytesIO()
    write_mo(buf, catalog_tool.read(lang), use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@pytest.mark.parametrize("lang", LANGS)
def test_plural_header_is_cldr_and_every_entry_has_every_form(lang: str) -> None:
    catalog = catalog_tool.read(lang)
    rule = get_plural(lang)
    assert (catalog.num_plurals, catalog.plural_expr) == (rule.num_plurals, rule.plural_expr)
    short = [m.id for m in catalog if m.id and isinstance(m.string, tuple | list)
             and (len(m.string) != rule.num_plurals or not all(m.string))]
    assert not short, f"{lang}: plural entries without all {rule.num_plurals} forms: {short[:10]}"


ARABIC_EXPECTED = {
    # n: what a reader expects (CLDR: 0 zero, 1 one, 2 two, 3–10 few, 11–99 many, 100–102 other)
    ("{count} partner", "{count} partners"): {
        0: "لا شركاء", 1: "شريك واحد", 2: "شريكان", 3: "3 شركاء", 11: "11 شريكًا", 15: "15 شريكًا",
        100: "100 شريك", 102: "102 شريك", 111: "111 شريكًا"},
    ("Every {n} week", "Every {n} weeks"): {
        1: "كل أسبوع", 2: "كل أسبوعين", 3: "كل 3 أسابيع", 11: "كل 11 أسبوعًا", 15: "كل 15 أسبوعًا",
        100: "كل 100 أسبوع"},
    ("{n} day here", "{n} days here"): {
        1: "يوم واحد هنا", 2: "يومان هنا", 3: "3 أيام هنا", 11: "11 يومًا هنا", 100: "100 يوم هنا"},
}


@pytest.mark.parametrize("forms", list(ARABIC_EXPECTED))
def test_arabic_counts_take_the_right_noun_form(forms: tuple[str, str]) -> None:
    t = _compiled("ar")
    got = {n: t.ngettext(*forms, n).format(count=n, n=n) for n in ARABIC_EXPECTED[forms]}
    assert got == ARABIC_EXPECTED[forms]


def test_arabic_spelled_forms_do_not_repeat_the_number_and_zero_keeps_the_meaning() -> None:
    catalog = catalog_tool.read("ar")
    bracketed = re.compile(r"\(\s*\{(count|n)\}\s*\)")
    bad = []
    for msg in catalog:
        if msg.id and isinstance(msg.string, tuple | list):
            for index, text in enumerate(msg.string):
                if bracketed.search(text):
                    bad.append((index, text))
    assert not bad, bad
    t = _compiled("ar")
    # "Replace 0 packets?" must still ask about replacing, not state that there are none.
    replace = t.ngettext("{count} packet already exists in this folder. Replace it?",
                         "{count} packets already exist in this folder. Replace them?", 0).format(count=0)
    assert "استبدال" in replace
    within = t.ngettext("Both teams reply to e-mails within {count} working hour; urgent matters go by phone.",
                        "Both teams reply to e-mails within {count} working hours; urgent matters go by phone.",
                        0).format(count=0)
    assert "فورًا" not in within and "0" in within


def test_no_sentence_is_glued_from_gendered_fragments() -> None:
    """Ordinals, weekdays and months are never separate msgids dropped into a sentence."""
    template = catalog_tool.build_template()
    ids = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in template if m.id}
    bare_words = {"first", "second", "third", "fourth", "fifth", "last", "On the"}
    assert not bare_words & set(ids), bare_words & set(ids)
    glued = [i for i in ids if re.search(r"\{(weekday|month|ordinal|nth)\}", i)]
    assert not glued, glued


@pytest.mark.parametrize(("lang", "sunday", "saturday", "monday"), [
    ("pt", "no primeiro domingo", "no último sábado", "na primeira segunda-feira"),
    ("it", "la prima domenica", "l'ultimo sabato", "il primo lunedì"),
    ("el", "την πρώτη Κυριακή", "το τελευταίο Σάββατο", "την πρώτη Δευτέρα"),
    ("ar", "في أول أحد من الشهر", "في آخر سبت من الشهر", "في أول اثنين من الشهر"),
])
def test_nth_weekday_agrees_with_the_weekday(lang: str, sunday: str, saturday: str, monday: str) -> None:
    from partnerdesk import l10n
    from partnerdesk.domain.recurrence import Repeat, Rule, describe

    try:
        l10n.set_language(lang)
        assert describe(Rule(Repeat.MONTHLY, nth=1, weekdays=(6,))).endswith(sunday)
        assert describe(Rule(Repeat.MONTHLY, nth=-1, weekdays=(5,))).endswith(saturday)
        assert describe(Rule(Repeat.MONTHLY, nth=1, weekdays=(0,))).endswith(monday)
        weekly = describe(Rule(Repeat.WEEKLY, weekdays=(0, 3)))
        if lang == "pt":
            assert "às segundas-feiras e às quintas-feiras" in weekly
    finally:
        l10n.set_language("en")


def test_every_translated_literal_in_the_source_reaches_the_template() -> None:
    """`_()` inside an f-string is invisible to the extractor: the About box stayed English for months."""
    ids = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog_tool.build_template() if m.id}
    call = re.compile(r"""(?<![\w.])N?_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")
    missing = []
    for path in sorted((ROOT / "partnerdesk").rglob("*.py")):
        for match in call.finditer(path.read_text(encoding="utf-8")):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            if "\\" not in text and text not in ids:
                missing.append(f"{path.relative_to(ROOT)}: {text!r}")
    assert not missing, missing


@pytest.mark.parametrize("lang", LANGS)
def test_built_in_kpi_names_are_translated(lang: str) -> None:
    """Packets named KPIs from their keys ("Cs response hours", "Roi"), msgids no catalog held."""
    from partnerdesk.l10n import Translator
    from partnerdesk.services.packets import KPI_NAMES, _kpi_label

    t = Translator(lang)
    for key in ("traffic", "conversions", "conversion_rate", "roi", "cs_response_hours", "logistics_on_time"):
        assert _kpi_label(key) == KPI_NAMES[key]
        assert t.gettext(_kpi_label(key)) != _kpi_label(key)
