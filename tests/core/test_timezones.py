"""Working-hours overlap and free slots across zones and daylight-saving changes."""

import datetime as dt
from zoneinfo import ZoneInfo

from partnerdesk.domain.timezones import WorkingHours, free_slots, typical_overlap, working_overlap

UTC = dt.UTC
LISBON = WorkingHours("Europe/Lisbon")
TOKYO = WorkingHours("Asia/Tokyo")
RIYADH = WorkingHours("Asia/Riyadh", "09:00", "17:00", (4, 5))
SAO_PAULO = WorkingHours("America/Sao_Paulo")


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_window_keeps_local_hours_across_dst() -> None:
    # Lisbon moves to summer time on 29 March 2026: 09:00 local is 09:00 UTC before, 08:00 UTC after.
    assert LISBON.window_on(dt.date(2026, 3, 27)) == (utc(2026, 3, 27, 9), utc(2026, 3, 27, 18))
    assert LISBON.window_on(dt.date(2026, 3, 30)) == (utc(2026, 3, 30, 8), utc(2026, 3, 30, 17))


def test_gulf_weekend_is_friday_saturday() -> None:
    assert RIYADH.window_on(dt.date(2026, 11, 27)) is None  # Friday
    assert RIYADH.window_on(dt.date(2026, 11, 28)) is None  # Saturday
    assert RIYADH.window_on(dt.date(2026, 11, 29)) == (utc(2026, 11, 29, 6), utc(2026, 11, 29, 14))  # Sunday


def test_lisbon_and_tokyo_share_no_hour_but_lisbon_and_riyadh_do() -> None:
    week = (utc(2026, 11, 23), utc(2026, 11, 30))
    assert working_overlap([LISBON, TOKYO], *week) == []
    overlap = working_overlap([LISBON, RIYADH], *week)
    # Monday-Thursday only (Riyadh's Friday and Lisbon's weekend fall out); 09:00-14:00 UTC each day.
    assert [lo.date().isoformat() for lo, _hi in overlap] == ["2026-11-23", "2026-11-24", "2026-11-25",
                                                           "2026-11-26"]
    assert all((lo.hour, hi.hour) == (9, 14) for lo, hi in overlap)


def test_typical_overlap_in_my_zone() -> None:
    length, clock = typical_overlap(LISBON, SAO_PAULO, dt.date(2026, 11, 23))
    # São Paulo is UTC-3 and Lisbon UTC+0 in November: 12:00-18:00 Lisbon.
    assert length == dt.timedelta(hours=6)
    assert clock == (dt.time(12), dt.time(18))
    assert typical_overlap(LISBON, TOKYO, dt.date(2026, 11, 23)) == (dt.timedelta(), None)


def test_free_slots_skip_booked_time_and_weekends() -> None:
    start = dt.datetime(2026, 11, 26, 0, 0, tzinfo=ZoneInfo("Europe/Lisbon"))  # Thursday
    busy = [(utc(2026, 11, 26, 9), utc(2026, 11, 26, 13, 15))]
    slots = free_slots([LISBON, RIYADH], busy, dt.timedelta(hours=1), start, start + dt.timedelta(days=5))
    # Thursday after the booking leaves 13:15-14:00: too short; next common day is Monday 30th.
    assert slots[0] == (utc(2026, 11, 30, 9), utc(2026, 11, 30, 10))
    assert all(lo.weekday() not in (4, 5, 6) for lo, _hi in slots)


def test_covers_flags_a_call_on_the_partner_weekend() -> None:
    assert RIYADH.covers(utc(2026, 11, 29, 7), utc(2026, 11, 29, 8))
    assert not RIYADH.covers(utc(2026, 11, 27, 7), utc(2026, 11, 27, 8))  # Friday
    assert not RIYADH.covers(utc(2026, 11, 29, 13, 30), utc(2026, 11, 29, 14, 30))  # runs past 17:00 local
