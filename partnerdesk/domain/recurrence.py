"""Recurring events without I/O: the editor's rule value type, RRULE text, expansion across DST, plain words.

Expansion runs in the event's own IANA zone, so a weekly call at 10:00 Lisbon stays at 10:00 Lisbon when the
clocks change (RFC 5545: DTSTART with TZID). Any valid RRULE expands (dateutil does the work); ``Rule`` is the
subset the editor offers: daily, weekly on chosen weekdays, monthly by day of month or by nth weekday, yearly,
with an interval and an end (until a date, or a count).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from partnerdesk.domain.enums import LabelledEnum
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_, NP_, _, ngettext, pgettext

UTC = dt.UTC
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class InvalidRuleError(ValidationError):
    template = N_("The repeat rule is not valid: {detail}")


class Repeat(LabelledEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"DAILY": N_("Daily"), "WEEKLY": N_("Weekly"), "MONTHLY": N_("Monthly"), "YEARLY": N_("Yearly")}


@dataclass(frozen=True)
class Rule:
    """What the recurrence editor can say. ``weekdays`` are 0 = Monday … 6 = Sunday.

    Monthly repeats use ``month_day`` (the 15th; -1 = last day) or ``nth`` with one weekday (``nth=2,
    weekdays=(1,)`` = the second Tuesday; -1 = the last). ``until`` is an aware instant (RFC 5545 wants UTC);
    ``until`` and ``count`` exclude each other.
    """

    freq: Repeat
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    month_day: int | None = None
    nth: int | None = None
    month: int | None = None
    until: dt.datetime | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        if self.interval < 1:
            raise InvalidRuleError(detail=_("the interval must be 1 or more"))
        if self.until is not None and self.count is not None:
            raise InvalidRuleError(detail=_("choose an end date or a number of times, not both"))
        if self.count is not None and self.count < 1:
            raise InvalidRuleError(detail=_("the number of times must be 1 or more"))
        if self.until is not None and self.until.tzinfo is None:
            raise ValueError("Rule.until must be aware")
        if any(d not in range(7) for d in self.weekdays):
            raise InvalidRuleError(detail=_("unknown weekday"))
        if self.nth is not None and (self.nth not in (-1, 1, 2, 3, 4, 5) or len(self.weekdays) != 1):
            raise InvalidRuleError(detail=_("a monthly rule by weekday needs one weekday and its position"))
        if self.month_day is not None and not (1 <= self.month_day <= 31 or self.month_day == -1):
            raise InvalidRuleError(detail=_("the day of the month must be between 1 and 31"))

    def to_rrule(self) -> str:
        """The RRULE value (without the ``RRULE:`` prefix)."""
        parts = [f"FREQ={self.freq.value}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.nth is not None:
            parts.append(f"BYDAY={self.nth}{_DAY_CODES[self.weekdays[0]]}")
        elif self.weekdays:
            parts.append("BYDAY=" + ",".join(_DAY_CODES[d] for d in sorted(set(self.weekdays))))
        if self.month_day is not None:
            parts.append(f"BYMONTHDAY={self.month_day}")
        if self.month is not None:
            parts.append(f"BYMONTH={self.month}")
        if self.until is not None:
            parts.append("UNTIL=" + self.until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)

    @classmethod
    def parse(cls, text: str) -> Rule | None:
        """The editor's view of an RRULE, or None when the rule says more than the editor can (BYSETPOS, …).

        Raises InvalidRuleError for text that is no RRULE at all.
        """
        check(text)
        fields: dict[str, str] = {}
        for part in _strip_prefix(text).split(";"):
            if part:
                key, _sep, value = part.partition("=")
                fields[key.upper()] = value.upper()
        known = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "UNTIL", "COUNT", "WKST"}
        if set(fields) - known:
            return None
        try:
            freq = Repeat(fields["FREQ"])
        except ValueError:
            return None
        weekdays: list[int] = []
        nth: int | None = None
        for code in filter(None, fields.get("BYDAY", "").split(",")):
            prefix, day = code[:-2], code[-2:]
            if day not in _DAY_CODES:
                return None
            if prefix:
                if nth is not None or freq not in (Repeat.MONTHLY, Repeat.YEARLY):
                    return None
                nth = int(prefix)
            weekdays.append(_DAY_CODES.index(day))
        month_day = fields.get("BYMONTHDAY")
        if month_day and "," in month_day:
            return None
        month = fields.get("BYMONTH")
        if month and "," in month:
            return None
        try:
            return cls(freq=freq, interval=int(fields.get("INTERVAL", "1")), weekdays=tuple(weekdays),
                       month_day=int(month_day) if month_day else None, nth=nth,
                       month=int(month) if month else None, until=_parse_until(fields.get("UNTIL")),
                       count=int(fields["COUNT"]) if "COUNT" in fields else None)
        except InvalidRuleError:
            return None


def _strip_prefix(text: str) -> str:
    text = text.strip()
    return text[6:] if text.upper().startswith("RRULE:") else text


def _parse_until(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    if len(value) == 8:
        return dt.datetime.strptime(value, "%Y%m%d").replace(tzinfo=UTC)
    return dt.datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)


def _until_in_utc(text: str, dtstart: dt.datetime) -> str:
    """A floating or date-only UNTIL (common in exported files) read in the series' zone, as RFC 5545 UTC."""
    parts = text.split(";")
    for i, part in enumerate(parts):
        key, _sep, value = part.partition("=")
        if key.upper() == "UNTIL" and not value.upper().endswith("Z"):
            if len(value) == 8:
                local = dt.datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
            else:
                local = dt.datetime.strptime(value, "%Y%m%dT%H%M%S")
            moment = local.replace(tzinfo=dtstart.tzinfo or UTC).astimezone(UTC)
            parts[i] = "UNTIL=" + moment.strftime("%Y%m%dT%H%M%SZ")
    return ";".join(parts)


