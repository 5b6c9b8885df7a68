"""Light and dark colours: contrast of every painted role in both schemes, the Appearance preference through the
main window, black or white text on user colours."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from partnerdesk.ui import theme


def view_index(key: str) -> int:
    """A view's place in the navigation (the registry's order changes as views are added)."""
    from partnerdesk.ui.views_registry import VIEWS

    return next(i for i, (k, *_rest) in enumerate(VIEWS) if k == key)

#: (text or mark role, background role, minimum ratio)
PAIRS = [
    *[(text, "surface", 4.5) for text in ("text", "text.muted", "text.faint", "text.accent", "text.partner",
                                            "danger", "warning", "success", "chip.text")],
    ("text", "surface.alt", 4.5), ("text.faint", "surface.alt", 4.5), ("text", "surface.today", 4.5),
    ("text.accent", "surface.today", 4.5), ("text", "surface.selected", 4.5), ("text.muted", "surface.selected", 4.5),
    ("text", "surface.stale", 4.5), ("warning", "surface.stale", 4.5), ("text.muted", "surface.stale", 4.5),
    ("danger", "danger.surface", 4.5), ("warning", "warning.surface", 4.5), ("text", "warning.surface", 4.5),
    ("text", "info.surface", 4.5), ("chip.text", "chip", 4.5), ("text", "surface.weekend", 4.5),
    *[(mark, "surface", 3.0) for mark in ("border.selected", "now", "priority.urgent", "priority.high",
                                            "priority.normal", "priority.low", "warning.border", "info.border")],
]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_role_pair_reads_in_both_schemes(dark: bool) -> None:
    pick = (lambda r: QColor(theme.ROLES[r].dark)) if dark else (lambda r: QColor(theme.ROLES[r].light))
    low = [(fg, bg, round(theme.contrast(pick(fg), pick(bg)), 2)) for fg, bg, need in PAIRS
           if theme.contrast(pick(fg), pick(bg)) < need]
    assert low == []


def test_text_on_a_user_colour_is_black_or_white_by_contrast() -> None:
    from partnerdesk.domain.occurrence import KIND_COLORS

    for hexa in ("#FFEB3B", "#1B5E20", "#C2185B", "#00BCD4", "#FFFFFF", "#000000", *KIND_COLORS.values()):
        background = QColor(hexa)
        best = max(theme.contrast(QColor("#111111"), background), theme.contrast(QColor("#FFFFFF"), background))
        assert theme.contrast(theme.text_on(background), background) == best >= 4.5, hexa


def test_appearance_preference_switches_the_painted_board_live(demo_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("kanban"))

    def choose(choice: str) -> None:
        shown: list[QDialog] = []
        monkeypatch.setattr(QDialog, "open", lambda self: shown.append(self))
        demo_window.actions_.preferences.trigger()
        dialog = shown[-1]
        combo = dialog.findChild(QComboBox, "appearance")
        combo.setCurrentIndex(combo.findData(choice))
        dialog.accept()

    choose(theme.DARK)
    try:
        assert theme.is_dark()
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert theme.color("surface") == QColor(theme.ROLES["surface"].dark)
        assert demo_window.context.settings.value(theme.SETTINGS_KEY) == theme.DARK
        with theme.on_paper():  # printing stays light
            assert theme.color("surface") == QColor("#FFFFFF")
        board = demo_window.stack.currentWidget()
        cell = board.grid.lists()[0]
        image = cell.viewport().grab().toImage()
        card = cell.visualRect(cell.model().index(0, 0)).center()
        assert QColor(image.pixel(card.x(), card.y())).lightness() < 128  # the card is painted dark
        demo_window.show_view(view_index("calendar"))
        month = demo_window.stack.currentWidget().month
        qtbot.waitUntil(lambda: len(month.placed) > 0)
        page = month.viewport().grab().toImage()
        corner = month.viewport().rect().bottomRight()
        assert QColor(page.pixel(corner.x() - 3, corner.y() - 3)).lightness() < 128  # the month page is dark
        # Chip text is black or white by contrast with the chip's colour, never fixed white.
        from partnerdesk.ui.calendar.model import entry_color

        for _rect, row in month.placed:
            chip = entry_color(month.calendar_model().rows[row])
            assert theme.contrast(theme.text_on(chip), chip) >= 4.5
    finally:
        choose(theme.LIGHT)
    assert not theme.is_dark()
    assert demo_window.context.settings.value(theme.SETTINGS_KEY) == theme.LIGHT
