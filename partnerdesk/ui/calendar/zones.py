"""Whose clock the calendar shows: the user's zone and working hours, the partners with their zones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimeZone
from sqlalchemy import select

from partnerdesk.domain.timezones import WorkingHours
from partnerdesk.store.models import Partner, TeamMember
from partnerdesk.store.workspace import Workspace
from partnerdesk.ui.calendar.layout import zone


@dataclass(frozen=True)
class PartnerClock:
    id: int
    name: str
    time_zone: str
    hours: WorkingHours
    color: str


def system_zone_name() -> str:
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode() if QTimeZone.systemTimeZoneId() else ""
    return name if name and zone(name) is not dt.UTC else "UTC"


def _me(ws: Workspace) -> TeamMember | None:
    with ws.session() as s:
        from partnerdesk.services.team_members import me_condition  # who I am on a team workspace

        me = s.scalar(select(TeamMember).where(me_condition(ws)).limit(1))
        if me is not None:
            s.expunge(me)
        return me


def user_zone_name(ws: Workspace | None, settings: Any = None) -> str:
    """The zone the views use: the calendar setting, else the user's team-member zone, else the system's."""
    if settings is not None:
        chosen = settings.value("calendar/time_zone", "", type=str)
        if chosen and zone(chosen) is not dt.UTC:
            return str(chosen)
    me = _me(ws) if ws is not None else None
    if me is not None and me.time_zone and me.time_zone != "UTC":
        return me.time_zone
    return system_zone_name()


def partners(ws: Workspace | None) -> list[PartnerClock]:
    if ws is None:
        return []
    with ws.session() as s:
        rows = s.execute(select(Partner.id, Partner.name, Partner.time_zone, Partner.work_start, Partner.work_end,
                                Partner.weekend_days, Partner.color).order_by(Partner.name)).all()
    return [PartnerClock(pid, name, tz or "UTC", WorkingHours(tz or "UTC", start, end, tuple(weekend or (5, 6))),
                         color) for pid, name, tz, start, end, weekend, color in rows]
