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

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView) or not widget.isVisible():
            continue
        if widget.objectName() == "qt_spinbox_lineedit":  # the spin box around it carries the name
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
    assert problems == {}


def test_board_columns_are_named_by_their_column(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    qtbot.waitUntil(lambda: demo_window.context.workspace is not None)
    demo_window.show_view(0)
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
