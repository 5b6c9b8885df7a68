"""Today's inline actions as undo commands: mark a card done, postpone a card or a follow-up, log an
interaction. Each calls a service and announces what changed; the list refreshes from the announcement."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from partnerdesk.domain.enums import StatusCategory
from partnerdesk.l10n import _, format_date
from partnerdesk.services.partners import PartnerService, Result
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import WorkItem, WorkStatus
from partnerdesk.ui.kanban.commands import BoardCommand, MoveCards
from partnerdesk.ui.partners.section_commands import _EditRowCommand, add_interaction


def done_status_id(ws: Any) -> int | None:
    """The first Done column of the board."""
    with ws.session() as s:
        return s.scalar(select(WorkStatus.id).where(WorkStatus.category == StatusCategory.DONE)
                        .order_by(WorkStatus.position).limit(1))


def mark_card_done(context: Any, item_id: int) -> MoveCards | None:
    status = done_status_id(context.ws)
    if status is None:
        return None
    command = MoveCards(WorkItemService(context.ws), context.hub, [item_id], status, None)
    command.setText(_("Mark card done"))
    return command


class PostponeCard(BoardCommand):
    """Move a card's due date to another day, keeping its time of day; undo restores the old due date."""

    def __init__(self, context: Any, item_id: int, day: dt.date, from_day: dt.date | None = None) -> None:
        """``from_day``: the due day as the user sees it (a date-only due date is a day of the partner's
        calendar, which may differ from its UTC date)."""
        super().__init__(_("Postpone to {date}").format(date=format_date(day, "medium")))
        self.service, self.hub, self.item_id, self.day = WorkItemService(context.ws), context.hub, item_id, day
        self.from_day = from_day
        self.before: dt.datetime | None = None
        self._left: int | None = None  # the card's version after this step (or its undo)

    def apply(self) -> None:
        expected = self.hub.ledger.reach("work_item", self.item_id, self._left)
        with self.service.workspace.session() as s:
            item = self.service.get(s, WorkItem, self.item_id)
            if self._left is None or expected == item.row_version:
                self.before = item.due_at
        base = self.before or dt.datetime.combine(self.day, dt.time(12), dt.UTC)
        shift = self.day - (self.from_day or base.date())
        self._record(self.service.edit(self.item_id, {"due_at": base + shift}, expected_version=expected))

    def revert(self) -> None:
        expected = self.hub.ledger.reach("work_item", self.item_id, self._left)
        self._record(self.service.edit(self.item_id, {"due_at": self.before}, expected_version=expected))

    def _record(self, changes: Any) -> None:
        self._left = changes.version("work_item", self.item_id) or self._left
        self.hub.announce(changes)


class PostponeFollowUp(_EditRowCommand):
    """Move an interaction's follow-up to another day."""

    entity = "interaction"

    def __init__(self, context: Any, interaction_id: int, day: dt.date) -> None:
        self.day = day
        super().__init__(context, interaction_id, {"follow_up_on": day})

    def title(self, before: dict[str, Any]) -> str:
        return _("Postpone to {date}").format(date=format_date(self.day, "medium"))

    def update(self, values: dict[str, Any]) -> Result:
        return PartnerService(self.context.ws).update_interaction(self.row_id, **values)


def log_interaction(context: Any, partner_id: int, channel: Any, summary: str,
                    follow_up_on: dt.date | None = None) -> Any:
    return add_interaction(context, partner_id, channel, summary, follow_up_on=follow_up_on)


def mark_payment_paid(context: Any, payment_id: int) -> Any:
    """Paid today, through the ledger's own undo command."""
    from partnerdesk.services.payment_edits import PaymentService
    from partnerdesk.ui.payments.commands import MarkPaid

    return MarkPaid(PaymentService(context.ws), context.hub, [payment_id])
