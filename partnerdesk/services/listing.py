"""Read-only listings for the table views: ordered ids first (cheap), row values fetched in batches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from partnerdesk.store import models as m
from partnerdesk.store.workspace import Workspace

Row = dict[str, Any]


def _work_item_ids() -> Select[Any]:
    return (select(m.WorkItem.id)
            .where(m.WorkItem.archived.is_(False), m.WorkItem.deleted_at.is_(None))
            .order_by(m.WorkItem.due_at.is_(None), m.WorkItem.due_at, m.WorkItem.id))


def _work_item_rows(s: Session, ids: Sequence[int]) -> dict[int, Row]:
    q = (select(m.WorkItem).where(m.WorkItem.id.in_(ids))
         .options(selectinload(m.WorkItem.partner), selectinload(m.WorkItem.status),
                  selectinload(m.WorkItem.responsible_member), selectinload(m.WorkItem.responsible_contact)))
    out: dict[int, Row] = {}
    for w in s.scalars(q):
        responsible = (w.responsible_member.name if w.responsible_member
                       else w.responsible_contact.display_name if w.responsible_contact else "")
        out[w.id] = {
            "title": w.title, "partner": w.partner.name if w.partner else "",
            "status_key": w.status.key, "status_name": w.status.name, "status_position": w.status.position,
            "priority": w.priority, "due_at": w.due_at, "due_has_time": w.due_has_time,
            "responsible": responsible, "tags": list(w.tags or []),
        }
    return out


def _event_ids() -> Select[Any]:
    return select(m.Event.id).where(m.Event.series_id.is_(None)).order_by(m.Event.starts_at, m.Event.id)


def _event_rows(s: Session, ids: Sequence[int]) -> dict[int, Row]:
    q = select(m.Event).where(m.Event.id.in_(ids)).options(selectinload(m.Event.partner))
    return {e.id: {"title": e.title, "kind": e.kind, "starts_at": e.starts_at, "ends_at": e.ends_at,
                   "time_zone": e.time_zone, "all_day": e.all_day, "recurring": bool(e.rrule),
                   "partner": e.partner.name if e.partner else "",
                   "location": e.location or e.video_link} for e in s.scalars(q)}


def _contact_ids() -> Select[Any]:
    return select(m.Contact.id).order_by(m.Contact.display_name, m.Contact.id)


def _first(values: list[dict[str, Any]] | None) -> str:
    for item in values or []:
        value = item.get("value") if isinstance(item, dict) else item
        if value:
            return str(value)
    return ""


def _contact_rows(s: Session, ids: Sequence[int]) -> dict[int, Row]:
    q = select(m.Contact).where(m.Contact.id.in_(ids)).options(selectinload(m.Contact.partner))
    return {c.id: {"name": c.display_name, "partner": c.partner.name if c.partner else c.organization,
                   "role": c.role, "email": _first(c.emails), "phone": _first(c.phones),
                   "advisory_board": c.advisory_board} for c in s.scalars(q)}


def _partner_ids() -> Select[Any]:
    return select(m.Partner.id).order_by(m.Partner.name, m.Partner.id)


def _partner_rows(s: Session, ids: Sequence[int]) -> dict[int, Row]:
    q = (select(m.Partner).where(m.Partner.id.in_(ids))
         .options(selectinload(m.Partner.owner), selectinload(m.Partner.second)))
    return {p.id: {"name": p.name, "kind": p.kind, "stage": p.stage, "country": p.country,
                   "time_zone": p.time_zone, "owner": p.owner.name if p.owner else "",
                   "second": p.second.name if p.second else ""} for p in s.scalars(q)}


LISTINGS: dict[str, tuple[Callable[[], Select[Any]], Callable[[Session, Sequence[int]], dict[int, Row]]]] = {
    "work_item": (_work_item_ids, _work_item_rows),
    "event": (_event_ids, _event_rows),
    "contact": (_contact_ids, _contact_rows),
    "partner": (_partner_ids, _partner_rows),
}


def list_ids(ws: Workspace, entity: str) -> list[int]:
    """Every id of a listing, in its default order."""
    with ws.session() as s:
        return list(s.scalars(LISTINGS[entity][0]()))


def fetch_rows(ws: Workspace, entity: str, ids: Sequence[int]) -> dict[int, Row]:
    """Display values of the given ids (missing ids were deleted)."""
    if not ids:
        return {}
    with ws.session() as s:
        return LISTINGS[entity][1](s, list(ids))


def counts(ws: Workspace) -> dict[str, int]:
    """How many partners, contacts, open work items and events the workspace holds (status bar)."""
    from sqlalchemy import func

    with ws.session() as s:
        return {entity: s.scalar(select(func.count()).select_from(ids_query().subquery())) or 0
                for entity, (ids_query, _rows) in LISTINGS.items()}
