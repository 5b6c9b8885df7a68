"""Partner rules without I/O: owner seniority warning, contract review and notice dates, validation helpers."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from partnerdesk.domain.enums import PartnerStage, Phase, Seniority
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_

HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

#: The scope ladder shown on a partner's overview, in order.
SCOPE_LADDER: tuple[PartnerStage, ...] = (PartnerStage.PROSPECT, PartnerStage.EVALUATING, PartnerStage.PILOT,
                                          PartnerStage.ACTIVE, PartnerStage.EXPANDED)

def current_phase(stage: PartnerStage, phases: set[Phase]) -> Phase | None:
    """The scope phase a partner is in: expansion once expanded, the pilot before that. When the scope has no
    item of that phase, the one phase it has (or None without scope)."""
    wanted = Phase.EXPANSION if stage == PartnerStage.EXPANDED else Phase.PILOT
    if wanted in phases or not phases:
        return wanted if phases else None
    return next(iter(phases)) if len(phases) == 1 else wanted


OWNER_WARNING = N_("{owner} ({seniority}) is owner #1 and no senior leads this partner. An experienced person "
                   "should be owner #1; {owner} learns best as owner #2.")


def owner_warning(owner_name: str | None, owner_seniority: Seniority | None,
                  second_seniority: Seniority | None = None) -> tuple[str, dict[str, str]] | None:
    """(template, params) when a junior or new hire is owner #1; None when a senior leads (or nobody is set).

    A senior as #2 does not lift the warning: the experienced person should be #1 and the junior learn as #2.
    """
    if owner_name is None or owner_seniority is None or owner_seniority == Seniority.SENIOR:
        return None
    return OWNER_WARNING, {"owner": owner_name, "seniority": owner_seniority.value}


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(start_on: dt.date, every_months: int | None, today: dt.date,
                end_on: dt.date | None = None) -> dt.date | None:
    """The first review date on or after today (reviews every N months from the start)."""
    if not every_months:
        return None
    n = 1
    while True:
        candidate = add_months(start_on, every_months * n)
        if end_on is not None and candidate > end_on:
            return None
        if candidate >= today:
            return candidate
        n += 1


def notice_deadline(end_on: dt.date | None, notice_days: int) -> dt.date | None:
    """The last day to give notice before the contract ends."""
    if end_on is None:
        return None
    return end_on - dt.timedelta(days=notice_days)


def check_time_zone(value: str, field: str = "time_zone") -> None:
    if value == "UTC":
        return
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(N_("“{zone}” is not a known time zone."), field=field, zone=value) from exc


def known_time_zones() -> list[str]:
    return sorted(available_timezones())


def check_hours(start: str, end: str) -> None:
    for field, value in (("work_start", start), ("work_end", end)):
        if not HHMM.match(value or ""):
            raise ValidationError(N_("Working hours must look like 09:00."), field=field)


def check_score(field: str, value: int | None) -> None:
    if value is not None and not 1 <= int(value) <= 5:
        raise ValidationError(N_("Scores go from 1 to 5."), field=field)
