"""The words on and around a card: relative due date, days in column, staleness, the hover tooltip."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from partnerdesk.domain.enums import Priority
from partnerdesk.l10n import _, format_date, format_datetime, format_skeleton, ngettext
from partnerdesk.ui.kanban.model import Card


def due_text(card: Card, today: dt.date) -> tuple[str, bool]:
    """Relative due label and whether it is overdue."""
    if card.due_at is None:
        return "", False
    day = card.due_at.astimezone().date()
    delta = (day - today).days
    overdue = card.due_at < dt.datetime.now(dt.UTC) if card.due_has_time else delta < 0
    if delta < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -delta).format(n=-delta), True
    if delta == 0:
        return _("Due today"), overdue
    if delta == 1:
        return _("Due tomorrow"), False
    # Within half a year the day and month say it all; the year would push the checklist and the days in the
    # column off a narrow card.
    date = format_skeleton("MMMd", day) if delta < 183 else format_date(day, "medium")
    return _("Due {date}").format(date=date), False


def days_in_column(card: Card, now: dt.datetime | None = None) -> int:
    now = now or dt.datetime.now(dt.UTC)
    since = card.since if card.since.tzinfo else card.since.replace(tzinfo=dt.UTC)
    return max(0, (now - since).days)


def is_stale(card: Card, stale_days: int, now: dt.datetime | None = None) -> bool:
    """No update for ``stale_days`` days or more."""
    if card.updated_at is None:
        return False
    now = now or dt.datetime.now(dt.UTC)
    return (now - card.updated_at).days >= stale_days


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def due_lines(card: Card) -> list[str]:
    """The due date in the user's time and, for a partner in another zone, in the partner's local time."""
    if card.due_at is None:
        return []
    if not card.due_has_time:
        return [_("Due: {when}").format(when=format_date(card.due_at.astimezone().date(), "full"))]
    local = card.due_at.astimezone()
    lines = [_("Due: {when}").format(when=format_datetime(local, "medium"))]
    zone = _zone(card.time_zone)
    if zone is not None:
        there = card.due_at.astimezone(zone)
        if there.utcoffset() != local.utcoffset():
            lines.append(_("Partner's local time: {when} ({zone})").format(
                when=format_datetime(card.due_at, "medium", tzinfo=zone), zone=card.time_zone))
    return lines


def spoken_name(card: Card, today: dt.date | None = None) -> str:
    """The card as a screen reader names it: its title, then its due state ('3 days overdue', 'Due today')."""
    due, _overdue = due_text(card, today or dt.date.today())
    return _("{title}, {due}").format(title=card.title, due=due) if due else card.title


def tooltip(card: Card, stale_days: int | None = None) -> str:
    lines = [card.title]
    if card.partner:
        lines.append(_("Partner: {name}").format(name=card.partner))
    if card.owner:
        lines.append(_("Responsible: {name}").format(name=card.owner))
    lines.append(_("Priority: {level}").format(level=Priority(card.priority).label))
    lines += due_lines(card)
    days = days_in_column(card)
    lines.append(ngettext("In this column for {n} day", "In this column for {n} days", days).format(n=days))
    if card.tags:
        lines.append(_("Tags: {tags}").format(tags=", ".join(card.tags)))
    if card.total:
        lines.append(_("Checklist: {done} of {total} done").format(done=card.done, total=card.total))
    if stale_days is not None and is_stale(card, stale_days):
        lines.append(ngettext("Stale: no update for {n} day", "Stale: no update for {n} days", stale_days)
                     .format(n=stale_days))
    return "\n".join(lines)
