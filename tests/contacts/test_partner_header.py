"""The partner profile opens with a header card (name, kind, stage steps, owners, their time, open and overdue
items) and rates with keyboard-accessible stars (through the main window)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from partnerdesk.store import models as m
from partnerdesk.ui.views_registry import VIEWS


def _partners(window: Any, name: str) -> tuple[Any, int]:
    window.start()
    with window.context.ws.session() as s:
        pid = s.scalars(select(m.Partner.id).where(m.Partner.name == name)).one()
    window.show_view([k for k, *_r in VIEWS].index("partners"))
    view = window.current_view()
    view.select_partner(pid)
    return view, pid


def test_header_card_shows_the_partner_at_a_glance(demo_window: Any) -> None:
    view, pid = _partners(demo_window, "Najd Care Center")
    header = view.header
    assert header.isVisible() and header.name.text() == "Najd Care Center"
    current = [label for label in header.steps if "Current stage" in label.accessibleName()]
    assert [label.text() for label in current] == ["Pilot"]
    assert header.owners.text().startswith("#1 ")
    assert "Riyadh" in header.clock.text()
    row = view.model.row(view.model.row_of(pid))
    assert f"{row.open_items} open item" in header.items.text()
    assert (row.overdue_items > 0) == ("overdue" in header.items.text())
    demo_window.set_language("el")  # views are built again in the new language
    view = demo_window.current_view()
    view.select_partner(pid)
    header = view.header
    assert "Ριάντ" in header.clock.text() and header.steps[2].text() == "Πιλοτική φάση"


def test_scores_are_stars_set_by_keyboard_and_saved(demo_window: Any, qtbot: Any) -> None:
    view, pid = _partners(demo_window, "Najd Care Center")
    stars = view.profile.overview.scores[0]
    stars.setFocus()
    qtbot.keyClick(stars, Qt.Key.Key_2)
    assert stars.value() == 2 and stars.accessibleDescription() == "2 of 5 stars"
    qtbot.keyClick(stars, Qt.Key.Key_Right)
    assert stars.value() == 3
    qtbot.keyClick(stars, Qt.Key.Key_Delete)
    assert stars.value() == 0 and stars.accessibleDescription() == "not rated"
    qtbot.keyClick(stars, Qt.Key.Key_4)
    view.profile.overview.save.click()
    with demo_window.context.ws.session() as s:
        assert s.get(m.Partner, pid).score_experience == 4
    stars.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.keyClick(stars, Qt.Key.Key_Left)  # in Arabic the stars fill leftwards
    assert stars.value() == 5
