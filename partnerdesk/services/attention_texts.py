"""The words of the Today view and of ``partnerdesk today``: section titles, kinds, reasons, relative days."""

from __future__ import annotations

import datetime as dt

from partnerdesk.domain.attention import Kind, PartnerReason, Reason, Row, Section
from partnerdesk.l10n import (
    N_,
    _,
    format_date,
    format_list,
    format_money,
    format_percent,
    format_skeleton,
    ngettext,
)

SECTION_TITLES: dict[Section, str] = {
    Section.OVERDUE: N_("Overdue"),
    Section.THIS_WEEK: N_("Today and this week"),
    Section.DEADLINES: N_("Deadlines ahead"),
    Section.MONEY: N_("Payments due"),
    Section.PARTNERS: N_("Partners that need attention"),
    Section.REMINDERS: N_("Reminders missed while PartnerDesk was closed"),
}

KIND_LABELS: dict[Kind, str] = {
    Kind.WORK_ITEM: N_("Work item"),
    Kind.EVENT: N_("Meeting"),
    Kind.FOLLOW_UP: N_("Follow-up"),
    Kind.CONTRACT_REVIEW: N_("Contract review"),
    Kind.CONTRACT_NOTICE: N_("Last day to give notice"),
    Kind.CONTRACT_END: N_("Contract ends"),
    Kind.PAYMENT: N_("Payment"),
    Kind.PARTNER: N_("Partner"),
    Kind.REMINDER: N_("Reminder"),
}


def isolated(text: str) -> str:
    """User data kept in its own direction inside a sentence (Unicode first-strong isolate … pop)."""
    return "\u2068" + text + "\u2069" if text else text


def section_title(section: Section) -> str:
    return _(SECTION_TITLES[section])


def kind_label(kind: Kind) -> str:
    return _(KIND_LABELS[kind])


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def reason_text(reason: PartnerReason) -> str:
    v = reason.values
    if reason.reason == Reason.MISSING_DEADLINES:
        overdue = v.get("overdue", 0)
        if "rate" in v:
            return ngettext(
                "Keeps missing deadlines: {n} item overdue, {rate} done on time in the last 90 days",
                "Keeps missing deadlines: {n} items overdue, {rate} done on time in the last 90 days",
                overdue).format(n=overdue, rate=format_percent(v["rate"] / 100, 0))
        return ngettext("Keeps missing deadlines: {n} item overdue", "Keeps missing deadlines: {n} items overdue",
                        overdue).format(n=overdue)
    if reason.reason == Reason.KPI_AT_RISK:
        return ngettext("KPI at risk: {names}", "KPIs at risk: {names}", len(reason.names)).format(
            names=format_list([isolated(n) for n in reason.names]))
    if reason.reason == Reason.ENDED_WITH_OPEN_ITEMS:
        n = v.get("open", 0)
        return ngettext("The partnership ended with {n} open item", "The partnership ended with {n} open items",
                        n).format(n=n)
    if reason.reason == Reason.QUIET:
        return _("No interaction for {days}; contact is due every {cadence}").format(
            days=_days(v.get("days", 0)), cadence=_days(v.get("cadence", 0)))
    owner = reason.names[0] if reason.names else ""
    return _("A junior or a new hire leads as owner #1: {owner}").format(owner=isolated(owner))


def reasons_text(row: Row) -> str:
    return " · ".join(reason_text(r) for r in row.reasons)


def relative_day(day: dt.date, today: dt.date) -> str:
    """'Today', 'Tomorrow', 'Yesterday', else the weekday and date (with the year when it is not this year)."""
    delta = (day - today).days
    if delta == 0:
        return _("Today")
    if delta == 1:
        return _("Tomorrow")
    if delta == -1:
        return _("Yesterday")
    if day.year != today.year:
        return format_date(day, "medium")
    return format_skeleton("MMMEd", day)


def when_text(row: Row, today: dt.date) -> str:
    """The date side of a row, as a word a person would say."""
    if row.days_overdue > 0 and row.section != Section.REMINDERS:
        return ngettext("{n} day overdue", "{n} days overdue", row.days_overdue).format(n=row.days_overdue)
    if row.day is None:
        return ""
    if row.section == Section.DEADLINES:
        delta = (row.day - today).days
        if delta == 0:
            return _("Today")
        return ngettext("In {n} day ({date})", "In {n} days ({date})", delta).format(
            n=delta, date=format_skeleton("MMMd", row.day))
    return relative_day(row.day, today)


def money_totals_text(totals: dict[str, dict[str, int]]) -> str:
    """Overdue and due-soon payables, each currency on its own (amounts are never added across currencies)."""
    parts = []
    overdue = [isolated(format_money(t["overdue"], c)) for c, t in totals.items() if t.get("overdue")]
    soon = [isolated(format_money(t["due_soon"], c)) for c, t in totals.items() if t.get("due_soon")]
    if overdue:
        parts.append(_("Overdue: {amounts}").format(amounts=format_list(overdue)))
    if soon:
        parts.append(_("Due within 7 days: {amounts}").format(amounts=format_list(soon)))
    return " · ".join(parts)
