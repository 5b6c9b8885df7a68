"""The partner service's undo support: field snapshots, and removing / restoring rows with their own ids."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import Action, Channel, Frequency, PartnerKind, Phase
from partnerdesk.domain.errors import ValidationError
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.models import ActivityLog, Contact, Interaction, Responsibility, ScopeItem, TeamMember


@pytest.fixture
def svc(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add(TeamMember(name="Ana", is_me=True))
    return PartnerService(workspace)


def test_snapshot_reads_the_named_fields_and_refuses_unknown_ones(svc) -> None:  # type: ignore[no-untyped-def]
    pid = svc.create(name="Moda Roma", kind=PartnerKind.AGENCY, weekend_days=[5, 6]).id
    snap = svc.snapshot(pid, ("name", "weekend_days", "owner_id"))
    assert snap == {"name": "Moda Roma", "weekend_days": [5, 6], "owner_id": None}
    svc.update(pid, name="Moda Milano", weekend_days=[6])
    svc.update(pid, **snap)  # restoring through update
    assert svc.snapshot(pid, ("name", "weekend_days")) == {"name": "Moda Roma", "weekend_days": [5, 6]}
    with pytest.raises(ValidationError):
        svc.snapshot(pid, ("password",))


def test_remove_and_restore_keep_id_and_values(svc, workspace) -> None:  # type: ignore[no-untyped-def]
    pid = svc.create(name="Moda Roma", kind=PartnerKind.AGENCY).id
    task = svc.add_responsibility(pid, "Monthly report", Frequency.MONTHLY, member_id=1).id
    item = svc.add_scope_item(pid, "Returns in Italy", phase=Phase.EXPANSION, in_scope=False).id
    with workspace.transaction() as s:
        s.add(Contact(display_name="Giulia", partner_id=pid))
    when = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
    talk = svc.add_interaction(pid, Channel.CALL, "Agreed on returns", occurred_at=when,
                               follow_up_on=dt.date(2026, 3, 9), contact_ids=[1]).id
    for entity, row_id, model in (("responsibility", task, Responsibility), ("scope_item", item, ScopeItem),
                                  ("interaction", talk, Interaction)):
        before = svc.row_snapshot(entity, row_id)
        data, result = svc.remove_row(entity, row_id)
        assert result.changes and data == before
        with workspace.session() as s:
            assert s.get(model, row_id) is None
        restored = svc.restore_row(entity, data)
        assert restored.id == row_id and restored.changes
        assert svc.row_snapshot(entity, row_id) == before
    with workspace.session() as s:
        back = s.get(Interaction, talk)
        assert [c.display_name for c in back.contacts] == ["Giulia"]
        actions = [a.action for a in s.scalars(select(ActivityLog).where(ActivityLog.entity == "interaction"))]
    assert actions == [Action.CREATE, Action.DELETE, Action.RESTORE]


def test_undo_expansion_returns_stage_and_items_to_the_pilot(svc, workspace) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.domain.enums import PartnerStage
    from partnerdesk.store.models import Partner

    pid = svc.create(name="Moda Roma", kind=PartnerKind.AGENCY, stage=PartnerStage.ACTIVE).id
    carried = svc.add_scope_item(pid, "Returns in Italy").id
    kept = svc.add_scope_item(pid, "Gift wrapping").id
    svc.decide_expansion(pid, "Pilot went well", [carried])
    result = svc.undo_expansion(pid, PartnerStage.ACTIVE, [carried])
    assert result.changes
    with workspace.session() as s:
        assert s.get(Partner, pid).stage == PartnerStage.ACTIVE
        assert s.get(ScopeItem, carried).phase == Phase.PILOT and s.get(ScopeItem, kept).phase == Phase.PILOT
        last = s.scalars(select(ActivityLog).order_by(ActivityLog.id.desc())).first()
    assert last.changes["stage"] == ["expanded", "active"]
