"""Reporting periods for KPIs: calendar months and quarters, their neighbours and how far one has run.

A :class:`Period` is a closed date range ``start..end`` with a granularity. Periods are values: equal when their
dates and granularity are equal, hashable, ordered by start. ``key`` is the stable text form used in files and on
the command line: ``2026-11`` for a month, ``2026-Q4`` for a quarter.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Granularity(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"

    @property
    def months(self) -> int:
        return 1 if self is Granularity.MONTH else 3


_KEY = re.compile(r"^\s*(\d{4})-(?:(\d{1,2})|[Qq]([1-4]))\s*$")


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    granularity: Granularity = Granularity.MONTH

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), Granularity.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        end_month = first + 2
        return cls(dt.date(year, first, 1), dt.date(year, end_month, calendar.monthrange(year, end_month)[1]),
                   Granularity.QUARTER)

    @classmethod
    def containing(cls, day: dt.date, granularity: Granularity = Granularity.MONTH) -> Period:
        """The month or quarter that contains ``day``."""
        if granularity is Granularity.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.month(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-11`` (month) or ``2026-Q4`` (quarter); ValueError on anything else."""
        match = _KEY.match(text or "")
        if not match:
            raise ValueError(f"not a period: {text!r}")
        year = int(match.group(1))
        if match.group(3):
            return cls.quarter(year, int(match.group(3)))
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"not a month: {text!r}")
        return cls.month(year, month)

    @property
    def key(self) -> str:
        if self.granularity is Granularity.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (negative: earlier) at the same granularity."""
        year, month = _add_months(self.start.year, self.start.month, steps * self.granularity.months)
        if self.granularity is Granularity.QUARTER:
            return Period.quarter(year, (month - 1) // 3 + 1)
        return Period.month(year, month)

    def previous(self) -> Period:
        return self.shifted(-1)

    def last_year(self) -> Period:
        """The same month or quarter one year earlier."""
        return self.shifted(-12 // self.granularity.months)

    def history(self, count: int) -> list[Period]:
        """``count`` periods ending with this one, oldest first."""
        return [self.shifted(-i) for i in range(count - 1, -1, -1)]

    def months(self) -> list[Period]:
        """The calendar months inside this period (itself for a month)."""
        if self.granularity is Granularity.MONTH:
            return [self]
        return [Period.month(*_add_months(self.start.year, self.start.month, i)) for i in range(3)]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def is_future(self, today: dt.date) -> bool:
        return self.start > today

    def is_running(self, today: dt.date) -> bool:
        """True while ``today`` is inside the period (it is not finished yet)."""
        return self.contains(today)

    def elapsed_fraction(self, today: dt.date) -> float:
        """Share of the period's days gone by ``today``, today included: 0.0 before it starts, 1.0 after it ends."""
        if today < self.start:
            return 0.0
        if today >= self.end:
            return 1.0
        return ((today - self.start).days + 1) / self.days


def period_for_range(start: dt.date, end: dt.date) -> Period | None:
    """The month or quarter exactly spanning ``start..end``; None if the range is neither."""
    for granularity in (Granularity.MONTH, Granularity.QUARTER):
        candidate = Period.containing(start, granularity)
        if candidate.start == start and candidate.end == end:
            return candidate
    return None
