"""Partners and everything recorded on their profile: owners, scope, contract, responsibilities,
interactions. Every write is one transaction with an activity-log entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select

from partnerdesk.domain.enums import (
    Action,
    Channel,
    Frequency,
    PartnerKind,
    PartnerStage,
    Phase,
    ScopeStatus,
    StatusCategory,
)
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.partners import (
    HEX_COLOR,
    check_hours,
    check_score,
    check_time_zone,
    owner_warning,
)
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.store.models import (
    Interaction,
    Partner,
    Responsibility,
    ScopeItem,
    TeamMember,
    WorkItem,
    WorkStatus,
)

PARTNER_FIELDS = {
    "name", "kind", "stage", "country", "time_zone", "locale", "website", "work_start", "work_end",
    "weekend_days", "reply_hours", "contact_cadence_days", "owner_id", "second_id", "score_experience", "score_reputation",
    "score_compatibility", "evaluation_notes", "tags", "color", "notes",
}


@dataclass
class Result:
    """What a write did: the id it touched, the change report, and advice for the user."""

    id: int
    changes: ChangeSet
    warnings: list[str] = field(default_factory=list)


@dataclass
class PartnerRow:
    """A directory line."""

    id: int
    name: str
    kind: PartnerKind
    stage: PartnerStage
    country: str
    time_zone: str
    owner: str
    second: str
    open_items: int
    overdue_items: int
    color: str


class PartnerService(Service):
    # -- partners -------------------------------------------------------------------------------------------
    def _validate(self, s: Any, values: dict[str, Any], partner_id: int | None) -> dict[str, Any]:
        unknown = set(values) - PARTNER_FIELDS
        if unknown:
            raise ValidationError(N_("Unknown field: {name}"), field=sorted(unknown)[0], name=sorted(unknown)[0])
        if "name" in values:
            values["name"] = (values["name"] or "").strip()
            if not values["name"]:
                raise ValidationError(N_("A partner needs a name."), field="name")
            clash = s.scalar(select(Partner.id).where(func.lower(Partner.name) == values["name"].lower()))
            if clash is not None and clash != partner_id:
                raise ValidationError(N_("A partner named “{name}” already exists."), field="name",
                                      name=values["name"])
        if "kind" in values:
            values["kind"] = PartnerKind(values["kind"])
        if "stage" in values:
            values["stage"] = PartnerStage(values["stage"])
        if "country" in values:
            values["country"] = (values["country"] or "").strip().upper()
            if values["country"] and (len(values["country"]) != 2 or not values["country"].isalpha()):
                raise ValidationError(N_("Use the two-letter country code, such as BR or JP."), field="country")
        if "time_zone" in values:
            check_time_zone(values["time_zone"])
        if "work_start" in values or "work_end" in values:
            check_hours(values.get("work_start", "09:00"), values.get("work_end", "18:00"))
        for score in ("score_experience", "score_reputation", "score_compatibility"):
            if score in values:
                check_score(score, values[score])
        if "reply_hours" in values and int(values["reply_hours"]) < 0:
            raise ValidationError(N_("The expected reply time cannot be negative."), field="reply_hours")
        if "contact_cadence_days" in values and int(values["contact_cadence_days"]) < 1:
            raise ValidationError(N_("Contact every: at least one day."), field="contact_cadence_days")
        if "color" in values and not HEX_COLOR.match(values["color"] or ""):
            raise ValidationError(N_("Colours look like #4A6FA5."), field="color")
        if "weekend_days" in values:
            days = sorted({int(d) for d in values["weekend_days"]})
            if any(d < 0 or d > 6 for d in days):
                raise ValidationError(N_("Weekend days go from Monday (0) to Sunday (6)."), field="weekend_days")
            values["weekend_days"] = days
        return values

    def _owner_warnings(self, s: Any, owner_id: int | None, second_id: int | None) -> list[str]:
        from partnerdesk.l10n import _

        owner = s.get(TeamMember, owner_id) if owner_id else None
        second = s.get(TeamMember, second_id) if second_id else None
        if owner is None:
            return []
        found = owner_warning(owner.name, owner.seniority, second.seniority if second else None)
        if found is None:
            return []
        template, params = found
        params["seniority"] = owner.seniority.label
        return [_(template).format(**params)]

    def owner_warnings(self, owner_id: int | None, second_id: int | None) -> list[str]:
        with self.workspace.session() as s:
            return self._owner_warnings(s, owner_id, second_id)

    def create(self, **values: Any) -> Result:
        with self.unit_of_work() as (s, changes):
            values = self._validate(s, dict(values), None)
            if "kind" not in values:
                raise ValidationError(N_("Choose what kind of partner this is."), field="kind")
            self._check_owners(values.get("owner_id"), values.get("second_id"))
            partner = Partner(**values)
            s.add(partner)
            s.flush()
            self.log(s, "partner", partner.id, Action.CREATE, partner.name, partner_id=partner.id)
            changes.add("created", "partner", partner.id)
            return Result(partner.id, changes, self._owner_warnings(s, partner.owner_id, partner.second_id))

    @staticmethod
    def _check_owners(owner_id: int | None, second_id: int | None) -> None:
        if owner_id is not None and owner_id == second_id:
            raise ValidationError(N_("Owner #1 and owner #2 must be different people."), field="second_id")

    def update(self, partner_id: int, *, expected_version: int | None = None, **values: Any) -> Result:
        """Change fields; ``expected_version``: the version the edit started from (an edit conflict, nothing
        written, if someone else changed the partner since)."""
        with self.unit_of_work() as (s, changes):
            partner = self.get_at(s, Partner, partner_id, expected_version)
            values = self._validate(s, dict(values), partner_id)
            if "work_start" in values or "work_end" in values:
                check_hours(values.get("work_start", partner.work_start), values.get("work_end", partner.work_end))
            self._check_owners(values.get("owner_id", partner.owner_id), values.get("second_id", partner.second_id))
            diff = apply_changes(partner, values)
            warnings: list[str] = []
            if diff:
                self.log(s, "partner", partner.id, Action.UPDATE, partner.name, diff, partner_id=partner.id)
                changes.add("updated", "partner", partner.id)
                if "owner_id" in diff or "second_id" in diff:
                    warnings = self._owner_warnings(s, partner.owner_id, partner.second_id)
            return Result(partner.id, changes, warnings)

    def delete(self, partner_id: int) -> Result:
        with self.unit_of_work() as (s, changes):
            partner = self.get(s, Partner, partner_id)
            self.log(s, "partner", partner.id, Action.DELETE, partner.name)
            s.delete(partner)
            changes.add("deleted", "partner", partner_id)
            return Result(partner_id, changes)

    def directory(self) -> list[PartnerRow]:
        """Every partner with its owners and open / overdue work, in three queries."""
        now = dt.datetime.now(dt.UTC)
        with self.workspace.session() as s:
            members = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
            open_q = (select(WorkItem.partner_id, func.count(), func.sum(case((WorkItem.due_at < now, 1), else_=0)))
                      .join(WorkStatus, WorkStatus.id == WorkItem.status_id)
                      .where(WorkStatus.category != StatusCategory.DONE, WorkItem.deleted_at.is_(None),
                             WorkItem.archived.is_(False), WorkItem.partner_id.is_not(None))
                      .group_by(WorkItem.partner_id))
            counts = {pid: (n, int(late or 0)) for pid, n, late in s.execute(open_q).all()}
            rows = s.execute(select(Partner.id, Partner.name, Partner.kind, Partner.stage, Partner.country,
                                    Partner.time_zone, Partner.owner_id, Partner.second_id, Partner.color)
                             .order_by(Partner.name)).all()
        return [PartnerRow(r.id, r.name, r.kind, r.stage, r.country, r.time_zone,
                           members.get(r.owner_id, ""), members.get(r.second_id, ""),
                           *counts.get(r.id, (0, 0)), r.color) for r in rows]

    # -- scope ------------------------------------------------------------------------------------------------
    def add_scope_item(self, partner_id: int, description: str, *, phase: Phase = Phase.PILOT,
                       in_scope: bool = True, status: ScopeStatus = ScopeStatus.PROPOSED) -> Result:
        description = (description or "").strip()
        if not description:
            raise ValidationError(N_("Describe the scope item."), field="description")
        with self.unit_of_work() as (s, changes):
            self.get(s, Partner, partner_id)
            position = (s.scalar(select(func.max(ScopeItem.position)).where(ScopeItem.partner_id == partner_id))
                        or 0) + 1
            item = ScopeItem(partner_id=partner_id, description=description, phase=Phase(phase),
                             in_scope=in_scope, status=ScopeStatus(status), position=position)
            s.add(item)
            s.flush()
            self.log(s, "scope_item", item.id, Action.CREATE, description, partner_id=partner_id)
            changes.add("created", "scope_item", item.id)
            return Result(item.id, changes)

    def update_scope_item(self, item_id: int, *, expected_version: int | None = None, **values: Any) -> Result:
        if "description" in values and not (values["description"] or "").strip():
            raise ValidationError(N_("Describe the scope item."), field="description")
        with self.unit_of_work() as (s, changes):
            item = self.get_at(s, ScopeItem, item_id, expected_version)
            diff = apply_changes(item, values)
            if diff:
                self.log(s, "scope_item", item.id, Action.UPDATE, item.description, diff,
                         partner_id=item.partner_id)
                changes.add("updated", "scope_item", item.id)
            return Result(item.id, changes)

    def delete_scope_item(self, item_id: int) -> Result:
        with self.unit_of_work() as (s, changes):
            item = self.get(s, ScopeItem, item_id)
            self.log(s, "scope_item", item.id, Action.DELETE, item.description, partner_id=item.partner_id)
            s.delete(item)
            changes.add("deleted", "scope_item", item_id)
            return Result(item_id, changes)

    def decide_expansion(self, partner_id: int, rationale: str, item_ids: list[int] | None = None) -> Result:
        """Record the decision to move from the pilot to expansion: stage becomes Expanded, the chosen pilot
        items are carried into the expansion phase, and the rationale goes into the activity log."""
        rationale = (rationale or "").strip()
        if not rationale:
            raise ValidationError(N_("Write down why the partnership moves from pilot to expansion."),
                                  field="rationale")
        with self.unit_of_work() as (s, changes):
            partner = self.get(s, Partner, partner_id)
            if partner.stage not in (PartnerStage.PILOT, PartnerStage.ACTIVE):
                raise ValidationError(N_("Only a partner in the pilot or active stage can move to expansion."),
                                      field="stage")
            old = partner.stage
            partner.stage = PartnerStage.EXPANDED
            moved = []
            for item in s.scalars(select(ScopeItem).where(ScopeItem.partner_id == partner_id,
                                                          ScopeItem.id.in_(item_ids or []))):
                item.phase = Phase.EXPANSION
                moved.append(item.id)
                changes.add("updated", "scope_item", item.id)
            self.log(s, "partner", partner.id, Action.MOVE, rationale,
                     {"stage": [old.value, PartnerStage.EXPANDED.value], "scope_items": moved},
                     partner_id=partner.id)
            changes.add("updated", "partner", partner.id)
            return Result(partner.id, changes)

    def undo_expansion(self, partner_id: int, stage: PartnerStage, item_ids: list[int]) -> Result:
        """Take back a :meth:`decide_expansion`: the partner returns to ``stage`` and the items it carried
        over go back to the pilot phase."""
        with self.unit_of_work() as (s, changes):
            partner = self.get(s, Partner, partner_id)
            diff = apply_changes(partner, {"stage": PartnerStage(stage)})
            for item in s.scalars(select(ScopeItem).where(ScopeItem.partner_id == partner_id,
                                                          ScopeItem.id.in_(item_ids))):
                item.phase = Phase.PILOT
                changes.add("updated", "scope_item", item.id)
            self.log(s, "partner", partner.id, Action.UPDATE, partner.name, diff, partner_id=partner.id)
            changes.add("updated", "partner", partner.id)
            return Result(partner.id, changes)

    # -- contract ---------------------------------------------------------------------------------------------
    def save_contract(self, partner_id: int, contract_id: int | None = None, **values: Any) -> Result:
        """Add or change one contract (see services/contracts.py for the whole list, ending and undo)."""
        from partnerdesk.services.contracts import ContractService

        contract_id, changes = ContractService(self.workspace, self._actor_id).save(partner_id, contract_id,
                                                                                   **values)
        return Result(contract_id, changes)

    # -- responsibilities -------------------------------------------------------------------------------------
    def _check_responsibility(self, values: dict[str, Any]) -> None:
        if "task" in values and not (values["task"] or "").strip():
            raise ValidationError(N_("Name the task."), field="task")
        if values.get("member_id") and values.get("contact_id"):
            raise ValidationError(N_("Choose one responsible person: someone on our team or a partner "
                                     "contact."), field="contact_id")

    def add_responsibility(self, partner_id: int, task: str, frequency: Frequency, *,
                           member_id: int | None = None, contact_id: int | None = None,
                           deadline: dt.date | None = None) -> Result:
        values = {"task": (task or "").strip(), "member_id": member_id, "contact_id": contact_id,
                  "frequency": Frequency(frequency), "deadline": deadline}
        self._check_responsibility(values)
        if values["frequency"] == Frequency.ONE_OFF and deadline is None:
            raise ValidationError(N_("A one-off task needs a deadline."), field="deadline")
        with self.unit_of_work() as (s, changes):
            self.get(s, Partner, partner_id)
            if s.scalar(select(Responsibility.id).where(Responsibility.partner_id == partner_id,
                                                        Responsibility.task == values["task"])):
                raise ValidationError(N_("This task is already in the matrix."), field="task")
            position = (s.scalar(select(func.max(Responsibility.position))
                                 .where(Responsibility.partner_id == partner_id)) or 0) + 1
            row = Responsibility(partner_id=partner_id, position=position, **values)
            s.add(row)
            s.flush()
            self.log(s, "responsibility", row.id, Action.CREATE, row.task, partner_id=partner_id)
            changes.add("created", "responsibility", row.id)
            return Result(row.id, changes)

    def update_responsibility(self, row_id: int, *, expected_version: int | None = None, **values: Any) -> Result:
        self._check_responsibility(values)
        with self.unit_of_work() as (s, changes):
            row = self.get_at(s, Responsibility, row_id, expected_version)
            if "member_id" in values and values["member_id"]:
                values.setdefault("contact_id", None)
            if "contact_id" in values and values["contact_id"]:
                values.setdefault("member_id", None)
            if "frequency" in values:
                values["frequency"] = Frequency(values["frequency"])
            freq = values.get("frequency", row.frequency)
            deadline = values.get("deadline", row.deadline)
            if freq == Frequency.ONE_OFF and deadline is None:
                raise ValidationError(N_("A one-off task needs a deadline."), field="deadline")
            diff = apply_changes(row, values)
            if diff:
                self.log(s, "responsibility", row.id, Action.UPDATE, row.task, diff, partner_id=row.partner_id)
                changes.add("updated", "responsibility", row.id)
            return Result(row.id, changes)

    def delete_responsibility(self, row_id: int) -> Result:
        with self.unit_of_work() as (s, changes):
            row = self.get(s, Responsibility, row_id)
            self.log(s, "responsibility", row.id, Action.DELETE, row.task, partner_id=row.partner_id)
            s.delete(row)
            changes.add("deleted", "responsibility", row_id)
            return Result(row_id, changes)

    # -- interactions -----------------------------------------------------------------------------------------
    def add_interaction(self, partner_id: int, channel: Channel, summary: str, *,
                        occurred_at: dt.datetime | None = None, follow_up_on: dt.date | None = None,
                        contact_ids: list[int] | None = None, team_member_id: int | None = None) -> Result:
        from partnerdesk.store.models import Contact

        summary = (summary or "").strip()
        if not summary:
            raise ValidationError(N_("Write a short summary of the interaction."), field="summary")
        occurred_at = occurred_at or dt.datetime.now(dt.UTC)
        if occurred_at.tzinfo is None:
            raise ValidationError(N_("The time of the interaction needs a time zone."), field="occurred_at")
        if follow_up_on is not None and follow_up_on < occurred_at.date():
            raise ValidationError(N_("The follow-up date is before the interaction."), field="follow_up_on")
        with self.unit_of_work() as (s, changes):
            self.get(s, Partner, partner_id)
            item = Interaction(partner_id=partner_id, channel=Channel(channel), summary=summary,
                               occurred_at=occurred_at, follow_up_on=follow_up_on,
                               team_member_id=team_member_id or self.actor_id)
            if contact_ids:
                item.contacts = list(s.scalars(select(Contact).where(Contact.id.in_(contact_ids))))
            s.add(item)
            s.flush()
            self.log(s, "interaction", item.id, Action.CREATE, summary[:200], partner_id=partner_id)
            changes.add("created", "interaction", item.id)
            return Result(item.id, changes)

    def update_interaction(self, interaction_id: int, *, expected_version: int | None = None, **values: Any) -> Result:
        if "summary" in values and not (values["summary"] or "").strip():
            raise ValidationError(N_("Write a short summary of the interaction."), field="summary")
        with self.unit_of_work() as (s, changes):
            item = self.get_at(s, Interaction, interaction_id, expected_version)
            diff = apply_changes(item, values)
            if diff:
                self.log(s, "interaction", item.id, Action.UPDATE, item.summary[:200], diff,
                         partner_id=item.partner_id)
                changes.add("updated", "interaction", item.id)
            return Result(item.id, changes)

    def delete_interaction(self, interaction_id: int) -> Result:
        with self.unit_of_work() as (s, changes):
            item = self.get(s, Interaction, interaction_id)
            self.log(s, "interaction", item.id, Action.DELETE, item.summary[:200], partner_id=item.partner_id)
            s.delete(item)
            changes.add("deleted", "interaction", interaction_id)
            return Result(interaction_id, changes)

    # -- undo support -----------------------------------------------------------------------------------------
    def snapshot(self, partner_id: int, names: Any) -> dict[str, Any]:
        """The current values of the named partner fields (to put them back on undo through ``update``)."""
        unknown = set(names) - PARTNER_FIELDS
        if unknown:
            raise ValidationError(N_("Unknown field: {name}"), field=sorted(unknown)[0], name=sorted(unknown)[0])
        with self.workspace.session() as s:
            partner = self.get(s, Partner, partner_id)
            return {name: _copy(getattr(partner, name)) for name in names}

    def row_snapshot(self, entity: str, row_id: int) -> dict[str, Any]:
        """Every column of a scope item, responsibility or interaction (and an interaction's contact ids)."""
        with self.workspace.session() as s:
            return _row_values(entity, self.get(s, _ROWS[entity][0], row_id))

    def remove_row(self, entity: str, row_id: int) -> tuple[dict[str, Any], Result]:
        """Delete a scope item, responsibility or interaction; returns what :meth:`restore_row` needs."""
        model, label = _ROWS[entity]
        with self.unit_of_work() as (s, changes):
            row = self.get(s, model, row_id)
            data = _row_values(entity, row)
            self.log(s, entity, row.id, Action.DELETE, getattr(row, label)[:200], partner_id=row.partner_id)
            s.delete(row)
            changes.add("deleted", entity, row_id)
            return data, Result(row_id, changes)

    def restore_row(self, entity: str, data: dict[str, Any]) -> Result:
        """Bring back a removed scope item, responsibility or interaction with its own id and values."""
        from partnerdesk.store.models import Contact

        model, label = _ROWS[entity]
        data = dict(data)
        contact_ids = data.pop("contact_ids", None)
        with self.unit_of_work() as (s, changes):
            self.get(s, Partner, data["partner_id"])
            row = model(**data)
            if contact_ids:
                row.contacts = list(s.scalars(select(Contact).where(Contact.id.in_(contact_ids))))
            s.add(row)
            s.flush()
            self.log(s, entity, row.id, Action.RESTORE, getattr(row, label)[:200], partner_id=row.partner_id)
            changes.add("created", entity, row.id)
            return Result(row.id, changes)


_ROWS: dict[str, tuple[type[Any], str]] = {
    "scope_item": (ScopeItem, "description"),
    "responsibility": (Responsibility, "task"),
    "interaction": (Interaction, "summary"),
}


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _row_values(entity: str, row: Any) -> dict[str, Any]:
    data = {attr.key: _copy(getattr(row, attr.key)) for attr in type(row).__mapper__.column_attrs}
    if entity == "interaction":
        data["contact_ids"] = [c.id for c in row.contacts]
    return data
