"""Who am I on a workspace (issue 18): ``Workspace.member_id`` names the author of every activity-log entry."""

from __future__ import annotations

from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.models import ActivityLog, TeamMember


def test_the_member_i_am_signs_the_log(workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        me = TeamMember(name="Rui Costa", is_me=True)
        marta = TeamMember(name="Marta Sousa")
        s.add_all([me, marta])
    PartnerService(workspace).create(name="Studio Ventura", kind=PartnerKind.AGENCY)
    workspace.member_id = marta.id
    PartnerService(workspace).create(name="Loja Aurora", kind=PartnerKind.MARKETPLACE)
    with workspace.session() as s:
        authors = dict(s.execute(select(ActivityLog.summary, ActivityLog.member_id)).all())
    assert authors == {"Studio Ventura": me.id, "Loja Aurora": marta.id}
