"""The Packets menu in the real main window: placed before Help, translated, enabled with a workspace."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from partnerdesk.l10n import translations
from partnerdesk.ui.views_registry import VIEWS


@pytest.fixture
def window(demo_window):  # type: ignore[no-untyped-def]
    return demo_window


def test_packets_menu_sits_before_help_and_follows_the_workspace(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    actions = window.actions_
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("&Packets") == menus.index("&Help") - 1
    assert not actions.packets.build.isEnabled()  # no workspace yet
    window.start()
    assert actions.packets.build.isEnabled() and actions.packets.brand.isEnabled()
    window.set_language("el")
    assert actions.packets.menu.title() == translations("el").gettext("&Packets") != "&Packets"
    window.set_language("en")
    # From the Partners view, the dialog opens with the selected partner ticked.
    partners_index = next(i for i, view in enumerate(VIEWS) if view[0] == "partners")
    window.show_view(partners_index)
    view = window.current_view()
    qtbot.waitUntil(lambda: view.current_partner_id() is not None)
    actions.packets.build.trigger()
    dialog = window.findChild(QWidget, "buildPacketDialog")
    assert dialog is not None and len(dialog.checked_partners()) == 1
    assert dialog.checked_partners()[0].id == view.current_partner_id()
    view.packet_button.click()  # the button in the Partners view does the same
    assert len(window.findChildren(QWidget, "buildPacketDialog")) == 2
    for d in window.findChildren(QWidget, "buildPacketDialog"):
        d.close()
    QApplication.processEvents()