def check(text: str) -> None:
    """Raise InvalidRuleError unless ``text`` is an RRULE dateutil can expand."""
    try:
        _compile(_strip_prefix(text), dt.datetime(2026, 1, 1, tzinfo=UTC))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise InvalidRuleError(detail=_strip_prefix(text) or "—") from exc


def _compile(text: str, dtstart: dt.datetime) -> rrule:
    # Aware datetimes compare (and hash) by instant: the cache key must hold the wall clock and the zone.
    zone = dtstart.tzinfo
    return _compile_local(text, dtstart.replace(tzinfo=None), getattr(zone, "key", None) or str(zone))


@lru_cache(maxsize=4096)
def _compile_local(text: str, wall: dt.datetime, zone_key: str) -> rrule:
    dtstart = wall.replace(tzinfo=UTC if zone_key == "UTC" else ZoneInfo(zone_key))
    result = rrulestr(_until_in_utc(text, dtstart), dtstart=dtstart, cache=False)
    if not isinstance(result, rrule):
        raise ValueError("expected a single RRULE")
    return result


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def parse_instants(values: Iterable[str]) -> set[dt.datetime]:
    """ISO-8601 instants as stored in ``Event.exdates``/``rdates`` (naive text means UTC)."""
    return {_as_utc(dt.datetime.fromisoformat(v)) for v in values if v}


