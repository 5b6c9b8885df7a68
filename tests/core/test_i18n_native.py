"""Native-quality rules over the shipped catalogs (i18n/GLOSSARY.md explains each), and proof the rules bite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n_native as rules  # noqa: E402

import i18n as catalog_tool  # noqa: E402

LANGS = ("pt", "ja", "it", "el", "ar")


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_are_used_consistently(lang: str) -> None:
    found = rules.glossary_problems(lang, catalog_tool.read(lang))
    assert not found, "\n".join(found[:30])


def test_brazilian_catalog_has_no_european_portuguese() -> None:
    found = rules.variant_problems("pt", catalog_tool.read("pt"))
    assert not found, "\n".join(found[:30])


@pytest.mark.parametrize("lang", LANGS)
def test_punctuation_register_and_isolates(lang: str) -> None:
    found = rules.style_problems(lang, catalog_tool.read(lang))
    assert not found, "\n".join(found[:30])


def test_template_has_no_glued_fragments() -> None:
    assert rules.fragment_problems(catalog_tool.build_template()) == []


def test_check_command_runs_every_rule() -> None:
    assert catalog_tool.problems() == []


def test_glossary_lists_the_product_terms_in_every_column() -> None:
    terms, _other = rules.load_glossary()
    english = {t.english[0] for t in terms}
    assert len(terms) >= 30
    assert {"partner", "contact", "workspace", "scope", "import", "export", "questionnaire", "due"} <= english
    assert all(all(t.forms[col] for col in rules.COLUMNS) for t in terms)


def _catalog(lang: str, *pairs: tuple[str, str]) -> Catalog:
    catalog = Catalog(locale=lang)
    for msgid, msgstr in pairs:
        catalog.add(msgid, msgstr, locations=[("partnerdesk/ui/x.py", 1)])
    return catalog


def test_the_rules_catch_what_the_review_found() -> None:
    pt = _catalog("pt", ("Save the file", "Guardar o ficheiro"))
    assert len(rules.variant_problems("pt", pt)) == 1
    assert rules.variant_problems("pt_PT", _catalog("pt_PT", ("Trash", "Lixeira"))) != []
    ja = _catalog("ja", ("Import contacts", "連絡先を読み込む"), ("Dear {partner} team,", "{partner} の皆様"),
                  ("Invoice {ref}: we pay {amount}", "請求書 {ref}: 当社のお支払い {amount}"))
    ja_found = "\n".join(rules.glossary_problems("ja", ja) + rules.style_problems("ja", ja))
    assert "読み込む" in ja_found and "の皆様" in ja_found and "honorific" in ja_found
    el = _catalog("el", ("Scope", "Εύρος"), ("For {partner} this starts {time}.", "Για τον/την {partner} ξεκινά {time}."))
    assert len(rules.glossary_problems("el", el)) == 1 and len(rules.style_problems("el", el)) == 1
    ar = _catalog("ar", ("Prepared by {company}", "أعدّته {company}"),
                  ("Events (.ics)", "الأحداث (.ics)"), ("Delete “{title}”", "حذف “\u2068{title}\u2069”"))
    assert len(rules.style_problems("ar", ar)) == 3
    it = _catalog("it", ("Open workspace", "Apri area di lavoro"))
    assert rules.glossary_problems("it", it) != []


def test_inflected_forms_count_as_the_glossary_term() -> None:
    assert rules.uses_form("Εξαγωγή επαφών", "επαφή")
    assert rules.uses_form("Os cartões excluídos", "cartões")
    assert rules.uses_form("Σήμανση καρτών", "κάρτα")
    assert rules.uses_form("صُدِّرت جهتا اتصال", "اتصال")
    assert not rules.uses_form("Apri area di lavoro", "spazio di lavoro")


def test_fill_isolates_user_text_once() -> None:
    from partnerdesk.l10n import fill

    fsi, pdi = "\u2068", "\u2069"
    assert fill("Delete “{title}”", title="Q3 plan") == f"Delete “{fsi}Q3 plan{pdi}”"
    arabic = f"حذف «{fsi}{{title}}{pdi}» ({{count}})"
    assert fill(arabic, title="Q3 plan", count=3) == f"حذف «{fsi}Q3 plan{pdi}» (3)"


def test_autofix_repairs_the_mechanical_rules() -> None:
    ar = _catalog("ar", ("Delete “{title}”", "حذف “{title}”"), ("Events (.ics)", "الأحداث (.ics)"),
                  ("{count} partner", "{count} شريك"))
    ja = _catalog("ja", ("Dear {partner} team,", "{partner} の皆様"), ("Move “{title}”", "“{title}” を移動"),
                  ("Deleted cards, to restore", "削除したカード (復元用)"))
    el = _catalog("el", ("Delete “{title}”", "Διαγραφή “{title}”"))
    for lang, catalog in (("ar", ar), ("ja", ja), ("el", el)):
        assert rules.style_problems(lang, catalog) != []
        assert rules.autofix(lang, catalog) >= 1
        assert rules.style_problems(lang, catalog) == [], lang
    assert ar.get("Delete “{title}”").string == "حذف «\u2068{title}\u2069»"
    assert ar.get("{count} partner").string == "{count} شريك"  # counts are not user data
    assert ja.get("Move “{title}”").string == "「{title}」を移動"
