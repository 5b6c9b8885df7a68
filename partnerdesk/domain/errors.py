"""Typed errors that carry a translatable message, shown to the user in their language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from partnerdesk.l10n import N_, _, format_datetime


class PartnerDeskError(Exception):
    """Base error. ``template`` is an English message marked with N_; params fill its {placeholders}."""

    template: str = N_("Something went wrong.")

    def __init__(self, template: str | None = None, /, **params: Any) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.template.format(**params))

    @property
    def message(self) -> str:
        """The message in the current UI language."""
        return _(self.template).format(**self.params)

    def __str__(self) -> str:
        return self.message


class ValidationError(PartnerDeskError):
    """Input the user can fix. ``field`` names the offending field, when there is one."""

    template = N_("Please check the values you entered.")

    def __init__(self, template: str | None = None, /, field: str = "", **params: Any) -> None:
        self.field = field
        super().__init__(template, **params)


class NotFoundError(PartnerDeskError):
    template = N_("The record no longer exists. It may have been deleted.")


class ConflictError(PartnerDeskError):
    template = N_("This change conflicts with existing data.")


class CancelledError(PartnerDeskError):
    """Long work stopped at the user's request; whatever it was writing was rolled back."""

    template = N_("Cancelled. Nothing was changed.")


@dataclass(frozen=True)
class TheirChange:
    """One activity-log entry of the other person's change: who, when, what (``{field: [old, new]}``)."""

    who: str  # the team member's name ("" when the log does not say)
    at: dt.datetime | None
    action: str  # the Action value: "update", "move", "delete", …
    summary: str = ""
    fields: dict[str, list[Any]] = field(default_factory=dict)


# The conflict message per kind of record (one sentence each, so every language can inflect it).
_CONFLICT_TEMPLATES: dict[str, str] = {
    "work_item": N_("{who} changed this card ({when}) after you opened it. Your change was not saved."),
    "partner": N_("{who} changed this partner ({when}) after you opened it. Your change was not saved."),
    "contact": N_("{who} changed this contact ({when}) after you opened it. Your change was not saved."),
    "event": N_("{who} changed this event ({when}) after you opened it. Your change was not saved."),
    "payment": N_("{who} changed this payment ({when}) after you opened it. Your change was not saved."),
    "payment_schedule": N_("{who} changed this payment schedule ({when}) after you opened it. "
                           "Your change was not saved."),
    "kpi_value": N_("{who} changed this KPI value ({when}) after you opened it. Your change was not saved."),
    "kpi_definition": N_("{who} changed this KPI ({when}) after you opened it. Your change was not saved."),
    "contract": N_("{who} changed this contract ({when}) after you opened it. Your change was not saved."),
}
_CONFLICT_GENERIC = N_("{who} changed this record ({when}) after you opened it. Your change was not saved.")
_SOMEONE = N_("Someone else")
_JUST_NOW = N_("just now")


class EditConflictError(ConflictError):
    """A save (or an undo step) made from a version of a record that someone else has changed since.

    Nothing was written. ``theirs`` lists the other person's changes after ``held_version`` (newest last), read
    from the record's activity log; ``current_version`` is what a knowing "re-apply mine" saves over.
    ``deleted``: the record no longer exists.
    """

    def __init__(self, entity: str, entity_id: int, *, held_version: int | None, current_version: int | None,
                 theirs: list[TheirChange] | None = None) -> None:
        self.entity, self.entity_id = entity, entity_id
        self.held_version, self.current_version = held_version, current_version
        self.theirs = list(theirs or [])
        self.template = _CONFLICT_TEMPLATES.get(entity, _CONFLICT_GENERIC)
        super().__init__(self.template, who="", when="")

    @property
    def who(self) -> str:
        """Who made the latest of their changes, in the current language ("Someone else" when unknown)."""
        names = [c.who for c in self.theirs if c.who]
        return names[-1] if names else _(_SOMEONE)

    @property
    def when(self) -> dt.datetime | None:
        times = [c.at for c in self.theirs if c.at is not None]
        return times[-1] if times else None

    def fields(self) -> dict[str, list[Any]]:
        """Every field they changed since the held version: {field: [value you had, value now]}."""
        out: dict[str, list[Any]] = {}
        for change in self.theirs:
            for name, pair in change.fields.items():
                if isinstance(pair, list | tuple) and len(pair) == 2:
                    out[name] = [out[name][0] if name in out else pair[0], pair[1]]
        return out

    @property
    def message(self) -> str:
        when = format_datetime(self.when, "short") if self.when is not None else _(_JUST_NOW)
        return _(self.template).format(who=self.who, when=when)
