"""Shared machinery of every service: the unit of work, the activity log and the change report."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from partnerdesk.domain.enums import Action
from partnerdesk.domain.errors import (
    ConflictError,
    EditConflictError,
    NotFoundError,
    PartnerDeskError,
    TheirChange,
)
from partnerdesk.l10n import N_
from partnerdesk.store import notify, versioning
from partnerdesk.store.models import ActivityLog, Base, TeamMember
from partnerdesk.store.notify import ConnectionLostError as ConnectionLostError  # raised here too
from partnerdesk.store.workspace import Workspace

_Model = TypeVar("_Model", bound=Base)


class WriteFailedError(PartnerDeskError):
    template = N_("The change could not be saved; nothing was changed. The workspace may be locked by "
                  "another program or the disk may be full.")


@dataclass
class ChangeSet:
    """What a service call changed, by entity kind ("work_item", "partner", …)."""

    created: dict[str, set[int]] = field(default_factory=dict)
    updated: dict[str, set[int]] = field(default_factory=dict)
    deleted: dict[str, set[int]] = field(default_factory=dict)
    # (entity, id) -> the row_version this change left a versioned record at (what an undo step expects to find;
    # 0: deleted)
    versions: dict[tuple[str, int], int] = field(default_factory=dict)
    # (entity, id) -> the row_version the record had before this change (0: it was created)
    versions_before: dict[tuple[str, int], int] = field(default_factory=dict)

    def version(self, entity: str, entity_id: int) -> int | None:
        """The version this change left the record at (None: not reported, or deleted)."""
        return self.versions.get((entity, entity_id)) or None

    def add(self, bucket: str, entity: str, ids: int | Iterable[int]) -> None:
        target: dict[str, set[int]] = getattr(self, bucket)
        ids = [ids] if isinstance(ids, int) else list(ids)
        target.setdefault(entity, set()).update(ids)

    def merge(self, other: ChangeSet) -> ChangeSet:
        for bucket in ("created", "updated", "deleted"):
            for entity, ids in getattr(other, bucket).items():
                self.add(bucket, entity, ids)
        for key, version in other.versions_before.items():
            self.versions_before.setdefault(key, version)
        self.versions.update(other.versions)
        return self

    def entities(self) -> set[str]:
        return set(self.created) | set(self.updated) | set(self.deleted)

    def ids(self, entity: str) -> set[int]:
        return (self.created.get(entity, set()) | self.updated.get(entity, set())
                | self.deleted.get(entity, set()))

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def as_dict(self) -> dict[str, dict[str, set[int]]]:
        return {"created": self.created, "updated": self.updated, "deleted": self.deleted}

    @classmethod
    def from_dict(cls, data: Mapping[str, Mapping[str, Iterable[int]]]) -> ChangeSet:
        changes = cls()
        for bucket in ("created", "updated", "deleted"):
            for entity, ids in (data.get(bucket) or {}).items():
                changes.add(bucket, entity, ids)
        return changes


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def apply_changes(obj: Base, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set attributes on a model; return {field: [old, new]} for those that really changed. A ``row_version`` in
    ``values`` (from a snapshot) is ignored: the version only goes up, counted by the store."""
    changes: dict[str, list[Any]] = {}
    columns = {c.key for c in inspect(type(obj)).column_attrs}
    for name, new in values.items():
        if name == "row_version":
            continue
        if name not in columns:
            raise AttributeError(f"{type(obj).__name__} has no column {name!r}")
        old = getattr(obj, name)
        if old != new:
            setattr(obj, name, new)
            changes[name] = [_jsonable(old), _jsonable(new)]
    return changes


class _StaleEdit(Exception):
    """Raised inside a unit of work when a record is not at the version the caller started from."""

    def __init__(self, record: versioning.StaleRecord) -> None:
        super().__init__(record)
        self.record = record


def their_changes(session: Session, entity: str, entity_id: int, held_version: int) -> list[TheirChange]:
    """The activity-log entries of a record made after ``held_version`` (oldest first); when the log has no
    versioned entry for them (unlogged or older writes), its latest entry."""
    rows = list(session.execute(
        select(ActivityLog, TeamMember.name).outerjoin(TeamMember, TeamMember.id == ActivityLog.member_id)
        .where(ActivityLog.entity == entity, ActivityLog.entity_id == entity_id,
               ActivityLog.row_version > held_version)
        .order_by(ActivityLog.id)))
    if not rows:
        rows = list(session.execute(
            select(ActivityLog, TeamMember.name).outerjoin(TeamMember, TeamMember.id == ActivityLog.member_id)
            .where(ActivityLog.entity == entity, ActivityLog.entity_id == entity_id)
            .order_by(ActivityLog.id.desc()).limit(1)))
    return [TheirChange(who=name or "", at=entry.at, action=str(getattr(entry.action, "value", entry.action)),
                        summary=entry.summary or "", fields=dict(entry.changes or {}))
            for entry, name in rows]


