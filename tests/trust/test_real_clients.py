"""Files exported by real clients, with the quirks that made PartnerDesk refuse whole files."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from partnerdesk.interop import csv_io, vcard
from partnerdesk.interop.icalendar_io import read_calendar
from partnerdesk.interop.records import decode
from partnerdesk.services.calendar import occurrences
from partnerdesk.services.event_import import EventImportService
from partnerdesk.store.models import Event

UTC = dt.UTC


def test_android_photo_with_invalid_base64_length_keeps_the_card_and_photo(fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    result = vcard.read_vcards(fixture_bytes("android_photo_bad_padding.vcf"))
    assert result.errors == []
    first, second = result.records
    assert first.display_name == "João Silva" and first.phones[0]["value"] == "+55 11 91234-5678"
    assert first.photo is not None and first.photo.startswith(b"\xff\xd8")
    assert second.display_name == "Maria Costa"


def test_iphone_base64_lines_without_folding_space(fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    result = vcard.read_vcards(fixture_bytes("iphone_photo_unfolded_base64.vcf"))
    assert result.errors == [] and result.warnings == []
    (card,) = result.records
    assert card.display_name == "Luca Bianchi" and card.emails[0]["value"] == "luca@moda.example.it"
    assert card.photo is not None and card.photo.endswith(b"\xff\xd9")


def test_lotus_notes_nested_agent_card_is_left_out_with_a_warning(fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    result = vcard.read_vcards(fixture_bytes("lotus_notes_agent.vcf"))
    assert result.errors == []
    assert [r.display_name for r in result.records] == ["Hiroshi Tanaka", "Emi Kato"]
    assert result.records[0].phones == [{"value": "+81 3 1234 5678", "type": "work"}]  # after the nested card
    assert [(w.number, w.line) for w in result.warnings] == [(1, 1), (2, 17)]
    assert all("AGENT" in w.message for w in result.warnings)


def test_outlook_2003_values_returned_as_lists_or_bytes(fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    result = vcard.read_vcards(fixture_bytes("outlook_2003.vcf"))
    assert result.errors == []
    (card,) = result.records
    assert card.display_name == "Jürgen Müller" and card.organization == "Kaufhaus Nord GmbH / Einkauf"
    assert card.emails == [{"value": "j.mueller@kaufhaus-nord.example.de", "type": "work"}]
    assert card.tags == ["Partner", "Logistik"]


def test_card_to_record_flattens_list_values() -> None:
    import vobject

    card = vobject.readOne("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\nEND:VCARD\r\n")
    card.fn.value = ["Ana", "Lima"]
    card.add("title").value = ["Head", "of sales"]
    card.add("email").value = [b"ana@example.com"]
    card.add("n").value = ["Lima", "Ana"]
    record = vcard.card_to_record(card)
    assert record.display_name == "Ana, Lima" and record.role == "Head, of sales"
    assert record.emails[0]["value"] == "ana@example.com" and record.family_name == "Lima"


def test_a_record_in_another_encoding_inside_a_utf8_file(fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    result = vcard.read_vcards(fixture_bytes("mixed_encodings.vcf"))
    assert [r.display_name for r in result.records] == ["Σοφία Κωνσταντίνου", "Françoise Léger", "山田 太郎"]
    (warning,) = result.warnings
    assert warning.number == 2 and "Windows-1252" in warning.message


def test_a_property_vobject_cannot_read_is_dropped_and_named() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rui Alves\r\nEMAIL:rui@example.pt\r\n"
            b"this line is not a property\r\nEND:VCARD\r\n")
    result = vcard.read_vcards(data)
    assert result.errors == [] and result.records[0].emails[0]["value"] == "rui@example.pt"
    (warning,) = result.warnings
    assert warning.line == 1 and "left out" in warning.message


def test_exchange_all_day_series_with_date_time_recurrence_id(workspace, fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    # The user's zone differs from the series' Windows zone: the moved occurrence still replaces its day.
    EventImportService(workspace).import_file(fixture_bytes("exchange_all_day_series.ics"),
                                              default_zone="America/Sao_Paulo")
    found = occurrences(workspace, dt.datetime(2026, 3, 1, tzinfo=UTC), dt.datetime(2026, 3, 31, tzinfo=UTC))
    stock = sorted((o.title, o.start.astimezone(dt.timezone(dt.timedelta(hours=-3))).date()) for o in found
                   if o.title.startswith("Stock"))
    assert stock == [("Stock count day", dt.date(2026, 3, 2)), ("Stock count day", dt.date(2026, 3, 16)),
                     ("Stock count day", dt.date(2026, 3, 23)), ("Stock count day (moved)", dt.date(2026, 3, 10))]


def test_empty_rrule_line_is_a_single_event(workspace, fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    records = read_calendar(fixture_bytes("exchange_all_day_series.ics"), "UTC")
    newsletter = next(r for r in records if r.uid.startswith("newsletter"))
    assert newsletter.rrule == ""
    EventImportService(workspace).import_file(fixture_bytes("exchange_all_day_series.ics"), default_zone="UTC")
    with workspace.session() as s:
        assert s.scalar(select(Event.rrule).where(Event.uid == newsletter.uid)) == ""


def test_recurring_ical_events_agrees_on_the_exchange_series(fixture_bytes) -> None:  # type: ignore[no-untyped-def]
    import icalendar
    import recurring_ical_events

    cal = icalendar.Calendar.from_ical(fixture_bytes("exchange_all_day_series.ics"))
    days = sorted(str(e["DTSTART"].dt) for e in recurring_ical_events.of(cal).between("20260301", "20260331")
                  if str(e["SUMMARY"]).startswith("Stock"))
    assert days == ["2026-03-02", "2026-03-10", "2026-03-16", "2026-03-23"]


def test_mismatched_byte_order_marks_decode_without_error() -> None:
    assert decode(b"\xff\xfe" + "Nome,Email\r\nJoão,j@x.pt\r\n".encode())[0].startswith("Nome")
    assert decode(b"\xef\xbb\xbf" + "Nome,Email\r\nJoão,j@x.pt\r\n".encode("cp1252"))[0].startswith("Nome")
    assert csv_io.read_csv(b"\xfe\xff" + b"Name,Email\r\nAna,ana@example.com\r\n").records[0].display_name == "Ana"
