"""Recurrence expansion (RFC 5545 examples, DST, nth weekday, exceptions) and the editor's rule in words."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from partnerdesk import l10n
from partnerdesk.domain.recurrence import (
    InvalidRuleError,
    Repeat,
    Rule,
    check,
    describe,
    expand,
    with_end,
)

UTC = dt.UTC
NY = ZoneInfo("America/New_York")
LISBON = ZoneInfo("Europe/Lisbon")


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def local_days(starts: list[dt.datetime], zone: ZoneInfo) -> list[tuple[int, int, int, int]]:
    return [(s.astimezone(zone).year, s.astimezone(zone).month, s.astimezone(zone).day, s.astimezone(zone).hour)
            for s in starts]


def test_rfc5545_daily_for_ten_occurrences() -> None:
    start = dt.datetime(1997, 9, 2, 9, tzinfo=NY)
    got = expand(start, "FREQ=DAILY;COUNT=10", "America/New_York", utc(1997, 1, 1), utc(1998, 1, 1))
    assert len(got) == 10
    assert local_days(got, NY)[-1] == (1997, 9, 11, 9)


def test_rfc5545_every_other_week_mwf_until() -> None:
    start = dt.datetime(1997, 9, 1, 9, tzinfo=NY)
    rule = "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"
    got = expand(start, rule, "America/New_York", utc(1997, 1, 1), utc(1998, 1, 1))
    assert len(got) == 25  # the RFC lists 25 dates
    assert local_days(got, NY)[:4] == [(1997, 9, 1, 9), (1997, 9, 3, 9), (1997, 9, 5, 9), (1997, 9, 15, 9)]
    assert local_days(got, NY)[-1] == (1997, 12, 22, 9)
    # Across the end of daylight saving (26 Oct 1997) the wall clock stays at 09:00 New York.
    assert {h for *_d, h in local_days(got, NY)} == {9}


def test_rfc5545_monthly_first_friday() -> None:
    start = dt.datetime(1997, 9, 5, 9, tzinfo=NY)
    got = expand(start, "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "America/New_York", utc(1997, 1, 1), utc(1999, 1, 1))
    assert [d[:3] for d in local_days(got, NY)] == [
        (1997, 9, 5), (1997, 10, 3), (1997, 11, 7), (1997, 12, 5), (1998, 1, 2), (1998, 2, 6), (1998, 3, 6),
        (1998, 4, 3), (1998, 5, 1), (1998, 6, 5)]


def test_second_tuesday_from_editor_rule() -> None:
    rule = Rule(Repeat.MONTHLY, nth=2, weekdays=(1,), count=3)
    assert rule.to_rrule() == "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"
    start = dt.datetime(2026, 1, 13, 15, tzinfo=LISBON)
    got = expand(start, rule.to_rrule(), "Europe/Lisbon", utc(2026, 1, 1), utc(2027, 1, 1))
    assert [d[:3] for d in local_days(got, LISBON)] == [(2026, 1, 13), (2026, 2, 10), (2026, 3, 10)]


def test_ten_oclock_lisbon_stays_ten_across_dst() -> None:
    start = dt.datetime(2026, 3, 23, 10, tzinfo=LISBON)  # Monday before the change on 29 March
    got = expand(start, "FREQ=WEEKLY", "Europe/Lisbon", utc(2026, 3, 1), utc(2026, 4, 7))
    assert got == [utc(2026, 3, 23, 10), utc(2026, 3, 30, 9), utc(2026, 4, 6, 9)]


def test_exdates_and_rdates() -> None:
    start = utc(2026, 6, 1, 12)
    got = expand(start, "FREQ=DAILY;COUNT=4", "UTC", utc(2026, 6, 1), utc(2026, 7, 1),
                 exdates=["2026-06-02T12:00:00+00:00"], rdates=["2026-06-20T08:00:00+00:00"])
    assert got == [utc(2026, 6, 1, 12), utc(2026, 6, 3, 12), utc(2026, 6, 4, 12), utc(2026, 6, 20, 8)]


def test_window_includes_an_occurrence_already_running() -> None:
    start = utc(2026, 6, 1, 23)
    got = expand(start, "FREQ=DAILY", "UTC", utc(2026, 6, 3), utc(2026, 6, 4), duration=dt.timedelta(hours=2))
    assert got == [utc(2026, 6, 2, 23), utc(2026, 6, 3, 23)]


def test_date_only_until_from_exported_files_is_read_in_the_series_zone() -> None:
    start = dt.datetime(2026, 5, 4, 22, tzinfo=ZoneInfo("Asia/Tokyo"))
    got = expand(start, "FREQ=DAILY;UNTIL=20260506", "Asia/Tokyo", utc(2026, 5, 1), utc(2026, 6, 1))
    assert len(got) == 3


def test_invalid_rule_is_a_translated_error() -> None:
    with pytest.raises(InvalidRuleError) as info:
        check("FREQ=FORTNIGHTLY")
    assert "FREQ=FORTNIGHTLY" in str(info.value)
    with pytest.raises(InvalidRuleError):
        Rule(Repeat.WEEKLY, interval=0)


def test_rule_round_trip_and_custom_rules() -> None:
    rule = Rule(Repeat.WEEKLY, interval=2, weekdays=(3, 0), until=utc(2026, 12, 31, 23, 59, 59))
    assert Rule.parse(rule.to_rrule()) == Rule(Repeat.WEEKLY, interval=2, weekdays=(0, 3),
                                                until=utc(2026, 12, 31, 23, 59, 59))
    assert Rule.parse("RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR") is None
    assert with_end("FREQ=DAILY;COUNT=5", until=utc(2026, 1, 2)) == "FREQ=DAILY;UNTIL=20260102T000000Z"


def test_describe_in_plain_words() -> None:
    rule = Rule(Repeat.WEEKLY, interval=2, weekdays=(0, 3), until=utc(2026, 12, 31, 12))
    assert describe(rule, "Europe/Lisbon") == "Every 2 weeks, on Monday and Thursday, until 31 Dec 2026"
    assert describe(Rule(Repeat.MONTHLY, nth=2, weekdays=(1,), count=6)) == \
        "Every month, on the second Tuesday, 6 times"
    assert describe(Rule(Repeat.DAILY)) == "Every day"
    assert describe("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,FR").startswith("Custom repeat rule")


@pytest.mark.parametrize("lang", ["pt", "ja", "it", "el", "ar"])
def test_describe_is_translated(lang: str) -> None:
    english = describe(Rule(Repeat.WEEKLY, interval=2, weekdays=(0, 3), count=4))
    l10n.set_language(lang)
    text = describe(Rule(Repeat.WEEKLY, interval=2, weekdays=(0, 3), count=4))
    assert text != english and "Every" not in text and "{" not in text
