"""Every user-visible string is translated into pt, ja, it, el and ar — no gaps, no fuzzy, same placeholders."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as catalog_tool  # noqa: E402

LANGS = ("pt", "ja", "it", "el", "ar")
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%\([a-z_]+\)[sd]|%[sd]")


@pytest.fixture(scope="module")
def template():  # type: ignore[no-untyped-def]
    return catalog_tool.build_template()


def _key(msg) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    return (msg.id if isinstance(msg.id, str) else msg.id[0], msg.context)


def test_template_has_the_app_strings(template) -> None:  # type: ignore[no-untyped-def]
    ids = {_key(m)[0] for m in template if m.id}
    assert "Kanban" in ids and "Partners" in ids


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete_and_not_fuzzy(lang: str, template) -> None:  # type: ignore[no-untyped-def]
    path = ROOT / "i18n" / lang / "LC_MESSAGES" / "partnerdesk.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    have = {_key(m): m for m in catalog if m.id}
    problems = []
    for msg in template:
        if not msg.id:
            continue
        found = have.get(_key(msg))
        if found is None:
            problems.append(f"missing: {_key(msg)}")
            continue
        strings = found.string if isinstance(found.string, tuple | list) else [found.string]
        if found.fuzzy:
            problems.append(f"fuzzy: {_key(msg)}")
        elif not all(strings):
            problems.append(f"untranslated: {_key(msg)}")
        else:
            source = msg.id if isinstance(msg.id, tuple | list) else [msg.id]
            wanted = sorted(set(PLACEHOLDER.findall(" ".join(source))))
            for s in strings:
                got = sorted(set(PLACEHOLDER.findall(s)))
                if got != wanted and not (isinstance(msg.id, tuple | list) and set(got) <= set(wanted)):
                    problems.append(f"placeholders {wanted} != {got}: {_key(msg)}")
    assert not problems, f"{lang}: {len(problems)} problems, run `make i18n-update` and translate:\n" + \
        "\n".join(problems[:40])


@pytest.mark.parametrize("lang", LANGS)
def test_translations_are_not_just_english(lang: str) -> None:
    from partnerdesk.l10n import Translator

    t = Translator(lang)
    assert t.gettext("Partners") != "Partners"
    assert t.gettext("The workspace could not be opened.") != "The workspace could not be opened."