def expand(start: dt.datetime, rule_text: str, time_zone: str, window_start: dt.datetime,
           window_end: dt.datetime, *, duration: dt.timedelta = dt.timedelta(0),
           exdates: Iterable[str] = (), rdates: Iterable[str] = ()) -> list[dt.datetime]:
    """UTC starts of the occurrences whose span [start, start + duration) meets [window_start, window_end).

    ``start`` is the series' first start (aware, any zone); wall-clock times are kept in ``time_zone`` across
    daylight-saving changes. EXDATEs remove, RDATEs add (both as stored: ISO-8601 instants). A rule that cannot
    be expanded raises InvalidRuleError.
    """
    zone = ZoneInfo(time_zone)
    local_start = start.astimezone(zone)
    lo = window_start - duration if duration > dt.timedelta(0) else window_start
    starts: set[dt.datetime] = set()
    if rule_text:
        text = _strip_prefix(rule_text)
        try:
            series = _series(text, _anchor(local_start, text, lo.astimezone(zone)))
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise InvalidRuleError(detail=text) from exc
        found = series.between(lo, window_end)
        if not rdates:
            # The common case, kept lean: a year's agenda expands thousands of series.
            skip = parse_instants(exdates) if exdates else ()
            if duration > dt.timedelta(0):
                return [s for s in found if s + duration > window_start and s not in skip]
            return [s for s in found if s >= window_start and s not in skip]
        starts.update(found)
    else:
        starts.add(local_start.astimezone(UTC))
    starts |= parse_instants(rdates)
    starts -= parse_instants(exdates)
    return sorted(s for s in starts if meets(s, s + duration, window_start, window_end))


class _Series:
    """The UTC starts of one compiled rule, generated lazily and kept, so moving between months is cheap."""

    def __init__(self, compiled: rrule) -> None:
        self._iter = iter(compiled)
        self._starts: list[dt.datetime] = []
        self._done = False

    def between(self, lo: dt.datetime, hi: dt.datetime) -> list[dt.datetime]:
        while not self._done and (not self._starts or self._starts[-1] < hi):
            try:
                self._starts.append(next(self._iter).astimezone(UTC))
            except StopIteration:
                self._done = True
        return self._starts[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]


def _series(text: str, dtstart: dt.datetime) -> _Series:
    zone = dtstart.tzinfo
    return _series_local(text, dtstart.replace(tzinfo=None), getattr(zone, "key", None) or str(zone))


@lru_cache(maxsize=16384)
def _series_local(text: str, wall: dt.datetime, zone_key: str) -> _Series:
    return _Series(_compile_local(text, wall, zone_key))


@lru_cache(maxsize=1024)
def _fields(text: str) -> dict[str, str]:
    return {k.upper(): v.upper() for k, _sep, v in (p.partition("=") for p in text.split(";") if p)}


def _anchor(local_start: dt.datetime, text: str, lo: dt.datetime) -> dt.datetime:
    """A later DTSTART on the same phase of the rule, so a long-running daily or weekly series need not be
    generated from its first day. Quantised to the window's year, so the months of one year share a cache entry.
    Rules with COUNT or BYSETPOS (which count from the real start) are left alone."""
    fields = _fields(text)
    freq = fields.get("FREQ")
    if freq not in ("DAILY", "WEEKLY") or "COUNT" in fields or "BYSETPOS" in fields:
        return local_start
    period = int(fields.get("INTERVAL", "1") or 1) * (7 if freq == "WEEKLY" else 1)
    horizon = dt.date(lo.year, 1, 1) - dt.timedelta(days=period)
    n = (horizon - local_start.date()).days // period
    if n <= 0:
        return local_start
    wall = local_start.replace(tzinfo=None) + dt.timedelta(days=n * period)
    return wall.replace(tzinfo=local_start.tzinfo)


def meets(start: dt.datetime, end: dt.datetime, window_start: dt.datetime, window_end: dt.datetime) -> bool:
    """Whether [start, end) meets [window_start, window_end); a zero-length entry counts at its instant."""
    if end <= start:
        return window_start <= start < window_end
    return start < window_end and end > window_start


def count_before(start: dt.datetime, rule_text: str, time_zone: str, moment: dt.datetime) -> int:
    """How many occurrences of the rule start before ``moment`` (used to split a series with a COUNT)."""
    if moment <= start:
        return 0
    zone = ZoneInfo(time_zone)
    n = 0
    for occurrence in _compile(_strip_prefix(rule_text), start.astimezone(zone)).xafter(start.astimezone(zone),
                                                                                          inc=True):
        if occurrence >= moment:  # stop here: a rule without an end would run to the year 9999
            break
        n += 1
    return n


