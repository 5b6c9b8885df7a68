"""Application-wide accessibility rules, applied to every widget, present and future, when Qt polishes it.

- Keyboard: Qt's defaults trap the keyboard: item views move between cells on Tab and text edits insert a tab
  character, so a user without a mouse cannot get past them. Views let Tab move focus (arrow keys still move between
  cells) and text edits pass Tab on, while Ctrl+Tab inserts a tab character in an editable text field.
- Screens: a window or dialog never opens taller or wider than the screen's available area.
- Names: a form's labels become their fields' buddies (a screen reader reads "Time zone, edit" instead of "edit"),
  and a button showing only a symbol or an icon ("+", "×", an arrow) is named by its tooltip, kept in step when the
  tooltip changes (after a language switch or a state change such as collapse/expand).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


class AccessibilityRules(QObject):
    """The event filter; install it once with install_accessibility_rules()."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Polish:
            prepare_widget(watched)
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() and \
                (isinstance(watched, QDialog) or watched.parentWidget() is not None):
            fit_to_screen(watched)  # the app's dialogs and editor windows, not a bare widget shown on its own
        elif kind == QEvent.Type.ToolTipChange and isinstance(watched, QAbstractButton):
            name_symbol_button(watched)
        elif kind == QEvent.Type.KeyPress and isinstance(watched, (QPlainTextEdit, QTextEdit)):
            key_event = event if isinstance(event, QKeyEvent) else None
            if (key_event is not None and key_event.key() == Qt.Key.Key_Tab
                    and key_event.modifiers() == Qt.KeyboardModifier.ControlModifier
                    and not watched.isReadOnly()):
                watched.insertPlainText("\t")
                return True
        return False


def prepare_widget(widget: QObject) -> None:
    """Apply the rules to one widget (idempotent)."""
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setTabChangesFocus(True)
    elif isinstance(widget, QAbstractButton):
        name_symbol_button(widget)
    if isinstance(widget, QWidget) and isinstance(widget.layout(), QFormLayout):
        link_form_labels(widget.layout())  # type: ignore[arg-type]


def fit_to_screen(window: QWidget) -> None:
    """A window never opens larger than the screen it is on (large text on a 720-px laptop screen)."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    frame = window.frameGeometry()
    if not area.contains(frame):
        x = min(max(frame.left(), area.left()), max(area.left(), area.right() - frame.width() + 1))
        y = min(max(frame.top(), area.top()), max(area.top(), area.bottom() - frame.height() + 1))
        window.move(x, y)


def name_symbol_button(button: QAbstractButton) -> None:
    """A button whose text is empty or a symbol takes its tooltip as its accessible name."""
    text = button.text().replace("&", "").strip()
    if any(ch.isalnum() for ch in text):
        return
    tip = button.toolTip()
    if tip and button.accessibleName() != tip:
        button.setAccessibleName(tip)


def link_form_labels(form: QFormLayout) -> None:
    """Make each row's label the buddy of its field, so the field is named by the label's current text."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None:
            continue
        label_widget, field_widget = label.widget(), field.widget()
        if isinstance(label_widget, QLabel) and field_widget is not None and label_widget.buddy() is None:
            label_widget.setBuddy(field_widget)


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Have screen readers speak `text` now (a reminder, a message bar): an alert, not just a repaint."""
    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


_FILTER: AccessibilityRules | None = None


def install_accessibility_rules(app: QApplication) -> None:
    """Install the filter on the application (idempotent). Widgets that exist already are covered too: Qt polishes
    a widget when it is first shown, and the main window installs this before it shows anything. (Walking
    ``allWidgets()`` here instead could touch widgets whose deletion is pending: a crash.)"""
    global _FILTER
    if _FILTER is None:
        _FILTER = AccessibilityRules(app)
        app.installEventFilter(_FILTER)
