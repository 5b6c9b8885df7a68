"""The onboarding packet's sections in reading order (no ReportLab import: the CLI and dialogs list them)."""

from __future__ import annotations

from partnerdesk.packets import texts

SECTIONS: tuple[tuple[str, str], ...] = (
    ("cover", texts.SECTION_COVER),
    ("contents", texts.SECTION_CONTENTS),
    ("welcome", texts.WELCOME),
    ("people", texts.WHOS_WHO),
    ("scope", texts.SCOPE),
    ("responsibilities", texts.RESPONSIBILITIES),
    ("calendar", texts.CALENDAR),
    ("communication", texts.COMMUNICATION),
    ("contract", texts.CONTRACT),
    ("kpis", texts.KPIS),
    ("training", texts.TRAINING),
    ("brand", texts.BRAND_GUIDE),
    ("questionnaire", texts.QUESTIONNAIRE),
)
SECTION_KEYS: tuple[str, ...] = tuple(key for key, _label in SECTIONS)
