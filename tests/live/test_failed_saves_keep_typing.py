"""A save that fails (here: the team workspace's server is lost, so every service refuses) keeps what the user typed:
the event and contact dialogs stay open with the reason, and OK saves once the server is back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from partnerdesk.store import models as m
from partnerdesk.store import notify
from partnerdesk.ui.views_registry import VIEWS

KEYS = [key for key, *_rest in VIEWS]


def test_a_new_event_that_cannot_be_saved_stays_in_its_dialog(demo_window: Any) -> None:
    window = demo_window
    window.start()
    window.show_view(KEYS.index("calendar"))
    calendar = window.current_view()
    ws = window.context.ws
    calendar.editor.new_event()
    dialog = calendar.editor.dialog
    dialog.title.setText("Partner summit rehearsal")
    notify.set_offline(ws, True)  # what the window does when the server goes away
    try:
        dialog.accept()
        assert dialog.isVisible() and dialog.title.text() == "Partner summit rehearsal"
        assert "connection to the team workspace is lost" in dialog.error.text()
    finally:
        notify.set_offline(ws, False)
    dialog.accept()
    assert not dialog.isVisible()
    with ws.session() as s:
        assert s.scalar(select(m.Event.id).where(m.Event.title == "Partner summit rehearsal")) is not None


def test_a_contact_edit_that_cannot_be_saved_stays_in_its_dialog(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.start()
    ws = window.context.ws
    with ws.session() as s:
        contact_id = s.scalars(select(m.Contact.id).order_by(m.Contact.id)).first()
    window.show_view(KEYS.index("contacts"))
    contacts = window.current_view()
    contacts.select_contact(contact_id)
    seen: dict[str, Any] = {}

    def type_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.role.setText("Head of partnerships, EMEA")
        notify.set_offline(ws, True)
        dialog.accept()
        seen["open"], seen["role"], seen["error"] = dialog.isVisible(), dialog.role.text(), dialog.error.text()
        notify.set_offline(ws, False)
        dialog.accept()
        seen["closed"] = not dialog.isVisible()

    QTimer.singleShot(0, type_and_save)
    contacts.edit_contact()
    assert seen["open"] and seen["role"] == "Head of partnerships, EMEA"
    assert "connection to the team workspace is lost" in seen["error"]
    assert seen["closed"]
    with ws.session() as s:
        assert s.get(m.Contact, contact_id).role == "Head of partnerships, EMEA"
