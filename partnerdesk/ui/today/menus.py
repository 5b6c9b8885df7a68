"""The context menu of a Today row: open it, and the inline actions that fit its kind (all undoable)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from partnerdesk.domain.attention import Kind, Row
from partnerdesk.l10n import _
from partnerdesk.ui.today import commands

if TYPE_CHECKING:
    from partnerdesk.ui.today.view import TodayView


def postpone_targets(today: dt.date) -> list[tuple[str, dt.date]]:
    return [(_("Tomorrow"), today + dt.timedelta(days=1)), (_("Next week"), today + dt.timedelta(days=7))]


def postpone(view: TodayView, row: Row, day: dt.date) -> bool:
    if row.kind == Kind.WORK_ITEM:
        return view.push(commands.PostponeCard(view.context, row.source_id, day, row.day))
    if row.kind == Kind.FOLLOW_UP:
        return view.push(commands.PostponeFollowUp(view.context, row.source_id, day))
    return False


def pick_and_postpone(view: TodayView, row: Row) -> None:
    from partnerdesk.ui.today.dialogs import PickDateDialog

    dialog = PickDateDialog(row.day or view.model.today, view)
    dialog.accepted.connect(lambda: postpone(view, row, dialog.chosen()))
    view.dialog = dialog
    dialog.open()


def log_interaction(view: TodayView, row: Row) -> None:
    from partnerdesk.ui.today.dialogs import LogInteractionDialog

    partner_id = row.partner_id
    if partner_id is None:
        return
    dialog = LogInteractionDialog(row.partner, view)

    def save() -> bool:
        channel, summary, follow_up = dialog.values()
        return view.push(commands.log_interaction(view.context, partner_id, channel, summary, follow_up))

    dialog.save_hook = save
    view.dialog = dialog
    dialog.open()


def row_menu(view: TodayView, row: Row) -> QMenu:
    menu = QMenu(view)
    menu.setObjectName("todayRowMenu")
    opener = menu.addAction(_("Open"), lambda: view.open_row(row))
    menu.setDefaultAction(opener)
    if row.kind == Kind.WORK_ITEM:
        menu.addAction(_("Mark done"), lambda: view.push(commands.mark_card_done(view.context, row.source_id)))
    if row.kind == Kind.PAYMENT:
        menu.addAction(_("Mark paid"), lambda: view.push(commands.mark_payment_paid(view.context, row.source_id)))
    if row.kind in (Kind.WORK_ITEM, Kind.FOLLOW_UP):
        later = menu.addMenu(_("Postpone"))
        for text, day in postpone_targets(view.model.today):
            def postpone_to(day: dt.date = day) -> None:
                postpone(view, row, day)

            later.addAction(text, postpone_to)
        later.addAction(_("Pick a date…"), lambda: pick_and_postpone(view, row))
    if row.partner_id is not None:
        menu.addSeparator()
        menu.addAction(_("Log an interaction…"), lambda: log_interaction(view, row))
    return menu
