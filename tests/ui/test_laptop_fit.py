"""Every view fits a 1280×720 laptop screen in every language, at the normal font and at a 1.25× font: the main
window, with each view shown in turn, never asks for more than the screen (issues 17 and 22)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from partnerdesk.l10n import LANGUAGES
from partnerdesk.ui.views_registry import VIEWS

LAPTOP = (1280, 720)
KEYS = [key for key, *_rest in VIEWS]


@pytest.fixture
def scaled_font(request: pytest.FixtureRequest) -> Any:
    app = QApplication.instance()
    original = app.font()
    font = app.font()
    font.setPointSizeF(original.pointSizeF() * request.param)
    app.setFont(font)
    yield request.param
    app.setFont(original)


@pytest.mark.parametrize("scaled_font", [1.0, 1.25], indirect=True, ids=["font100", "font125"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_view_fits_a_laptop_screen(scaled_font: float, demo_window: Any, lang: str) -> None:
    window = demo_window
    window.start()
    window.set_language(lang)
    sizes = {}
    for index, action in enumerate(window.actions_.view_actions):
        action.trigger()
        QApplication.processEvents()
        assert window.current_view() is window.views[index]
        hint = window.minimumSizeHint()
        sizes[KEYS[index]] = (hint.width(), hint.height())
    too_big = {key: size for key, size in sizes.items() if size[0] > LAPTOP[0] or size[1] > LAPTOP[1]}
    assert not too_big, f"{lang} at {scaled_font}× font: {too_big}"
    # The window really takes the laptop size with every view loaded (nothing forces it wider).
    window.resize(*LAPTOP)
    QApplication.processEvents()
    assert (window.width(), window.height()) == LAPTOP


def test_payments_actions_fit_and_the_occasional_ones_are_in_more(demo_window: Any, qtbot: Any) -> None:
    """In Greek at 1280×720 every everyday payment button is on screen (none hidden in the tool bar's overflow);
    trash, import, export, print and settings are reached from the "More" menu."""
    window = demo_window
    window.start()
    window.set_language("el")
    window.resize(*LAPTOP)
    window.show_view(KEYS.index("payments"))
    QApplication.processEvents()
    view = window.current_view()
    qtbot.waitUntil(lambda: view.summary is not None)
    for key, button in view.buttons.items():
        assert button.isVisible(), key
        assert view.rect().contains(button.mapTo(view, button.rect().bottomRight())), key
    assert view.more.isVisible() and view.more.text() == "Περισσότερα"
    texts = [a.text() for a in view.more.menu().actions() if not a.isSeparator()]
    assert texts == ["Κάδος…", "Εισαγωγή…", "Εξαγωγή…", "Εκτύπωση…", "Ρυθμίσεις…"]
    assert view.count_label.isVisible() and "39" in view.count_label.text()
