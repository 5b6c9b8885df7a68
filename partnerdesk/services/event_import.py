"""Importing an .ics file into the calendar: all events in one transaction, updated in place on re-import.

An event is identified by its UID and, for an edited occurrence of a series, its RECURRENCE-ID. Importing the same
file again changes nothing; importing a newer export updates the events it holds (their SEQUENCE goes up) and, for
each series in the file, drops the edited occurrences the file no longer has. A cancelled occurrence becomes an
exception date of its series; a cancelled event is removed. A file that cannot be read imports nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from partnerdesk.domain.enums import Action, EventKind
from partnerdesk.domain.partners import check_time_zone
from partnerdesk.interop.icalendar_io import EventReadError, EventRecord, read_calendar
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.store.dialects import contact_emails_with_partner
from partnerdesk.store.models import Contact, Event, Partner, TeamMember, event_contacts, event_members
from partnerdesk.store.search import index_objects

ENTITY = "event"
_CHUNK = 500
_PROGRESS_EVERY = 200

#: ``progress(done, total)``: called now and then inside the transaction; an exception it raises (CancelledError
#: from a cancelled background job) stops the import and rolls it back.
Progress = Callable[[int, int], None]


@dataclass
class _People:
    """Who the workspace knows by e-mail: contacts (id, partner id) and team members (id)."""

    contacts: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    members: dict[str, int] = field(default_factory=dict)


class _Series(NamedTuple):
    id: int
    partner_id: int | None


@dataclass
class _Pending:
    """A new event waiting for the bulk insert."""

    values: dict[str, Any]
    contact_ids: set[int]
    member_ids: set[int]


@dataclass
class EventImportSummary:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    deleted: int = 0
    changes: ChangeSet = field(default_factory=ChangeSet)
    #: events left out of an import the user asked to make from the readable events only
    failed: int = 0
    errors: list[EventReadError] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.skipped + self.deleted


def iso(moment: dt.datetime) -> str:
    """How exception/extra dates are stored: ISO-8601 in UTC."""
    return moment.astimezone(dt.UTC).isoformat()


def kind_names() -> dict[str, EventKind]:
    """Every name of an event kind: its value, English label and label in the UI language, case-folded."""
    labels: dict[str, EventKind] = {}
    for kind in EventKind:
        for name in (kind.value, kind.source_label, kind.label):
            labels[name.casefold()] = kind
    return labels


def kind_of(record: EventRecord, labels: dict[str, EventKind] | None = None) -> tuple[EventKind | None, list[str]]:
    """The event kind named by X-PARTNERDESK-KIND or a category, and the categories left over."""
    labels = labels if labels is not None else kind_names()
    found = labels.get(record.kind.casefold()) if record.kind else None
    rest: list[str] = []
    for category in record.categories:
        match = labels.get(category.casefold())
        if match is not None and (found is None or match == found):
            found = match
        else:
            rest.append(category)
    return found, rest


def _uid(value: str) -> str:
    if len(value) <= 255:
        return value
    return value[:200] + "-" + hashlib.sha1(value.encode()).hexdigest()


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


class EventImportService(Service):
    """Reads .ics data and writes it into the workspace's events in one unit of work."""

    def user_zone(self) -> str:
        with self.workspace.session() as s:
            zone = s.scalar(select(TeamMember.time_zone).where(TeamMember.is_me.is_(True)).limit(1))
        return zone or "UTC"

    def import_file(self, data: bytes, *, source: str = "", partner_id: int | None = None,
                    default_zone: str | None = None, progress: Progress | None = None,
                    allow_partial: bool = False) -> EventImportSummary:
        """Import ``data`` (.ics bytes). Floating and all-day times use ``default_zone`` (else the user's zone)
        unless the file names its own (X-WR-TIMEZONE). Raises CalendarFileError / EventReadError (nothing is
        imported) when the file cannot be read; such an EventReadError carries ``readable``, the number of events
        that ``allow_partial=True`` (the user's explicit choice) would import while leaving the broken ones out.
        ``progress`` counts the events written (see :data:`Progress`)."""
        zone = default_zone or self.user_zone()
        check_time_zone(zone)
        if allow_partial:
            errors: list[EventReadError] = []
            records = read_calendar(data, zone, errors)
            summary = self.import_records(records, source=source, partner_id=partner_id, progress=progress)
            summary.failed, summary.errors = len(errors), errors
            return summary
        try:
            records = read_calendar(data, zone)
        except EventReadError as exc:
            # All or nothing: say how many events could still be imported on explicit request.
            exc.readable = len(read_calendar(data, zone, []))  # type: ignore[attr-defined]
            raise
        return self.import_records(records, source=source, partner_id=partner_id, progress=progress)

    def import_records(self, records: list[EventRecord], *, source: str = "",
                       partner_id: int | None = None, progress: Progress | None = None) -> EventImportSummary:
        latest: dict[tuple[str, dt.datetime | None], EventRecord] = {}
        for record in records:
            record.uid = _uid(record.uid)
            previous = latest.get(record.key)
            if previous is None or record.sequence >= previous.sequence:
                latest[record.key] = record
        masters = [r for r in latest.values() if r.recurrence_id is None]
        overrides = [r for r in latest.values() if r.recurrence_id is not None]
        # A cancelled occurrence of a series in the same file is one of its exception dates.
        in_file = {r.uid: r for r in masters}
        for record in [r for r in overrides if r.cancelled and r.uid in in_file]:
            master_record = in_file[record.uid]
            master_record.exdates = sorted({*master_record.exdates, record.recurrence_id})  # type: ignore[arg-type]
            overrides.remove(record)
        from partnerdesk.services.backups import before_import

        before_import(self.workspace, len(latest))  # a snapshot before big imports
        summary = EventImportSummary()
        self._kinds = kind_names()
        with self.unit_of_work() as (s, changes):
            summary.changes = changes
            if partner_id is not None:
                self.get(s, Partner, partner_id)
            existing = self._existing(s, sorted({r.uid for r in latest.values()}))
            people = self._people_by_email(s) if any(r.attendee_emails for r in latest.values()) else _People()
            touched: list[Event] = []
            pending: list[_Pending] = []
            total = len(masters) + len(overrides)
            for index, record in enumerate(masters):
                if progress is not None and index % _PROGRESS_EVERY == 0:
                    progress(index, total)
                self._apply(s, record, existing, None, partner_id, people, summary, touched, pending)
            new_ids = self._insert(s, pending)
            series: dict[str, _Series] = {ev.uid: _Series(ev.id, ev.partner_id) for (_uid, rid), ev in existing.items()
                                          if rid is None}
            series.update({p.values["uid"]: _Series(i, p.values["partner_id"]) for p, i in zip(pending, new_ids,
                                                                                                strict=True)})
            pending = []
            for index, record in enumerate(overrides, start=len(masters)):
                if progress is not None and index % _PROGRESS_EVERY == 0:
                    progress(index, total)
                master = series.get(record.uid)
                if record.cancelled:
                    stored = existing.get((record.uid, None))
                    stamp = iso(record.recurrence_id)  # type: ignore[arg-type]
                    if stored is not None and stamp not in (stored.exdates or []):
                        stored.exdates = sorted([*(stored.exdates or []), stamp])
                        stored.sequence += 1
                        touched.append(stored)
                        summary.updated += 1
                    stale = existing.pop(record.key, None)
                    if stale is not None:
                        self._delete(s, stale, summary)
                    elif stored is None:
                        summary.skipped += 1
                    continue
                self._apply(s, record, existing, master, partner_id, people, summary, touched, pending)
            new_ids += self._insert(s, pending)
            # A series in the file is complete: edited occurrences it no longer lists are gone.
            for (uid, rid), ev in list(existing.items()):
                master = series.get(uid)
                if rid is not None and uid in in_file and master is not None and ev.series_id in (master.id, None) \
                        and ((uid, rid) not in latest or latest[(uid, rid)].cancelled):
                    self._delete(s, ev, summary)
                    existing.pop((uid, rid))
            s.flush()
            if new_ids:
                changes.add("created", ENTITY, new_ids)
            gone = changes.deleted.get(ENTITY, set())
            updated = {ev.id for ev in touched if ev.id not in gone}
            if updated:
                changes.add("updated", ENTITY, updated)
            if new_ids or updated:
                self.log(s, ENTITY, (new_ids or sorted(updated))[0], Action.IMPORT, source, {
                    "created": [None, summary.created], "updated": [None, summary.updated],
                    "skipped": [None, summary.skipped], "deleted": [None, summary.deleted]},
                    partner_id=partner_id)
            if progress is not None:
                progress(total, total)  # the last chance to cancel: the commit follows
        return summary

    @staticmethod
    def _insert(s: Session, pending: list[_Pending]) -> list[int]:
        """New events in one multi-row INSERT (the ORM would insert a self-referencing table row by row); they
        join the search index and get their contacts here."""
        if not pending:
            return []
        rows = [p.values for p in pending]
        # RETURNING order is not guaranteed in SQLite; (uid, recurrence_id) is unique, so map by it.
        found = {(uid, rid): i for i, uid, rid in s.execute(
            insert(Event).returning(Event.id, Event.uid, Event.recurrence_id), rows)}
        ids = [found[(row["uid"], row["recurrence_id"])] for row in rows]
        links = [{"event_id": i, "contact_id": c} for p, i in zip(pending, ids, strict=True) for c in p.contact_ids]
        if links:
            s.execute(insert(event_contacts), links)
        team = [{"event_id": i, "member_id": m} for p, i in zip(pending, ids, strict=True) for m in p.member_ids]
        if team:
            s.execute(insert(event_members), team)
        # Transient stand-ins with just what the search document needs (full objects cost a third of the import).
        index_objects(s.connection(), [
            Event(id=i, title=row["title"], description=row["description"], location=row["location"],
                  partner_id=row["partner_id"]) for i, row in zip(ids, rows, strict=True)])
        return ids

    # -- helpers ----------------------------------------------------------------------------------------------
    @staticmethod
    def _existing(s: Session, uids: list[str]) -> dict[tuple[str, dt.datetime | None], Event]:
        found: dict[tuple[str, dt.datetime | None], Event] = {}
        for chunk in _chunks(uids):
            for ev in s.scalars(select(Event).where(Event.uid.in_(chunk)).options(
                    selectinload(Event.contacts), selectinload(Event.members))):
                found[(ev.uid, ev.recurrence_id)] = ev
        return found

    @staticmethod
    def _people_by_email(s: Session) -> _People:
        people = _People()
        for cid, pid, value in contact_emails_with_partner(s):
            if value:
                people.contacts.setdefault(str(value).strip().casefold(), (cid, pid))
        for mid, email in s.execute(select(TeamMember.id, TeamMember.email).where(TeamMember.email != "")):
            people.members.setdefault(email.strip().casefold(), mid)
        return people

    def _delete(self, s: Session, ev: Event, summary: EventImportSummary) -> None:
        self.log(s, ENTITY, ev.id, Action.DELETE, ev.title, partner_id=ev.partner_id)
        summary.changes.add("deleted", ENTITY, ev.id)
        s.delete(ev)
        summary.deleted += 1

    def _apply(self, s: Session, record: EventRecord, existing: dict[tuple[str, dt.datetime | None], Event],
               master: _Series | None, partner_id: int | None, people: _People,
               summary: EventImportSummary, touched: list[Event], pending: list[_Pending]) -> None:
        current = existing.get(record.key)
        if record.cancelled:
            if current is not None:
                existing.pop(record.key)
                self._delete(s, current, summary)
            else:
                summary.skipped += 1
            return
        kind, categories = kind_of(record, self._kinds)
        matched = [people.contacts[e.casefold()] for e in record.attendee_emails if e.casefold() in people.contacts]
        member_ids = {people.members[e.casefold()] for e in record.attendee_emails if e.casefold() in people.members}
        partners = {pid for _cid, pid in matched if pid is not None}
        # Contacts and team members are linked; only other people stay as plain addresses.
        others = [e for e in record.attendee_emails if e.casefold() not in people.contacts
                  and e.casefold() not in people.members]
        values: dict[str, Any] = {
            "title": record.title[:300], "description": record.description, "starts_at": record.starts_at,
            "ends_at": record.ends_at, "time_zone": record.time_zone, "all_day": record.all_day,
            "rrule": record.rrule[:500], "exdates": [iso(x) for x in record.exdates],
            "rdates": [iso(x) for x in record.rdates], "location": record.location[:500],
            "video_link": record.video_link[:1000], "attendee_emails": others,
            "reminder_minutes": record.reminder_minutes,
            "series_id": master.id if master is not None else None, "recurrence_id": record.recurrence_id,
        }
        if kind is not None or current is None:
            values["kind"] = kind or EventKind.MEETING
        if partner_id is not None:
            values["partner_id"] = partner_id
        elif master is not None and master.partner_id is not None:
            values["partner_id"] = master.partner_id
        elif len(partners) == 1 and (current is None or current.partner_id is None):
            values["partner_id"] = next(iter(partners))
        elif current is None:
            values["partner_id"] = None
        extra = dict(current.extra or {}) if current is not None else {}
        for key, value in (("categories", categories), ("organizer", record.organizer),
                           ("url", record.url if record.url != record.video_link else "")):
            if value:
                extra[key] = value
            else:
                extra.pop(key, None)
        values["extra"] = extra
        contact_ids = {cid for cid, _pid in matched}
        if current is None:
            now = dt.datetime.now(dt.UTC)
            values.update(uid=record.uid, sequence=record.sequence, created_at=record.created_at or now,
                          updated_at=now)
            pending.append(_Pending(values, contact_ids, member_ids))
            summary.created += 1
            return
        diff = apply_changes(current, values)
        missing = contact_ids - {c.id for c in current.contacts}
        if missing:
            current.contacts.extend(s.scalars(select(Contact).where(Contact.id.in_(missing))))
            diff["contacts"] = [None, sorted(missing)]
        missing = member_ids - {m.id for m in current.members}
        if missing:
            current.members.extend(s.scalars(select(TeamMember).where(TeamMember.id.in_(missing))))
            diff["members"] = [None, sorted(missing)]
        if diff:
            current.sequence = max(current.sequence + 1, record.sequence)
            touched.append(current)
            summary.updated += 1
        else:
            summary.skipped += 1
