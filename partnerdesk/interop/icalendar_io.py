"""iCalendar (.ics) import and export of events, on top of the ``icalendar`` library (no Qt, no database).

Reading turns every VEVENT into an :class:`EventRecord`: times as aware UTC datetimes plus the IANA zone they were
planned in (Windows and prefixed TZIDs mapped, see :mod:`ical_zones`); floating times and all-day dates belong to
the calendar's X-WR-TIMEZONE or else the user's zone. A file that cannot be read raises
:class:`CalendarFileError`, or :class:`EventReadError` naming the event, its line and what is wrong, before
anything is returned, so the caller imports all or nothing.

Writing produces what Outlook, Google Calendar, Apple Calendar and Thunderbird accept: PRODID, VERSION, DTSTAMP,
one VTIMEZONE per zone used, CRLF line ends and folded lines (both done by the library).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from typing import Any, cast

import icalendar
from dateutil.rrule import rrulestr
from icalendar.prop import vBroken, vRecur

from partnerdesk.interop.ical_records import CalendarFileError, EventReadError, EventRecord
from partnerdesk.interop.ical_write import PRODID, write_calendar
from partnerdesk.interop.ical_zones import is_iana, same_clock, zone_by_name, zone_by_offsets, zone_info
from partnerdesk.interop.records import decode
from partnerdesk.l10n import _

UTC = dt.UTC
Props = Mapping[str, Any]
# Links to online meetings, in the order we trust them.
VIDEO_PROPERTIES = ("CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
                    "X-MICROSOFT-ONLINEMEETINGCONFLINK", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK")
VIDEO_URL = re.compile(r"https://[^\s<>\"]*(?:zoom\.us/|meet\.google\.com/|teams\.microsoft\.com/|teams\.live\.com/|"
                       r"webex\.com/|whereby\.com/|meet\.jit\.si/|facetime\.apple\.com/)[^\s<>\"]*", re.IGNORECASE)


# -- reading ----------------------------------------------------------------------------------------------------
class _Context:
    """What the events of one file share: zone hints, resolved TZIDs and where each VEVENT starts."""

    def __init__(self, text: str, calendars: list[icalendar.Calendar], default_zone: str) -> None:
        self.default_zone = default_zone
        wr = next((str(c.get("X-WR-TIMEZONE")) for c in calendars if c.get("X-WR-TIMEZONE")), "")
        self.calendar_zone = zone_by_name(wr) if wr else None
        self.floating_zone = self.calendar_zone or default_zone
        self.vtimezones = {str(tz.get("TZID", "")).strip('"'): tz for c in calendars for tz in c.walk("VTIMEZONE")}
        self._zones: dict[str, str | None] = {}
        self.lines = text.splitlines()
        self.starts = [i + 1 for i, line in enumerate(self.lines) if line.strip().upper() == "BEGIN:VEVENT"]

    def zone(self, tzid: str) -> str | None:
        if tzid not in self._zones:
            found = zone_by_name(tzid)
            if found is not None and found != "UTC" and not is_iana(tzid.strip().strip('"')):
                # A Windows name maps to one zone per region (GTB -> Bucharest); the calendar's or the user's
                # own zone wins when it keeps the same clock (Athens).
                found = same_clock(found, (self.calendar_zone or "", self.default_zone))
            if found is None and tzid in self.vtimezones:
                # Evolution and Lightning name the IANA zone inside the definition.
                found = zone_by_name(str(self.vtimezones[tzid].get("X-LIC-LOCATION", "")))
            if found is None and tzid in self.vtimezones:
                try:
                    tz = cast(icalendar.Timezone, self.vtimezones[tzid]).to_tz(lookup_tzid=False)
                except Exception:  # noqa: BLE001 - a broken VTIMEZONE is reported as an unknown zone
                    tz = None
                if tz is not None:
                    found = zone_by_offsets(tzid, tz, (self.calendar_zone or "", self.default_zone))
            self._zones[tzid] = found
        return self._zones[tzid]

    def line_of(self, number: int, prop: str = "") -> int:
        """Physical line of VEVENT ``number`` (1-based) or of its property ``prop``."""
        if number - 1 >= len(self.starts):
            return 0
        start = self.starts[number - 1]
        if not prop:
            return start
        pattern = re.compile(rf"^{re.escape(prop)}[;:]", re.IGNORECASE)
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if pattern.match(line):
                return i + 1
            if line.strip().upper() == "END:VEVENT":
                break
        return start


class _Bad(Exception):
    """A problem in one property; turned into EventReadError with the event's number and line."""

    def __init__(self, prop: str, reason: str) -> None:
        super().__init__(reason)
        self.prop = prop
        self.reason = reason


