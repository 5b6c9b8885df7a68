"""Brand guide and questionnaire services: validation, one transaction, activity log, change report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from partnerdesk.domain.enums import AnswerType
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import set_language
from partnerdesk.services.brand_guide import (
    BrandGuideDraft,
    BrandGuideService,
    ColourDraft,
    TypefaceDraft,
    normalise_hex,
    read_logo_file,
)
from partnerdesk.services.questionnaire import QuestionDraft, QuestionnaireDraft, QuestionnaireService
from partnerdesk.store.models import ActivityLog, BrandColor, BrandGuide, Question, TeamMember


def _png(colour: str = "red", size: tuple[int, int] = (8, 4)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def ws(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add(TeamMember(name="Ana", is_me=True))
    return workspace


def _guide() -> BrandGuideDraft:
    return BrandGuideDraft(
        name=" Lumen brand guide ", story="Since 2009.", tone_of_voice="Warm.", imagery="Daylight.",
        logo=_png(), colours=(ColourDraft("Ink", "#1a2b3c", "Text"), ColourDraft("Sun", "fc0"),
                              ColourDraft("", "", "")),
        typefaces=(TypefaceDraft("Headings", "Noto Serif"), TypefaceDraft("", "")),
        dos=("Say we", " "), donts=("Shout",))


def test_hex_codes_are_normalised_or_refused() -> None:
    assert normalise_hex("#1a2b3c") == "#1A2B3C"
    assert normalise_hex("1A2B3C") == "#1A2B3C"
    assert normalise_hex(" #fc0 ") == "#FFCC00"
    for bad in ("#12345G", "red", "#1234", ""):
        with pytest.raises(ValidationError):
            normalise_hex(bad, "Ink")


def test_brand_guide_is_created_then_updated_with_activity(ws) -> None:  # type: ignore[no-untyped-def]
    svc = BrandGuideService(ws)
    assert svc.load() == (None, BrandGuideDraft())
    guide_id, changes = svc.save(_guide())
    assert changes.created == {"brand_guide": {guide_id}}
    loaded_id, draft = svc.load()
    assert loaded_id == guide_id
    assert draft.name == "Lumen brand guide"
    assert [c.hex for c in draft.colours] == ["#1A2B3C", "#FFCC00"]  # blank row dropped
    assert draft.typefaces == (TypefaceDraft("Headings", "Noto Serif"),)
    assert draft.dos == ("Say we",) and draft.donts == ("Shout",)
    assert draft.logo_mime == "image/png"
    # Reorder the colours and change the story: one update, logged once.
    edited = BrandGuideDraft(**{**draft.__dict__, "story": "Since 2010.",
                                "colours": tuple(reversed(draft.colours))})
    _id, changes = svc.save(edited)
    assert changes.updated == {"brand_guide": {guide_id}}
    assert [c.name for c in svc.load()[1].colours] == ["Sun", "Ink"]
    with ws.session() as s:
        logs = s.scalars(select(ActivityLog).where(ActivityLog.entity == "brand_guide")).all()
        assert [log.action.value for log in logs] == ["create", "update"]
        assert "story" in logs[1].changes and "colours" in logs[1].changes
    # Saving the same draft again changes nothing.
    assert not svc.save(svc.load()[1])[1]


def test_invalid_colour_keeps_the_saved_guide(ws) -> None:  # type: ignore[no-untyped-def]
    svc = BrandGuideService(ws)
    svc.save(_guide())
    bad = BrandGuideDraft(**{**svc.load()[1].__dict__, "name": "Other",
                             "colours": (ColourDraft("Ink", "#12345G"),)})
    set_language("pt")
    with pytest.raises(ValidationError) as info:
        svc.save(bad)
    assert "#12345G" in info.value.message and "Ink" in info.value.message
    set_language("en")
    with ws.session() as s:
        assert s.scalar(select(BrandGuide.name)) == "Lumen brand guide"
        assert s.scalar(select(func.count(BrandColor.id))) == 2


def test_logo_files_are_checked(ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "logo.png"
    good.write_bytes(_png())
    assert read_logo_file(good)[1] == "image/png"
    for name, data in (("fake.png", b"not an image"), ("cut.png", _png(size=(200, 200))[:60])):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ValidationError, match="readable"):
            read_logo_file(tmp_path / name)
    with pytest.raises(ValidationError, match="could not be read"):
        read_logo_file(tmp_path / "missing.png")
    gif = io.BytesIO()
    from PIL import Image

    Image.new("P", (4, 4)).save(gif, "GIF")
    (tmp_path / "logo.gif").write_bytes(gif.getvalue())
    with pytest.raises(ValidationError, match="GIF"):
        read_logo_file(tmp_path / "logo.gif")
    with pytest.raises(ValidationError):
        BrandGuideService(ws).save(BrandGuideDraft(name="X", logo=b"\x89PNG broken"))


def test_brand_guide_needs_names(ws) -> None:  # type: ignore[no-untyped-def]
    svc = BrandGuideService(ws)
    with pytest.raises(ValidationError, match="needs a name"):
        svc.save(BrandGuideDraft(name="  "))
    with pytest.raises(ValidationError, match="#123456 needs a name"):
        svc.save(BrandGuideDraft(name="X", colours=(ColourDraft("", "#123456"),)))
    with pytest.raises(ValidationError, match="font family"):
        svc.save(BrandGuideDraft(name="X", typefaces=(TypefaceDraft("Body", ""),)))
    assert svc.load()[0] is None


def test_questionnaire_round_trip_and_reorder(ws) -> None:  # type: ignore[no-untyped-def]
    svc = QuestionnaireService(ws)
    draft = QuestionnaireDraft(" Welcome ", "Tell us.", (
        QuestionDraft("Return policy?", AnswerType.LONG_TEXT, ("ignored",), True),
        QuestionDraft("Channel?", AnswerType.CHOICE, ("Web", " web ", "Store", "")),
        QuestionDraft("Start date?", AnswerType.DATE),
        QuestionDraft("Dropship?", AnswerType.YES_NO),
    ))
    form_id, changes = svc.save(draft)
    assert changes.created == {"questionnaire": {form_id}}
    loaded = svc.load()[1]
    assert loaded.title == "Welcome"
    assert loaded.questions[0].choices == ()  # choices only for multiple choice
    assert loaded.questions[1].choices == ("Web", "Store")
    assert loaded.questions[0].required is True
    moved = QuestionnaireDraft(loaded.title, loaded.intro, (loaded.questions[3], *loaded.questions[:3]))
    assert svc.save(moved)[1].updated == {"questionnaire": {form_id}}
    assert [q.text for q in svc.load()[1].questions] == ["Dropship?", "Return policy?", "Channel?", "Start date?"]
    with ws.session() as s:
        assert s.scalar(select(func.count(Question.id))) == 4


def test_questionnaire_validation(ws) -> None:  # type: ignore[no-untyped-def]
    svc = QuestionnaireService(ws)
    svc.save(QuestionnaireDraft("Q", "", (QuestionDraft("One?"),)))
    with pytest.raises(ValidationError, match="Question 2 has no text"):
        svc.save(QuestionnaireDraft("Q", "", (QuestionDraft("A"), QuestionDraft("  "))))
    with pytest.raises(ValidationError, match="at least two"):
        svc.save(QuestionnaireDraft("Q", "", (QuestionDraft("Pick", AnswerType.CHOICE, ("A", "a")),)))
    with pytest.raises(ValidationError, match="title"):
        svc.save(QuestionnaireDraft("", "", ()))
    assert [q.text for q in svc.load()[1].questions] == ["One?"]
