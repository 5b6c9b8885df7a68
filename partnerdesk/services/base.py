"""Shared machinery of every service: the unit of work, the activity log and the change report."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from partnerdesk.domain.enums import Action
from partnerdesk.domain.errors import ConflictError, NotFoundError, PartnerDeskError
from partnerdesk.l10n import N_
from partnerdesk.store.models import ActivityLog, Base, TeamMember
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

    def add(self, bucket: str, entity: str, ids: int | Iterable[int]) -> None:
        target: dict[str, set[int]] = getattr(self, bucket)
        ids = [ids] if isinstance(ids, int) else list(ids)
        target.setdefault(entity, set()).update(ids)

    def merge(self, other: ChangeSet) -> ChangeSet:
        for bucket in ("created", "updated", "deleted"):
            for entity, ids in getattr(other, bucket).items():
                self.add(bucket, entity, ids)
        return self

    def entities(self) -> set[str]:
        return set(self.created) | set(self.updated) | set(self.deleted)

    def ids(self, entity: str) -> set[int]:
        return (self.created.get(entity, set()) | self.updated.get(entity, set())
                | self.deleted.get(entity, set()))

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


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
    """Set attributes on a model; return {field: [old, new]} for those that really changed."""
    changes: dict[str, list[Any]] = {}
    columns = {c.key for c in inspect(type(obj)).column_attrs}
    for name, new in values.items():
        if name not in columns:
            raise AttributeError(f"{type(obj).__name__} has no column {name!r}")
        old = getattr(obj, name)
        if old != new:
            setattr(obj, name, new)
            changes[name] = [_jsonable(old), _jsonable(new)]
    return changes


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
        """One transaction. Integrity or locking errors become typed, translated errors; nothing is kept."""
        if getattr(self.workspace, "read_only", False):
            from partnerdesk.store.workspace import WorkspaceIsReadOnlyError

            raise WorkspaceIsReadOnlyError()
        changes = ChangeSet()
        actor = self.actor_id
        session = self.workspace.session()
        session.info["actor_id"] = actor
        try:
            with session.begin():
                yield session, changes
        except IntegrityError as exc:
            raise ConflictError() from exc
        except OperationalError as exc:
            raise WriteFailedError() from exc
        finally:
            session.close()

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
