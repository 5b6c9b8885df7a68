"""Arabic packets: Latin user text inside right-to-left lines keeps its own order (no "?Do you…", ".Lumen & Co")."""

from __future__ import annotations

import dataclasses
import re

from partnerdesk.packets import rtl
from partnerdesk.packets.data import OnboardingData, QuestionRow
from partnerdesk.packets.kit import Kit
from partnerdesk.packets.questionnaire import questionnaire
from partnerdesk.packets.render import running_header
from tests.packets.conftest import DEMO_TODAY


def _question_lines(lang: str) -> list[str]:
    data = OnboardingData(partner_name="Vitrine", company_name="Lumen & Co.", today=DEMO_TODAY,
                          questions=[QuestionRow("Do you ship abroad?", True), QuestionRow("Describe your customers")])
    flowables = questionnaire(Kit(lang, 400), data, fillable=False)
    texts = []
    for f in flowables:
        for inner in getattr(f, "_content", []):  # KeepTogether([label, spacer, answer, spacer])
            if dataclasses.is_dataclass(inner) or not hasattr(inner, "text"):
                continue
            texts.append(re.sub(r"<[^>]+>", "", inner.text))  # the text without its font runs
    return texts


def test_arabic_question_labels_keep_the_question_mark_at_the_end_and_the_number_on_the_right() -> None:
    labels = _question_lines("ar")
    required = next(t for t in labels if "Do you ship abroad" in t)
    plain = next(t for t in labels if "Describe your customers" in t)
    assert "Do you ship abroad? .1" in required  # visual order: the number at the right, "?" after "abroad"
    assert "?Do you" not in required
    assert plain.endswith("Describe your customers .2")  # same side as in the required one


def test_english_question_labels_are_unchanged() -> None:
    labels = _question_lines("en")
    assert any(t.startswith("1. Do you ship abroad? ") for t in labels)
    assert "2. Describe your customers" in labels


def test_arabic_running_header_keeps_latin_names_in_order() -> None:
    kit = Kit("ar", 400)
    line = rtl.visual_lines(running_header(kit, "Lumen & Co.", kit.t("Onboarding packet"), "Vitrine"), kit.family,
                            7.5, 1e6)[0]
    assert "Lumen & Co." in line and ".Lumen" not in line
    assert running_header(Kit("en", 400), "Lumen & Co.", "Onboarding packet", "Vitrine") == \
        "Lumen & Co. · Onboarding packet · Vitrine"


def test_date_answers_show_an_example_date_in_the_packets_language() -> None:
    from partnerdesk.domain.enums import AnswerType
    from partnerdesk.packets.questionnaire import answer_area

    question = QuestionRow("Start date", answer_type=AnswerType.DATE.value)
    expected = {"en": "e.g. 31/12/2026", "pt": "p. ex. 31/12/2026", "ja": "例: 2026/12/31", "it": "es. 31/12/26",
                "el": "π.χ. 31/12/26", "ar": "مثال: 31\u200f/12\u200f/2026"}
    for lang, hint in expected.items():
        area = answer_area(Kit(lang, 400), 1, question, False, 2026)
        assert area.hint == hint, lang  # was the raw CLDR pattern ("dd/MM/y", "y/M/d")
