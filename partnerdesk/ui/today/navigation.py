"""One click on a Today row opens its source: the card on the board, the event in the calendar, the contract
or interactions on the partner's tab, the payment, or the partner's profile."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QWidget

from partnerdesk.domain.attention import Kind, Reason, Row
from partnerdesk.ui.views_registry import VIEWS


def switch_to(widget: QWidget, key: str) -> Any:
    """Show the main window's view ``key`` and return it (None outside a main window or when not registered)."""
    from partnerdesk.ui.main_window import MainWindow

    window = widget.window()
    keys = [k for k, *_rest in VIEWS]
    if key not in keys or not isinstance(window, MainWindow):
        return None
    index = keys.index(key)
    window.show_view(index)
    return window.views.get(index)


def open_partner(widget: QWidget, partner_id: int | None, section: str = "overview") -> Any:
    partners = switch_to(widget, "partners")
    if partners is None or partner_id is None:
        return partners
    partners.select_partner(partner_id)
    profile = partners.profile
    page = getattr(profile, section, None) or profile.overview
    if page in profile.sections:
        profile.show_section(page)
    return partners


def open_event(widget: QWidget, event_id: int, day: dt.date | None) -> Any:
    """The calendar on the event's day, with the event's dialog open."""
    from partnerdesk.domain.occurrence import SourceKind
    from partnerdesk.services.calendar import occurrences

    calendar = switch_to(widget, "calendar")
    if calendar is None:
        return None
    day = day or dt.datetime.now(calendar.tz).date()
    calendar.show_week_of(day)
    start = dt.datetime.combine(day, dt.time(0), calendar.tz).astimezone(dt.UTC)
    found = [o for o in occurrences(calendar.context.ws, start, start + dt.timedelta(days=1),
                                    kinds=[SourceKind.EVENT]) if o.source_id == event_id]
    if found:
        calendar.editor.open(found[0])
    return calendar


def open_row(widget: QWidget, row: Row) -> Any:
    if row.kind == Kind.WORK_ITEM:
        board = switch_to(widget, "kanban")
        if board is not None:
            board.edit_card(row.source_id)
        return board
    if row.kind in (Kind.EVENT, Kind.REMINDER):
        return open_event(widget, row.source_id, row.day)
    if row.kind == Kind.FOLLOW_UP:
        return open_partner(widget, row.partner_id, "interactions")
    if row.kind in (Kind.CONTRACT_REVIEW, Kind.CONTRACT_NOTICE, Kind.CONTRACT_END):
        return open_partner(widget, row.partner_id, "contract")
    if row.kind == Kind.PAYMENT:
        return open_payment(widget, row)
    if any(r.reason == Reason.KPI_AT_RISK for r in row.reasons):
        return open_partner(widget, row.partner_id, "performance")  # its Performance tab when there is one
    return open_partner(widget, row.partner_id)


def open_payment(widget: QWidget, row: Row) -> Any:
    """The payment in the ledger when the Payments view exists; else the partner's profile."""
    ledger = switch_to(widget, "payments")
    if ledger is not None and callable(getattr(ledger, "open_payment", None)):
        ledger.open_payment(row.source_id)
        return ledger
    return open_partner(widget, row.partner_id)


def open_overdue_on_board(widget: QWidget) -> Any:
    """Every overdue card, on the board filtered to them (when Today lists only the oldest)."""
    from partnerdesk.services.board_query import BoardFilter

    board = switch_to(widget, "kanban")
    if board is not None:
        board.filter_bar.set_filter(BoardFilter(due="overdue"))
    return board
