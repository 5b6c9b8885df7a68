"""Reminders of one event: a list of "N minutes/hours/days before" entries."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.l10n import _, ngettext

UNITS = ((1, "minutes"), (60, "hours"), (24 * 60, "days"))


def reminder_text(minutes: int) -> str:
    if minutes == 0:
        return _("At the start")
    if minutes % (24 * 60) == 0:
        n = minutes // (24 * 60)
        return ngettext("{n} day before", "{n} days before", n).format(n=n)
    if minutes % 60 == 0:
        n = minutes // 60
        return ngettext("{n} hour before", "{n} hours before", n).format(n=n)
    return ngettext("{n} minute before", "{n} minutes before", minutes).format(n=minutes)


class ReminderEditor(QWidget):
    def __init__(self, minutes: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("reminderList")
        self.amount = QSpinBox()
        self.amount.setRange(0, 999)
        self.amount.setValue(15)
        self.unit = QComboBox()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.amount)
        row.addWidget(self.unit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        for value in sorted(set(minutes)):
            self.add(value)
        self.retranslate_ui()

    def add(self, minutes: int) -> None:
        if minutes in self.minutes():
            return
        item = QListWidgetItem(reminder_text(minutes))
        item.setData(Qt.ItemDataRole.UserRole, minutes)
        self.list.addItem(item)
        self.list.sortItems()
        items = sorted((self.list.takeItem(0) for _ in range(self.list.count())),
                       key=lambda i: i.data(Qt.ItemDataRole.UserRole))
        for it in items:
            self.list.addItem(it)

    def add_current(self) -> None:
        self.add(self.amount.value() * int(self.unit.currentData()))

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def minutes(self) -> list[int]:
        return [int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def retranslate_ui(self) -> None:
        current = self.unit.currentIndex()
        self.unit.clear()
        for factor, key in UNITS:
            label = {"minutes": _("minutes before"), "hours": _("hours before"), "days": _("days before")}[key]
            self.unit.addItem(label, factor)
        self.unit.setCurrentIndex(max(0, current))
        self.add_button.setText(_("Add reminder"))
        self.remove_button.setText(_("Remove"))
