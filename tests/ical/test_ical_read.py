"""Reading .ics files as the big clients write them: zones, all-day, recurrence, alarms, links, scripts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from partnerdesk import l10n
from partnerdesk.interop.icalendar_io import CalendarFileError, EventReadError, read_calendar

UTC = dt.UTC


def by_title(records, start):  # type: ignore[no-untyped-def]
    return next(r for r in records if r.title.startswith(start))


def local(moment: dt.datetime, zone: str) -> dt.datetime:
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def test_outlook_windows_zones_become_iana(ics) -> None:  # type: ignore[no-untyped-def]
    records = read_calendar(ics("outlook"), "Europe/Lisbon")
    assert len(records) == 5
    weekly = by_title(records, "Εβδομαδιαία συνάντηση αποστολών")
    # "GTB Standard Time" is CLDR's Bucharest zone: same clock as Athens, 11:00 local = 09:00 UTC in winter.
    assert weekly.time_zone == "Europe/Bucharest"
    assert weekly.starts_at == dt.datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    assert weekly.rrule.startswith("FREQ=WEEKLY;UNTIL=20260430T080000Z")
    assert weekly.exdates == [dt.datetime(2026, 3, 19, 9, 0, tzinfo=UTC)]
    assert weekly.reminder_minutes == [15]
    assert weekly.video_link == "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA4%40thread.v2/0"
    assert weekly.attendee_emails == ["eleni@aegean.example", "ana@lumenco.example"]
    assert weekly.organizer == "ana@lumenco.example"
    assert "Microsoft Teams meeting" in weekly.description  # folded lines joined
    milan = by_title(records, "Revisione del contratto")
    assert milan.time_zone == "Europe/Berlin" and local(milan.starts_at, "Europe/Rome").hour == 9
    assert milan.location == "Via Montenapoleone 8, Milano" and milan.categories == ["Review", "Milano"]


def test_outlook_zone_prefers_the_users_own_equivalent_zone(ics) -> None:  # type: ignore[no-untyped-def]
    records = read_calendar(ics("outlook"), "Europe/Athens")
    assert by_title(records, "Εβδομαδιαία").time_zone == "Europe/Athens"


def test_outlook_customized_zone_is_matched_by_its_offsets(ics) -> None:  # type: ignore[no-untyped-def]
    dubai = by_title(read_calendar(ics("outlook"), "Europe/Lisbon"), "اجتماع")
    assert dubai.time_zone == "Asia/Dubai"
    assert dubai.starts_at == dt.datetime(2026, 3, 12, 6, 0, tzinfo=UTC)


def test_outlook_override_keeps_its_original_start(ics) -> None:  # type: ignore[no-untyped-def]
    moved = by_title(read_calendar(ics("outlook"), "Europe/Lisbon"), "Εβδομαδιαία συνάντηση αποστολών (μετα")
    assert moved.recurrence_id == dt.datetime(2026, 3, 26, 9, 0, tzinfo=UTC)  # 11:00 Athens, before DST
    assert local(moved.starts_at, "Europe/Athens") == dt.datetime(2026, 3, 26, 15, 0)
    assert moved.sequence == 1


def test_all_day_event_without_zone_uses_the_users_zone(ics) -> None:  # type: ignore[no-untyped-def]
    holiday = by_title(read_calendar(ics("outlook"), "Asia/Tokyo"), "Εθνική επέτειος")
    assert holiday.all_day and holiday.time_zone == "Asia/Tokyo"
    assert local(holiday.starts_at, "Asia/Tokyo") == dt.datetime(2026, 3, 25)
    assert holiday.ends_at - holiday.starts_at == dt.timedelta(days=1)


def test_google_utc_times_keep_the_calendar_zone(ics) -> None:  # type: ignore[no-untyped-def]
    records = read_calendar(ics("google"), "Asia/Tokyo")
    osaka = by_title(records, "大阪のパートナー")
    assert osaka.title == "大阪のパートナー「さくら商事」との四半期レビュー打ち合わせ（オンライン）"
    assert osaka.starts_at == dt.datetime(2026, 3, 20, 8, 30, tzinfo=UTC)
    assert osaka.time_zone == "Europe/Lisbon"  # X-WR-TIMEZONE, not the user's Tokyo
    assert osaka.reminder_minutes == [30, 1440]
    deadline = by_title(records, "Prazo")
    assert deadline.all_day and deadline.time_zone == "Europe/Lisbon"
    assert local(deadline.starts_at, "Europe/Lisbon") == dt.datetime(2026, 4, 10)


def test_google_series_with_override_and_cancelled_instance(ics) -> None:  # type: ignore[no-untyped-def]
    records = [r for r in read_calendar(ics("google"), "UTC") if r.uid.startswith("5k2f")]
    master = next(r for r in records if r.recurrence_id is None)
    assert master.rrule == "FREQ=WEEKLY;COUNT=6;BYDAY=MO" and master.time_zone == "Europe/Lisbon"
    assert master.video_link == "https://meet.google.com/abc-defg-hij"
    assert master.exdates == [dt.datetime(2026, 4, 6, 9, 0, tzinfo=UTC)]  # 10:00 Lisbon in summer time
    cancelled = next(r for r in records if r.cancelled)
    assert cancelled.recurrence_id == dt.datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
    moved = next(r for r in records if r.recurrence_id and not r.cancelled)
    assert local(moved.starts_at, "Europe/Lisbon") == dt.datetime(2026, 3, 23, 14, 0)


def test_apple_floating_time_is_in_the_calendar_zone_and_placeholder_alarm_ignored(ics) -> None:  # type: ignore[no-untyped-def]
    records = read_calendar(ics("apple"), "Europe/Lisbon")
    call = by_title(records, "Call with the Riyadh team")
    assert call.time_zone == "Asia/Dubai" and call.starts_at == dt.datetime(2026, 3, 12, 5, 0, tzinfo=UTC)
    review = by_title(records, "مراجعة العقد")
    assert review.reminder_minutes == [30]  # the ACTION:NONE alarm of 1976 is Apple's placeholder
    assert review.rdates == [dt.datetime(2026, 3, 20, 7, 0, tzinfo=UTC)]
    assert review.rrule == "FREQ=MONTHLY;COUNT=3;BYDAY=2WE"
    assert review.url == "https://gulf-trading.example/contracts/2026" and review.video_link == ""
    assert review.location == "Dubai Design District\nBuilding 7"
    riyadh = by_title(records, "عرض تقديمي")
    assert riyadh.time_zone == "Asia/Riyadh"
    eid = by_title(records, "عطلة عيد الفطر")
    assert eid.all_day and eid.ends_at - eid.starts_at == dt.timedelta(days=3)


def test_thunderbird_alarm_forms_prefixed_zone_duration_and_local_until(ics) -> None:  # type: ignore[no-untyped-def]
    records = read_calendar(ics("thunderbird"), "UTC")
    review = by_title(records, "Revisione contratto")
    # -PT1H, RELATED=START -P1D, and RELATED=END -PT70M on a one-hour event (10 minutes before the start)
    assert review.reminder_minutes == [10, 60, 1440]
    assert review.video_link == "https://zoom.us/j/93456789012?pwd=abc"  # found in LOCATION
    assert review.sequence == 2
    daily = by_title(records, "Καθημερινός")
    assert daily.time_zone == "Europe/Athens"  # "/mozilla.org/20070129_1/Europe/Athens"
    assert daily.ends_at - daily.starts_at == dt.timedelta(minutes=45)
    assert daily.rrule == "FREQ=DAILY;UNTIL=20260327T070000Z"  # local UNTIL turned into UTC as RFC 5545 asks


def test_line_ends_may_be_plain_newlines(ics) -> None:  # type: ignore[no-untyped-def]
    assert b"\r\n" not in ics("thunderbird")
    assert len(read_calendar(ics("thunderbird"))) == 2


def test_broken_event_names_number_line_and_reason(ics) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EventReadError) as caught:
        read_calendar(ics("broken"))
    message = caught.value.message
    assert "event 2" in message and "line 14" in message and "20260231T250000Z" in message
    assert "Event with an impossible start" in message


def test_broken_event_message_is_translated(ics) -> None:  # type: ignore[no-untyped-def]
    l10n.set_language("pt")
    with pytest.raises(EventReadError) as caught:
        read_calendar(ics("broken"))
    assert "Nothing was imported" not in caught.value.message and "14" in caught.value.message


@pytest.mark.parametrize("text, needle", [
    ("hello, this is not a calendar", "BEGIN:VCALENDAR"),
    ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\n", "never closed"),
    ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis line has no colon\r\nEND:VCALENDAR\r\n", "line 3"),
])
def test_not_a_calendar(text: str, needle: str) -> None:
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(text.encode())
    assert needle in caught.value.message


@pytest.mark.parametrize("lines, needle", [
    (["DTSTART;TZID=Mars/Olympus_Mons:20260310T100000"], "Mars/Olympus_Mons"),
    (["DTSTART:20260310T100000Z", "DTEND:20260310T090000Z"], "ends before it starts"),
    (["DTSTART:20260310T100000Z", "RRULE:FREQ=SOMETIMES"], "FREQ=SOMETIMES"),
    (["SUMMARY:No start"], "DTSTART"),
])
def test_bad_event_values(lines: list[str], needle: str) -> None:
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:e1", *lines, "END:VEVENT",
                        "END:VCALENDAR", ""])
    with pytest.raises(EventReadError) as caught:
        read_calendar(body.encode())
    assert needle in caught.value.message


def test_missing_uid_gets_a_stable_one() -> None:
    body = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20260310T100000Z\r\nSUMMARY:No uid\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert read_calendar(body)[0].uid == read_calendar(body)[0].uid != ""


def test_fold_inside_a_multibyte_character_and_bom() -> None:
    title = "大阪のパートナーとの打ち合わせ".encode()
    cut = 4  # inside the second character (3 bytes each)
    body = (b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:fold@example.com\r\n"
            b"DTSTART:20260320T083000Z\r\nSUMMARY:" + title[:cut] + b"\r\n " + title[cut:] + b"\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert read_calendar(body)[0].title == "大阪のパートナーとの打ち合わせ"


def test_outlook_all_day_written_as_midnight_times() -> None:
    body = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:ad@example.com\r\n"
            "DTSTART;TZID=W. Europe Standard Time:20260401T000000\r\n"
            "DTEND;TZID=W. Europe Standard Time:20260403T000000\r\n"
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\nSUMMARY:Salone del Mobile\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    record = read_calendar(body.encode(), "Europe/Rome")[0]
    assert record.all_day and record.time_zone == "Europe/Rome"
    assert local(record.starts_at, "Europe/Rome") == dt.datetime(2026, 4, 1)
    assert record.ends_at - record.starts_at == dt.timedelta(days=2)


def test_utf16_file_with_folded_lines(ics) -> None:  # type: ignore[no-untyped-def]
    data = ics("google").decode("utf-8").encode("utf-16")
    records = read_calendar(data, "UTC")
    assert by_title(records, "大阪").title.endswith("（オンライン）")


def test_private_rrule_parts_are_ignored() -> None:
    body = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:evo@example.com\r\n"
            b"DTSTART;TZID=Europe/Rome:20260310T100000\r\n"
            b"RRULE;X-EVOLUTION-ENDDATE=20260331T090000Z:FREQ=WEEKLY;COUNT=4;X-NAME=foo\r\n"
            b"SUMMARY:Stand-up\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert read_calendar(body)[0].rrule == "FREQ=WEEKLY;COUNT=4"


def test_all_day_event_ending_on_its_start_day_lasts_one_day() -> None:
    body = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:day@example.com\r\n"
            b"DTSTART;VALUE=DATE:20260325\r\nDTEND;VALUE=DATE:20260325\r\nSUMMARY:Holiday\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    record = read_calendar(body, "Europe/Athens")[0]
    assert record.ends_at - record.starts_at == dt.timedelta(days=1)


def test_values_out_of_range_are_a_clear_error() -> None:
    body = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:far@example.com\r\nDTSTART:99991231T230000Z\r\n"
            b"DURATION:P2D\r\nSUMMARY:Far away\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    with pytest.raises(EventReadError) as caught:
        read_calendar(body)
    assert "“Far away”" in caught.value.message and "line 3" in caught.value.message


def test_vtimezone_naming_its_iana_zone() -> None:
    body = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Ora di Atene\r\nX-LIC-LOCATION:Europe/Athens\r\n"
            "BEGIN:STANDARD\r\nDTSTART:19701025T040000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\n"
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T030000\r\n"
            "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
            "END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:ath@example.com\r\nDTSTART;TZID=Ora di Atene:20260401T100000\r\n"
            "SUMMARY:Riunione\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    record = read_calendar(body.encode())[0]
    assert record.time_zone == "Europe/Athens"
    assert record.starts_at == dt.datetime(2026, 4, 1, 7, 0, tzinfo=UTC)
