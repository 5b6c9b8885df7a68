"""The team members a person can be on a shared workspace ("Who am I", issue 18)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from partnerdesk.domain.enums import Action
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service
from partnerdesk.store.models import TeamMember
from partnerdesk.store.workspace import Workspace


class MemberNameError(PartnerDeskError):
    template = N_("Type your name to add yourself to the team.")


class MemberExistsError(PartnerDeskError):
    template = N_("“{name}” is already on the team: choose it in the list.")


@dataclass(frozen=True)
class MemberChoice:
    id: int
    name: str
    role: str


def me_condition(workspace: Workspace) -> ColumnElement[bool]:
    """Which team member is "me": who this person said they are on a team workspace, else the one marked."""
    member = getattr(workspace, "member_id", None)
    return TeamMember.id == member if member is not None else TeamMember.is_me.is_(True)


def active_members(workspace: Workspace) -> list[MemberChoice]:
    """The active team members, by name."""
    with workspace.session() as s:
        rows = s.execute(select(TeamMember.id, TeamMember.name, TeamMember.role)
                         .where(TeamMember.active.is_(True))).all()
    return sorted((MemberChoice(r[0], r[1], r[2] or "") for r in rows), key=lambda m: (m.name.casefold(), m.id))


def active_member_name(workspace: Workspace, member_id: int) -> str | None:
    """The name of an active member, None when that member is gone or no longer active."""
    with workspace.session() as s:
        return s.scalar(select(TeamMember.name).where(TeamMember.id == member_id, TeamMember.active.is_(True)))


class TeamMemberService(Service):
    def add(self, name: str) -> tuple[int, ChangeSet]:
        """Add a team member called ``name`` (the person who is connecting, when the list lacks them)."""
        name = " ".join(name.split())
        if not name:
            raise MemberNameError()
        with self.unit_of_work() as (s, changes):
            if s.scalar(select(TeamMember.id).where(func.lower(TeamMember.name) == name.lower())) is not None:
                raise MemberExistsError(name=name)
            member = TeamMember(name=name, is_me=False)
            s.add(member)
            s.flush()
            s.info["actor_id"] = s.info.get("actor_id") or member.id
            self.log(s, "team_member", member.id, Action.CREATE, name)
            changes.add("created", "team_member", member.id)
        return member.id, changes
