"""Global search in the main window: the search field in the menu bar's corner, Edit → Search (Ctrl+K), and
opening the chosen result in place (the partner's profile, the contact in Contacts, the card on the board, the
event in the calendar's week)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from partnerdesk.l10n import _
from partnerdesk.ui.search.popup import SearchPopup
from partnerdesk.ui.views_registry import VIEWS

SHORTCUT = "Ctrl+K"


def switch_to(window: Any, key: str) -> QWidget | None:
    """Show the main window's view ``key`` and return it (None when the view is not registered)."""
    keys = [k for k, *_rest in VIEWS]
    if key not in keys:
        return None
    index = keys.index(key)
    window.show_view(index)
    view: QWidget | None = window.views.get(index)
    return view


def open_partner(window: Any, partner_id: int) -> None:
    view: Any = switch_to(window, "partners")
    if view is not None:
        view.select_partner(partner_id)


def open_contact(window: Any, contact_id: int) -> None:
    view: Any = switch_to(window, "contacts")
    if view is None:
        return
    view.select_contact(contact_id)
    if not view.selected_ids() or view.selected_ids()[0] != contact_id:
        # Hidden by the view's own filters: clear them so the contact can be shown.
        view.search.clear()
        view.partner_filter.setCurrentIndex(0)
        view.tag_filter.setCurrentIndex(0)
        view.advisory.setChecked(False)
        view.select_contact(contact_id)
    view.table.setFocus()


def open_work_item(window: Any, item_id: int) -> None:
    view: Any = switch_to(window, "kanban")
    if view is not None:
        view.edit_card(item_id)  # the card's own dialog, over the board


def open_event(window: Any, event_id: int) -> None:
    """The calendar's week with the event selected (the next occurrence of a series, from today)."""
    from partnerdesk.domain.occurrence import SourceKind
    from partnerdesk.store.models import Event

    with window.context.ws.session() as s:
        event = s.get(Event, event_id)
        if event is None:
            return
        starts_at, recurring = event.starts_at, bool(event.rrule)
    view: Any = switch_to(window, "calendar")
    if view is None:
        return
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=dt.UTC)
    first = starts_at.astimezone(view.tz).date()
    today = dt.datetime.now(view.tz).date()
    candidates = [max(first, today), first] if recurring else [first]

    def row_in_view() -> int:
        return next((row for row, occ in enumerate(view.model.rows) if occ.source == SourceKind.EVENT
                     and event_id in (occ.source_id, occ.series_id)), -1)

    for day in candidates:
        view.anchor = day
        view.set_mode("week")
        row = row_in_view()
        if row >= 0:
            view.week.select_row(row)
            view.week.setFocus()
            return


OPENERS = {"partner": open_partner, "contact": open_contact, "work_item": open_work_item, "event": open_event}


class WindowSearch:
    """Owns the main window's search field and its menu action."""

    def __init__(self, window: QMainWindow, edit_menu: Any) -> None:
        self.window = window
        self.popup = SearchPopup(window.context, window)  # type: ignore[attr-defined]
        self.popup.setObjectName("globalSearch")
        self.popup.edit.setObjectName("globalSearchField")
        self.popup.edit.setMinimumWidth(260)  # the menu bar places its corner widget by size hint
        self.popup.activated.connect(self.open_result)
        window.menuBar().setCornerWidget(self.popup, Qt.Corner.TopRightCorner)
        self.action = QAction(window)
        self.action.setObjectName("searchAction")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.popup.focus_search)
        edit_menu.addSeparator()
        edit_menu.addAction(self.action)
        self.retranslate_ui()

    def set_enabled(self, enabled: bool) -> None:
        self.action.setEnabled(enabled)
        self.popup.setEnabled(enabled)

    def retranslate_ui(self) -> None:
        self.action.setText(_("&Search…"))
        self.action.setStatusTip(_("Find partners, contacts, work items and events"))
        self.popup.retranslate_ui()

    def open_result(self, kind: str, record_id: int) -> None:
        opener = OPENERS.get(kind)
        if opener is not None and self.window.context.workspace is not None:  # type: ignore[attr-defined]
            opener(self.window, record_id)