def read_calendar(data: bytes | str, default_zone: str = "UTC",
                  errors: list[EventReadError] | None = None) -> list[EventRecord]:
    """Every VEVENT of an .ics file (one or several VCALENDARs), or an error naming what failed.

    With an ``errors`` list, an event that cannot be read is added to it and the others are returned (the
    explicit "import the readable events" choice); a file that is not a calendar still raises."""
    parsed, text = _texts(data) if isinstance(data, bytes) else (data, data)
    if "BEGIN:VCALENDAR" not in parsed.upper():
        raise CalendarFileError(reason=_("there is no BEGIN:VCALENDAR line"))
    problem = _structure_problem(text)
    if problem:
        raise CalendarFileError(reason=problem)
    try:
        calendars = icalendar.Calendar.from_ical(parsed, multiple=True)
    except ValueError as exc:
        raise CalendarFileError(reason=_describe_syntax_error(text, exc)) from exc
    if not calendars:
        raise CalendarFileError(reason=_("there is no calendar in it"))
    ctx = _Context(text, calendars, default_zone)
    records: list[EventRecord] = []
    number = 0
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            number += 1
            title = str(component.get("SUMMARY", "") or "").strip()
            try:
                record = _read_event(component, ctx)
            except _Bad as bad:
                error = EventReadError(number=number, line=ctx.line_of(number, bad.prop), title=title or "—",
                                       reason=bad.reason)
                if errors is None:
                    raise error from None
                errors.append(error)
                continue
            except (ValueError, TypeError, OverflowError, AttributeError, KeyError) as exc:
                # Values the library accepted but that make no sense together (e.g. dates out of range).
                error = EventReadError(number=number, line=ctx.line_of(number), title=title or "—",
                                       reason=_("its values could not be understood ({detail})").format(
                                           detail=str(exc)[:120] or type(exc).__name__))
                if errors is None:
                    raise error from exc
                errors.append(error)
                continue
            record.number, record.line = number, ctx.line_of(number)
            records.append(record)
    return records


_FOLD = re.compile(rb"\r?\n[ \t]")
# Whole (unfolded) lines we never read, dropped before parsing: Outlook's HTML copy of the description (often
# kilobytes per event), busy-status and client bookkeeping. Parsing them is most of the cost of big exports.
_UNUSED = re.compile(
    r"^(?:DTSTAMP|X-ALT-DESC|X-MS-OLK-[\w-]*|X-MICROSOFT-CDO-(?!ALLDAYEVENT)[\w-]*|X-MICROSOFT-DISALLOW-COUNTER"
    r"|X-APPLE-[\w-]*|X-MOZ-[\w-]*|X-WR-ALARMUID|X-GOOGLE-(?!CONFERENCE)[\w-]*)[;:][^\n]*\n",
    re.IGNORECASE | re.MULTILINE)


