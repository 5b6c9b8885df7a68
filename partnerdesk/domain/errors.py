"""Typed errors that carry a translatable message, shown to the user in their language."""

from __future__ import annotations

from typing import Any

from partnerdesk.l10n import N_, _


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
