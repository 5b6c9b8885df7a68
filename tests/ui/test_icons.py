"""Icons come from the bundled theme when the desktop has none, and point the other way in Arabic."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from partnerdesk.ui.icons import glyph, theme_icon
from partnerdesk.ui.views_registry import VIEWS


def test_navigation_menus_and_buttons_have_icons(demo_window: Any) -> None:
    window = demo_window
    window.start()
    for row in range(len(VIEWS)):
        assert not window.nav.item(row).icon().isNull()
    for action in (window.actions_.open_workspace, window.actions_.undo, window.search.action,
                   window.actions_.packets.build, window.actions_.ics.import_events):
        assert not action.icon().pixmap(16).isNull()
    window.show_view([k for k, *_r in VIEWS].index("contacts"))
    assert not window.current_view().add_button.icon().isNull()


def test_directional_icons_are_mirrored_right_to_left(qapp: Any) -> None:
    try:
        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        assert theme_icon("go-previous").name() == "go-previous-rtl"
        assert theme_icon("edit-undo").name() == "edit-undo-rtl"
        assert theme_icon("list-add").name() == "list-add"
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert theme_icon("go-previous").name() == "go-previous"


def test_glyph_is_drawn_in_the_asked_colour(qapp: Any) -> None:
    pixmap = glyph("kind-payment", "#ff0000", 16)
    assert pixmap is not None
    image = pixmap.toImage()
    colours = {image.pixelColor(x, y).name() for x in range(16) for y in range(16) if image.pixelColor(x, y).alpha() > 200}
    assert colours and all(c.startswith("#f") or c.startswith("#e") for c in colours), colours
    assert glyph("no-such-icon", "#ff0000", 16) is None
