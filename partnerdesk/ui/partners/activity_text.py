"""The Activity section's "Changes" column in the interface language: field labels, enum labels, owner names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from partnerdesk.domain.enums import PartnerKind, PartnerStage
from partnerdesk.l10n import N_, _, weekday_name

FIELD_LABELS = {
    "name": N_("Name"), "kind": N_("Kind"), "stage": N_("Stage"), "country": N_("Country"),
    "website": N_("Website"), "time_zone": N_("Time zone"), "work_start": N_("Working hours"),
    "work_end": N_("Working hours"), "weekend_days": N_("Weekend"), "reply_hours": N_("Expected reply (hours)"),
    "score_experience": N_("Experience"), "score_reputation": N_("Reputation"),
    "score_compatibility": N_("Compatibility"), "evaluation_notes": N_("Evaluation notes"),
    "owner_id": N_("Owner #1"), "second_id": N_("Owner #2"),
}
_ENUMS: dict[str, Any] = {"kind": PartnerKind, "stage": PartnerStage}


def _value(key: str, value: Any, members: Mapping[int, str]) -> str:
    if value is None or value == "":
        return "—"
    if key in _ENUMS:
        try:
            return str(_ENUMS[key](value).label)
        except ValueError:
            return str(value)
    if key in ("owner_id", "second_id"):
        return members.get(value, str(value))
    if key == "weekend_days" and isinstance(value, list):
        return ", ".join(weekday_name(int(d)) for d in value)
    return str(value)


def changes_text(changes: Mapping[str, Any] | None, members: Mapping[int, str], rtl: bool = False) -> str:
    """"Stage: Pilot → Active, Owner #1: Ana → Rui" from an activity entry's ``{field: [old, new]}``; unknown
    fields keep their key. In a right-to-left interface the arrow points left, the way the text reads."""
    arrow = "←" if rtl else "→"
    parts = []
    for key, pair in (changes or {}).items():
        if isinstance(pair, list) and len(pair) == 2:
            label = _(FIELD_LABELS[key]) if key in FIELD_LABELS else key
            parts.append(f"{label}: {_value(key, pair[0], members)} {arrow} {_value(key, pair[1], members)}")
    return ", ".join(parts)
