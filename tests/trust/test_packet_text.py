"""Packets with hostile user text: very long words, a right-to-left override, emoji."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select

from partnerdesk.packets.onboarding import build_onboarding
from partnerdesk.services.contacts import validate_contact
from partnerdesk.services.packets import load_onboarding
from partnerdesk.store.models import Partner
from tests.packets.pdf_tools import pdf_text

TODAY = dt.date(2026, 3, 2)
LONG = "Verylongword" * 67  # about 800 characters without a space


@pytest.fixture(scope="module")
def data(demo_file: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import shutil

    from partnerdesk.store.workspace import open_workspace

    path = tmp_path_factory.mktemp("packets") / "demo.pdk"
    shutil.copy(demo_file, path)
    with open_workspace(path) as ws:
        with ws.session() as s:
            name = s.scalars(select(Partner.name).order_by(Partner.id)).first()
        return load_onboarding(ws, name, "en", TODAY)


def _with_contact(data, **changes):  # type: ignore[no-untyped-def]
    first = dataclasses.replace(data.contacts[0], **changes)
    return dataclasses.replace(data, contacts=[first, *data.contacts[1:]])


@pytest.mark.parametrize("lang", ["en", "ar", "ja"])
def test_an_800_character_word_breaks_instead_of_failing(data, lang: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = _with_contact(data, name=LONG, role=LONG)
    hostile = dataclasses.replace(hostile, responsibilities=[
        dataclasses.replace(hostile.responsibilities[0], task=LONG), *hostile.responsibilities[1:]])
    pdf = build_onboarding(hostile, lang)
    text = pdf_text(pdf, tmp_path)
    assert "Verylongword" in text


def test_a_right_to_left_override_is_removed_not_applied(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = _with_contact(data, name="Marta \u202eSousa Lima")
    assert hostile.contacts[0].name == "Marta Sousa Lima"
    text = unicodedata.normalize("NFKC", pdf_text(build_onboarding(hostile, "ar"), tmp_path))
    assert "Sousa Lima" in text and "amiL asuoS" not in text


def test_emoji_show_a_visible_placeholder(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = pdf_text(build_onboarding(_with_contact(data, name="Ana 😀👍🏽 Lima"), "en"), tmp_path)
    assert "Ana □□ Lima" in text, [line for line in text.splitlines() if "Ana" in line]


def test_contact_names_lose_bidi_controls_on_input() -> None:
    values = validate_contact({"display_name": "\u202eevil.exe", "notes": "a\u2066b\u2069"})
    assert values["display_name"] == "evil.exe" and values["notes"] == "ab"
