"""Working hours across time zones, without I/O: a person's working windows, overlaps, free slots.

Times are aware datetimes; windows are computed in each side's own zone (zoneinfo), so daylight-saving changes move
the UTC window, never the local hours. Weekdays are 0 = Monday … 6 = Sunday, as ``datetime.weekday()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

UTC = dt.UTC


@dataclass(frozen=True)
class WorkingHours:
    """Someone's working week: zone, daily start/end ("HH:MM") and weekend days."""

    time_zone: str
    start: str = "09:00"
    end: str = "18:00"
    weekend: tuple[int, ...] = (5, 6)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def _clock(self, text: str) -> dt.time:
        hours, minutes = (int(part) for part in text.split(":"))
        return dt.time(hours, minutes)

    def window_on(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """The UTC working window on ``day`` in this person's own calendar, or None on a weekend day.

        An end at or before the start means the shift runs past midnight.
        """
        if day.weekday() in self.weekend:
            return None
        start = dt.datetime.combine(day, self._clock(self.start), self.zone)
        end = dt.datetime.combine(day, self._clock(self.end), self.zone)
        if end <= start:
            end = dt.datetime.combine(day + dt.timedelta(days=1), self._clock(self.end), self.zone)
        return start.astimezone(UTC), end.astimezone(UTC)

    def windows(self, start: dt.datetime, end: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """UTC working windows intersecting [start, end), clipped to it, in order."""
        zone = self.zone
        day = start.astimezone(zone).date() - dt.timedelta(days=1)
        last = end.astimezone(zone).date()
        while day <= last:
            window = self.window_on(day)
            if window is not None:
                lo, hi = max(window[0], start), min(window[1], end)
                if lo < hi:
                    yield lo, hi
            day += dt.timedelta(days=1)

    def is_working(self, moment: dt.datetime) -> bool:
        local_day = moment.astimezone(self.zone).date()
        for day in (local_day - dt.timedelta(days=1), local_day):
            window = self.window_on(day)
            if window is not None and window[0] <= moment < window[1]:
                return True
        return False

    def covers(self, start: dt.datetime, end: dt.datetime) -> bool:
        """True when [start, end) lies inside one working window (no weekend, no evening)."""
        local_day = start.astimezone(self.zone).date()
        for day in (local_day - dt.timedelta(days=1), local_day):
            window = self.window_on(day)
            if window is not None and window[0] <= start and end <= window[1]:
                return True
        return False


def intersect(a: Iterable[tuple[dt.datetime, dt.datetime]],
              b: Iterable[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    """Intersection of two sorted lists of disjoint intervals."""
    left, right = list(a), list(b)
    out: list[tuple[dt.datetime, dt.datetime]] = []
    i = j = 0
    while i < len(left) and j < len(right):
        lo, hi = max(left[i][0], right[j][0]), min(left[i][1], right[j][1])
        if lo < hi:
            out.append((lo, hi))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return out


def working_overlap(people: Sequence[WorkingHours], start: dt.datetime,
                    end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """UTC intervals in [start, end) when everyone in ``people`` is working."""
    if not people:
        return []
    result = list(people[0].windows(start, end))
    for person in people[1:]:
        result = intersect(result, person.windows(start, end))
    return result


def typical_overlap(me: WorkingHours, other: WorkingHours,
                    reference: dt.date) -> tuple[dt.timedelta, tuple[dt.time, dt.time] | None]:
    """The overlap on the first common working day from ``reference`` (up to two weeks on).

    Returns its length and, when there is one, the overlap as wall-clock times in ``me``'s zone, e.g. to print
    "14:00–17:00 your time, 3 h". A zero length means the two working weeks never meet.
    """
    start = dt.datetime.combine(reference, dt.time(0), me.zone).astimezone(UTC)
    for offset in range(14):
        day_start = start + dt.timedelta(days=offset)
        slots = working_overlap([me, other], day_start, day_start + dt.timedelta(days=1))
        if slots:
            lo, hi = slots[0]
            total = sum((b - a for a, b in slots), dt.timedelta())
            return total, (lo.astimezone(me.zone).time(), hi.astimezone(me.zone).time())
    return dt.timedelta(), None


def free_slots(people: Sequence[WorkingHours], busy: Iterable[tuple[dt.datetime, dt.datetime]],
               duration: dt.timedelta, start: dt.datetime, end: dt.datetime, *, step_minutes: int = 30,
               limit: int = 10) -> list[tuple[dt.datetime, dt.datetime]]:
    """Up to ``limit`` slots of ``duration`` where everyone works and nothing in ``busy`` is booked.

    Candidate starts are aligned to ``step_minutes`` (in UTC minutes, which matches local half hours for every
    zone with a whole or half-hour offset). At most one slot is offered per overlap window and day.
    """
    blocked = sorted(busy)
    slots: list[tuple[dt.datetime, dt.datetime]] = []
    step = dt.timedelta(minutes=step_minutes)
    for lo, hi in working_overlap(people, start, end):
        minute = lo.minute % step_minutes
        candidate = lo if minute == 0 and lo.second == 0 else (
            lo.replace(second=0, microsecond=0) + dt.timedelta(minutes=step_minutes - minute))
        while candidate + duration <= hi:
            finish = candidate + duration
            clash = next((b for b in blocked if b[0] < finish and candidate < b[1]), None)
            if clash is None:
                slots.append((candidate, finish))
                break
            candidate = max(candidate + step, clash[1])
        if len(slots) >= limit:
            break
    return slots
