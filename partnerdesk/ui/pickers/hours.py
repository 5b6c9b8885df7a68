"""Working hours as two time edits (from – to) in the locale's clock, stored as "HH:MM" strings."""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTimeEdit, QWidget

from partnerdesk.ui.qt_i18n import qt_time_format


def _qtime(text: str, fallback: QTime) -> QTime:
    """A stored "08:30" as a QTime (the fallback if it is not one)."""
    hours, _sep, minutes = text.strip().partition(":")
    parsed = QTime(int(hours), int(minutes)) if hours.isdigit() and minutes.isdigit() else QTime()
    return parsed if parsed.isValid() else fallback


class WorkingHoursEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start, self.end = QTimeEdit(), QTimeEdit()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for edit in (self.start, self.end):
            edit.setDisplayFormat(qt_time_format())  # the language's clock: "8:00 ص" in Arabic, 24-hour elsewhere
            edit.timeChanged.connect(lambda _t: self.changed.emit())
        row.addWidget(self.start)
        row.addWidget(QLabel("–"))
        row.addWidget(self.end)
        row.addStretch(1)
        self.set_hours("09:00", "18:00")

    def set_hours(self, start: str, end: str) -> None:
        self.start.setTime(_qtime(start, QTime(9, 0)))
        self.end.setTime(_qtime(end, QTime(18, 0)))

    def hours(self) -> tuple[str, str]:
        return tuple(f"{t.hour():02d}:{t.minute():02d}" for t in (self.start.time(), self.end.time()))  # type: ignore[return-value]

    def set_accessible_names(self, start: str, end: str) -> None:
        self.start.setAccessibleName(start)
        self.end.setAccessibleName(end)
