"""The store's per-engine SQL gives the same answers on SQLite and PostgreSQL (issue 18)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.services.contacts import ContactService
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.dialects import contact_list_rows, contact_list_values, json_list_has, plus_days
from partnerdesk.store.models import Contact, WorkItem


def test_contact_list_rows(workspace) -> None:  # type: ignore[no-untyped-def]
    pid = PartnerService(workspace).create(name="Loja Aurora", kind=PartnerKind.MARKETPLACE).id
    svc = ContactService(workspace)
    first, _ = svc.create(display_name="Zoë Ålund", partner_id=pid, emails=["zoe@aurora.pt", "z@x.pt"],
                          phones=["+351 21 000 0000"], tags=["vip", "ação"], role="CEO")
    second, _ = svc.create(display_name="Ana", notes="sem dados")
    rows = contact_list_rows(workspace.engine)
    assert [r[0] for r in rows] == [second, first]
    ana, zoe = rows
    assert zoe[1:8] == ("Zoë Ålund", pid, "Loja Aurora", "CEO", "", "zoe@aurora.pt", "+351 21 000 0000")
    assert sorted(json.loads(zoe[8])) == ["ação", "vip"] and not zoe[9]
    assert "zoe@aurora.pt" in zoe[13] and "acao" in zoe[13]
    assert ana[6] is None and ana[7] is None and not ana[12]
    assert [r[0] for r in contact_list_rows(workspace.engine, {first})] == [first]
    with workspace.session() as s:
        emails = sorted(v for _cid, _name, v in contact_list_values(s, "emails"))
        assert emails == ["z@x.pt", "zoe@aurora.pt"]
        assert s.scalars(select(Contact.id).where(json_list_has(Contact.tags, "ação"))).all() == [first]
        assert s.scalars(select(Contact.id).where(json_list_has(Contact.tags, "aç"))).all() == []


def test_plus_days(workspace) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.models import WorkStatus

    due = dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)
    with workspace.transaction() as s:
        status = s.scalars(select(WorkStatus)).first()
        s.add(WorkItem(title="x", status_id=status.id, status_changed_at=due + dt.timedelta(hours=20), due_at=due))
        s.add(WorkItem(title="y", status_id=status.id, status_changed_at=due + dt.timedelta(hours=25), due_at=due))
    with workspace.session() as s:
        on_time = s.scalars(select(WorkItem.title).where(WorkItem.status_changed_at <= plus_days(WorkItem.due_at, 1)))
        assert list(on_time) == ["x"]