class Service:
    """Base of the per-aggregate services. ``actor_id`` is the team member doing the work (for the log)."""

    def __init__(self, workspace: Workspace, actor_id: int | None = None) -> None:
        self.workspace = workspace
        self._actor_id = actor_id

    @property
    def actor_id(self) -> int | None:
        """Who does the work: the one given, else who I am on this workspace (``Workspace.member_id``, set in team
        mode), else the team member marked as me."""
        if self._actor_id is None and getattr(self.workspace, "member_id", None) is not None:
            return self.workspace.member_id
        if self._actor_id is None:
            with self.workspace.session() as s:
                self._actor_id = s.scalar(select(TeamMember.id).where(TeamMember.is_me.is_(True)).limit(1))
        return self._actor_id

    @contextmanager
    def unit_of_work(self) -> Iterator[tuple[Session, ChangeSet]]:
        """One transaction. Integrity or locking errors become typed, translated errors; nothing is kept.

        What changed is published to the other clients of a team workspace just before the commit (delivered
        only if it commits). While the server is unreachable, nothing is attempted: ConnectionLostError.
        A write to a record someone else changed since it was read (SQLAlchemy's StaleDataError on the row
        version) or since the version the caller started from (``get_at``) becomes an EditConflictError with
        their change. The ChangeSet reports the version each written record was left at (``versions``)."""
        if getattr(self.workspace, "read_only", False):
            from partnerdesk.store.workspace import WorkspaceIsReadOnlyError

            raise WorkspaceIsReadOnlyError()
        if notify.is_offline(self.workspace):
            raise ConnectionLostError()
        changes = ChangeSet()
        try:
            actor = self.actor_id
        except DBAPIError as exc:
            if notify.is_connection_lost(exc):
                raise ConnectionLostError() from exc
            raise
        session = self.workspace.session()
        session.info["actor_id"] = actor
        versioning.watch(session)
        stale: list[versioning.StaleRecord] = []
        try:
            with session.begin():
                yield session, changes
                session.flush()
                left = versioning.versions_left(session)
                changes.versions.update(left)
                changes.versions_before.update(versioning.versions_read(session, left))
                session.flush()  # the versions stamped on this transaction's log entries
                notify.publish(session, self.workspace, changes.as_dict())
        except StaleDataError:
            # Someone else committed a change to a row this transaction read and then wrote: nothing is kept.
            stale = versioning.stale_records(session)
        except _StaleEdit as exc:
            stale = [exc.record]
        except IntegrityError as exc:
            raise ConflictError() from exc
        except DBAPIError as exc:
            if notify.is_connection_lost(exc):
                raise ConnectionLostError() from exc
            if isinstance(exc, OperationalError):
                raise WriteFailedError() from exc
            raise
        finally:
            session.close()
        if stale:
            raise self.edit_conflict(stale)

    def edit_conflict(self, records: list[versioning.StaleRecord]) -> PartnerDeskError:
        """The conflict to report for rows read at ``held_version`` that changed since: the first one whose
        committed version differs, with the other person's changes from its activity log."""
        with self.workspace.session() as s:
            for record in records:
                current = versioning.current_version(s, record.entity, record.entity_id)
                if current is None:
                    return NotFoundError()
                if current != record.held_version:
                    return EditConflictError(record.entity, record.entity_id, held_version=record.held_version,
                                             current_version=current,
                                             theirs=their_changes(s, record.entity, record.entity_id,
                                                                  record.held_version))
            first = records[0]
            return EditConflictError(first.entity, first.entity_id, held_version=first.held_version,
                                     current_version=first.held_version)

    def get_at(self, session: Session, model: type[_Model], obj_id: int, expected_version: int | None) -> _Model:
        """``get``, and when ``expected_version`` is given (the version the user started editing from), an edit
        conflict if the record has changed since: the caller's save must not overwrite the other change."""
        obj = self.get(session, model, obj_id)
        version = getattr(obj, "row_version", None)
        if expected_version is not None and version is not None and version != expected_version:
            raise _StaleEdit(versioning.StaleRecord(versioning.entity_of(obj) or model.__tablename__, obj_id,
                                                    expected_version))
        return obj

    def version_of(self, model: type[Base], obj_id: int) -> int:
        """The committed row_version of a record (what an edit dialog holds while the user types)."""
        with self.workspace.session() as s:
            return int(getattr(self.get(s, model, obj_id), "row_version", 0) or 0)

    def log(self, session: Session, entity: str, entity_id: int, action: Action, summary: str = "",
            changes: Mapping[str, Any] | None = None, partner_id: int | None = None) -> None:
        """Append to the activity log inside the current transaction."""
        session.add(ActivityLog(
            member_id=session.info.get("actor_id", self.actor_id), entity=entity, entity_id=entity_id,
            partner_id=partner_id, action=action, summary=summary, changes=dict(changes or {}),
        ))

    @staticmethod
    def get(session: Session, model: type[_Model], obj_id: int) -> _Model:
        obj = session.get(model, obj_id)
        if obj is None:
            raise NotFoundError()
        return obj
