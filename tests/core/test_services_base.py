"""The unit of work: one transaction, activity logged with it, typed errors, nothing kept on failure."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import Action, PartnerKind
from partnerdesk.domain.errors import ConflictError, NotFoundError
from partnerdesk.l10n import set_language
from partnerdesk.services.base import Service, apply_changes
from partnerdesk.store.models import ActivityLog, Partner, TeamMember


class _PartnerNames(Service):
    def create(self, name: str) -> int:
        with self.unit_of_work() as (s, changes):
            p = Partner(name=name, kind=PartnerKind.AGENCY)
            s.add(p)
            s.flush()
            self.log(s, "partner", p.id, Action.CREATE, name, partner_id=p.id)
            changes.add("created", "partner", p.id)
            return p.id

    def rename(self, partner_id: int, name: str) -> dict:
        with self.unit_of_work() as (s, changes):
            p = self.get(s, Partner, partner_id)
            diff = apply_changes(p, {"name": name})
            self.log(s, "partner", p.id, Action.UPDATE, changes=diff, partner_id=p.id)
            changes.add("updated", "partner", p.id)
            return diff


def test_write_and_activity_land_together(workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add(TeamMember(name="Ana Ribeiro", is_me=True))
    svc = _PartnerNames(workspace)
    pid = svc.create("Tokyo Express")
    assert svc.rename(pid, "Tokyo Express KK") == {"name": ["Tokyo Express", "Tokyo Express KK"]}
    with workspace.session() as s:
        log = s.scalars(select(ActivityLog).order_by(ActivityLog.id)).all()
        assert [(e.action, e.entity_id) for e in log] == [(Action.CREATE, pid), (Action.UPDATE, pid)]
        assert log[0].member.name == "Ana Ribeiro"
        assert log[1].changes == {"name": ["Tokyo Express", "Tokyo Express KK"]}


def test_failed_write_keeps_nothing_and_explains(workspace) -> None:  # type: ignore[no-untyped-def]
    svc = _PartnerNames(workspace)
    svc.create("Atlas")
    pid = svc.create("Hermes")
    with pytest.raises(ConflictError) as err:
        svc.rename(pid, "Atlas")  # unique name
    set_language("el")
    assert err.value.message == "Αυτή η αλλαγή έρχεται σε σύγκρουση με υπάρχοντα δεδομένα."
    with workspace.session() as s:
        assert sorted(s.scalars(select(Partner.name))) == ["Atlas", "Hermes"]
        assert s.scalar(select(ActivityLog).where(ActivityLog.action == Action.UPDATE)) is None


def test_missing_record_is_a_typed_error(workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        _PartnerNames(workspace).rename(999, "Nobody")
