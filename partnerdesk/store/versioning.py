"""Row versions of the editable aggregates (issue 18, "edits never overwrite silently").

Every model mixing in :class:`~partnerdesk.store.models.base.Versioned` carries ``row_version``, SQLAlchemy's
``version_id_col``: each UPDATE says ``WHERE id = … AND row_version = <the version read>`` and raises
``StaleDataError`` when someone else committed in between. This module knows which activity-log entity names a
versioned model, watches a unit of work's flushes, and reports the version each record was left at (stamped on
the log entries of the transaction and returned to the caller, so an undo step knows what it left).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from partnerdesk.store.models import (
    ActivityLog,
    BrandGuide,
    Contact,
    Contract,
    Event,
    Interaction,
    KpiDefinition,
    KpiValue,
    Partner,
    Payment,
    PaymentSchedule,
    Questionnaire,
    Responsibility,
    ScopeItem,
    TeamMember,
    WorkItem,
    WorkStatus,
)
from partnerdesk.store.models.base import Base, Versioned

# activity-log entity name -> model (the names the services already log under)
VERSIONED: dict[str, type[Base]] = {
    "work_item": WorkItem, "work_status": WorkStatus, "scope_item": ScopeItem, "contract": Contract,
    "responsibility": Responsibility, "team_member": TeamMember, "partner": Partner, "contact": Contact,
    "interaction": Interaction, "event": Event, "payment": Payment, "payment_schedule": PaymentSchedule,
    "kpi_definition": KpiDefinition, "kpi_value": KpiValue, "brand_guide": BrandGuide,
    "questionnaire": Questionnaire,
}
_ENTITY_OF: dict[type[Base], str] = {model: name for name, model in VERSIONED.items()}

_PENDING = "partnerdesk.versions.pending"  # (entity, id, version read) of versioned rows about to be written
_TOUCHED = "partnerdesk.versions.touched"  # versioned objects a flush of this session wrote
_LOGS = "partnerdesk.versions.logs"  # activity-log entries this session added
_FIRST = "partnerdesk.versions.first"  # (entity, id) -> the version a written row was first read at
_DELETED = "partnerdesk.versions.deleted"  # (entity, id) of versioned rows this session deleted
GONE = 0  # the "version" of a record that does not exist (before its creation, after its deletion)


@dataclass(frozen=True)
class StaleRecord:
    entity: str
    entity_id: int
    held_version: int


def entity_of(obj: object) -> str | None:
    """The activity-log entity name of a versioned object (None: not versioned)."""
    for cls in type(obj).__mro__:
        if cls in _ENTITY_OF:
            return _ENTITY_OF[cls]
    return None


def watch(session: Session) -> None:
    """Record, for this session's flushes, which versioned rows are written (for :func:`versions_left`) and
    which versions they were read at (for :func:`stale_records` when a flush finds one changed)."""
    session.info[_PENDING] = []
    session.info[_TOUCHED] = []
    session.info[_LOGS] = []
    session.info[_FIRST] = {}
    session.info[_DELETED] = set()

    @event.listens_for(session, "before_flush")
    def _before(sess: Session, _ctx: object, _instances: object) -> None:
        pending: list[StaleRecord] = sess.info[_PENDING]
        pending.clear()
        sess.info[_LOGS].extend(o for o in sess.new if isinstance(o, ActivityLog))
        for obj in (*sess.dirty, *sess.deleted):
            name = entity_of(obj)
            if name is not None and isinstance(obj, Versioned):
                ident = sess.identity_key(instance=obj)[1]
                if ident and obj.row_version is not None:
                    pending.append(StaleRecord(name, int(ident[0]), int(obj.row_version)))
                    sess.info[_FIRST].setdefault((name, int(ident[0])), int(obj.row_version))
                    if obj in sess.deleted:
                        sess.info[_DELETED].add((name, int(ident[0])))

    @event.listens_for(session, "after_flush")
    def _after(sess: Session, _ctx: object) -> None:
        touched: list[object] = sess.info[_TOUCHED]
        touched.extend(o for o in (*sess.new, *sess.dirty) if entity_of(o) is not None
                       and (o in sess.new or sess.is_modified(o, include_collections=False)))


def versions_left(session: Session) -> dict[tuple[str, int], int]:
    """(entity, id) -> row_version of every versioned record this session wrote (call after the last flush;
    ``GONE`` for a deleted one), and the same version set on this transaction's activity-log entries about
    those records (flush again)."""
    left: dict[tuple[str, int], int] = {}
    for obj in session.info.get(_TOUCHED, []):
        name = entity_of(obj)
        if name is None or obj not in session or obj in session.deleted:
            continue
        ident = session.identity_key(instance=obj)[1]
        version = getattr(obj, "row_version", None)
        if ident and version is not None:
            left[(name, int(ident[0]))] = int(version)
    for entry in session.info.get(_LOGS, []):
        if (entry.entity, entry.entity_id) in left:
            entry.row_version = left[(entry.entity, entry.entity_id)]
    for key in session.info.get(_DELETED, set()):
        left.setdefault(key, GONE)
    return left


def versions_read(session: Session, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """(entity, id) -> the version each of ``keys`` had when this session first read it (``GONE``: this
    session created it)."""
    first = session.info.get(_FIRST, {})
    return {key: first.get(key, GONE) for key in keys}


def stale_records(session: Session) -> list[StaleRecord]:
    """The versioned rows the failing flush was writing, with the versions they had been read at."""
    return list(session.info.get(_PENDING, []))


def current_version(session: Session, entity: str, entity_id: int) -> int | None:
    """The committed row_version of a record (None: it no longer exists, or the entity is not versioned)."""
    model = VERSIONED.get(entity)
    if model is None:
        return None
    column = model.__table__.c.row_version
    pk = model.__table__.c.id
    return session.scalar(select(column).where(pk == entity_id))
