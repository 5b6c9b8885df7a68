"""Keyboard shortcuts shared by the list views."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget


def find_shortcut(view: QWidget, field: QLineEdit) -> QShortcut:
    """Ctrl+F (the platform's Find key) anywhere in ``view`` puts the cursor in its search ``field``, text selected."""
    shortcut = QShortcut(QKeySequence.StandardKey.Find, view, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def find() -> None:
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    shortcut.activated.connect(find)
    return shortcut
