"""An empty workspace guides the user: every view says what is missing and offers the next step; the first-run
page says what PartnerDesk does (through the main window)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QInputDialog

from partnerdesk.ui.views_registry import VIEWS

KEYS = [key for key, *_rest in VIEWS]


def _page(window: Any, key: str) -> Any:
    window.show_view(KEYS.index(key))
    view = window.current_view()
    page = window.empty_states.attached[KEYS.index(key)].page
    assert page.parent() is view
    return page


def _button(page: Any, text: str) -> Any:
    return next(b for b in page.action_buttons if b.text() == text)


def test_every_view_of_an_empty_workspace_offers_the_next_step(make_window: Any, tmp_path: Path) -> None:
    window = make_window(tmp_path / "empty.pdk")
    expected = {"kanban": "The board is empty", "calendar": "Nothing on the calendar yet",
                "contacts": "No contacts yet", "partners": "No partners yet"}
    for key, title in expected.items():
        page = _page(window, key)
        assert page.isVisible() and page.title.text() == title
        assert page.geometry() == window.current_view().rect()  # covers the blank view
        assert "Load Demo Data" in [b.text() for b in page.action_buttons]
    assert "Import Contacts…" in [b.text() for b in _page(window, "contacts").action_buttons]
    assert "Import Events…" in [b.text() for b in _page(window, "calendar").action_buttons]


def test_adding_the_first_partner_and_card_replaces_the_empty_pages(make_window: Any, tmp_path: Path,
                                                                     monkeypatch: Any) -> None:
    window = make_window(tmp_path / "empty.pdk")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sakura Commerce", True))
    page = _page(window, "partners")
    _button(page, "Add a Partner…").click()
    assert not page.isVisible()
    assert window.current_view().current_partner_id() is not None
    board_page = _page(window, "kanban")
    assert board_page.isVisible() and "Load Demo Data" not in [b.text() for b in board_page.action_buttons]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Send the catalogue", True))
    _button(board_page, "Add a Card…").click()
    assert not board_page.isVisible()
    assert not _page(window, "calendar").isVisible()  # a work item is on the calendar by its due date


def test_load_demo_from_an_empty_view(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    window = make_window(tmp_path / "empty.pdk")
    page = _page(window, "contacts")
    _button(page, "Load Demo Data").click()
    qtbot.waitUntil(lambda: not page.isVisible(), timeout=20_000)
    assert window.current_view().model.rowCount() > 0


def test_empty_pages_and_welcome_are_translated(make_window: Any, tmp_path: Path) -> None:
    window = make_window(tmp_path / "empty.pdk", lang="el")
    assert _page(window, "partners").title.text() == "Δεν υπάρχουν ακόμη συνεργάτες"
    first = make_window(start=False, lang="el")
    first.panel.show_first_run(str(tmp_path / "new.pdk"))
    first.stack.setCurrentWidget(first.panel)
    assert first.panel.features.isVisible()
    texts = [label.text() for _icon, label in first.panel.feature_labels]
    assert len(texts) == 4 and all(text and "PDF" not in text[:3] for text in texts)
    assert texts[3].startswith("Πακέτα ένταξης")
