"""Turning the TZID of an .ics file into an IANA zone name.

Clients write zone ids in several dialects:

* IANA names (Google, Apple, Thunderbird): ``Europe/Lisbon``;
* Windows names (Outlook, Exchange): ``W. Europe Standard Time``, mapped with CLDR's windowsZones table as shipped
  and maintained by the ``icalendar`` library;
* prefixed IANA names (older Thunderbird/Lightning, Evolution): ``/mozilla.org/20070129_1/Europe/Berlin``;
* free text with a VTIMEZONE definition (Outlook "Customized Time Zone", display names such as
  ``(UTC+01:00) Amsterdam, Berlin, Bern, Rome``): matched by comparing the VTIMEZONE's offsets over two years with
  every IANA zone, preferring zones whose city appears in the name, then the calendar's own hints.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

_UTC_NAMES = {"utc", "gmt", "z", "etc/utc", "etc/gmt", "universal", "zulu", "coordinated universal time",
              "utc standard time", "gmt standard time (utc)"}
_WINDOWS_FOLDED = {name.casefold(): zone for name, zone in WINDOWS_TO_OLSON.items()}


@cache
def _iana_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@cache
def _preferred_order() -> tuple[str, ...]:
    """Every IANA zone, the canonical zone of each Windows zone first (e.g. Asia/Dubai before Asia/Baku)."""
    first = list(dict.fromkeys(z for z in WINDOWS_TO_OLSON.values() if z in _iana_zones()))
    rest = sorted(z for z in _iana_zones() if z not in set(first) and "/" in z and not z.startswith("Etc/"))
    return (*first, *rest)


def is_iana(name: str) -> bool:
    if name == "UTC":
        return True
    if name not in _iana_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def zone_by_name(tzid: str) -> str | None:
    """The IANA zone a TZID names, without looking at any VTIMEZONE; None when the name is not recognised."""
    name = tzid.strip().strip('"').strip()
    if not name:
        return None
    if name.casefold() in _UTC_NAMES:
        return "UTC"
    if is_iana(name):
        return name
    windows = WINDOWS_TO_OLSON.get(name) or _WINDOWS_FOLDED.get(name.casefold())
    if windows:
        return windows
    parts = [p for p in name.split("/") if p]
    for i in range(1, len(parts)):
        candidate = "/".join(parts[i:])
        if is_iana(candidate):
            return candidate
    return None


def _samples(year: int) -> list[dt.datetime]:
    """Noon UTC on the 1st and 15th of every month of two years, plus the usual transition weekends."""
    out = []
    for y in (year, year + 1):
        for month in range(1, 13):
            for day in (1, 15, 28):
                out.append(dt.datetime(y, month, day, 12, tzinfo=dt.UTC))
    return out


def _offsets(tz: dt.tzinfo, samples: Sequence[dt.datetime]) -> tuple[dt.timedelta | None, ...]:
    return tuple(moment.astimezone(tz).utcoffset() for moment in samples)


def zone_by_offsets(tzid: str, tz: dt.tzinfo, hints: Sequence[str] = (), year: int | None = None) -> str | None:
    """The IANA zone whose UTC offsets equal those of ``tz`` (a VTIMEZONE turned into a tzinfo) over two years.

    Among equal candidates, a zone whose city is named in ``tzid`` wins, then one of ``hints`` (the calendar's
    X-WR-TIMEZONE, the user's zone), then the canonical zone of a Windows zone.
    """
    samples = _samples(year or dt.date.today().year)
    try:
        wanted = _offsets(tz, samples)
    except Exception:  # a broken VTIMEZONE definition: no match rather than a crash
        return None
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", tzid.replace("_", " "))}

    def city_named(zone: str) -> bool:
        city = zone.rsplit("/", 1)[-1].replace("_", " ").casefold()
        return all(part in words for part in city.split())

    ordered = [z for z in _preferred_order() if city_named(z)]
    ordered += [h for h in hints if h and is_iana(h)]
    ordered += list(_preferred_order())
    for zone in dict.fromkeys(ordered):
        if _offsets(ZoneInfo(zone), samples) == wanted:
            return zone
    if all(o == dt.timedelta(0) for o in wanted):
        return "UTC"
    return None


def same_clock(zone: str, hints: Sequence[str], year: int | None = None) -> str:
    """The first of ``hints`` that keeps the same UTC offsets as ``zone`` over two years, else ``zone``."""
    samples = _samples(year or dt.date.today().year)
    wanted = _offsets(ZoneInfo(zone), samples)
    for hint in hints:
        if hint and hint != zone and is_iana(hint) and hint != "UTC" and _offsets(ZoneInfo(hint), samples) == wanted:
            return hint
    return zone


def zone_info(name: str) -> dt.tzinfo:
    return dt.UTC if name == "UTC" else ZoneInfo(name)
