"""Writing events as an .ics file that Outlook, Google Calendar, Apple Calendar and Thunderbird accept."""

from __future__ import annotations

import datetime as dt

import icalendar
from icalendar.prop import vRecur

from partnerdesk import __version__
from partnerdesk.interop.ical_records import EventRecord
from partnerdesk.interop.ical_zones import zone_info

PRODID = f"-//PartnerDesk//PartnerDesk {__version__}//EN"
UTC = dt.UTC


def _local(value: dt.datetime, zone: str, all_day: bool) -> dt.date | dt.datetime:
    local = value.astimezone(zone_info(zone))
    return local.date() if all_day else local


def _vevent(record: EventRecord, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("UID", record.uid)
    event.add("DTSTAMP", stamp)
    if record.created_at:
        event.add("CREATED", record.created_at.astimezone(UTC))
    if record.updated_at:
        event.add("LAST-MODIFIED", record.updated_at.astimezone(UTC))
    event.add("SEQUENCE", record.sequence)
    event.add("SUMMARY", record.title)
    event.add("DTSTART", _local(record.starts_at, record.time_zone, record.all_day))
    event.add("DTEND", _local(record.ends_at, record.time_zone, record.all_day))
    if record.recurrence_id is not None:
        event.add("RECURRENCE-ID", _local(record.recurrence_id, record.time_zone, record.all_day))
    if record.rrule:
        event.add("RRULE", vRecur.from_ical(record.rrule))
    for name, values in (("EXDATE", record.exdates), ("RDATE", record.rdates)):
        if values:
            event.add(name, [_local(v, record.time_zone, record.all_day) for v in values])
    for name, value in (("DESCRIPTION", record.description), ("LOCATION", record.location)):
        if value:
            event.add(name, value)
    if record.video_link:
        event.add("URL", record.video_link)
        event.add("X-GOOGLE-CONFERENCE", record.video_link)
    elif record.url:
        event.add("URL", record.url)
    if record.categories:
        event.add("CATEGORIES", record.categories)
    if record.kind:
        event.add("X-PARTNERDESK-KIND", record.kind)
    if record.all_day:
        event.add("X-PARTNERDESK-ZONE", record.time_zone)
    if record.organizer:
        event.add("ORGANIZER", f"mailto:{record.organizer}")
    for email in record.attendee_emails:
        event.add("ATTENDEE", f"mailto:{email}", parameters={"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION"})
    if record.cancelled:
        event.add("STATUS", "CANCELLED")
    for minutes in record.reminder_minutes:
        alarm = icalendar.Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", record.title)
        alarm.add("TRIGGER", dt.timedelta(minutes=-minutes))
        event.add_component(alarm)
    return event


def write_calendar(records: list[EventRecord], name: str = "", stamp: dt.datetime | None = None) -> bytes:
    """An .ics file of ``records`` (masters before their overrides), with a VTIMEZONE for every zone used."""
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    if name:
        calendar.add("X-WR-CALNAME", name)
    stamp = (stamp or dt.datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    zones = sorted({r.time_zone for r in records if not r.all_day and r.time_zone != "UTC"})
    if zones:
        # VTIMEZONEs first (Outlook wants them before the events), with the transitions from a year before the
        # first event to ten years after the last one (or today), so series that go on keep the right clock.
        first = min(r.starts_at for r in records).date() - dt.timedelta(days=366)
        last = max(max(r.ends_at for r in records).date(), stamp.date()) + dt.timedelta(days=366 * 10)
        for zone in zones:
            calendar.add_component(icalendar.Timezone.from_tzid(zone, first_date=first, last_date=last))
    for record in records:
        calendar.add_component(_vevent(record, stamp))
    data: bytes = calendar.to_ical()
    return data