def with_end(rule_text: str, until: dt.datetime | None = None, count: int | None = None) -> str:
    """The same RRULE text with its end replaced (UNTIL in UTC, or COUNT, or neither)."""
    parts = [p for p in _strip_prefix(rule_text).split(";")
             if p and p.partition("=")[0].upper() not in ("UNTIL", "COUNT")]
    if until is not None:
        parts.append("UNTIL=" + until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
    if count is not None:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def rule_count(rule_text: str) -> int | None:
    for part in _strip_prefix(rule_text).split(";"):
        key, _sep, value = part.partition("=")
        if key.upper() == "COUNT":
            return int(value)
    return None


# --- plain words --------------------------------------------------------------------------------------------

# Whole phrases, so that translators can make ordinals, articles and prepositions agree with each weekday
# ("no primeiro domingo" but "na primeira segunda-feira"): never glue an ordinal to a weekday name.
_NTH: dict[tuple[int, int], tuple[str, str]] = {
    (1, 0): NP_("monthly repeat", "on the first Monday"),
    (1, 1): NP_("monthly repeat", "on the first Tuesday"),
    (1, 2): NP_("monthly repeat", "on the first Wednesday"),
    (1, 3): NP_("monthly repeat", "on the first Thursday"),
    (1, 4): NP_("monthly repeat", "on the first Friday"),
    (1, 5): NP_("monthly repeat", "on the first Saturday"),
    (1, 6): NP_("monthly repeat", "on the first Sunday"),
    (2, 0): NP_("monthly repeat", "on the second Monday"),
    (2, 1): NP_("monthly repeat", "on the second Tuesday"),
    (2, 2): NP_("monthly repeat", "on the second Wednesday"),
    (2, 3): NP_("monthly repeat", "on the second Thursday"),
    (2, 4): NP_("monthly repeat", "on the second Friday"),
    (2, 5): NP_("monthly repeat", "on the second Saturday"),
    (2, 6): NP_("monthly repeat", "on the second Sunday"),
    (3, 0): NP_("monthly repeat", "on the third Monday"),
    (3, 1): NP_("monthly repeat", "on the third Tuesday"),
    (3, 2): NP_("monthly repeat", "on the third Wednesday"),
    (3, 3): NP_("monthly repeat", "on the third Thursday"),
    (3, 4): NP_("monthly repeat", "on the third Friday"),
    (3, 5): NP_("monthly repeat", "on the third Saturday"),
    (3, 6): NP_("monthly repeat", "on the third Sunday"),
    (4, 0): NP_("monthly repeat", "on the fourth Monday"),
    (4, 1): NP_("monthly repeat", "on the fourth Tuesday"),
    (4, 2): NP_("monthly repeat", "on the fourth Wednesday"),
    (4, 3): NP_("monthly repeat", "on the fourth Thursday"),
    (4, 4): NP_("monthly repeat", "on the fourth Friday"),
    (4, 5): NP_("monthly repeat", "on the fourth Saturday"),
    (4, 6): NP_("monthly repeat", "on the fourth Sunday"),
    (5, 0): NP_("monthly repeat", "on the fifth Monday"),
    (5, 1): NP_("monthly repeat", "on the fifth Tuesday"),
    (5, 2): NP_("monthly repeat", "on the fifth Wednesday"),
    (5, 3): NP_("monthly repeat", "on the fifth Thursday"),
    (5, 4): NP_("monthly repeat", "on the fifth Friday"),
    (5, 5): NP_("monthly repeat", "on the fifth Saturday"),
    (5, 6): NP_("monthly repeat", "on the fifth Sunday"),
    (-1, 0): NP_("monthly repeat", "on the last Monday"),
    (-1, 1): NP_("monthly repeat", "on the last Tuesday"),
    (-1, 2): NP_("monthly repeat", "on the last Wednesday"),
    (-1, 3): NP_("monthly repeat", "on the last Thursday"),
    (-1, 4): NP_("monthly repeat", "on the last Friday"),
    (-1, 5): NP_("monthly repeat", "on the last Saturday"),
    (-1, 6): NP_("monthly repeat", "on the last Sunday"),
}
# One weekday of a weekly rule, with the preposition it takes in the language (pt "às segundas-feiras",
# "aos sábados"); the days are then joined with the language's list pattern.
_ON_DAY: tuple[tuple[str, str], ...] = (
    NP_("weekly repeat, one day of the list", "Monday"),
    NP_("weekly repeat, one day of the list", "Tuesday"),
    NP_("weekly repeat, one day of the list", "Wednesday"),
    NP_("weekly repeat, one day of the list", "Thursday"),
    NP_("weekly repeat, one day of the list", "Friday"),
    NP_("weekly repeat, one day of the list", "Saturday"),
    NP_("weekly repeat, one day of the list", "Sunday"),
)
_IN_MONTH: tuple[tuple[str, str], ...] = (
    NP_("yearly repeat", "in January"),
    NP_("yearly repeat", "in February"),
    NP_("yearly repeat", "in March"),
    NP_("yearly repeat", "in April"),
    NP_("yearly repeat", "in May"),
    NP_("yearly repeat", "in June"),
    NP_("yearly repeat", "in July"),
    NP_("yearly repeat", "in August"),
    NP_("yearly repeat", "in September"),
    NP_("yearly repeat", "in October"),
    NP_("yearly repeat", "in November"),
    NP_("yearly repeat", "in December"),
)


def nth_weekday_phrase(nth: int, weekday: int) -> str:
    """"on the second Tuesday" (nth 1…5 or -1 for the last; weekday 0 = Monday), as one translated phrase."""
    return pgettext(*_NTH[(nth, weekday)])


def describe(rule: Rule | str, time_zone: str = "UTC") -> str:
    """The rule in plain, translated words: "Every 2 weeks, on Monday and Thursday, until 31 Dec 2026"."""
    from partnerdesk.l10n import format_date, format_list

    parsed = Rule.parse(rule) if isinstance(rule, str) else rule
    if parsed is None:
        return _("Custom repeat rule ({rule})").format(rule=_strip_prefix(str(rule)))
    n = parsed.interval
    if parsed.freq is Repeat.DAILY:
        head = _("Every day") if n == 1 else ngettext("Every {n} day", "Every {n} days", n).format(n=n)
    elif parsed.freq is Repeat.WEEKLY:
        head = _("Every week") if n == 1 else ngettext("Every {n} week", "Every {n} weeks", n).format(n=n)
    elif parsed.freq is Repeat.MONTHLY:
        head = _("Every month") if n == 1 else ngettext("Every {n} month", "Every {n} months", n).format(n=n)
    else:
        head = _("Every year") if n == 1 else ngettext("Every {n} year", "Every {n} years", n).format(n=n)
    details: list[str] = []
    if parsed.month is not None:
        details.append(pgettext(*_IN_MONTH[parsed.month - 1]))
    if parsed.nth is not None:
        details.append(nth_weekday_phrase(parsed.nth, parsed.weekdays[0]))
    elif parsed.weekdays:
        days = format_list([pgettext(*_ON_DAY[d]) for d in sorted(set(parsed.weekdays))])
        # TRANSLATORS: {weekdays} is a list of the "weekly repeat, one day of the list" entries; put the
        # preposition there (pt "às segundas-feiras e às quintas-feiras") or here, whichever reads naturally.
        details.append(pgettext("weekly repeat", "on {weekdays}").format(weekdays=days))
    if parsed.month_day is not None:
        details.append(_("on the last day") if parsed.month_day == -1
                       else _("on day {day}").format(day=parsed.month_day))
    text = head
    for detail in details:
        text = _("{rule}, {detail}").format(rule=text, detail=detail)
    if parsed.until is not None:
        day = parsed.until.astimezone(ZoneInfo(time_zone)).date()
        text = _("{rule}, until {date}").format(rule=text, date=format_date(day))
    elif parsed.count is not None:
        text = ngettext("{rule}, {count} time", "{rule}, {count} times", parsed.count).format(
            rule=text, count=parsed.count)
    return text
