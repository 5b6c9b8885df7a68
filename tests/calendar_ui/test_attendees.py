"""The event dialog names who attends: team members, the partner's contacts and other people by e-mail
(through the main window)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from partnerdesk.store import models as m
from partnerdesk.ui.views_registry import VIEWS


def test_new_event_with_attendees_is_saved_and_shown_again(demo_window: Any) -> None:
    window = demo_window
    window.start()
    with window.context.ws.session() as s:
        partner = s.scalars(select(m.Partner).where(m.Partner.name == "Sakura Commerce")).one()
        pid = partner.id
        contact_ids = {c.id for c in partner.contacts}
    window.show_view([k for k, *_r in VIEWS].index("calendar"))
    calendar = window.current_view()
    calendar.editor.new_event()
    dialog = calendar.editor.dialog
    dialog.title.setText("Catalogue review")
    dialog.partner.setCurrentIndex(dialog.partner.findData(pid))
    people = dialog.attendees.people
    listed = [people.item(i).data(Qt.ItemDataRole.UserRole) for i in range(people.count())]
    assert {i for kind, i in listed if kind == "contact"} == contact_ids  # the partner's people only
    for i in range(people.count()):
        kind, _ident = people.item(i).data(Qt.ItemDataRole.UserRole)
        if kind == "contact" or i == 0:
            people.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.attendees.others.setText("buyer@example.jp, legal@example.jp")
    dialog.accept()
    with window.context.ws.session() as s:
        ev = s.scalars(select(m.Event).where(m.Event.title == "Catalogue review")).one()
        assert {c.id for c in ev.contacts} == contact_ids and len(ev.members) == 1
        assert ev.attendee_emails == ["buyer@example.jp", "legal@example.jp"]
        start = ev.starts_at
    from partnerdesk.ui.calendar.editing import event_values

    occ = next(o for o in calendar.model.rows if o.title == "Catalogue review") \
        if any(o.title == "Catalogue review" for o in calendar.model.rows) else None
    if occ is None:
        calendar.go_to(start.date() if isinstance(start, dt.datetime) else start)
        occ = next(o for o in calendar.model.rows if o.title == "Catalogue review")
    values = event_values(window.context.ws, occ)
    assert set(values["contact_ids"]) == contact_ids and values["attendee_emails"][0] == "buyer@example.jp"
