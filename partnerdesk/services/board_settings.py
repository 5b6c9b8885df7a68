"""Workspace-level board settings stored in the Setting table: stale days, archive days, filter presets."""

from __future__ import annotations

from typing import Any

from partnerdesk.domain.enums import Action
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service
from partnerdesk.store.models import Setting

ENTITY = "setting"
DEFAULTS: dict[str, Any] = {"kanban.stale_days": 14, "kanban.archive_days": 30, "kanban.filter_presets": {},
                         "kanban.partner_wip_limits": {}}


class DaysRangeError(ValidationError):
    template = N_("Enter a number of days between {low} and {high}.")


class BoardSettingsService(Service):
    def get_value(self, key: str) -> Any:
        with self.workspace.session() as s:
            row = s.get(Setting, key)
            return DEFAULTS.get(key) if row is None else row.value

    def set_value(self, key: str, value: Any) -> ChangeSet:
        if key in ("kanban.stale_days", "kanban.archive_days") and not (1 <= int(value) <= 3650):
            raise DaysRangeError(field=key, low=1, high=3650)
        with self.unit_of_work() as (s, changes):
            row = s.get(Setting, key)
            old = None if row is None else row.value
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
            self.log(s, ENTITY, 0, Action.UPDATE, key, {key: [old, value]})
            changes.add("updated", ENTITY, 0)
            return changes

    def presets(self) -> dict[str, dict[str, Any]]:
        return dict(self.get_value("kanban.filter_presets") or {})

    def save_preset(self, name: str, filters: dict[str, Any]) -> ChangeSet:
        if not name.strip():
            raise ValidationError(field="name")
        presets = self.presets()
        presets[name.strip()] = dict(filters)
        return self.set_value("kanban.filter_presets", presets)

    def partner_wip_limits(self) -> dict[int, int]:
        """Optional WIP limit per partner lane: open (not Done) cards of that partner."""
        return {int(k): int(v) for k, v in (self.get_value("kanban.partner_wip_limits") or {}).items()}

    def set_partner_wip_limit(self, partner_id: int, limit: int | None) -> ChangeSet:
        limits = {str(k): v for k, v in self.partner_wip_limits().items()}
        if limit is None or limit <= 0:
            limits.pop(str(partner_id), None)
        else:
            limits[str(partner_id)] = int(limit)
        return self.set_value("kanban.partner_wip_limits", limits)

    def delete_preset(self, name: str) -> ChangeSet:
        presets = self.presets()
        presets.pop(name, None)
        return self.set_value("kanban.filter_presets", presets)
