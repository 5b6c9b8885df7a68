"""Names for the ids in an edit conflict's "their change" (partner, person, column…), for the conflict dialog."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from partnerdesk.store.models import Contact, Partner, TeamMember, WorkStatus
from partnerdesk.store.workspace import Workspace

# field -> (model, the column naming a row)
_NAMED: dict[str, tuple[Any, Any]] = {
    "partner_id": (Partner, Partner.name),
    "responsible_member_id": (TeamMember, TeamMember.name),
    "member_id": (TeamMember, TeamMember.name),
    "owner_id": (TeamMember, TeamMember.name),
    "responsible_contact_id": (Contact, Contact.display_name),
    "contact_id": (Contact, Contact.display_name),
    "status_id": (WorkStatus, WorkStatus.name),
}


def id_names(workspace: Workspace, fields: Mapping[str, Iterable[Any]]) -> dict[tuple[str, int], str]:
    """{(field, id): name} for the id-valued fields among ``fields`` ({field: values}); unknown ids are left
    out (the record was deleted since). Column names may be empty (a built-in column): the caller labels those."""
    out: dict[tuple[str, int], str] = {}
    with workspace.session() as s:
        for name, values in fields.items():
            if name not in _NAMED:
                continue
            model, column = _NAMED[name]
            ids = {v for v in values if isinstance(v, int) and not isinstance(v, bool)}
            if ids:
                for row_id, label in s.execute(select(model.id, column).where(model.id.in_(ids))):
                    out[(name, row_id)] = label or ""
    return out
