"""Small dialogs of Today's inline actions: pick a date, log an interaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import Channel
from partnerdesk.l10n import _


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class PickDateDialog(QDialog):
    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickDateDialog")
        self.setWindowTitle(_("Postpone"))
        self.calendar = QCalendarWidget()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(_buttons(self))

    def chosen(self) -> dt.date:
        d = self.calendar.selectedDate()
        return dt.date(d.year(), d.month(), d.day())


class LogInteractionDialog(QDialog):
    def __init__(self, partner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logInteractionDialog")
        self.setWindowTitle(_("Log an interaction with {partner}").format(partner=partner))
        self.setMinimumWidth(420)
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.summary = QLineEdit()
        self.summary.setObjectName("interactionSummary")
        self.follow = QCheckBox(_("Follow up on"))
        self.follow_on = QDateEdit(QDate.currentDate().addDays(7))
        self.follow_on.setCalendarPopup(True)
        self.follow_on.setEnabled(False)
        self.follow.toggled.connect(self.follow_on.setEnabled)
        form = QFormLayout()
        form.addRow(_("Channel:"), self.channel)
        form.addRow(_("Summary:"), self.summary)
        form.addRow(self.follow, self.follow_on)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        # Saves when OK is pressed; False (the reason shown) keeps the dialog open with what was typed.
        self.save_hook: Callable[[], bool] | None = None

    def accept(self) -> None:
        if self.save_hook is not None and not self.save_hook():
            return
        super().accept()

    def values(self) -> tuple[Channel, str, dt.date | None]:
        d = self.follow_on.date()
        follow = dt.date(d.year(), d.month(), d.day()) if self.follow.isChecked() else None
        return Channel(self.channel.currentData()), self.summary.text(), follow
