"""Every edit the UI saves from a copy it loaded earlier (partner, contact, event, payment, KPI value) refuses to
overwrite a change another client made in between (issue 18), and says who changed what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.domain.errors import EditConflictError, NotFoundError
from partnerdesk.domain.periods import Period
from partnerdesk.services.contacts import ContactService
from partnerdesk.services.events import EventService
from partnerdesk.services.kpi_values import Entry, KpiService
from partnerdesk.services.partners import PartnerService
from partnerdesk.services.payment_edits import PaymentService
from partnerdesk.store.models import ActivityLog, Contact, Event, Partner, Payment, TeamMember
from partnerdesk.store.workspace import Workspace
from tests.team.helpers import second_client


@pytest.fixture
def two(workspace: Workspace) -> Iterator[tuple[Workspace, Workspace, int, int]]:
    """Client A (the ``workspace``), client B on the same workspace, and their team members' ids."""
    with workspace.session() as s, s.begin():
        s.add_all([TeamMember(name="Marta Sousa"), TeamMember(name="Rui Costa")])
    with workspace.session() as s:
        marta, rui = (s.scalar(select(TeamMember.id).where(TeamMember.name == n)) for n in ("Marta Sousa", "Rui Costa"))
    other = second_client(workspace)
    assert marta is not None and rui is not None
    yield workspace, other, marta, rui
    other.close()


def _version(ws: Workspace, model: Any, row_id: int) -> int:
    with ws.session() as s:
        return int(s.get(model, row_id).row_version)


def test_partner_contact_event_payment_edits_conflict(two) -> None:  # type: ignore[no-untyped-def]
    a, b, marta, rui = two
    pid = PartnerService(a, marta).create(name="Kyma Hotels", kind=PartnerKind.AGENCY).id
    cid, _ = ContactService(a, marta).create(display_name="Eleni Papadaki", partner_id=pid)
    start = dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC)
    eid, _ = EventService(a, marta).create("Kick-off", start, start + dt.timedelta(hours=1))
    pay, _ = PaymentService(a, marta).create(partner_id=pid, invoice_ref="K-1", amount_minor=120000, currency="EUR",
                                            due_on=dt.date(2026, 12, 31))
    cases = [
        (Partner, pid, lambda ws, who, v, text: PartnerService(ws, who).update(pid, expected_version=v, website=text),
         "website"),
        (Contact, cid, lambda ws, who, v, text: ContactService(ws, who).update(cid, expected_version=v, notes=text),
         "notes"),
        (Event, eid, lambda ws, who, v, text: EventService(ws, who).update(eid, {"description": text},
                                                                          expected_version=v), "description"),
        (Payment, pay, lambda ws, who, v, text: PaymentService(ws, who).update(pay, {"notes": text}, v), "notes"),
    ]
    for model, row_id, save, field in cases:
        held = _version(a, model, row_id)  # Marta opens the editor
        save(b, rui, _version(b, model, row_id), "Rui's text")  # Rui saves first
        with pytest.raises(EditConflictError) as err:
            save(a, marta, held, "Marta's text")
        assert err.value.who == "Rui Costa", model
        assert err.value.fields()[field][1] == "Rui's text", model
        with b.session() as s:
            assert getattr(s.get(model, row_id), field) == "Rui's text", model  # nothing of Marta's
        save(a, marta, err.value.current_version, "Marta's text")  # re-apply mine, knowingly
        with b.session() as s:
            assert getattr(s.get(model, row_id), field) == "Marta's text", model


def test_kpi_entry_saves_only_over_what_the_user_saw(two) -> None:  # type: ignore[no-untyped-def]
    a, b, marta, rui = two
    pid = PartnerService(a, marta).create(name="Vitrine Paulista", kind=PartnerKind.MARKETPLACE).id
    oct_ = Period.parse("2026-10")
    today = dt.date(2026, 11, 16)
    key = "conversion_rate"
    seen = KpiService(a, marta).entry(pid, key, oct_)  # Marta's grid shows the period empty
    KpiService(b, rui).set_entry(pid, key, oct_, Entry(0.02, None, ""), today, expected=seen)  # Rui types first
    with pytest.raises(EditConflictError) as err:
        KpiService(a, marta).set_entry(pid, key, oct_, Entry(0.03, None, ""), today, expected=seen)
    assert err.value.who == "Rui Costa"
    assert KpiService(a).entry(pid, key, oct_).value == 0.02
    now = KpiService(a).entry(pid, key, oct_)
    KpiService(a, marta).set_entry(pid, key, oct_, Entry(0.03, None, ""), today, expected=now)
    KpiService(b, rui).set_entry(pid, key, oct_, Entry(), today, expected=Entry(0.03, None, ""))  # Rui empties it
    with pytest.raises(NotFoundError):
        KpiService(a, marta).set_entry(pid, key, oct_, Entry(0.04, None, ""), today, expected=now)


def test_the_log_records_the_version_each_change_left(two) -> None:  # type: ignore[no-untyped-def]
    a, _b, marta, _rui = two
    pid = PartnerService(a, marta).create(name="Kyma Hotels", kind=PartnerKind.AGENCY).id
    PartnerService(a, marta).update(pid, website="kyma.example")
    with a.session() as s:
        versions = list(s.scalars(select(ActivityLog.row_version).where(ActivityLog.entity == "partner",
                                                                         ActivityLog.entity_id == pid)
                                  .order_by(ActivityLog.id)))
    assert versions == [1, 2]
