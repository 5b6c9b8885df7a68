"""Screen readers and keyboard through the real main window: every interactive control of every view has a name,
in English and in Arabic, and Tab leaves every item view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from partnerdesk.ui.views_registry import VIEWS


def view_index(key: str) -> int:
    """A view's place in the navigation (the registry's order changes as views are added)."""
    from partnerdesk.ui.views_registry import VIEWS

    return next(i for i, (k, *_rest) in enumerate(VIEWS) if k == key)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView) or not widget.isVisible():
            continue
        if widget.objectName() in ("qt_spinbox_lineedit", "qt_tableview_cornerbutton"):  # named by their owner
            continue
        name = accessible_name(widget)
        if not any(ch.isalnum() for ch in name):  # empty, or only a symbol such as "+", "×", "‹"
            found.append(f"{type(widget).__name__} {widget.objectName()!r} named {name!r}")
    return found


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_control_in_every_view_has_a_name(demo_window, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    demo_window.resize(1440, 900)
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.set_language(lang)
    problems = {}
    for index, (key, *_rest) in enumerate(VIEWS):
        demo_window.show_view(index)
        QApplication.processEvents()
        unnamed = unnamed_controls(demo_window.stack.currentWidget())
        if unnamed:
            problems[key] = unnamed
    assert problems == {}, "\n".join(f"{k}: {v}" for k, vs in problems.items() for v in vs)


def test_board_columns_are_named_by_their_column(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("kanban"))
    board = demo_window.stack.currentWidget()
    names = sorted(cell.accessibleName() for cell in board.grid.lists())
    assert names == sorted(column.label for column in board.board_columns)


def test_tab_leaves_every_item_view(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    trapped = []
    for index, (key, *_rest) in enumerate(VIEWS):
        demo_window.show_view(index)
        QApplication.processEvents()
        for view in demo_window.stack.currentWidget().findChildren(QAbstractItemView):
            if not view.isVisible() or isinstance(view, QHeaderView) or view.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            view.setFocus()
            qtbot.keyClick(view, Qt.Key.Key_Tab)
            if QApplication.focusWidget() is view:
                trapped.append(f"{key}: {type(view).__name__} {view.objectName()!r}")
    assert trapped == []


def _children(widget: QWidget) -> list[tuple[str, str]]:
    iface = QAccessible.queryAccessibleInterface(widget)
    kids = [iface.child(i) for i in range(iface.childCount())]
    return [(k.text(QAccessible.Text.Name), k.text(QAccessible.Text.Description)) for k in kids if k is not None]


@pytest.mark.parametrize("mode", ["month", "week"])
def test_calendar_grids_expose_every_entry_with_time_and_partner(demo_window, qtbot, mode: str) -> None:  # type: ignore[no-untyped-def]
    demo_window.resize(1440, 900)
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("calendar"))
    calendar = demo_window.stack.currentWidget()
    calendar.set_mode(mode) if hasattr(calendar, "set_mode") else calendar.mode_buttons.button(
        ["month", "week"].index(mode)).click()
    grid = calendar.month if mode == "month" else calendar.week
    qtbot.waitUntil(lambda: len(grid.placed) > 0)
    spoken = _children(grid)
    assert len(spoken) == len(grid.placed)
    rows = grid.calendar_model().rows
    for (name, description), (_rect, row) in zip(spoken, grid.placed, strict=True):
        occ = rows[row]
        assert name.startswith(occ.title) and len(name) > len(occ.title)  # the title, then the time or day
        assert occ.source.label in description
        if occ.partner_name:
            assert occ.partner_name in description
    # Keyboard: moving to an entry makes it the accessible focus child, drawn with a focus frame.
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    focus = QAccessible.queryAccessibleInterface(grid).focusChild()
    assert focus is not None and focus.state().focused
    assert focus.text(QAccessible.Text.Name) == spoken[QAccessible.queryAccessibleInterface(grid).indexOfChild(focus)][0]


def test_board_cards_say_due_state_partner_priority_and_owner(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("kanban"))
    board = demo_window.stack.currentWidget()
    said = [child for cell in board.grid.lists() for child in _children(cell)]
    assert said, "the board lists its cards to a screen reader"
    assert any("overdue" in name for name, _d in said)
    for name, description in said:
        assert "Priority:" in description and "Partner:" in description, (name, description)


def test_calendar_messages_and_reminders_are_announced(demo_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAccessibleAnnouncementEvent

    from partnerdesk.ui.calendar.reminders import NotificationPopup

    spoken: list[str] = []
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    real_update = QAccessible.updateAccessibility

    def capture(event):  # type: ignore[no-untyped-def]
        if isinstance(event, QAccessibleAnnouncementEvent):
            spoken.append(event.message())
        else:
            real_update(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(capture))
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("calendar"))
    calendar = demo_window.stack.currentWidget()
    calendar.message.show_message("Outside the partner's working hours")
    popup = NotificationPopup(demo_window)
    popup.add("10:00 Quarterly review")
    assert spoken == ["Outside the partner's working hours", "Reminder: 10:00 Quarterly review"]


def test_windows_never_open_larger_than_the_screen(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    area = demo_window.screen().availableGeometry()
    demo_window.findChild(QAction, "editBrandGuideAction").trigger()
    editor = _brand_editor(demo_window)
    editor.resize(area.width() + 300, area.height() + 200)  # as a large font or a small screen would make it
    editor.hide()
    editor.show()
    assert editor.frameGeometry().height() <= area.height() and editor.frameGeometry().width() <= area.width()
    assert area.contains(editor.frameGeometry())
    editor._discard = True
    editor.close()


def test_cards_grow_with_larger_text_instead_of_clipping(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont, QFontMetrics

    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("kanban"))
    cell = demo_window.stack.currentWidget().grid.lists()[0]
    normal = cell.sizeHintForRow(0)
    font = QFont(cell.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    cell.setFont(font)
    larger = cell.sizeHintForRow(0)
    bold = QFont(font)
    bold.setBold(True)
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    needed = 2 * QFontMetrics(bold).lineSpacing() + 3 * QFontMetrics(small).height() + 10
    assert larger > normal and larger >= needed


def test_keyboard_focus_is_visible_on_the_board_and_in_the_month(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.resize(1440, 900)
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("kanban"))
    cell = demo_window.stack.currentWidget().grid.lists()[0]
    cell.setCurrentIndex(cell.model().index(0, 0))
    demo_window.activateWindow()
    cell.setFocus()
    qtbot.waitUntil(cell.hasFocus)
    focused = cell.viewport().grab().toImage()
    demo_window.nav.setFocus()
    qtbot.waitUntil(lambda: not cell.hasFocus())
    assert cell.viewport().grab().toImage() != focused
    demo_window.show_view(view_index("calendar"))
    month = demo_window.stack.currentWidget().month
    qtbot.waitUntil(lambda: len(month.placed) > 0)
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    qtbot.keyClick(month, Qt.Key.Key_Right)
    focused = month.viewport().grab().toImage()
    demo_window.nav.setFocus()
    qtbot.waitUntil(lambda: not month.hasFocus())
    assert month.currentIndex().isValid() and month.viewport().grab().toImage() != focused


def _brand_editor(window):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.packets.brand_editor import BrandGuideEditor

    return next(w for w in window.findChildren(BrandGuideEditor) if w.isVisible())


def test_week_hours_grow_with_larger_text(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont

    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(view_index("calendar"))
    week = demo_window.stack.currentWidget().week
    normal = week.hour_height
    font = QFont(week.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    week.setFont(font)
    assert week.hour_height > normal and week.hour_height >= 2 * week.fontMetrics().lineSpacing()