def _texts(data: bytes) -> tuple[str, str]:
    """The text to parse and the text of the file's physical lines (for line numbers in messages).

    Lines are unfolded as bytes before decoding: RFC 5545 folds octets, and some clients (older Apple and
    Outlook versions) split a multi-byte UTF-8 character across a fold.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) >= 4 and data[1] == 0 and data[3] == 0):
        text = decode(data)[0]  # UTF-16: the library unfolds the text
        return text, text
    try:
        unfolded, encoding = decode(_FOLD.sub(b"", data))
    except UnicodeDecodeError:  # a UTF-8 byte-order mark on text that is not UTF-8 after all
        unfolded, encoding = _FOLD.sub(b"", data).decode("utf-8", errors="replace"), "utf-8"
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    return _UNUSED.sub("", unfolded.lstrip("\ufeff")), data.decode(codec, errors="replace").lstrip("\ufeff")


def _structure_problem(text: str) -> str | None:
    """Unbalanced or crossed BEGIN/END blocks (a cut-off download, a hand edit), by line."""
    stack: list[tuple[str, int]] = []
    for i, line in enumerate(text.splitlines(), 1):
        upper = line.strip().upper()
        if upper.startswith("BEGIN:"):
            stack.append((upper[6:], i))
        elif upper.startswith("END:"):
            name = upper[4:]
            if not stack:
                return _("line {line} closes a block that was never opened").format(line=i)
            opened, at = stack.pop()
            if opened != name:
                return _("line {line} closes {name}, but {opened} from line {start} is still open").format(
                    line=i, name=name, opened=opened, start=at)
    if stack:
        return _("{name} from line {line} is never closed (the file may be cut off)").format(
            name=stack[-1][0], line=stack[-1][1])
    return None


def _describe_syntax_error(text: str, exc: ValueError) -> str:
    message = str(exc)
    quoted = re.search(r"'([^']*)'", message)
    if quoted:
        bad = quoted.group(1)
        for i, line in enumerate(text.splitlines(), 1):
            if bad and bad in line:
                return _("line {line} is not a valid iCalendar line: {text}").format(line=i, text=line[:80])
    return message


def _prop(component: Props, name: str) -> Any:
    value = component.get(name)
    if isinstance(value, vBroken):
        raise _Bad(name, _("“{value}” is not a valid value for {property}").format(value=str(value)[:60],
                                                                                   property=name))
    return value


def _moment(prop: Any, name: str, ctx: _Context) -> tuple[dt.date | dt.datetime, str]:
    """A date (all-day) or an aware datetime in its own zone, and that zone's IANA name."""
    value = prop.dt
    if isinstance(value, tuple):  # PERIOD: start/end or start/duration
        value = value[0]
    if not isinstance(value, dt.datetime):
        return value, ""
    tzid = str(prop.params.get("TZID", "") or "").strip('"')
    if tzid:
        zone = ctx.zone(tzid)
        if zone is None:
            raise _Bad(name, _("the time zone “{zone}” is unknown and the file does not define it").format(
                zone=tzid))
        return value.replace(tzinfo=zone_info(zone)), zone
    if value.tzinfo is not None:
        return value.astimezone(UTC), "UTC"
    return value.replace(tzinfo=zone_info(ctx.floating_zone)), ctx.floating_zone


def _as_utc(value: dt.date | dt.datetime, zone: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC)
    return dt.datetime.combine(value, dt.time(0), zone_info(zone)).astimezone(UTC)


def _date_list(component: Props, name: str, ctx: _Context,
               zone: str, all_day: bool) -> list[dt.datetime]:
    raw = _prop(component, name)
    if raw is None:
        return []
    out: list[dt.datetime] = []
    for group in raw if isinstance(raw, list) else [raw]:
        if isinstance(group, vBroken):
            raise _Bad(name, _("“{value}” is not a valid value for {property}").format(value=str(group)[:60],
                                                                                       property=name))
        for item in group.dts:
            value, own_zone = _moment(item, name, ctx)
            if all_day and isinstance(value, dt.datetime):
                value = value.astimezone(zone_info(zone)).date()
            out.append(_as_utc(value, zone if not isinstance(value, dt.datetime) else own_zone))
    return sorted(set(out))


def _rule(component: Props, start: dt.datetime, zone: str, all_day: bool) -> str:
    rules = component.get("RRULE")
    if rules is None:
        return ""
    if isinstance(rules, list):
        rules = rules[0]  # RFC 5545 allows one; a second is ignored by every client we know
    if not str(rules.to_ical().decode() if hasattr(rules, "to_ical") else rules).strip():
        return ""  # an empty RRULE: line (calendar publishers write it): the event does not repeat
    if isinstance(rules, vBroken):
        raise _Bad("RRULE", _("the repeat rule “{rule}” is not valid").format(rule=str(rules)[:80]))
    # Private extensions (X-NAME=…) are dropped: no expander knows them and they never change the dates.
    rule = vRecur({k: v for k, v in dict(rules).items() if not str(k).upper().startswith("X-")})
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if all_day:
            if isinstance(value, dt.datetime):
                value = (value.astimezone(zone_info(zone)) if value.tzinfo else value).date()
            rule["UNTIL"] = [value]
        elif isinstance(value, dt.datetime):
            local = value if value.tzinfo else value.replace(tzinfo=zone_info(zone))
            rule["UNTIL"] = [local.astimezone(UTC)]
        else:  # a date UNTIL on a timed event: the end of that day in the event's zone
            end = dt.datetime.combine(value, dt.time(23, 59, 59), zone_info(zone))
            rule["UNTIL"] = [end.astimezone(UTC)]
    text: str = rule.to_ical().decode()
    try:
        local_start = start.astimezone(zone_info(zone))
        parsed = rrulestr(text, dtstart=local_start if not all_day else local_start.replace(tzinfo=None))
        next(iter(parsed), None)
    except (ValueError, TypeError, KeyError) as exc:
        raise _Bad("RRULE", _("the repeat rule “{rule}” is not valid").format(rule=text[:80])) from exc
    return text


