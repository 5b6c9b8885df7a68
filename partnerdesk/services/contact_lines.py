"""The contacts table's rows in one light query (no Qt: a worker thread runs it), on either engine."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from partnerdesk.store.dialects import contact_list_rows
from partnerdesk.store.models import Contact
from partnerdesk.store.search import normalize


@dataclass
class ContactLine:
    id: int
    name: str
    partner_id: int | None
    partner: str
    role: str
    email: str
    phone: str
    tags: list[str]
    advisory: bool
    zone: str
    has_photo: bool
    haystack: str


def _tags(value: Any) -> list[str]:
    """A JSON list column as stored text (or, should a driver parse it, the list)."""
    if isinstance(value, str):
        value = json.loads(value) if value and value != "[]" else []
    return [str(v) for v in value or []]


def query_lines(workspace: Any, ids: set[int] | None = None) -> list[ContactLine]:
    """Every contact (or those in ``ids``) in name order; the filter text is the search index's already-normalised
    document."""
    if workspace is None:
        return []
    lines = []
    with workspace.engine.connect() as con:
        for (cid, name, pid, pname, role, org, email, phone, tags, adv, tz, ptz, photo,
             body) in contact_list_rows(con, ids):
            # The organisation only when it is not the partner shown in the next column.
            role_text = " · ".join(x for x in (role, org if org != pname else "") if x)
            lines.append(ContactLine(cid, name, pid, pname or "", role_text, email or "", phone or "",
                                     _tags(tags), bool(adv), tz or ptz or "", bool(photo),
                                     body if body is not None else normalize(" ".join([name, role_text,
                                                                                      email or ""]))))
    return lines


def count_contacts(workspace: Any) -> int:
    from sqlalchemy import func

    if workspace is None:
        return 0
    with workspace.session() as s:
        return int(s.scalar(select(func.count(Contact.id))) or 0)
