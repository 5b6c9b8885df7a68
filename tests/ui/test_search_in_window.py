"""Global search as a user reaches it: Ctrl+K or Edit → Search… in the main window, results opened in place."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from partnerdesk.store import models as m
from partnerdesk.ui.views_registry import VIEWS

KEYS = [key for key, *_rest in VIEWS]


def _search(window: Any, qtbot: Any, text: str, kind: str, record_id: int) -> None:
    """Type ``text`` in the window's search field and choose the hit ``(kind, record_id)`` with the keyboard."""
    field = window.search.popup.edit
    window.search.action.trigger()
    assert field.hasFocus()
    field.setText(text)
    model = window.search.popup.model
    qtbot.waitUntil(lambda: any((h.kind, h.id) == (kind, record_id) for h in model.hits), timeout=3000)
    row = next(i for i, h in enumerate(model.hits) if (h.kind, h.id) == (kind, record_id))
    for _step in range(row):
        qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.fixture
def window(demo_window: Any) -> Any:
    demo_window.start()
    return demo_window


def test_search_is_in_the_window_and_the_edit_menu(window: Any, qtbot: Any) -> None:
    field = window.search.popup.edit
    assert field.isVisible()
    assert field.placeholderText() == "Search everything (Ctrl+K)"
    assert window.search.action in window.actions_.edit_menu.actions()
    assert window.search.action.shortcut().toString() == "Ctrl+K"
    window.show_view(KEYS.index("calendar"))
    window.activateWindow()
    qtbot.keyClick(window.current_view(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(field.hasFocus, timeout=2000)


def test_search_disabled_without_a_workspace(make_window: Any) -> None:
    win = make_window(start=False)
    assert not win.search.action.isEnabled()
    assert not win.search.popup.edit.isEnabled()


def test_choosing_a_partner_opens_its_profile(window: Any, qtbot: Any) -> None:
    with window.context.ws.session() as s:
        pid = s.scalars(select(m.Partner.id).where(m.Partner.name == "Sakura Commerce")).one()
    window.show_view(KEYS.index("kanban"))
    _search(window, qtbot, "sakura", "partner", pid)
    assert window.current_view() is window.views[KEYS.index("partners")]
    assert window.current_view().current_partner_id() == pid


def test_choosing_a_contact_selects_it_even_when_filtered_out(window: Any, qtbot: Any) -> None:
    with window.context.ws.session() as s:
        contact = s.scalars(select(m.Contact).order_by(m.Contact.id)).first()
        cid, name = contact.id, contact.display_name
    window.show_view(KEYS.index("contacts"))
    contacts = window.current_view()
    contacts.search.setText("no such contact at all")
    window.show_view(KEYS.index("kanban"))
    _search(window, qtbot, name, "contact", cid)
    assert window.current_view() is contacts
    assert contacts.selected_ids() == [cid]


def test_choosing_a_work_item_opens_its_card(window: Any, qtbot: Any) -> None:
    with window.context.ws.session() as s:
        item = s.scalars(select(m.WorkItem).order_by(m.WorkItem.id)).first()
        wid, title = item.id, item.title
    _search(window, qtbot, title, "work_item", wid)
    board = window.current_view()
    assert board is window.views[KEYS.index("kanban")]
    qtbot.waitUntil(lambda: board.card_dialog is not None and board.card_dialog.isVisible(), timeout=2000)
    assert board.card_dialog.title.text() == title
    board.card_dialog.reject()


def test_choosing_an_event_selects_it_in_the_week(window: Any, qtbot: Any) -> None:
    with window.context.ws.session() as s:
        event = s.scalars(select(m.Event).where(m.Event.rrule == "", m.Event.series_id.is_(None))
                          .order_by(m.Event.id)).first()
        eid, title = event.id, event.title
    _search(window, qtbot, title, "event", eid)
    calendar = window.current_view()
    assert calendar is window.views[KEYS.index("calendar")]
    assert calendar.mode == "week"
    chosen = calendar.selected_occurrence()
    assert chosen is not None and chosen.source_id == eid and chosen.title == title


def test_results_open_inwards_from_the_field_at_the_window_edge(window: Any, qtbot: Any) -> None:
    window.move(0, 0)
    window.resize(1280, 720)
    popup = window.search.popup
    area = window.frameGeometry()
    popup.edit.setText("a")
    qtbot.waitUntil(lambda: popup.results.isVisible(), timeout=3000)
    at = popup.results.pos()
    assert area.left() <= at.x() and at.x() + popup.results.width() - 1 <= area.right()
    field_right = popup.edit.mapToGlobal(popup.edit.rect().bottomRight()).x()
    assert abs(at.x() + popup.results.width() - 1 - field_right) <= 3  # the list ends under the field
