"""The neutral event record between .ics files and the workspace, and the errors of reading a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_


class CalendarFileError(PartnerDeskError):
    template = N_("Nothing was imported: the file is not a valid iCalendar (.ics) file: {reason}")


class EventReadError(PartnerDeskError):
    template = N_("Nothing was imported: event {number} (line {line}, “{title}”) could not be read: {reason}")


@dataclass
class EventRecord:
    """One VEVENT, neutral between the file and the database. Datetimes are aware UTC.

    For all-day events ``starts_at``/``ends_at`` are local midnights of ``time_zone``. ``recurrence_id`` is set on
    an edited occurrence of a series (its original start). ``cancelled`` marks a cancelled occurrence.
    """

    uid: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str = "UTC"
    all_day: bool = False
    description: str = ""
    location: str = ""
    video_link: str = ""
    url: str = ""
    rrule: str = ""
    exdates: list[dt.datetime] = field(default_factory=list)
    rdates: list[dt.datetime] = field(default_factory=list)
    recurrence_id: dt.datetime | None = None
    attendee_emails: list[str] = field(default_factory=list)
    organizer: str = ""
    reminder_minutes: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    kind: str = ""
    sequence: int = 0
    cancelled: bool = False
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    #: 1-based event number and first line in the source file (for messages)
    number: int = 0
    line: int = 0

    @property
    def key(self) -> tuple[str, dt.datetime | None]:
        return (self.uid, self.recurrence_id)
