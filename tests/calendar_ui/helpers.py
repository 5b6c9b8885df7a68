"""Calendar UI fixtures: occurrences built by hand, a model over them, views in a fixed zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from partnerdesk.domain.occurrence import Occurrence, SourceKind

LISBON = ZoneInfo("Europe/Lisbon")


def at(day: dt.date, hour: int, minute: int = 0, tz: dt.tzinfo = LISBON) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tz).astimezone(dt.UTC)


def make_occ(title: str, start: dt.datetime, end: dt.datetime, *, source: SourceKind = SourceKind.EVENT,
             source_id: int = 1, all_day: bool = False, partner_id: int | None = None, tz: str = "Europe/Lisbon",
             recurring: bool = False, recurrence_id: dt.datetime | None = None) -> Occurrence:
    return Occurrence(source=source, source_id=source_id, title=title, start=start, end=end, time_zone=tz,
                      all_day=all_day, partner_id=partner_id, partner_name=f"Partner {partner_id}" if partner_id else "",
                      recurring=recurring, series_id=source_id if recurring else None, recurrence_id=recurrence_id)


def all_day(title: str, day: dt.date, days: int = 1, **kw) -> Occurrence:  # type: ignore[no-untyped-def]
    return make_occ(title, at(day, 0), at(day + dt.timedelta(days=days), 0), all_day=True, **kw)


class ListSource:
    """A loader over a fixed list, filtering by range like the service does."""

    def __init__(self, entries: list[Occurrence]) -> None:
        self.entries = entries
        self.calls: list[tuple[dt.datetime, dt.datetime]] = []

    def __call__(self, start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
        self.calls.append((start, end))
        return [o for o in self.entries if o.start < end and o.end > start]


