"""Calendar event writes: create, edit, move and delete, for one occurrence, this and following, or all.

A recurring series is one master row (RRULE, EXDATEs, RDATEs); an edited occurrence is its own row with
``series_id`` and ``recurrence_id`` (its original start). "This and following" ends the series before the
occurrence and starts a new series there. Every call is one transaction, logged, and returns a ChangeSet with
entity ``"event"``. ``snapshot()`` + ``revert()`` give the undo stack an exact way back.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from partnerdesk.domain.enums import Action, EventKind
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.partners import check_time_zone
from partnerdesk.domain.recurrence import check, count_before, parse_instants, rule_count, with_end
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.store.models import Contact, Event, TeamMember

ENTITY = "event"
_EDITABLE = {"title", "kind", "description", "starts_at", "ends_at", "time_zone", "all_day", "rrule", "exdates",
             "rdates", "location", "video_link", "attendee_emails", "reminder_minutes", "partner_id"}
_TIMES = {"starts_at", "ends_at"}
_SERIES_ONLY = {"rrule", "exdates", "rdates"}


class EditScope(StrEnum):
    """Which occurrences of a recurring event an edit applies to."""

    THIS = "this"
    FOLLOWING = "following"
    ALL = "all"


class BlankEventTitleError(ValidationError):
    template = N_("An event needs a title.")


class EndBeforeStartError(ValidationError):
    template = N_("The event cannot end before it starts.")


class BadReminderError(ValidationError):
    template = N_("Reminders are a number of minutes before the start, 0 or more.")


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - _EDITABLE - {"contact_ids", "member_ids"}
    if unknown:
        raise AttributeError(f"not editable: {sorted(unknown)}")
    out = dict(values)
    if "title" in out:
        out["title"] = " ".join((out["title"] or "").split())
        if not out["title"]:
            raise BlankEventTitleError(field="title")
    if "kind" in out:
        out["kind"] = EventKind(out["kind"])
    if "time_zone" in out:
        check_time_zone(out["time_zone"])
    if out.get("rrule"):
        check(out["rrule"])
        out["rrule"] = out["rrule"].strip().removeprefix("RRULE:")
    for name in _TIMES & set(out):
        if out[name].tzinfo is None:
            raise ValueError(f"{name} must be aware")
    if "reminder_minutes" in out:
        try:
            minutes = sorted({int(m) for m in out["reminder_minutes"] or []})
        except (TypeError, ValueError) as exc:
            raise BadReminderError(field="reminder_minutes") from exc
        if any(m < 0 for m in minutes):
            raise BadReminderError(field="reminder_minutes")
        out["reminder_minutes"] = minutes
    for name in ("exdates", "rdates"):
        if name in out:
            out[name] = sorted(i.isoformat() for i in parse_instants(out[name]))
    return out


def _is_recurring(ev: Event) -> bool:
    return bool(ev.rrule or ev.rdates)


_COPY = ("title", "kind", "description", "time_zone", "all_day", "location", "video_link", "attendee_emails",
         "reminder_minutes", "partner_id", "extra")


@dataclass(frozen=True)
class EventSnapshot:
    """A whole series as it was (master row and its overrides, with attendees), for undo."""

    master_id: int
    rows: tuple[dict[str, Any], ...]


class EventService(Service):
    def create(self, title: str, starts_at: dt.datetime, ends_at: dt.datetime, *, time_zone: str = "UTC",
               **values: Any) -> tuple[int, ChangeSet]:
        data = _clean({"title": title, "starts_at": starts_at, "ends_at": ends_at, "time_zone": time_zone,
                       **values})
        people: dict[str, Any] = {k: data.pop(k) for k in ("contact_ids", "member_ids") if k in data}
        with self.unit_of_work() as (s, changes):
            ev = Event(uid=f"{uuid.uuid4()}@partnerdesk", **data)
            self._check_times(ev)
            self._set_people(s, ev, people)
            s.add(ev)
            s.flush()
            self.log(s, ENTITY, ev.id, Action.CREATE, ev.title, partner_id=ev.partner_id)
            changes.add("created", ENTITY, ev.id)
            return ev.id, changes

    def update(self, event_id: int, values: Mapping[str, Any], *, scope: EditScope = EditScope.ALL,
               recurrence_id: dt.datetime | None = None, expected_version: int | None = None) -> ChangeSet:
        """Edit an event. For a recurring one, ``recurrence_id`` names the occurrence the user acted on, and
        ``starts_at``/``ends_at`` in ``values`` are that occurrence's new times (the series shifts by as much).
        ``expected_version``: the version of the event row the edit started from (an edit conflict, nothing
        written, if someone else changed it since)."""
        data = _clean(values)
        with self.unit_of_work() as (s, changes):
            ev = self.get_at(s, Event, event_id, expected_version)
            master, rid = self._series(s, ev, recurrence_id)
            if master is None:
                self._apply(s, ev, data, changes)
            elif scope is EditScope.THIS:
                target = ev if ev.series_id is not None else self._override(s, master, rid, changes)
                self._apply(s, target, {k: v for k, v in data.items() if k not in _SERIES_ONLY}, changes)
            else:
                if scope is EditScope.FOLLOWING:
                    master = self._split(s, master, rid, changes)
                self._apply_series(s, master, rid, data, changes)
            return changes

    def move(self, event_id: int, starts_at: dt.datetime, ends_at: dt.datetime, *,
             scope: EditScope = EditScope.ALL, recurrence_id: dt.datetime | None = None,
             expected_version: int | None = None) -> ChangeSet:
        return self.update(event_id, {"starts_at": starts_at, "ends_at": ends_at}, scope=scope,
                           recurrence_id=recurrence_id, expected_version=expected_version)

    def delete(self, event_id: int, *, scope: EditScope = EditScope.ALL,
               recurrence_id: dt.datetime | None = None, expected_version: int | None = None) -> ChangeSet:
        with self.unit_of_work() as (s, changes):
            ev = self.get_at(s, Event, event_id, expected_version)
            master, rid = self._series(s, ev, recurrence_id)
            whole = scope is EditScope.ALL or (scope is EditScope.FOLLOWING and (rid is None or master is None
                                                                               or rid <= master.starts_at))
            if master is None or whole:
                target = master or ev
                changes.add("deleted", ENTITY, [target.id, *(o.id for o in target.overrides)])
                self.log(s, ENTITY, target.id, Action.DELETE, target.title, partner_id=target.partner_id)
                s.delete(target)
            elif scope is EditScope.THIS:
                assert rid is not None
                for override in [o for o in master.overrides if o.recurrence_id == rid]:
                    changes.add("deleted", ENTITY, override.id)
                    s.delete(override)
                master.exdates = sorted({*master.exdates, rid.isoformat()})
                self.log(s, ENTITY, master.id, Action.DELETE, master.title, {"exdates": [rid.isoformat()]},
                         partner_id=master.partner_id)
                changes.add("updated", ENTITY, master.id)
            else:
                assert rid is not None
                self._end_before(s, master, rid, changes)
                self.log(s, ENTITY, master.id, Action.DELETE, master.title, {"from": [rid.isoformat()]},
                         partner_id=master.partner_id)
            return changes

    # --- undo ----------------------------------------------------------------------------------------------

    def snapshot(self, event_id: int) -> EventSnapshot:
        with self.workspace.session() as s:
            ev = self.get(s, Event, event_id)
            master = s.get(Event, ev.series_id) if ev.series_id is not None else ev
            assert master is not None
            columns = [c.key for c in inspect(Event).column_attrs]
            rows = []
            for row in [master, *sorted(master.overrides, key=lambda o: o.id)]:
                data = {c: getattr(row, c) for c in columns}
                data["contact_ids"] = [c.id for c in row.contacts]
                data["member_ids"] = [m.id for m in row.members]
                rows.append(data)
            return EventSnapshot(master.id, tuple(rows))

    def revert(self, snapshot: EventSnapshot, created_ids: Iterable[int] = (),
               expected: Mapping[int, int] | None = None) -> ChangeSet:
        """Put a series back exactly as snapshotted, removing rows a later edit created (e.g. a split).
        ``expected``: {event id: version} the undone step left (an edit conflict if someone changed one since)."""
        with self.unit_of_work() as (s, changes):
            for eid, version in (expected or {}).items():
                self.get_at(s, Event, eid, version)
            for eid in created_ids:
                row = s.get(Event, eid)
                if row is not None:
                    s.delete(row)
                    changes.add("deleted", ENTITY, eid)
            s.flush()
            keep = {row["id"] for row in snapshot.rows}
            for data in snapshot.rows:
                values = {k: v for k, v in data.items() if k not in ("contact_ids", "member_ids")}
                row = s.get(Event, data["id"])
                if row is None:
                    row = Event(**values)
                    s.add(row)
                    changes.add("created", ENTITY, data["id"])
                else:
                    apply_changes(row, values)
                    changes.add("updated", ENTITY, data["id"])
                self._set_people(s, row, {"contact_ids": data["contact_ids"], "member_ids": data["member_ids"]})
                s.flush()
            for extra in s.scalars(select(Event).where(Event.series_id == snapshot.master_id,
                                                       Event.id.not_in(keep))):
                changes.add("deleted", ENTITY, extra.id)
                s.delete(extra)
            master = s.get(Event, snapshot.master_id)
            if master is not None:
                self.log(s, ENTITY, master.id, Action.RESTORE, master.title, partner_id=master.partner_id)
            return changes

    # --- helpers -------------------------------------------------------------------------------------------

    def _series(self, s: Session, ev: Event,
                recurrence_id: dt.datetime | None) -> tuple[Event | None, dt.datetime | None]:
        """The series master and the occurrence's original start, or (None, None) for a one-off event."""
        if ev.series_id is not None:
            return self.get(s, Event, ev.series_id), ev.recurrence_id
        if not _is_recurring(ev):
            return None, None
        return ev, recurrence_id

    def _override(self, s: Session, master: Event, rid: dt.datetime | None,
                  changes: ChangeSet) -> Event:
        if rid is None:
            raise ValueError("editing one occurrence needs its recurrence_id")
        for override in master.overrides:
            if override.recurrence_id == rid:
                return override
        duration = master.ends_at - master.starts_at
        override = Event(uid=master.uid, series_id=master.id, recurrence_id=rid, starts_at=rid,
                         ends_at=rid + duration, sequence=master.sequence,
                         **{name: getattr(master, name) for name in _COPY})
        override.contacts = list(master.contacts)
        override.members = list(master.members)
        s.add(override)
        s.flush()
        changes.add("created", ENTITY, override.id)
        return override

    def _apply(self, s: Session, ev: Event, data: Mapping[str, Any], changes: ChangeSet) -> None:
        people = {k: data[k] for k in ("contact_ids", "member_ids") if k in data}
        diff = apply_changes(ev, {k: v for k, v in data.items() if k not in people})
        self._check_times(ev)
        if self._set_people(s, ev, people):
            diff["people"] = [None, None]
        if diff:
            ev.sequence += 1
            self.log(s, ENTITY, ev.id, Action.UPDATE, ev.title, diff, partner_id=ev.partner_id)
            changes.add("updated", ENTITY, ev.id)

    def _apply_series(self, s: Session, master: Event, rid: dt.datetime | None, data: dict[str, Any],
                      changes: ChangeSet) -> None:
        values = dict(data)
        if _TIMES & set(values) and rid is not None:
            # The user moved one occurrence: the whole series moves by as much, and keeps the new length.
            new_start = values.pop("starts_at", rid)
            new_end = values.pop("ends_at", new_start + (master.ends_at - master.starts_at))
            delta = new_start - rid
            values["starts_at"] = master.starts_at + delta
            values["ends_at"] = values["starts_at"] + (new_end - new_start)
            if delta:
                values.setdefault("exdates", [(i + delta).isoformat() for i in parse_instants(master.exdates)])
                for override in master.overrides:
                    override.recurrence_id = override.recurrence_id + delta
                    changes.add("updated", ENTITY, override.id)
        self._apply(s, master, values, changes)
        shared = {k: v for k, v in values.items() if k in _COPY}
        for override in master.overrides:
            self._apply(s, override, shared, changes)

    def _split(self, s: Session, master: Event, rid: dt.datetime | None, changes: ChangeSet) -> Event:
        """End ``master`` before ``rid`` and return a new series starting at it (or master itself at the start)."""
        if rid is None or rid <= master.starts_at:
            return master
        count = rule_count(master.rrule) if master.rrule else None
        rule = master.rrule
        if count is not None:
            before = count_before(master.starts_at, master.rrule, master.time_zone, rid)
            rule = with_end(master.rrule, count=max(1, count - before))
        duration = master.ends_at - master.starts_at
        new = Event(uid=f"{uuid.uuid4()}@partnerdesk", starts_at=rid, ends_at=rid + duration, rrule=rule,
                    exdates=[i.isoformat() for i in sorted(parse_instants(master.exdates)) if i >= rid],
                    rdates=[i.isoformat() for i in sorted(parse_instants(master.rdates)) if i > rid],
                    **{name: getattr(master, name) for name in _COPY})
        new.contacts = list(master.contacts)
        new.members = list(master.members)
        s.add(new)
        s.flush()
        changes.add("created", ENTITY, new.id)
        for override in list(master.overrides):
            if override.recurrence_id is not None and override.recurrence_id >= rid:
                override.series_id = new.id
                override.uid = new.uid
                changes.add("updated", ENTITY, override.id)
        self._end_before(s, master, rid, changes, keep_overrides=True)
        s.expire(master, ["overrides"])
        s.expire(new, ["overrides"])
        self.log(s, ENTITY, new.id, Action.CREATE, new.title, {"split_from": [master.id, None]},
                 partner_id=new.partner_id)
        return new

    def _end_before(self, s: Session, master: Event, rid: dt.datetime, changes: ChangeSet,
                    keep_overrides: bool = False) -> None:
        if master.rrule:
            if rule_count(master.rrule) is not None:
                before = count_before(master.starts_at, master.rrule, master.time_zone, rid)
                master.rrule = with_end(master.rrule, count=max(1, before))
            else:
                master.rrule = with_end(master.rrule, until=rid - dt.timedelta(seconds=1))
        master.exdates = [i.isoformat() for i in sorted(parse_instants(master.exdates)) if i < rid]
        master.rdates = [i.isoformat() for i in sorted(parse_instants(master.rdates)) if i < rid]
        master.sequence += 1
        if not keep_overrides:
            for override in list(master.overrides):
                if override.recurrence_id is not None and override.recurrence_id >= rid:
                    changes.add("deleted", ENTITY, override.id)
                    s.delete(override)
        changes.add("updated", ENTITY, master.id)

    @staticmethod
    def _check_times(ev: Event) -> None:
        if ev.ends_at < ev.starts_at:
            raise EndBeforeStartError(field="ends_at")

    def _set_people(self, s: Session, ev: Event, people: Mapping[str, Iterable[int]]) -> bool:
        changed = False
        if "contact_ids" in people:
            wanted = [self.get(s, Contact, cid) for cid in dict.fromkeys(people["contact_ids"])]
            changed |= {c.id for c in ev.contacts} != {c.id for c in wanted}
            ev.contacts = wanted
        if "member_ids" in people:
            members = [self.get(s, TeamMember, mid) for mid in dict.fromkeys(people["member_ids"])]
            changed |= {m.id for m in ev.members} != {m.id for m in members}
            ev.members = members
        return changed
