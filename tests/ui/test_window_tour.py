"""The window-level tour: start the main window on the demo and, in every language, reach every view, trigger
every menu action and the README's shortcuts, and open the views' dialogs through the window. Each window that
opens must fit a 1280×720 laptop screen, and in a translated language no visible text may still be the English
source of a translated message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
)

from partnerdesk.l10n import LANGUAGES
from partnerdesk.ui.views_registry import VIEWS

ROOT = Path(__file__).resolve().parents[2]
KEYS = [key for key, *_rest in VIEWS]
LAPTOP = (1280, 720)
#: Shortcuts the README promises, each reachable as an action of the window.
README_SHORTCUTS = ["Ctrl+K", "Ctrl+Shift+P", *[f"Ctrl+{n + 1}" for n in range(len(VIEWS))]]


def _english_sources(lang: str) -> set[str]:
    """Source strings whose translation in ``lang`` differs from the English: seeing one means a gap."""
    if lang == "en":
        return set()
    with open(ROOT / "i18n" / lang / "LC_MESSAGES" / "partnerdesk.po", "rb") as fh:
        catalog = read_po(fh, locale=lang)
    out, translated = set(), set()
    for message in catalog:
        if not message.id or isinstance(message.id, tuple) or "{" in message.id:
            continue
        text = _plain(message.id)
        if message.string:
            translated.add(_plain(str(message.string)))
        if len(text) > 3 and message.string and _plain(str(message.string)) != text:
            out.add(text)
    return out - translated  # "Email" is the Italian for "Emails": not a gap


def _plain(text: str) -> str:
    return re.sub(r"&(?!&)", "", text).replace("…", "").strip()


def _visible_texts(root: QWidget) -> Iterator[tuple[QWidget, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget, widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget, widget.title()
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield widget, widget.tabText(i)
        if widget.isWindow():
            yield widget, widget.windowTitle()


def _untranslated(root: QWidget, sources: set[str]) -> list[str]:
    return [f"{type(w).__name__}: {text!r}" for w, text in _visible_texts(root) if _plain(text) in sources]


class Tour:
    """Opens things through the window and checks every window that appears."""

    def __init__(self, window: Any, qtbot: Any, lang: str) -> None:
        self.window, self.qtbot, self.lang = window, qtbot, lang
        self.sources = _english_sources(lang)
        self.problems: list[str] = []
        self.seen: list[str] = []
        # Modal loops (exec) would block the tour: a timer checks and closes whatever modal window is up.
        self.closer = QTimer()
        self.closer.setInterval(50)
        self.closer.timeout.connect(self._close_modal)
        self.closer.start()

    def _check(self, widget: QWidget, where: str) -> None:
        if widget.objectName() == "MainWindow":
            return
        self.seen.append(f"{where}: {type(widget).__name__}")
        size = widget.frameGeometry().size() if widget.isWindow() else widget.size()
        if size.width() > LAPTOP[0] or size.height() > LAPTOP[1]:
            self.problems.append(f"{where}: {type(widget).__name__} is {size.width()}×{size.height()}")
        for text in _untranslated(widget, self.sources):
            self.problems.append(f"{where}: untranslated {text}")

    def _close_modal(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            self._check(modal, "modal")
            modal.close()

    def windows(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w is not self.window and not isinstance(w, QMenu)
                and type(w).__name__ not in ("QTipLabel", "QListView", "QFrame")]

    def run(self, where: str, doing: Any) -> None:
        before = set(map(id, self.windows()))
        doing()
        QApplication.processEvents()
        self.qtbot.wait(30)
        for widget in self.windows():
            if id(widget) not in before:
                self._check(widget, where)
                widget.close()
        QApplication.processEvents()

    def stop(self) -> None:
        self.closer.stop()


def _menu_actions(window: Any) -> Iterator[tuple[str, Any]]:
    def walk(menu: QMenu, path: str) -> Iterator[tuple[str, Any]]:
        menu.aboutToShow.emit()  # menus filled on show (recent files)
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                yield from walk(action.menu(), f"{path} › {action.text()}")
            else:
                yield f"{path} › {action.text()}", action

    for top in window.menuBar().actions():
        if top.menu() is not None:
            yield from walk(top.menu(), top.text())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tour_of_the_window(demo_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    window = demo_window
    window.resize(*LAPTOP)
    window.start()
    window.set_language(lang)
    # File choosers are the platform's: answer "cancelled" so the tour stays in the app.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    tour = Tour(window, qtbot, lang)
    try:
        # Every view, through its View-menu action and shortcut.
        for index, action in enumerate(window.actions_.view_actions):
            assert action.shortcut().toString() == f"Ctrl+{index + 1}"
            action.trigger()
            assert window.current_view() is window.views[index]
            for text in _untranslated(window, tour.sources):
                tour.problems.append(f"view {KEYS[index]}: untranslated {text}")
        # Every shortcut the README lists belongs to an action of the window.
        shortcuts = {a.shortcut().toString() for a in window.findChildren(type(window.search.action))}
        assert set(README_SHORTCUTS) <= shortcuts, set(README_SHORTCUTS) - shortcuts
        # Every menu action (not those that leave, switch the language or are Qt's own).
        skip = {window.actions_.quit, window.actions_.about_qt, *window.actions_.language_actions.values(),
                *window.actions_.view_actions}
        triggered = 0
        for path, action in list(_menu_actions(window)):
            if action in skip or not action.isEnabled() or action.data():  # data: a recent file's path
                continue
            tour.run(path, action.trigger)
            triggered += 1
        assert triggered >= 10
        # The views' own dialogs, opened as a user would, from the window.
        window.show_view(KEYS.index("contacts"))
        contacts = window.current_view()
        contacts.table.selectRow(0)
        tour.run("contacts: edit", contacts.edit_contact)
        tour.run("contacts: add", contacts.add_contact)
        window.show_view(KEYS.index("calendar"))
        calendar = window.current_view()
        tour.run("calendar: new event", calendar.editor.new_event)
        tour.run("calendar: find a time", calendar.editor.find_a_time)
        window.show_view(KEYS.index("kanban"))
        board = window.current_view()
        first = next(cell for cell in board.columns if cell.model().rowCount())
        tour.run("kanban: card", lambda: board.edit_card(first.model().ids[0]))
        window.show_view(KEYS.index("partners"))
        tour.run("partners: packet", window.current_view().packet_button.click)
    finally:
        tour.stop()
    assert len(tour.seen) >= 10, tour.seen
    assert not tour.problems, "\n".join(tour.problems)
