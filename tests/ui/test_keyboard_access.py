"""Keyboard-only work through the real main window: unique mnemonics in every language, Tab leaves tables and
multi-line fields, and the shortcuts that tooltips promise work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QPlainTextEdit, QTableView

from partnerdesk.l10n import LANGUAGES
from partnerdesk.ui.accelerators import make_unique, mnemonic


def view_index(key: str) -> int:
    """A view's place in the navigation (the registry's order changes as views are added)."""
    from partnerdesk.ui.views_registry import VIEWS

    return next(i for i, (k, *_rest) in enumerate(VIEWS) if k == key)


def _containers(bar: QMenuBar) -> list[QMenu | QMenuBar]:
    found: list[QMenu | QMenuBar] = [bar]
    pending = [a.menu() for a in bar.actions() if isinstance(a.menu(), QMenu)]
    while pending:
        menu = pending.pop()
        menu.aboutToShow.emit()  # dynamic menus fill themselves here
        found.append(menu)
        pending.extend(a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu))
    return found


def _clashes(container: QMenu | QMenuBar) -> list[str]:
    seen: dict[str, str] = {}
    clashes = []
    for action in container.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        letter = mnemonic(action.text())
        if letter and letter in seen:
            clashes.append(f"{seen[letter]!r} / {action.text()!r}")
        seen.setdefault(letter, action.text())
    return clashes


def test_every_menu_has_unique_mnemonics_in_every_language(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    problems = []
    for lang in LANGUAGES:
        demo_window.set_language(lang)
        containers = _containers(demo_window.menuBar())
        assert len(containers) >= 6, "menu bar and its menus"
        for container in containers:
            title = container.title() if isinstance(container, QMenu) else "menu bar"
            problems += [f"{lang} {title}: {c}" for c in _clashes(container)]
        assert all(mnemonic(a.text()) for a in demo_window.menuBar().actions()), lang
    assert problems == []


def test_clashing_mnemonics_move_to_a_free_letter() -> None:
    assert make_unique(["&Build packet…", "&Batch…"]) == ["&Build packet…", "B&atch…"]
    # Japanese menus keep the bracketed Latin letter form; the second entry gets a free letter.
    assert make_unique(["ファイル(&F)", "フォルダー(&F)"]) == ["ファイル(&F)", "フォルダー(&A)"]
    # A literal "&&" is not a mnemonic; an entry without one gets a free letter.
    assert make_unique(["A && B", "&Apple"]) == ["A && &B", "&Apple"]


def _focus_chain_leaves(widget, qtbot, key: Qt.Key) -> bool:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, key)
    focus = QApplication.focusWidget()
    return focus is not widget and not widget.isAncestorOf(focus)


def test_tab_leaves_the_contacts_table_both_ways(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("contacts"))
    view = demo_window.stack.currentWidget()
    table = view.findChild(QTableView)
    table.selectRow(0)
    assert _focus_chain_leaves(table, qtbot, Qt.Key.Key_Tab)
    assert _focus_chain_leaves(table, qtbot, Qt.Key.Key_Backtab)
    # Edit and Delete are reached from the keyboard: Tab walks the window and lands on them.
    reached = set()
    table.setFocus()
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    assert view.edit_button in reached and view.delete_button in reached


def test_tab_leaves_multi_line_fields_and_ctrl_tab_inserts_a_tab(demo_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.contacts.dialog import ContactDialog

    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("contacts"))
    view = demo_window.stack.currentWidget()
    dialogs: list[ContactDialog] = []
    monkeypatch.setattr(ContactDialog, "exec", lambda self: dialogs.append(self) or 0)
    view.add_button.click()
    dialog = dialogs[0]
    dialog.show()
    notes = dialog.notes
    assert isinstance(notes, QPlainTextEdit)
    before = notes.toPlainText()
    assert _focus_chain_leaves(notes, qtbot, Qt.Key.Key_Tab)
    assert notes.toPlainText() == before
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert "\t" in notes.toPlainText()
    # Every multi-line field of the dialog passes Tab on.
    for field in dialog.findChildren(QPlainTextEdit):
        assert field.tabChangesFocus(), field.objectName()
    dialog.close()


def test_alt_up_moves_a_brand_colour_after_a_language_switch(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.set_language("pt")
    action = demo_window.findChild(QAction, "editBrandGuideAction")
    action.trigger()
    editor = _brand_editor(demo_window)  # the one editor window the Packets menu opened
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    rows = editor.colours
    editor.tabs.setCurrentWidget(rows.parentWidget())
    while rows.model.rowCount() < 2:
        rows.add_row(["X", "#000000", ""])
    first = rows.model.index(0, 0).data()
    second = rows.model.index(1, 0).data()
    rows.select(1)
    rows.table.setFocus()
    qtbot.waitUntil(rows.table.hasFocus)
    qtbot.keyClick(rows.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert rows.model.index(0, 0).data() == second and rows.model.index(1, 0).data() == first
    editor._discard = True  # leave without the unsaved-changes question
    editor.close()


def _brand_editor(window):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.packets.brand_editor import BrandGuideEditor

    return next(w for w in window.findChildren(BrandGuideEditor) if w.isVisible())
