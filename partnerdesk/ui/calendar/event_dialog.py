"""Edit every field of an event: title, kind, partner, zone, all-day, start/end, place, video link,
description, reminders and recurrence (with the rule stated in plain words)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import EventKind
from partnerdesk.l10n import _
from partnerdesk.ui import theme
from partnerdesk.ui.calendar.attendees import AttendeeChoices, AttendeesEditor
from partnerdesk.ui.calendar.layout import day_and_time, zone
from partnerdesk.ui.calendar.recurrence_editor import RecurrenceEditor
from partnerdesk.ui.calendar.reminder_editor import ReminderEditor
from partnerdesk.ui.calendar.zones import PartnerClock
from partnerdesk.ui.pickers.zones import ZonePicker, zone_city


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def from_qdatetime(value: QDateTime, tz: dt.tzinfo) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=tz)


class EventDialog(QDialog):
    """Shows ``values`` (the event's fields; start/end aware) and returns them edited in ``values()``.

    The start and end are edited as wall-clock times in the event's own zone; changing the zone keeps the
    wall-clock times (a call planned at 10:00 Lisbon stays at 10:00 in the new zone).
    """

    delete_requested = Signal()

    def __init__(self, values: dict[str, Any], partners: list[PartnerClock], *, new: bool,
                 parent: QWidget | None = None, people: AttendeeChoices | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventDialog")
        # Saves when OK is pressed; False (the reason shown here) keeps the dialog open with what was typed.
        self.save_hook: Callable[[], bool] | None = None
        self.setWindowTitle(_("New event") if new else _("Edit event"))
        self.setMinimumWidth(560)
        self.partners = partners
        tz_name = values.get("time_zone") or "UTC"
        own = zone(tz_name)
        start: dt.datetime = values["start"].astimezone(own)
        end: dt.datetime = values["end"].astimezone(own)
        all_day = bool(values.get("all_day"))
        if all_day:
            end -= dt.timedelta(days=1)  # shown inclusively: a one-day event ends on the same day

        self.title = QLineEdit(values.get("title", ""))
        self.title.setObjectName("eventTitle")
        self.kind = QComboBox()
        for kind in EventKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(values.get("kind", EventKind.MEETING))))
        self.partner = QComboBox()
        self.partner.addItem(_("No partner"), None)
        for clock in partners:
            self.partner.addItem(clock.name, clock.id)
        self.partner.setCurrentIndex(max(0, self.partner.findData(values.get("partner_id"))))
        self.partner.currentIndexChanged.connect(self._partner_changed)
        self.zone = ZonePicker()  # by city or country, with the current offset
        self.zone.setObjectName("eventZone")
        self.zone.set_zone(tz_name)
        self.zone.zone_chosen.connect(lambda _z: self._update_hint())
        self.all_day = QCheckBox()
        self.all_day.setChecked(all_day)
        self.all_day.toggled.connect(self._all_day_toggled)
        self.start = QDateTimeEdit(to_qdatetime(start))
        self.end = QDateTimeEdit(to_qdatetime(end))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            # A date and a time read left to right in every language; in Arabic a right-to-left field turns
            # "9:00 م" into "00:9 م".
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            edit.dateTimeChanged.connect(lambda _v: self._update_hint())
        self.start.dateTimeChanged.connect(self._start_changed)
        self._last_start = self.start.dateTime()
        self.hint = QLabel()
        self.hint.setObjectName("zoneHint")
        self.hint.setWordWrap(True)
        self.location = QLineEdit(values.get("location", ""))
        self.video = QLineEdit(values.get("video_link", ""))
        self.video.setPlaceholderText("https://")
        self.description = QPlainTextEdit(values.get("description", ""))
        self.description.setTabChangesFocus(True)
        self.reminders = ReminderEditor(list(values.get("reminder_minutes") or []))
        self.recurrence = RecurrenceEditor(values.get("rrule", ""), start)
        self.start.dateTimeChanged.connect(
            lambda v: self.recurrence.set_start(from_qdatetime(v, zone(self.zone.zone()))))

        details = QWidget()
        form = QFormLayout(details)
        form.addRow(_("Title:"), self.title)
        form.addRow(_("Kind:"), self.kind)
        form.addRow(_("Partner:"), self.partner)
        form.addRow(_("Time zone:"), self.zone)
        form.addRow("", self.all_day)
        form.addRow(_("Starts:"), self.start)
        form.addRow(_("Ends:"), self.end)
        form.addRow("", self.hint)
        form.addRow(_("Location:"), self.location)
        form.addRow(_("Video link:"), self.video)
        form.addRow(_("Description:"), self.description)
        self.tabs = QTabWidget()
        self.tabs.addTab(details, _("Details"))
        self.tabs.addTab(self.recurrence, _("Repeat"))
        self.tabs.addTab(self.reminders, _("Reminders"))
        self.attendees: AttendeesEditor | None = None
        if people is not None:
            self.attendees = AttendeesEditor(people, values)
            self.tabs.addTab(self.attendees, _("Attendees"))
            self.partner.currentIndexChanged.connect(
                lambda _i: self.attendees.set_partner(self.partner.currentData()) if self.attendees else None)
        self.all_day.setText(_("All day"))
        self.error = QLabel()
        self.error.setObjectName("eventError")
        theme.styled(self.error, lambda: f"color: {theme.name('danger')};")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.delete_button: QPushButton | None = None
        if not new:
            self.delete_button = self.buttons.addButton(_("Delete"), QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.clicked.connect(self._delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._all_day_toggled(all_day)
        self._update_hint()

    # --- behaviour ----------------------------------------------------------------------------------------
    def _all_day_toggled(self, on: bool) -> None:
        from partnerdesk.ui.qt_i18n import qt_date_format, qt_time_format

        fmt = qt_date_format() if on else f"{qt_date_format()} {qt_time_format()}"
        for edit in (self.start, self.end):
            edit.setDisplayFormat(fmt)
        self._update_hint()

    def _start_changed(self, value: QDateTime) -> None:
        """Moving the start keeps the duration."""
        shift = self._last_start.secsTo(value)
        self._last_start = value
        self.end.blockSignals(True)
        self.end.setDateTime(self.end.dateTime().addSecs(shift))
        self.end.blockSignals(False)

    def _partner_changed(self, _index: int) -> None:
        """The hint shows when the event falls on the newly chosen partner's clock."""
        self._update_hint()

    def selected_partner(self) -> PartnerClock | None:
        pid = self.partner.currentData()
        return next((p for p in self.partners if p.id == pid), None)

    def _update_hint(self) -> None:
        """Where the event falls on the partner's clock."""

        partner = self.selected_partner()
        if partner is None or self.all_day.isChecked() or zone(self.zone.zone()) is dt.UTC and \
                self.zone.zone() != "UTC":
            self.hint.setText("")
            return
        start = from_qdatetime(self.start.dateTime(), zone(self.zone.zone()))
        there = start.astimezone(zone(partner.time_zone))
        self.hint.setText(_("For {partner} this starts {time} ({zone}).").format(
            partner=partner.name, time=day_and_time(there), zone=zone_city(partner.time_zone)))

    def _delete(self) -> None:
        self.delete_requested.emit()
        self.reject()

    def values(self) -> dict[str, Any]:
        tz_name = self.zone.zone() or "UTC"
        own = zone(tz_name)
        start = from_qdatetime(self.start.dateTime(), own)
        end = from_qdatetime(self.end.dateTime(), own)
        if self.all_day.isChecked():
            start = start.replace(hour=0, minute=0)
            end = end.replace(hour=0, minute=0) + dt.timedelta(days=1)
        return {
            "title": self.title.text().strip(),
            "kind": self.kind.currentData(),
            "partner_id": self.partner.currentData(),
            "time_zone": tz_name,
            "all_day": self.all_day.isChecked(),
            "start": start.astimezone(dt.UTC),
            "end": end.astimezone(dt.UTC),
            "location": self.location.text().strip(),
            "video_link": self.video.text().strip(),
            "description": self.description.toPlainText(),
            "reminder_minutes": self.reminders.minutes(),
            "rrule": self.recurrence.rrule(),
            **(self.attendees.values() if self.attendees is not None else {}),
        }

    def problem(self) -> str:
        """What stops saving, in words, or ''."""
        values = self.values()
        if not values["title"]:
            return _("Give the event a title.")
        if zone(values["time_zone"]) is dt.UTC and values["time_zone"] not in ("UTC", "Etc/UTC"):
            return _("“{zone}” is not a known time zone.").format(zone=values["time_zone"])
        if values["end"] < values["start"]:
            return _("The event ends before it starts.")
        return self.recurrence.problem()

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.show_error(problem)
            return
        if self.save_hook is not None and not self.save_hook():
            return  # not saved (the connection is lost, a conflict…): nothing typed is lost
        super().accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
