"""Onboarding packet content: contents page, who's who overlap, 90-day calendar, plans, brand guide section,
embedded form font, sections and paper size, progress and cancel; in all six languages."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from partnerdesk.cli import main
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import Translator
from partnerdesk.packets import texts
from partnerdesk.packets.data import (
    BrandGuideData,
    CalendarEntry,
    ChannelUse,
    ColourRow,
    ContractSummary,
    KpiRow,
    OnboardingData,
    Person,
    QuestionRow,
    ResponsibilityRow,
)
from partnerdesk.packets.onboarding import build_onboarding
from partnerdesk.services.packets import (
    PacketCancelled,
    default_paper,
    onboarding_batch,
    onboarding_pdf,
    onboarding_sections,
)
from tests.packets.conftest import DEMO_TODAY
from tests.packets.pdf_tools import contains_words, pdf_fonts, pdf_pages, pdf_text, word_boxes

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                reason="poppler-utils not installed")

LANGS = ("en", "pt", "ja", "it", "el", "ar")
TODAY = DEMO_TODAY
EVIL = "<b>x</b> & <font face=\"Courier\">y</font>"
UTC = dt.UTC
NEW_HEADINGS = (texts.CONTENTS, texts.WHOS_WHO, texts.CALENDAR, texts.COMMUNICATION, texts.TRAINING,
                texts.BRAND_GUIDE, texts.MILESTONES, texts.KPIS)


def _at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=UTC)


def data() -> OnboardingData:
    """A partner in São Paulo with a Lisbon account manager; hostile text in every new kind of field."""
    manager = Person("Marta Sousa", "Account manager", "marta@example.com", "Europe/Lisbon", "Lumen & Co.",
                     "09:00", "18:00", (5, 6), is_manager=True)
    return OnboardingData(
        partner_name="Vitrine & <Co>", company_name="Lumen & Co.", today=TODAY,
        owners=[Person("Daniel <Okafor>", "Head", "d@example.com", "Europe/Lisbon", "", "08:30", "17:30"),
                Person("Yuki Tanaka", "APAC lead", "y@example.com", "Asia/Tokyo"), manager],
        contacts=[Person("Ana Souza", f"CEO {EVIL}", "ana@example.com", "America/Sao_Paulo"),
                  Person("سارة العلي", "COO", "s@example.com", "Asia/Dubai"), Person("佐藤 健太", "部長")],
        in_scope=["Catalogue sync <all SKUs>"], out_of_scope=["Paid ads & promotions"], phase="Pilot",
        responsibilities=[ResponsibilityRow("Weekly report", "Ana", "Weekly", TODAY)],
        contract=ContractSummary("Pilot agreement", TODAY, None, "30 days", "", 6, 30, "Arbitration"),
        kpis=[KpiRow("Conversion rate", "2.8%", "2.5%")],
        questions=[QuestionRow("Return policy?", True), QuestionRow("Warehouses?"), QuestionRow("Markets?"),
                   QuestionRow("Ship abroad?", answer_type="yes_no"),
                   QuestionRow("Channels?", answer_type="choice", choices=("E-mail", f"Chat {EVIL}")),
                   QuestionRow("Start date?", answer_type="date")],
        time_zone="America/Sao_Paulo", reply_hours=12,
        calendar=[
            CalendarEntry(_at(5, 14), f"Kick-off {EVIL}", "meeting", _at(5, 15), detail="meet.example/k",
                          online=True),
            CalendarEntry(_at(12, 12), "Invoice LC-1: we pay R$ 10.000,00", "payment", all_day=True),
            CalendarEntry(_at(18, 13), "Pix training", "training", _at(18, 14, ), detail="meet.example/t",
                          online=True),
            CalendarEntry(dt.datetime(2026, 4, 2, 20, tzinfo=UTC), "Catalogue <export>", "work_item"),
        ],
        milestones=[CalendarEntry(dt.datetime(2026, 9, 2, 12, tzinfo=UTC), "Contract review", "contract_review",
                                  all_day=True, detail="Pilot agreement")],
        channels=[ChannelUse("message", 4), ChannelUse("email", 2)],
        brand=BrandGuideData("Lumen", story="Calm light.", tone_of_voice="Warm.",
                             colours=[ColourRow(f"Ink {EVIL}", "#1F2A44", "Text"), ColourRow("Sun", "#E8A33D")],
                             typefaces=[("Body", "Noto Sans", "All text")], dos=["Be brief"], donts=["Shout"]))


@pytest.mark.parametrize("lang", LANGS)
def test_new_sections_translated_fonts_embedded_fields_present_text_literal(lang: str, tmp_path: Path) -> None:
    pdf = build_onboarding(data(), lang)
    text = pdf_text(pdf, tmp_path, "-raw") if lang == "ar" else pdf_text(pdf, tmp_path)
    tr = Translator(lang)
    for msgid in NEW_HEADINGS:
        heading = tr.gettext(msgid)
        if lang != "en":
            assert heading != msgid, f"{msgid!r} is not translated into {lang}"
        assert contains_words(text, heading, lang == "ar"), heading
    rows = pdf_fonts(pdf, tmp_path)
    assert rows and all(row[-5:-3] == ["yes", "yes"] for row in rows), rows  # embedded and subset, fields too
    assert not any(name in row[0] for row in rows for name in ("Helvetica", "Courier", "Times"))
    assert pdf.count(b"/FT /Tx") == 4 and b"/DA (/PDForm" in pdf  # fields draw with the embedded form font
    assert pdf.count(b"/FT /Btn") == 5  # a yes/no group with its two buttons, one box per choice
    assert contains_words(text, tr.gettext(texts.YES), lang == "ar")
    for literal in ("<b>x</b>", "<all SKUs>", "Catalogue <export>", "Daniel <Okafor>", "Chat <b>x</b>"):
        assert literal in text, literal
    assert "Courier" not in "".join(row[0] for row in rows)


@pytest.mark.parametrize("lang", LANGS)
def test_contents_lists_each_section_with_its_page(lang: str, tmp_path: Path) -> None:
    pdf = build_onboarding(data(), lang, paper="A4")
    pages = pdf_pages(pdf, tmp_path)
    tr = Translator(lang)
    contents = next(i for i, page in enumerate(pages) if contains_words(page, tr.gettext(texts.CONTENTS),
                                                                         lang == "ar"))
    assert contents == 1  # right after the cover
    for msgid in (texts.CALENDAR, texts.BRAND_GUIDE, texts.QUESTIONNAIRE):
        title = unicodedata.normalize("NFKC", tr.gettext(msgid))
        line = next(ln for ln in pages[contents].splitlines()
                    if contains_words(ln, title, lang == "ar") and re.search(r"\d", ln))
        numbers = [int(n) for n in re.findall(r"\b\d+\b", line)]
        page_no = numbers[0] if lang == "ar" else numbers[-1]  # the page number sits at the line's far end
        assert contains_words(pages[page_no - 1], title, lang == "ar"), (msgid, page_no)


def test_arabic_headings_and_contents_sit_at_the_right_margin(tmp_path: Path) -> None:
    pdf = build_onboarding(data(), "ar", paper="A4")
    boxes = word_boxes(pdf, tmp_path)
    right = 595.3 - 20 * 72 / 25.4
    tr = Translator("ar")
    for msgid in (texts.CONTENTS, texts.CALENDAR, texts.COMMUNICATION, texts.TRAINING):
        words = set(tr.gettext(msgid).split())
        ends = [x1 for _page, _x0, x1, word in boxes if word[::-1] in words or word in words]
        assert ends and max(ends) == pytest.approx(right, abs=8), msgid


def test_whos_who_shows_local_hours_and_overlap_with_the_manager(tmp_path: Path) -> None:
    # March 2026: Lisbon is UTC+0, São Paulo UTC-3: 09:00-18:00 in both overlap 09:00-15:00 São Paulo time.
    text = " ".join(pdf_text(build_onboarding(data(), "en", sections=["people"]), tmp_path).split())
    assert "America/Sao Paulo (UTC−03:00)" in text
    assert "09:00–15:00" in text and "6 h a day" in text
    assert "Overlap with Marta Sousa" in text
    assert "No shared working hours" in text  # Tokyo 09:00-18:00 never meets Lisbon 09:00-18:00
    pt = pdf_text(build_onboarding(data(), "pt", sections=["people"]), tmp_path)
    assert "6 h por dia" in pt


def test_calendar_communication_and_training_from_the_data(tmp_path: Path) -> None:
    text = " ".join(pdf_text(build_onboarding(data(), "en", sections=["calendar", "communication", "training"]),
                             tmp_path).split())
    assert "Kick-off <b>x</b>" in text and "Invoice LC-1: we pay R$ 10.000,00" in text
    assert "11:00–12:00" in text  # 14:00 UTC shown in the partner's zone
    assert "March 2026" in text and "April 2026" in text  # month groups
    assert "Contract review" in text and "2 September 2026" in text
    assert "Within 12 working hours" in text  # the partner's reply time
    assert text.index("Message") < text.index("Email") < text.index("Call")  # most used channel first
    assert "Pix training" in text and "Online" in text and "60 min" in text
    assert "Brand guide walkthrough" in text  # a module derived from the data


def test_questionnaire_answer_areas_follow_the_answer_type(tmp_path: Path) -> None:
    pdf = build_onboarding(data(), "pt", sections=["questionnaire"])
    text = pdf_text(pdf, tmp_path)
    assert "Sim" in text and "Não" in text and "E-mail" in text
    assert f"p. ex. 31/12/{TODAY.year}" in text  # an example date in the partner's language and date format
    printed = build_onboarding(data(), "pt", sections=["questionnaire"], fillable=False)
    assert b"/AcroForm" not in printed and "Sim" in pdf_text(printed, tmp_path)


def test_welcome_letter_has_the_key_facts_at_a_glance(tmp_path: Path) -> None:
    text = " ".join(pdf_text(build_onboarding(data(), "en", sections=["welcome"]), tmp_path).split())
    assert "At a glance" in text and "Marta Sousa · marta@example.com" in text
    assert "Within 12 working hours" in text and "2 September 2026 — Contract review" in text
    it = " ".join(pdf_text(build_onboarding(data(), "it", sections=["welcome"]), tmp_path).split())
    assert "In sintesi" in it and "Entro 12 ore lavorative" in it


def test_brand_guide_is_a_section_of_the_onboarding_packet(tmp_path: Path) -> None:
    text = pdf_text(build_onboarding(data(), "it", sections=["brand"]), tmp_path)
    tr = Translator("it")
    for msgid in (texts.BRAND_GUIDE, texts.PALETTE, texts.TYPOGRAPHY, texts.DOS_DONTS):
        assert tr.gettext(msgid) in text
    assert "#1F2A44" in text and "Ink <b>x</b>" in text


def test_sections_and_paper_are_chosen_through_the_service(demo_ws, tmp_path: Path) -> None:
    keys = [key for key, _label in onboarding_sections()]
    assert keys[0] == "cover" and "calendar" in keys and keys[-1] == "questionnaire"
    pdf = onboarding_pdf(demo_ws, "Vitrine Paulista", "en", today=TODAY, sections=["people", "calendar"])
    text = pdf_text(pdf, tmp_path)
    assert "Who's who" in text and "Milestones and the next 90 days" in text
    assert "Welcome letter" not in text and "Contents" not in text and "/FT /Tx" not in pdf.decode("latin-1")
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf  # Brazil: A4
    letter = onboarding_pdf(demo_ws, "Vitrine Paulista", "en", "Letter", TODAY, sections=["kpis"])
    assert b"/MediaBox [ 0 0 612 792 ]" in letter
    with pytest.raises(ValidationError):
        onboarding_pdf(demo_ws, "Vitrine Paulista", sections=["nonsense"])


def test_demo_calendar_holds_events_payments_and_deadlines(demo_ws, tmp_path: Path) -> None:
    text = " ".join(pdf_text(onboarding_pdf(demo_ws, "Vitrine Paulista", "en", today=TODAY,
                                            sections=["calendar"]), tmp_path).split())
    assert "Quarterly review with Vitrine Paulista" in text  # the partner's own event
    assert "Monthly partner brainstorming (recurring)" in text  # an open workshop, expanded
    assert "Invoice LC-2026-0103: we pay" in text  # unpaid, due in 12 days
    assert "Weekly content review" not in text  # internal event of another kind


def test_default_paper_follows_the_locale_territory() -> None:
    assert default_paper("en", "US") == "Letter"
    assert default_paper("en_US") == "Letter"
    assert default_paper("en") == "A4"
    assert default_paper("pt", "BR") == "A4"
    assert default_paper("es", "MX") == "Letter"
    assert default_paper("en", "SA") == "A4"  # no en_SA locale in CLDR: the language's usual region


def test_progress_reaches_the_end_and_cancel_stops(demo_ws) -> None:
    seen: list[tuple[int, int]] = []
    onboarding_pdf(demo_ws, "Vitrine Paulista", "pt", today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and [d for d, _t in seen] == sorted(d for d, _t in seen)
    with pytest.raises(PacketCancelled):
        onboarding_pdf(demo_ws, "Vitrine Paulista", today=TODAY, cancel=lambda: True)
    calls = itertools.repeat(False)
    batch_progress: list[tuple[int, int]] = []
    out = onboarding_batch(demo_ws, ["Vitrine Paulista", "Sakura Commerce"], today=TODAY,
                           progress=lambda d, t: batch_progress.append((d, t)), cancel=lambda: next(calls))
    assert list(out) == ["Vitrine Paulista", "Sakura Commerce"] and batch_progress == [(1, 2), (2, 2)]
    assert all(pdf.startswith(b"%PDF") for pdf in out.values())
    state = {"n": 0}

    def cancel_after_first() -> bool:
        return state["n"] >= 1

    with pytest.raises(PacketCancelled) as caught:
        onboarding_batch(demo_ws, ["Vitrine Paulista", "Sakura Commerce"], today=TODAY,
                         progress=lambda d, t: state.update(n=d), cancel=cancel_after_first)
    assert list(caught.value.partial) == ["Vitrine Paulista"]  # type: ignore[attr-defined]


def test_cli_sections_and_paper(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db, out = tmp_path / "cli.partnerdesk", tmp_path / "o.pdf"
    assert main(["demo", "--db", str(db), "--date", TODAY.isoformat()]) == 0
    assert main(["packet", "onboarding", "--db", str(db), "--partner", "Aegean Tech Labs", "--paper", "letter",
                 "--sections", "contents,people,training", "-o", str(out)]) == 0
    pdf = out.read_bytes()
    text = pdf_text(pdf, tmp_path)
    tr = Translator("el")
    assert tr.gettext(texts.CONTENTS) in text and tr.gettext(texts.TRAINING) in text
    assert tr.gettext(texts.WELCOME) not in text
    assert b"/MediaBox [ 0 0 612 792 ]" in pdf
    assert main(["packet", "onboarding", "--db", str(db), "--partner", "Aegean Tech Labs", "--sections", "x",
                 "-o", str(out)]) != 0


@pytest.mark.parametrize("lang", ("en", "ar", "ja"))
def test_new_content_is_deterministic(lang: str) -> None:
    assert build_onboarding(data(), lang) == build_onboarding(data(), lang)


def test_form_font_is_embedded_and_draws_typed_accents(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from partnerdesk.packets import fonts
    from partnerdesk.packets.formfont import use_embedded_form_font

    fonts.register_fonts()
    path = tmp_path / "field.pdf"
    canvas = Canvas(str(path), initialFontName=fonts.LATIN, invariant=1)
    use_embedded_form_font(canvas, fonts.LATIN, "pt")
    canvas.acroForm.textfield(name="answer", x=50, y=500, width=300, height=30, value="Olá, ação", borderWidth=0)
    canvas.showPage()
    canvas.save()
    pdf = path.read_bytes()
    assert "Olá, ação" in pdf_text(pdf, tmp_path)  # the field's appearance maps codes to the right glyphs
    rows = pdf_fonts(pdf, tmp_path)
    assert rows and all(row[-5:-3] == ["yes", "yes"] for row in rows), rows
    greek = build_onboarding(data(), "el", sections=["questionnaire"])
    assert b"/uni03A9" in greek and b"/uni03AC" in greek  # Ω and ά can be typed with the Greek form font


def test_recurring_events_keep_local_time_across_dst_and_skip_exceptions(workspace) -> None:
    from partnerdesk.domain.enums import EventKind, PartnerKind
    from partnerdesk.services.packets import load_onboarding
    from partnerdesk.store.models import Event, Partner

    lisbon = __import__("zoneinfo").ZoneInfo("Europe/Lisbon")
    first = dt.datetime(2026, 3, 16, 10, tzinfo=lisbon).astimezone(UTC)  # Lisbon moves to UTC+1 on 29 March
    skipped = dt.datetime(2026, 3, 23, 10, tzinfo=lisbon).astimezone(UTC)
    with workspace.transaction() as s:
        partner = Partner(name="Casa <Azul>", kind=PartnerKind.VENDOR, time_zone="Europe/Lisbon", locale="pt")
        s.add(partner)
        s.flush()
        s.add(Event(uid="weekly@test", title="Weekly sync", kind=EventKind.MEETING, starts_at=first,
                    ends_at=first + dt.timedelta(minutes=30), time_zone="Europe/Lisbon", rrule="FREQ=WEEKLY;COUNT=4",
                    exdates=[skipped.isoformat()], partner_id=partner.id))
        s.add(Event(uid="open@test", title="Open workshop", kind=EventKind.WORKSHOP, starts_at=first,
                    ends_at=first + dt.timedelta(hours=1), time_zone="Europe/Lisbon"))
        s.add(Event(uid="internal@test", title="Internal stand-up", kind=EventKind.MEETING, starts_at=first,
                    ends_at=first + dt.timedelta(hours=1), time_zone="Europe/Lisbon"))
    data = load_onboarding(workspace, "Casa <Azul>", "en", dt.date(2026, 3, 10))
    weekly = [e for e in data.calendar if e.title == "Weekly sync"]
    local = [e.start.astimezone(lisbon) for e in weekly]
    assert [d.day for d in local] == [16, 30, 6]  # 23 March was cancelled
    assert {(d.hour, d.minute) for d in local} == {(10, 0)}  # 10:00 Lisbon before and after the clock change
    assert all(e.recurring for e in weekly)
    titles = {e.title for e in data.calendar}
    assert "Open workshop" in titles and "Internal stand-up" not in titles


@pytest.mark.parametrize("lang", LANGS)
def test_a_partner_with_no_data_yet_still_gets_a_complete_packet(lang: str, tmp_path: Path) -> None:
    empty = OnboardingData(partner_name="Nova", company_name="", today=TODAY, time_zone="Not/AZone",
                           contacts=[Person("Eve", time_zone="Bad/Zone")])
    pdf = build_onboarding(empty, lang)
    text = pdf_text(pdf, tmp_path, "-raw") if lang == "ar" else pdf_text(pdf, tmp_path)
    tr = Translator(lang)
    assert contains_words(text, tr.gettext(texts.NOTHING_PLANNED), lang == "ar")
    assert contains_words(text, tr.gettext(texts.NO_SESSIONS), lang == "ar")
    assert b"/AcroForm" not in pdf  # no questions, no form


def test_current_phase_follows_the_partners_stage(demo_file) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.domain.enums import PartnerStage, Phase
    from partnerdesk.domain.partners import current_phase
    from partnerdesk.services.packets import load_onboarding
    from partnerdesk.store.workspace import open_workspace

    both = {Phase.PILOT, Phase.EXPANSION}
    assert current_phase(PartnerStage.PILOT, both) == Phase.PILOT
    assert current_phase(PartnerStage.EXPANDED, both) == Phase.EXPANSION
    assert current_phase(PartnerStage.ACTIVE, {Phase.EXPANSION}) == Phase.EXPANSION
    assert current_phase(PartnerStage.PILOT, set()) is None
    with open_workspace(demo_file) as ws:
        assert load_onboarding(ws, "Najd Care Center", "en").phase == "Pilot"  # a partner at stage Pilot
