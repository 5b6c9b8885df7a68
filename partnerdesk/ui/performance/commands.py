"""Undo commands of the Performance tab: they call services and announce what changed, never touch widgets."""

from __future__ import annotations

from typing import Any

from partnerdesk.domain.periods import Period
from partnerdesk.l10n import _
from partnerdesk.services.kpi_values import Entry, KpiService
from partnerdesk.services.kpis import KpiTile, Scorecard
from partnerdesk.ui.undo import ServiceCommand


class SetEntryCommand(ServiceCommand):
    """Set a KPI's value, target and note for one period (undo puts back what was there). Each run expects the
    period to hold what the user saw (``old``) or what this step left: someone else's change in between is an
    edit conflict (the first run) or a refused undo/redo that says so."""

    def __init__(self, context: Any, partner_id: int, key: str, label: str, period: Period, new: Entry,
                 old: Entry) -> None:
        super().__init__(_("Edit {kpi} for {period}").format(kpi=label, period=period.key))
        self.context, self.partner_id, self.key, self.period = context, partner_id, key, period
        self.new, self.old = new, old

    def _set(self, entry: Entry, expected: Entry) -> None:
        changes = KpiService(self.context.ws).set_entry(self.partner_id, self.key, self.period, entry,
                                                        expected=expected)
        self.context.hub.announce(changes)

    def apply(self) -> None:
        self._set(self.new, self.old)

    def revert(self) -> None:
        self._set(self.old, self.new)


class SetTrafficSourcesCommand(ServiceCommand):
    def __init__(self, context: Any, partner_id: int, new: list[str], old: list[str]) -> None:
        super().__init__(_("Change traffic sources"))
        self.context, self.partner_id, self.new, self.old = context, partner_id, new, old

    def _set(self, patterns: list[str]) -> None:
        self.context.hub.announce(KpiService(self.context.ws).set_traffic_sources(self.partner_id, patterns))

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


class CreateCardCommand(ServiceCommand):
    """"Create a card" for a KPI behind or at risk; undo deletes the card again."""

    def __init__(self, context: Any, partner_id: int, tile: KpiTile) -> None:
        super().__init__(_("Create a card for {kpi}").format(kpi=tile.kpi.label))
        self.context, self.partner_id, self.tile = context, partner_id, tile
        self.item_id: int | None = None

    def apply(self) -> None:
        from partnerdesk.services.work_items import WorkItemService

        if self.item_id is None:
            self.item_id, changes = KpiService(self.context.ws).create_card(self.partner_id, self.tile)
        else:  # redo: the card undone went to the trash; bring it back
            changes = WorkItemService(self.context.ws).restore([self.item_id])
        self.context.hub.announce(changes)

    def revert(self) -> None:
        from partnerdesk.services.work_items import WorkItemService

        if self.item_id is not None:
            self.context.hub.announce(WorkItemService(self.context.ws).trash([self.item_id]))


class FreezeCommand(ServiceCommand):
    """"Freeze for review": keep the scorecard as it is now; undo forgets the snapshot."""

    def __init__(self, context: Any, card: Scorecard, label: str) -> None:
        super().__init__(_("Freeze the scorecard for review"))
        self.context, self.card, self.label = context, card, label
        self.snapshot_id: int | None = None

    def apply(self) -> None:
        self.snapshot_id, changes = KpiService(self.context.ws).freeze(self.card, self.label)
        self.context.hub.announce(changes)

    def revert(self) -> None:
        if self.snapshot_id is not None:
            self.context.hub.announce(KpiService(self.context.ws).delete_snapshot(self.snapshot_id))
            self.snapshot_id = None
