"""A slim, non-blocking message line above the calendar (warnings such as "outside working hours")."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from partnerdesk.l10n import _
from partnerdesk.ui import theme
from partnerdesk.ui.accessibility import announce


def _style(kind: str) -> str:
    surface, border = ("warning.surface", "warning.border") if kind == "warning" else ("info.surface", "info.border")
    return (f"#calendarMessage {{ background: {theme.name(surface)}; border: 1px solid {theme.name(border)};"
            f" border-radius: 4px; }} #calendarMessage QLabel {{ color: {theme.name('text')}; }}")


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarMessage")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("border:none; background:transparent;")
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, kind: str = "warning", seconds: int = 15) -> None:
        theme.styled(self, lambda: _style(kind))
        self.label.setText(text)
        self.show()
        announce(self, text, urgent=kind in ("warning", "error"))
        self.timer.start(seconds * 1000)

    def text(self) -> str:
        return self.label.text() if self.isVisible() or not self.isHidden() else ""

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(_("Close"))
