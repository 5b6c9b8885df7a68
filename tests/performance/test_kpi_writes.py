from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import KpiDirection, KpiUnit
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.kpi import KpiStatus
from partnerdesk.domain.periods import Period
from partnerdesk.services import kpis
from partnerdesk.services.kpi_values import (
    Entry,
    KpiService,
    latest_snapshot,
    snapshot_differences,
)
from partnerdesk.store.models import ActivityLog, Responsibility, TeamMember, WorkItem

TODAY = dt.date(2026, 11, 16)
OCT = Period.parse("2026-10")


def test_set_entry_validates_and_logs(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    pid = kpi_ws.partner("Vitrine Paulista")
    service = KpiService(kpi_ws.ws)
    changes = service.set_entry(pid, "conversion_rate", OCT, Entry(0.021, 0.025, "Black Friday prep"), TODAY)
    assert changes.ids("kpi_value")
    assert service.entry(pid, "conversion_rate", OCT) == Entry(0.021, 0.025, "Black Friday prep", {})
    with pytest.raises(ValidationError, match="100"):
        service.set_entry(pid, "conversion_rate", OCT, Entry(1.4, 0.025), TODAY)
    with pytest.raises(ValidationError, match="not started"):
        service.set_entry(pid, "traffic", Period.parse("2027-01"), Entry(100, None), TODAY)
    service.set_entry(pid, "traffic", Period.parse("2027-01"), Entry(None, 5000), TODAY)  # a future target is fine
    assert service.entry(pid, "conversion_rate", OCT).value == 0.021  # the refused edit changed nothing
    # An empty entry removes the row.
    service.set_entry(pid, "conversion_rate", OCT, Entry(), TODAY)
    assert service.entry(pid, "conversion_rate", OCT) == Entry()
    with kpi_ws.ws.session() as s:
        assert s.scalar(select(ActivityLog).where(ActivityLog.entity == "kpi_value").limit(1)) is not None


def test_definitions(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    service = KpiService(kpi_ws.ws)
    did, _ = service.define("returns_rate", "Returns", KpiUnit.PERCENT, KpiDirection.LOWER, tolerance=0.05,
                            partner_kinds=["logistics"])
    with pytest.raises(ValidationError):
        service.define("returns_rate", "Again", KpiUnit.PERCENT, KpiDirection.LOWER)
    with pytest.raises(ValidationError):
        service.define("Bad Key", "x", KpiUnit.COUNT, KpiDirection.HIGHER)
    with pytest.raises(ValidationError):
        service.update_definition(did, tolerance=2)
    service.update_definition(did, name="Returns rate", tolerance=0.2)
    pid = kpi_ws.partner("Nordic Parcel", kind="logistics")
    other = kpi_ws.partner("Studio", kind="agency")
    card = kpis.scorecard(kpi_ws.ws, pid, OCT, today=TODAY)
    tile = card.tile("returns_rate")
    assert tile is not None and tile.kpi.label == "Returns rate" and tile.kpi.tolerance == 0.2
    assert kpis.scorecard(kpi_ws.ws, other, OCT, today=TODAY).tile("returns_rate") is None  # kind default


def test_freeze_then_a_later_change_shows_as_a_difference(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    pid = kpi_ws.partner("Atlântico Digital")
    service = KpiService(kpi_ws.ws)
    service.set_entry(pid, "traffic", OCT, Entry(1000, 1200), TODAY)
    card = kpis.scorecard(kpi_ws.ws, pid, OCT, today=TODAY)
    service.freeze(card, "Q4 business review")
    snap = latest_snapshot(kpi_ws.ws, pid, OCT)
    assert snap is not None and snap.label == "Q4 business review"
    assert snapshot_differences(snap.data, card) == []
    service.set_entry(pid, "traffic", OCT, Entry(1100, 1200), TODAY)
    later = kpis.scorecard(kpi_ws.ws, pid, OCT, today=TODAY)
    diff = snapshot_differences(snap.data, later)
    assert [(d.key, d.frozen_value, d.value) for d in diff] == [("traffic", 1000, 1100)]


def test_create_a_card_for_a_kpi_at_risk(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    with kpi_ws.ws.transaction() as s:
        owner, analyst = TeamMember(name="Ana Souza"), TeamMember(name="Kenji Sato")
        s.add_all([owner, analyst])
        s.flush()
        owner_id, analyst_id = owner.id, analyst.id
    pid = kpi_ws.partner("Vitrine Paulista", owner_id=owner_id)
    kpi_ws.value(pid, "conversion_rate", "2026-10", 0.015, 0.025)
    kpi_ws.value(pid, "traffic", "2026-10", 1000, 1000)
    card = kpis.scorecard(kpi_ws.ws, pid, OCT, today=TODAY)
    service = KpiService(kpi_ws.ws)
    with pytest.raises(ValidationError):
        service.create_card(pid, card.tile("traffic"))  # type: ignore[arg-type]  # on track: no card
    item_id, changes = service.create_card(pid, card.tile("conversion_rate"))  # type: ignore[arg-type]
    assert changes.ids("work_item") == {item_id}
    with kpi_ws.ws.session() as s:
        item = s.get(WorkItem, item_id)
        assert item.title == "Conversion rate below target — Vitrine Paulista (Oct)"
        assert item.responsible_member_id == owner_id and "kpi-conversion_rate" in item.tags
    # With a responsibility for KPI reporting, its member gets the card.
    with kpi_ws.ws.transaction() as s:
        s.add(Responsibility(partner_id=pid, task="Send KPI report", member_id=analyst_id, frequency="monthly"))
    item_id, _ = service.create_card(pid, card.tile("conversion_rate"))  # type: ignore[arg-type]
    with kpi_ws.ws.session() as s:
        assert s.get(WorkItem, item_id).responsible_member_id == analyst_id
    assert card.tile("conversion_rate").status == KpiStatus.AT_RISK  # type: ignore[union-attr]
