"""Keyboard-only work: Tab leaves every table and multi-line field, everywhere in the application.

Qt's defaults trap the keyboard: item views move between cells on Tab and text edits insert a tab character, so a
user without a mouse cannot get past them. One application-wide event filter fixes both for every widget, present
and future, when Qt polishes it: views let Tab move focus (arrow keys still move between cells) and text edits pass
Tab on, while Ctrl+Tab inserts a tab character where a tab is meaningful (an editable text field).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit


class TabNavigation(QObject):
    """The event filter; install it once with install_tab_navigation()."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Polish:
            prepare_widget(watched)
        elif kind == QEvent.Type.KeyPress and isinstance(watched, (QPlainTextEdit, QTextEdit)):
            key_event = event if isinstance(event, QKeyEvent) else None
            if (key_event is not None and key_event.key() == Qt.Key.Key_Tab
                    and key_event.modifiers() == Qt.KeyboardModifier.ControlModifier
                    and not watched.isReadOnly()):
                watched.insertPlainText("\t")
                return True
        return False


def prepare_widget(widget: QObject) -> None:
    """Let Tab leave `widget` if it is an item view or a multi-line text field."""
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setTabChangesFocus(True)


_FILTER: TabNavigation | None = None


def install_tab_navigation(app: QApplication) -> None:
    """Install the filter on the application (idempotent) and prepare the widgets that already exist."""
    global _FILTER
    if _FILTER is None:
        _FILTER = TabNavigation(app)
        app.installEventFilter(_FILTER)
    for widget in app.allWidgets():
        prepare_widget(widget)
