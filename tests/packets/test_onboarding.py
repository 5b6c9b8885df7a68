"""Onboarding packet: translated headings, embedded fonts, literal hostile text, RTL placement, determinism."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from partnerdesk.cli import main
from partnerdesk.l10n import Translator
from partnerdesk.packets import texts
from partnerdesk.packets.data import ContractSummary, OnboardingData, Person, QuestionRow, ResponsibilityRow
from partnerdesk.packets.onboarding import build_onboarding
from partnerdesk.services.packets import onboarding_pdf
from tests.packets.conftest import DEMO_TODAY

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                reason="poppler-utils not installed")

LANGS = ("en", "pt", "ja", "it", "el", "ar")
TODAY = DEMO_TODAY
HOSTILE = "Ana <b>bold</b> & <font face=\"Courier\">x</font> > y"


def _text(pdf: bytes, tmp_path: Path, *extra: str) -> str:
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", *extra, str(path), "-"], capture_output=True, text=True, check=True).stdout
    # NFKC turns Arabic presentation forms back into letters; drop the bidi marks pdftotext adds.
    return "".join(c for c in unicodedata.normalize("NFKC", out) if unicodedata.category(c) != "Cf")


def _fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _data() -> OnboardingData:
    return OnboardingData(
        partner_name="Vitrine & <Co>", company_name="Lumen & Co.", today=TODAY,
        owners=[Person(HOSTILE, "Head", "ana@example.com", "Europe/Lisbon"), Person("Yuki Tanaka", "PM")],
        contacts=[Person("سارة العلي", "CEO", "s@example.com", "Asia/Dubai"), Person("佐藤 健太", "部長")],
        in_scope=["Catalogue sync <all SKUs>"], out_of_scope=["Paid ads & promotions"], phase="Pilot",
        responsibilities=[ResponsibilityRow("Weekly report", "Ana", "Weekly", TODAY)],
        contract=ContractSummary("Pilot agreement", TODAY, None, "30 days", "", 6, 30, "Arbitration"),
        questions=[QuestionRow("Return policy?", True), QuestionRow("Warehouses?")])


@pytest.mark.parametrize("lang", LANGS)
def test_headings_are_translated_and_fonts_embedded(demo_ws, lang: str, tmp_path: Path) -> None:
    pdf = onboarding_pdf(demo_ws, "Vitrine Paulista", lang, today=TODAY)
    text = _text(pdf, tmp_path)
    tr = Translator(lang)
    for msgid in (texts.WELCOME, texts.SCOPE, texts.CONTRACT, texts.QUESTIONNAIRE, texts.RESPONSIBILITIES):
        heading = unicodedata.normalize("NFKC", tr.gettext(msgid))
        if lang != "en":
            assert heading != msgid, f"{msgid!r} is not translated into {lang}"
        if lang == "ar":  # lines are reordered visually: compare word sets
            assert set(heading.split()) <= set(text.split()), heading
        else:
            assert heading in text
    assert "Vitrine Paulista" in text
    rows = _fonts(pdf, tmp_path)
    assert rows and all(row[-5:-3] == ["yes", "yes"] for row in rows), rows  # the form fields' font too
    # 7 text fields; 2 yes/no groups (group + 2 buttons each) and 4 + 6 choice boxes
    assert pdf.count(b"/FT /Tx") == 7 and pdf.count(b"/FT /Btn") == 16


@pytest.mark.parametrize("lang", LANGS)
def test_print_version_embeds_every_font_and_hostile_text_is_literal(lang: str, tmp_path: Path) -> None:
    pdf = build_onboarding(_data(), lang, fillable=False)
    rows = _fonts(pdf, tmp_path)
    assert rows and all(row[-5:-3] == ["yes", "yes"] for row in rows), rows
    assert not any("Helvetica" in row[0] or "Courier" in row[0] for row in rows)
    text = _text(pdf, tmp_path, "-raw") if lang == "ar" else _text(pdf, tmp_path)
    assert "<b>bold</b>" in text and "Vitrine & <Co>" in text and "<all SKUs>" in text
    assert "佐藤" in text  # Japanese name in a non-Japanese packet renders with font fallback
    assert "سارة" in text or "ةراس" in text


def test_fillable_packet_has_form_fields(tmp_path: Path) -> None:
    pdf = build_onboarding(_data(), "pt")
    assert pdf.count(b"/FT /Tx") == 2
    assert b"/Lang (pt)" in pdf


@pytest.mark.parametrize("lang", ("en", "ar", "ja"))
def test_output_is_deterministic(lang: str) -> None:
    assert build_onboarding(_data(), lang) == build_onboarding(_data(), lang)


def test_arabic_headings_sit_at_the_right_margin(tmp_path: Path) -> None:
    pdf = build_onboarding(_data(), "ar", paper="A4")
    html = _text(pdf, tmp_path, "-bbox")
    heading_words = Translator("ar").gettext(texts.SCOPE).split()
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
    ends = [float(x_max) for _x, x_max, word in words
            if unicodedata.normalize("NFKC", word)[::-1] in heading_words]  # bbox words are in visual order
    assert ends, "Arabic heading not found"
    page_width = 595.3
    assert max(ends) == pytest.approx(page_width - 20 * 72 / 25.4, abs=8)  # glyph side bearings
    latin = [float(x_min) for x_min, _x, word in words if word in ("Vitrine", "&lt;Vitrine")]
    assert latin and min(latin) > page_width / 3  # user text is right-aligned too


def test_cli_writes_packet_in_the_partners_language(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db, out = tmp_path / "cli.partnerdesk", tmp_path / "o.pdf"
    assert main(["--db", str(db), "demo", "--date", TODAY.isoformat()]) == 0
    assert main(["--db", str(db), "packet", "onboarding", "--partner", "Sakura Commerce", "--paper", "Letter",
                 "-o", str(out)]) == 0
    text = _text(out.read_bytes(), tmp_path)
    assert Translator("ja").gettext(texts.WELCOME) in text
    assert b"/MediaBox [ 0 0 612 792 ]" in out.read_bytes()
    assert main(["--db", str(db), "packet", "onboarding", "--partner", "Nobody", "-o", str(out)]) != 0


def test_cli_reports_an_unwritable_output_path(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db, missing = tmp_path / "cli.partnerdesk", tmp_path / "no such folder" / "o.pdf"
    assert main(["--db", str(db), "demo", "--date", TODAY.isoformat()]) == 0
    capsys.readouterr()
    for kind in (["onboarding", "--partner", "Sakura Commerce"], ["brand-guide"]):
        assert main(["--db", str(db), "packet", *kind, "-o", str(missing)]) == 1  # no traceback
        err = capsys.readouterr().err
        assert str(missing) in err and "could not be written" in err
    assert not missing.parent.exists()


def test_outline_and_metadata(tmp_path: Path) -> None:
    pdf = build_onboarding(_data(), "el")
    path = tmp_path / "m.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    title = Translator("el").gettext(texts.ONBOARDING_TITLE)
    assert f"{title} — Vitrine & <Co>" in info
    assert "Lumen & Co." in info
    assert b"/Outlines" in pdf
    assert pdf.count(b"/Dest") + pdf.count(b"/A <<") >= 8  # one bookmark per heading


@pytest.mark.parametrize("lang", LANGS)
def test_brand_guide_per_language(demo_ws, lang: str, tmp_path: Path) -> None:
    from partnerdesk.services.packets import brand_guide_pdf

    pdf = brand_guide_pdf(demo_ws, lang)
    rows = _fonts(pdf, tmp_path)
    assert rows and all(row[-5:-3] == ["yes", "yes"] for row in rows), rows
    text = _text(pdf, tmp_path)
    tr = Translator(lang)
    for msgid in (texts.PALETTE, texts.TYPOGRAPHY, texts.TONE):
        heading = unicodedata.normalize("NFKC", tr.gettext(msgid))
        if lang != "en":
            assert heading != msgid
        assert set(heading.split()) <= set(text.split()) if lang == "ar" else heading in text
    assert "#1F2A44" in text or "1F2A44#" in text  # a HEX value of the demo palette
    assert brand_guide_pdf(demo_ws, lang) == pdf
