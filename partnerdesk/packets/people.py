"""Who's who: both teams, each person's time zone, local working hours and overlap with our account manager."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.platypus import Flowable

from partnerdesk.domain.timezones import WorkingHours, typical_overlap
from partnerdesk.l10n.formats import format_decimal, format_time
from partnerdesk.packets import texts
from partnerdesk.packets.data import OnboardingData, Person
from partnerdesk.packets.kit import Kit


def _hours(person: Person) -> WorkingHours | None:
    try:
        ZoneInfo(person.time_zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return WorkingHours(person.time_zone, person.work_start, person.work_end, tuple(person.weekend))


def zone_label(zone: str, when: dt.date) -> str:
    """"America/Sao_Paulo" -> "America/Sao Paulo (UTC−03:00)" on ``when``."""
    try:
        offset = dt.datetime.combine(when, dt.time(12), ZoneInfo(zone)).utcoffset() or dt.timedelta()
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return zone
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"{zone.replace('_', ' ')} (UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"


def time_range(kit: Kit, start: dt.time, end: dt.time) -> str:
    return kit.t(texts.HOURS_RANGE, start=format_time(start, "short", lang=kit.lang),
                 end=format_time(end, "short", lang=kit.lang))


def overlap_text(kit: Kit, person: Person, manager: Person | None, today: dt.date) -> tuple[str, str]:
    """(the shared hours in ``person``'s local time, their length per day); empty for the manager."""
    if manager is None or person is manager:
        return "", ""
    mine, theirs = _hours(person), _hours(manager)
    if mine is None or theirs is None:
        return "—", ""
    length, window = typical_overlap(mine, theirs, today)
    if window is None or not length:
        return kit.t(texts.NO_OVERLAP), ""
    hours = length.total_seconds() / 3600
    amount = format_decimal(hours, digits=0 if hours.is_integer() else 1, lang=kit.lang)
    return time_range(kit, *window), kit.t(texts.HOURS_LENGTH, hours=amount)


def _rows(kit: Kit, data: OnboardingData, persons: list[Person], labels: list[str], widths: list[float]
          ) -> list[list[object]]:
    manager = data.manager
    rows: list[list[object]] = []
    for i, person in enumerate(persons):
        role = " — ".join(x for x in (labels[i] if i < len(labels) else "", person.role) if x)
        label = kit.t(texts.ACCOUNT_MANAGER)
        if person.is_manager and label.casefold() not in role.casefold():
            role = " — ".join(x for x in (label, role) if x)
        local = time_range(kit, _clock(person.work_start), _clock(person.work_end))
        shared, length = overlap_text(kit, person, manager, data.today)
        rows.append([
            kit.stack([(person.name, kit.cell_bold), (person.email, kit.cell_muted)], widths[0]),
            role,
            kit.stack([(zone_label(person.time_zone, data.today), kit.cell), (local, kit.cell_muted)], widths[2]),
            kit.stack([(shared or "—", kit.cell), (length, kit.cell_muted)], widths[3]),
        ])
    return rows


def whos_who(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t, width = kit.t, kit.width
    story = kit.section(t(texts.WHOS_WHO), new_page=True)
    manager = data.manager
    widths = [0.30 * width, 0.24 * width, 0.26 * width, 0.20 * width]
    cols = [t(texts.COL_PERSON), t(texts.COL_ROLE), t(texts.COL_LOCAL_HOURS),
            t(texts.COL_OVERLAP, name=manager.name if manager else "—")]
    story.append(kit.sub(t(texts.OUR_TEAM)))
    story.append(kit.table(cols, _rows(kit, data, data.owners, [t(texts.OWNER_1), t(texts.OWNER_2)], widths),
                           widths))
    story.append(kit.sub(t(texts.YOUR_TEAM)))
    rows = _rows(kit, data, data.contacts, [], widths)
    story.append(kit.table(cols, rows, widths) if rows else kit.p(t(texts.NOTHING_LISTED)))
    if manager is not None:
        story.append(kit.p(t(texts.OVERLAP_NOTE, name=manager.name), kit.small))
    return story


def _clock(text: str) -> dt.time:
    """``"08:30"`` (or ``"08:30:15"``) as a time of day."""
    parts = [int(part) for part in text.split(":")]
    return dt.time(parts[0], parts[1] if len(parts) > 1 else 0, parts[2] if len(parts) > 2 else 0)
