"""Calendar geometry without widgets: which days a grid shows, week numbers, side-by-side lanes, local days.

Everything here is plain Python so the views, printing and tests share one answer to "where does this go".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from partnerdesk.domain.occurrence import Occurrence

ONE_DAY = dt.timedelta(days=1)


def zone(name: str | None) -> dt.tzinfo:
    """ZoneInfo for an IANA name; UTC for an empty or unknown one."""
    try:
        return ZoneInfo(name) if name else dt.UTC
    except (KeyError, ValueError):
        return dt.UTC


def week_start(day: dt.date, first_weekday: int) -> dt.date:
    """The first day of the week holding ``day`` (first_weekday: 0 = Monday … 6 = Sunday)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def week_days(day: dt.date, first_weekday: int) -> list[dt.date]:
    start = week_start(day, first_weekday)
    return [start + dt.timedelta(days=i) for i in range(7)]


def month_grid(day: dt.date, first_weekday: int) -> list[dt.date]:
    """The 42 days (six weeks) a month view shows for the month of ``day``."""
    start = week_start(day.replace(day=1), first_weekday)
    return [start + dt.timedelta(days=i) for i in range(42)]


def week_number(day: dt.date, lang: str | None = None) -> int:
    """The week number of ``day`` by the locale's rules (CLDR first day and minimal days, through Babel)."""
    from babel.dates import format_date

    from partnerdesk.l10n import babel_locale

    return int(format_date(day, "w", locale=babel_locale(lang)))


def local_span(occ: Occurrence, tz: dt.tzinfo) -> tuple[dt.date, dt.date]:
    """First and last day the entry touches, as the user sees it.

    All-day entries keep their own calendar days (a holiday on the 5th is on the 5th everywhere); timed entries
    are converted to the user's zone. An entry ending exactly at midnight does not touch the next day.
    """
    if occ.all_day:
        own = zone(occ.time_zone)
        first = occ.start.astimezone(own).date()
        last = (occ.end.astimezone(own) - dt.timedelta(microseconds=1)).date()
        return first, max(first, last)
    start = occ.start.astimezone(tz)
    end = occ.end.astimezone(tz)
    last = (end - dt.timedelta(microseconds=1)).date() if end > start else start.date()
    return start.date(), max(start.date(), last)


def is_multi_day(occ: Occurrence, tz: dt.tzinfo) -> bool:
    first, last = local_span(occ, tz)
    return first != last


def entries_by_day(entries: Sequence[Occurrence], days: Sequence[dt.date], tz: dt.tzinfo,
                   spans: Sequence[tuple[dt.date, dt.date]] | None = None) -> dict[dt.date, list[Occurrence]]:
    """Every shown day with the entries touching it: all-day and multi-day ones first, then by start time.

    ``spans`` (each entry's first and last local day, as the model keeps them) saves recomputing them.
    """
    first, last = days[0], days[-1]
    result: dict[dt.date, list[tuple[bool, Occurrence]]] = {day: [] for day in days}
    if spans is None:
        entries = sorted(entries, key=lambda o: (o.start, o.title.casefold()))
        spans = [local_span(occ, tz) for occ in entries]
    for occ, (lo, hi) in zip(entries, spans, strict=True):
        if hi < first or lo > last:
            continue
        banner = occ.all_day or lo != hi
        day = max(lo, first)
        while day <= min(hi, last):
            result[day].append((banner, occ))
            day += ONE_DAY
    out: dict[dt.date, list[Occurrence]] = {}
    for day, day_entries in result.items():
        # Entries arrive in start order; a stable sort on one flag puts the banners first and keeps it.
        day_entries.sort(key=_not_banner)
        out[day] = [occ for _banner, occ in day_entries]
    return out


def _not_banner(pair: tuple[bool, Occurrence]) -> bool:
    return not pair[0]


def lanes(intervals: Sequence[tuple[dt.datetime, dt.datetime]]) -> list[tuple[int, int]]:
    """Side-by-side placement of overlapping intervals: (lane, lanes in its cluster) for each, in input order.

    Intervals that overlap share a cluster; each takes the first free lane, and every member of a cluster
    gets the cluster's width, as in most calendar apps.
    """
    return [(lane, width) for lane, width, _cluster in clustered_lanes(intervals)]


def clustered_lanes(intervals: Sequence[tuple[dt.datetime, dt.datetime]]) -> list[tuple[int, int, int]]:
    """``lanes`` plus the number of each interval's cluster (0, 1, … in time order)."""
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], -(intervals[i][1] - intervals[i][0])))
    placed: list[tuple[int, int, int]] = [(0, 1, 0)] * len(intervals)
    cluster: list[int] = []
    lane_ends: list[dt.datetime] = []
    cluster_end: dt.datetime | None = None
    number = 0

    def close() -> None:
        width = max(1, len(lane_ends))
        for member in cluster:
            placed[member] = (placed[member][0], width, number)

    for i in order:
        start, end = intervals[i]
        end = max(end, start + dt.timedelta(minutes=1))
        if cluster_end is not None and start >= cluster_end:
            close()
            cluster, lane_ends, cluster_end = [], [], None
            number += 1
        lane = next((n for n, lane_end in enumerate(lane_ends) if lane_end <= start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        placed[i] = (lane, 1, number)
        cluster.append(i)
        cluster_end = end if cluster_end is None else max(cluster_end, end)
    if cluster:
        close()
    return placed


def fit_lanes(width: int, available: float, least: float, badge: float) -> tuple[int, float]:
    """How many of a cluster's ``width`` lanes can be shown at ``least`` px each in ``available`` px, and their
    width; when not all fit, ``badge`` px are kept for a "+N" marker (at least one lane is always shown)."""
    if width * least <= available:
        return width, available / width
    shown = max(1, int((available - badge) // least))
    return shown, (available - badge) / shown


def day_bounds(day: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a local day in UTC (23 or 25 hours long on a daylight-saving change)."""
    start = dt.datetime.combine(day, dt.time(0), tz)
    end = dt.datetime.combine(day + ONE_DAY, dt.time(0), tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def range_bounds(days: Sequence[dt.date], tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    return day_bounds(days[0], tz)[0], day_bounds(days[-1], tz)[1]


def snap(minutes: float, step: int = 15) -> int:
    return int(round(minutes / step)) * step


def day_and_time(moment: dt.datetime) -> str:
    """'Wed 11 Mar 14:05' in the UI language, in the moment's own zone."""
    from partnerdesk.l10n import format_skeleton, format_time

    return f"{format_skeleton('MMMEd', moment)} {format_time(moment)}"
