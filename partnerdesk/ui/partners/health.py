"""The partner header's health line: the KPI scorecard of the current period counted by status."""

from __future__ import annotations

from collections import Counter
from typing import Any

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.kpi import KpiStatus
from partnerdesk.ui.partners.header import PartnerHeader


def health_counts(workspace: Any, partner_id: int) -> tuple[dict[KpiStatus, int], str]:
    """The partner's KPIs (theirs, not our side's) per status in the default period, and that period's label."""
    from partnerdesk.services import kpis
    from partnerdesk.ui.performance import clock
    from partnerdesk.ui.performance.view import period_label

    card = kpis.scorecard(workspace, partner_id, today=clock.today())
    return dict(Counter(tile.status for tile in card.tiles if tile.value is not None)), period_label(card.period)


def show_partner_health(header: PartnerHeader, workspace: Any, partner_id: int | None) -> None:
    """Fill (or hide) ``header``'s health line for ``partner_id``."""
    if workspace is None or partner_id is None:
        header.show_health({})
        return
    try:
        counts, period = health_counts(workspace, partner_id)
    except PartnerDeskError:  # the partner went away meanwhile
        counts, period = {}, ""
    header.show_health(counts, period)
