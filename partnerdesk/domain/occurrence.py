"""What calendar views, exports and the agenda show: one dated entry, from an event or derived from other data."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from partnerdesk.domain.enums import LabelledEnum
from partnerdesk.l10n import N_


class SourceKind(LabelledEnum):
    """Where a calendar entry comes from; derived kinds can be toggled on and off in the views."""

    EVENT = "event"
    WORK_ITEM = "work_item"
    CONTRACT_REVIEW = "contract_review"
    CONTRACT_NOTICE = "contract_notice"
    PAYMENT = "payment"
    FOLLOW_UP = "follow_up"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "event": N_("Events"),
            "work_item": N_("Work item due dates"),
            "contract_review": N_("Contract reviews"),
            "contract_notice": N_("Contract notice deadlines"),
            "payment": N_("Payments due"),
            "follow_up": N_("Interaction follow-ups"),
        }


#: Colours of the derived kinds (events take their partner's colour).
KIND_COLORS: dict[SourceKind, str] = {
    SourceKind.EVENT: "#4A6FA5",
    SourceKind.WORK_ITEM: "#C2571A",
    SourceKind.CONTRACT_REVIEW: "#6B4FA0",
    SourceKind.CONTRACT_NOTICE: "#B3261E",
    SourceKind.PAYMENT: "#2E7D4F",
    SourceKind.FOLLOW_UP: "#8A6D1F",
}


class Occurrence(NamedTuple):
    """One entry on the calendar (immutable; a NamedTuple because a year's agenda builds tens of thousands).

    ``start``/``end`` are aware UTC datetimes (for all-day entries: midnight-to-midnight of the local day in
    ``time_zone``); ``source_id`` is the row to open (event id, work item id, contract id, payment id,
    interaction id). For an occurrence of a recurring event, ``recurrence_id`` is its original start (UTC) and
    ``series_id`` the master event's id.
    """

    source: SourceKind
    source_id: int
    title: str
    start: dt.datetime
    end: dt.datetime
    time_zone: str = "UTC"
    all_day: bool = False
    partner_id: int | None = None
    partner_name: str = ""
    color: str = ""
    recurring: bool = False
    series_id: int | None = None
    recurrence_id: dt.datetime | None = None
    reminder_minutes: tuple[int, ...] = ()
    #: What a calendar grid shows first, without the kind (the colour and a glyph tell it): the work item's or
    #: contract's title, "partner · amount" for a payment. Empty: the title. ``title`` stays the full sentence
    #: for exports, reminders and tooltips.
    subject: str = ""

    @property
    def short_title(self) -> str:
        return self.subject or self.title

    def local_days(self, time_zone: str) -> tuple[dt.date, dt.date]:
        """First and last calendar day the entry covers, for a view in ``time_zone``.

        All-day entries keep their own dates whatever the viewer's zone (a payment due on the 5th is on the 5th).
        """
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(self.time_zone if self.all_day else time_zone)
        first = self.start.astimezone(zone)
        last = self.end.astimezone(zone)
        if last > first and last.time() == dt.time(0):
            last -= dt.timedelta(microseconds=1)
        return first.date(), max(first.date(), last.date())

    @property
    def key(self) -> tuple[str, int, str]:
        """Stable identity within a view (a recurring event has one entry per original start)."""
        rid = self.recurrence_id.isoformat() if self.recurrence_id else ""
        return (self.source.value, self.source_id, rid)
