"""Find a time: for a partner and a duration, the next free slots in the coming two weeks where your working
hours and the partner's overlap and nothing is booked; choosing one books the event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, format_skeleton, format_time, ngettext
from partnerdesk.ui.calendar.layout import zone
from partnerdesk.ui.calendar.zones import PartnerClock

DURATIONS = (15, 30, 45, 60, 90, 120)
SEARCH_DAYS = 14


def duration_text(minutes: int) -> str:
    if minutes % 60 == 0:
        return ngettext("{n} hour", "{n} hours", minutes // 60).format(n=minutes // 60)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


class FindTimeDialog(QDialog):
    booked = Signal(str, object, object, object)  # title, start, end, partner id

    def __init__(self, workspace: Any, partners: list[PartnerClock], tz: dt.tzinfo, partner_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findTimeDialog")
        self.setWindowTitle(_("Find a time"))
        self.setMinimumWidth(520)
        self.workspace, self.partners, self.tz = workspace, partners, tz
        self.partner = QComboBox()
        self.partner.setObjectName("findPartner")
        for clock in partners:
            self.partner.addItem(clock.name, clock.id)
        self.partner.setCurrentIndex(max(0, self.partner.findData(partner_id)))
        self.duration = QComboBox()
        self.duration.setObjectName("findDuration")
        for minutes in DURATIONS:
            self.duration.addItem(duration_text(minutes), minutes)
        self.duration.setCurrentIndex(DURATIONS.index(60))
        self.title = QLineEdit()
        self.title.setObjectName("findTitle")
        self.search_button = QPushButton(_("Search"))
        self.search_button.clicked.connect(self.search)
        self.slots = QListWidget()
        self.slots.setObjectName("slotList")
        self.slots.itemDoubleClicked.connect(lambda _item: self.book())
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Partner:"), self.partner)
        form.addRow(_("Duration:"), self.duration)
        form.addRow(_("Title:"), self.title)
        form.addRow("", self.search_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.book_button = self.buttons.addButton(_("Book"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.book_button.setEnabled(False)
        self.book_button.clicked.connect(self.book)
        self.buttons.rejected.connect(self.reject)
        self.slots.currentRowChanged.connect(lambda row: self.book_button.setEnabled(row >= 0))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.slots, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.partner.currentIndexChanged.connect(lambda _i: self.search())
        self.duration.currentIndexChanged.connect(lambda _i: self.search())
        self._update_title()
        if partners:
            self.search()
        else:
            self.status.setText(_("Add a partner first: slots are found in their working hours and yours."))
            self.search_button.setEnabled(False)

    def selected_partner(self) -> PartnerClock | None:
        pid = self.partner.currentData()
        return next((p for p in self.partners if p.id == pid), None)

    def _update_title(self) -> None:
        partner = self.selected_partner()
        if partner is not None and not self.title.isModified():
            self.title.setText(_("Call with {partner}").format(partner=partner.name))

    def search(self, now: dt.datetime | None = None) -> None:
        from partnerdesk.services.calendar import find_slots

        partner = self.selected_partner()
        self.slots.clear()
        if partner is None:
            return
        self._update_title()
        minutes = int(self.duration.currentData())
        start = (now or dt.datetime.now(dt.UTC)).replace(second=0, microsecond=0)
        try:
            slots = find_slots(self.workspace, partner.id, dt.timedelta(minutes=minutes), start, days=SEARCH_DAYS)
        except PartnerDeskError as exc:
            self.status.setText(exc.message)
            return
        there = zone(partner.time_zone)
        for lo, hi in slots:
            mine = f"{format_skeleton('MMMEd', lo.astimezone(self.tz))} {format_time(lo.astimezone(self.tz))}" \
                   f"–{format_time(hi.astimezone(self.tz))}"
            theirs = f"{format_time(lo.astimezone(there))}–{format_time(hi.astimezone(there))}"
            item = QListWidgetItem(_("{mine} your time · {theirs} for {partner}").format(
                mine=mine, theirs=theirs, partner=partner.name))
            item.setData(Qt.ItemDataRole.UserRole, (lo, hi))
            self.slots.addItem(item)
        if slots:
            self.slots.setCurrentRow(0)
            self.status.setText(ngettext("{n} free slot in the next two weeks.", "{n} free slots in the next two "
                                         "weeks.", len(slots)).format(n=len(slots)))
        else:
            self.status.setText(_("No free slot in the next two weeks where your working hours and {partner}'s "
                                  "overlap. Try a shorter duration.").format(partner=partner.name))

    def book(self) -> None:
        item = self.slots.currentItem()
        partner = self.selected_partner()
        if item is None or partner is None:
            return
        lo, hi = item.data(Qt.ItemDataRole.UserRole)
        title = self.title.text().strip() or _("Call with {partner}").format(partner=partner.name)
        self.booked.emit(title, lo, hi, partner.id)
        self.accept()