def _alarms(component: icalendar.cal.Component, start: dt.datetime, end: dt.datetime) -> list[int]:
    minutes: set[int] = set()
    for alarm in component.walk("VALARM"):
        if str(alarm.get("ACTION", "DISPLAY")).upper() == "NONE":
            continue  # Apple's placeholder alarm
        trigger = alarm.get("TRIGGER")
        if trigger is None or isinstance(trigger, vBroken):
            continue
        value = trigger.dt
        if isinstance(value, dt.timedelta):
            anchor = end if str(trigger.params.get("RELATED", "START")).upper() == "END" else start
            before = start - (anchor + value)
        elif isinstance(value, dt.datetime):
            before = start - (value if value.tzinfo else value.replace(tzinfo=UTC))
        else:
            continue
        if before >= dt.timedelta(0):
            minutes.add(int(before.total_seconds() // 60))
    return sorted(minutes)


def _emails(component: Props, name: str) -> list[str]:
    raw = component.get(name)
    if raw is None:
        return []
    out: dict[str, str] = {}
    for item in raw if isinstance(raw, list) else [raw]:
        value = str(item).strip()
        if value.lower().startswith("mailto:"):
            value = value[7:]
        if "@" in value:
            out.setdefault(value.casefold(), value)
    return list(out.values())


def _categories(component: Props) -> list[str]:
    raw = component.get("CATEGORIES")
    if raw is None:
        return []
    out: list[str] = []
    for item in raw if isinstance(raw, list) else [raw]:
        cats = getattr(item, "cats", None)
        values = cats if cats is not None else str(item).split(",")
        out += [str(c).strip() for c in values if str(c).strip()]
    return list(dict.fromkeys(out))


def _text(component: Props, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "").strip()


def _video(component: Props, location: str, description: str) -> str:
    for name in VIDEO_PROPERTIES:
        value = _text(component, name)
        if value.lower().startswith("https://"):
            return value
    for text in (_text(component, "URL"), location, description):
        found = VIDEO_URL.search(text)
        if found:
            return found.group(0).rstrip(".,;)>")
    return ""


def _stable_uid(component: Props) -> str:
    basis = "|".join(_text(component, name) for name in ("DTSTART", "SUMMARY", "LOCATION", "RRULE"))
    dtstart = component.get("DTSTART")
    basis += "|" + str(dtstart.to_ical() if dtstart is not None else "")
    return "partnerdesk-" + hashlib.sha1(basis.encode()).hexdigest()[:24] + "@import"


def _outlook_all_day(component: Props, start: dt.date | dt.datetime, end_prop: Any) -> bool:
    """Outlook sometimes writes all-day events as local midnight to midnight with an all-day flag."""
    flag = any(_text(component, name).upper() == "TRUE" for name in (
        "X-MICROSOFT-CDO-ALLDAYEVENT", "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT"))
    if not flag or not isinstance(start, dt.datetime) or end_prop is None:
        return False
    end = end_prop.dt
    return isinstance(end, dt.datetime) and start.time() == dt.time(0) and end.time() == dt.time(0) and end > start


def _read_event(event: icalendar.cal.Component, ctx: _Context) -> EventRecord:
    component: Props = dict(event.items())  # plain dict look-ups: the caseless dict costs a third of the time
    start_prop = _prop(component, "DTSTART")
    if start_prop is None:
        raise _Bad("", _("it has no start (DTSTART)"))
    start_value, zone = _moment(start_prop, "DTSTART", ctx)
    end_prop = _prop(component, "DTEND")
    if isinstance(start_value, dt.datetime) and _outlook_all_day(component, start_value, end_prop):
        start_value = start_value.date()
        end_prop = icalendar.prop.vDDDTypes(end_prop.dt.date())
        component = {**component, "X-PARTNERDESK-ZONE": zone}
    all_day = not isinstance(start_value, dt.datetime)
    rrule_present = component.get("RRULE") is not None
    if all_day:
        # Our own exports name the zone of all-day events, so a round trip keeps them identical.
        own = zone_by_name(_text(component, "X-PARTNERDESK-ZONE"))
        zone = own or ctx.floating_zone
    elif zone == "UTC" and not rrule_present and component.get("RECURRENCE-ID") is None:
        zone = ctx.calendar_zone or "UTC"  # Google writes single events in UTC; keep the calendar's zone
    starts_at = _as_utc(start_value, zone)
    duration = _prop(component, "DURATION")
    if end_prop is not None:
        end_value, end_zone = _moment(end_prop, "DTEND", ctx)
        if all_day and isinstance(end_value, dt.datetime):
            end_value = end_value.astimezone(zone_info(zone)).date()
        ends_at = _as_utc(end_value, zone if not isinstance(end_value, dt.datetime) else end_zone)
    elif duration is not None and isinstance(duration.dt, dt.timedelta):
        delta = duration.dt
        local = start_value if isinstance(start_value, dt.datetime) else dt.datetime.combine(
            start_value, dt.time(0), zone_info(zone))
        ends_at = (local + dt.timedelta(days=delta.days)).astimezone(UTC) + dt.timedelta(seconds=delta.seconds)
    else:
        ends_at = _as_utc(start_value + dt.timedelta(days=1), zone) if all_day else starts_at
    if all_day and ends_at == starts_at:  # some clients write DTEND = DTSTART for a one-day event
        ends_at = _as_utc(start_value + dt.timedelta(days=1), zone)
    if ends_at < starts_at:
        raise _Bad("DTEND", _("it ends before it starts"))
    recurrence_id = None
    rid_prop = _prop(component, "RECURRENCE-ID")
    if rid_prop is not None:
        rid_value, rid_zone = _moment(rid_prop, "RECURRENCE-ID", ctx)
        if all_day and isinstance(rid_value, dt.datetime):
            # Exchange: an all-day series whose moved occurrences name the original day as a local midnight
            # with a Windows TZID. The occurrence is that day, in the zone of the series.
            rid_value = rid_value.date()
        recurrence_id = _as_utc(rid_value, zone if not isinstance(rid_value, dt.datetime) else rid_zone)
    location, description = _text(component, "LOCATION"), _text(component, "DESCRIPTION")
    categories = _categories(component)
    kind = _text(component, "X-PARTNERDESK-KIND").lower()
    sequence = component.get("SEQUENCE")
    try:
        sequence_number = int(str(sequence)) if sequence is not None else 0
    except ValueError:
        sequence_number = 0
    stamps = {}
    for name, key in (("CREATED", "created_at"), ("LAST-MODIFIED", "updated_at")):
        value = component.get(name)
        if value is not None and not isinstance(value, vBroken) and isinstance(value.dt, dt.datetime):
            stamps[key] = value.dt if value.dt.tzinfo else value.dt.replace(tzinfo=UTC)
    return EventRecord(
        uid=_text(component, "UID") or _stable_uid(component),
        title=_text(component, "SUMMARY") or _("(untitled)"),
        starts_at=starts_at, ends_at=ends_at, time_zone=zone, all_day=all_day,
        description=description, location=location, video_link=_video(component, location, description),
        url=_text(component, "URL"), rrule=_rule(component, starts_at, zone, all_day),
        exdates=_date_list(component, "EXDATE", ctx, zone, all_day),
        rdates=_date_list(component, "RDATE", ctx, zone, all_day),
        recurrence_id=recurrence_id, attendee_emails=_emails(component, "ATTENDEE"),
        organizer=next(iter(_emails(component, "ORGANIZER")), ""),
        reminder_minutes=_alarms(event, starts_at, ends_at), categories=categories, kind=kind,
        sequence=max(0, sequence_number), cancelled=_text(component, "STATUS").upper() == "CANCELLED",
        created_at=stamps.get("created_at"), updated_at=stamps.get("updated_at"))


__all__ = ["PRODID", "CalendarFileError", "EventReadError", "EventRecord", "read_calendar", "write_calendar"]
