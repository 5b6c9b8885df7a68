"""The repeat editor: daily, weekly on chosen weekdays, monthly by day or by nth weekday, yearly; interval;
until a date or a number of times; the rule stated in plain, translated words as it is edited."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.recurrence import Repeat, Rule, describe, nth_weekday_phrase
from partnerdesk.l10n import _, first_weekday, ngettext, weekday_name

NTH = (1, 2, 3, 4, -1)


def nth_of(day: dt.date) -> int:
    """Which weekday of its month ``day`` is: 1…4, or -1 when it is the last one (e.g. the last Friday)."""
    n = (day.day - 1) // 7 + 1
    return -1 if (day + dt.timedelta(days=7)).month != day.month else min(n, 4)


class RecurrenceEditor(QWidget):
    changed = Signal()

    def __init__(self, rrule: str, start: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = start
        self.original = rrule
        rule = Rule.parse(rrule) if rrule else None
        self.custom = bool(rrule) and rule is None  # a rule the editor cannot show (kept as it is)

        self.freq = QComboBox()
        self.freq.setObjectName("repeatFrequency")
        self.interval = QSpinBox()
        self.interval.setObjectName("repeatInterval")
        self.interval.setRange(1, 999)
        self.unit = QLabel()
        self.weekday_boxes: dict[int, QCheckBox] = {}
        days_row = QHBoxLayout()
        fw = int(first_weekday())
        for i in range(7):
            day = (fw + i) % 7
            box = QCheckBox(weekday_name(day, "abbreviated"))
            box.setObjectName(f"weekday_{day}")
            self.weekday_boxes[day] = box
            days_row.addWidget(box)
        self.weekdays = QWidget()
        self.weekdays.setLayout(days_row)
        # Monthly: by day of month or by nth weekday.
        self.by_day = QRadioButton()
        self.by_day.setObjectName("monthlyByDay")
        self.by_nth = QRadioButton()
        self.by_nth.setObjectName("monthlyByWeekday")
        self.month_mode = QButtonGroup(self)
        self.month_mode.addButton(self.by_day)
        self.month_mode.addButton(self.by_nth)
        self.month_day = QSpinBox()
        self.month_day.setRange(1, 31)
        self.nth = QComboBox()
        self.nth.setObjectName("nthWeek")
        self.nth_weekday = QComboBox()
        self.nth_weekday.setObjectName("nthWeekday")
        monthly = QVBoxLayout()
        row1 = QHBoxLayout()
        row1.addWidget(self.by_day)
        row1.addWidget(self.month_day)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.by_nth)
        row2.addWidget(self.nth_weekday)  # the weekday first: the position's wording agrees with it
        row2.addWidget(self.nth)
        row2.addStretch(1)
        monthly.addLayout(row1)
        monthly.addLayout(row2)
        self.monthly = QWidget()
        self.monthly.setLayout(monthly)
        # End.
        self.end_never = QRadioButton()
        self.end_never.setObjectName("endNever")
        self.end_until = QRadioButton()
        self.end_until.setObjectName("endUntil")
        self.end_count = QRadioButton()
        self.end_count.setObjectName("endCount")
        self.end_mode = QButtonGroup(self)
        for button in (self.end_never, self.end_until, self.end_count):
            self.end_mode.addButton(button)
        self.until = QDateEdit()
        self.until.setObjectName("repeatUntil")
        self.until.setCalendarPopup(True)
        self.count = QSpinBox()
        self.count.setObjectName("repeatCount")
        self.count.setRange(1, 9999)
        self.count.setValue(10)
        ends = QVBoxLayout()
        ends.addWidget(self.end_never)
        r = QHBoxLayout()
        r.addWidget(self.end_until)
        r.addWidget(self.until)
        r.addStretch(1)
        ends.addLayout(r)
        r = QHBoxLayout()
        r.addWidget(self.end_count)
        r.addWidget(self.count)
        self.count_unit = QLabel()
        r.addWidget(self.count_unit)
        r.addStretch(1)
        ends.addLayout(r)
        self.ends = QWidget()
        self.ends.setLayout(ends)
        self.summary = QLabel()
        self.summary.setObjectName("repeatSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)

        interval_row = QHBoxLayout()
        interval_row.addWidget(self.interval)
        interval_row.addWidget(self.unit)
        interval_row.addStretch(1)
        self.form = QFormLayout(self)
        self.freq_label, self.every_label, self.on_label, self.end_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.form.addRow(self.freq_label, self.freq)
        self.form.addRow(self.every_label, interval_row)
        self.form.addRow(self.on_label, self.weekdays)
        self.form.addRow("", self.monthly)
        self.form.addRow(self.end_label, self.ends)
        self.form.addRow("", self.summary)

        self.retranslate_ui()
        self._load(rule)
        self._fill_nth()  # the positions, worded for the weekday just loaded
        self.touched = False  # an untouched rule is saved exactly as it was (imported rules keep their form)
        self.nth_weekday.currentIndexChanged.connect(self._fill_nth)
        for widget in (self.freq, self.nth, self.nth_weekday):
            widget.currentIndexChanged.connect(self._user_changed)
        for spin in (self.interval, self.month_day, self.count):
            spin.valueChanged.connect(self._user_changed)
        for button in (self.by_day, self.by_nth, self.end_never, self.end_until, self.end_count):
            button.toggled.connect(self._user_changed)
        self.until.dateChanged.connect(self._user_changed)
        for box in self.weekday_boxes.values():
            box.toggled.connect(self._user_changed)
        self._emit()

    def _user_changed(self, *_args: object) -> None:
        self.touched = True
        self._emit()

    # --- loading ------------------------------------------------------------------------------------------
    def _load(self, rule: Rule | None) -> None:
        day = self.start.date()
        self.month_day.setValue(day.day)
        self.nth.setCurrentIndex(NTH.index(nth_of(day)))
        self.nth_weekday.setCurrentIndex(day.weekday())
        self.until.setDate(QDate(day.year, day.month, day.day).addMonths(3))
        self.by_day.setChecked(True)
        self.end_never.setChecked(True)
        if rule is None:
            self.freq.setCurrentIndex(0 if not self.custom else self.freq.count() - 1)
            self.weekday_boxes[day.weekday()].setChecked(True)
            return
        self.freq.setCurrentIndex(self.freq.findData(rule.freq))
        self.interval.setValue(rule.interval)
        for d, box in self.weekday_boxes.items():
            box.setChecked(d in rule.weekdays if rule.weekdays else d == day.weekday())
        if rule.nth is not None:
            self.by_nth.setChecked(True)
            self.nth.setCurrentIndex(NTH.index(rule.nth) if rule.nth in NTH else 0)
            self.nth_weekday.setCurrentIndex(rule.weekdays[0])
        elif rule.month_day is not None and rule.month_day > 0:
            self.month_day.setValue(rule.month_day)
        if rule.until is not None:
            self.end_until.setChecked(True)
            u = rule.until.date()
            self.until.setDate(QDate(u.year, u.month, u.day))
        elif rule.count is not None:
            self.end_count.setChecked(True)
            self.count.setValue(rule.count)

    def set_start(self, start: dt.datetime) -> None:
        self.start = start
        self._emit()

    # --- the rule -----------------------------------------------------------------------------------------
    def repeat(self) -> Repeat | None:
        data = self.freq.currentData()  # Qt hands the enum back as its plain string value
        return Repeat(data) if data in {r.value for r in Repeat} else None

    def rule(self) -> Rule | None:
        """The edited rule, or None for "does not repeat" (or a custom rule kept unchanged)."""
        freq = self.repeat()
        if freq is None:
            return None
        until = count = None
        if self.end_until.isChecked():
            d = self.until.date()
            # The whole last day counts: until the end of that day in the event's zone.
            local = dt.datetime(d.year(), d.month(), d.day(), 23, 59, 59, tzinfo=self.start.tzinfo or dt.UTC)
            until = local.astimezone(dt.UTC)
        elif self.end_count.isChecked():
            count = self.count.value()
        weekdays: tuple[int, ...] = ()
        month_day = nth = None
        if freq is Repeat.WEEKLY:
            weekdays = tuple(sorted(d for d, box in self.weekday_boxes.items() if box.isChecked())) or \
                (self.start.weekday(),)
        elif freq is Repeat.MONTHLY:
            if self.by_nth.isChecked():
                nth, weekdays = NTH[self.nth.currentIndex()], (self.nth_weekday.currentIndex(),)
            else:
                month_day = self.month_day.value()
        return Rule(freq, self.interval.value(), weekdays, month_day, nth, None, until, count)

    def rrule(self) -> str:
        if self.freq.currentData() == "custom" or not self.touched:
            return self.original
        try:
            rule = self.rule()
        except PartnerDeskError:
            return self.original
        return rule.to_rrule() if rule is not None else ""

    def problem(self) -> str:
        try:
            self.rule()
        except PartnerDeskError as exc:
            return exc.message
        if self.end_until.isChecked() and self.repeat() is not None:
            d = self.until.date()
            if dt.date(d.year(), d.month(), d.day()) < self.start.date():
                return _("The repeat ends before the event starts.")
        return ""

    def description(self) -> str:
        if self.freq.currentData() == "custom" or (not self.touched and self.original):
            return describe(self.original, str(getattr(self.start.tzinfo, "key", "UTC")))
        problem = self.problem()
        if problem:
            return problem
        rule = self.rule()
        if rule is None:
            return _("Does not repeat")
        return describe(rule, str(getattr(self.start.tzinfo, "key", "UTC")))

    # --- widgets ------------------------------------------------------------------------------------------
    def _emit(self, *_args: object) -> None:
        freq = self.repeat()
        custom = self.freq.currentData() == "custom"
        repeating = freq is not None and not custom
        for widget in (self.interval, self.unit, self.every_label):
            widget.setVisible(repeating)
        self.weekdays.setVisible(freq is Repeat.WEEKLY)
        self.on_label.setVisible(freq is Repeat.WEEKLY)
        self.monthly.setVisible(freq is Repeat.MONTHLY)
        self.ends.setVisible(repeating)
        self.end_label.setVisible(repeating)
        self.until.setEnabled(self.end_until.isChecked())
        self.count_unit.setText(ngettext("time", "times", self.count.value()))
        self.count.setEnabled(self.end_count.isChecked())
        n = self.interval.value()
        units = {
            Repeat.DAILY: ngettext("day", "days", n), Repeat.WEEKLY: ngettext("week", "weeks", n),
            Repeat.MONTHLY: ngettext("month", "months", n), Repeat.YEARLY: ngettext("year", "years", n),
        }
        if freq in units:
            self.unit.setText(units[freq])
        self.summary.setText(self.description())
        self.changed.emit()

    def _fill_nth(self, *_args: object) -> None:
        """Whole phrases for the chosen weekday ("on the first Sunday" …): in pt, it, el and ar the ordinal
        and its article agree with the weekday, so they are never glued from separate words."""
        weekday = max(0, self.nth_weekday.currentIndex())
        index = self.nth.currentIndex()
        self.nth.blockSignals(True)
        self.nth.clear()
        self.nth.addItems([nth_weekday_phrase(n, weekday) for n in NTH])
        self.nth.setCurrentIndex(max(0, index))
        self.nth.blockSignals(False)

    def retranslate_ui(self) -> None:
        current = self.freq.currentData()
        self.freq.blockSignals(True)
        self.freq.clear()
        self.freq.addItem(_("Does not repeat"), None)
        for freq in Repeat:
            self.freq.addItem(freq.label, freq)
        if self.custom:
            self.freq.addItem(_("Custom rule (kept as imported)"), "custom")
        self.freq.setCurrentIndex(max(0, self.freq.findData(current)))
        self.freq.blockSignals(False)
        self.freq_label.setText(_("Repeat:"))
        self.every_label.setText(_("Every:"))
        self.on_label.setText(_("On:"))
        self.end_label.setText(_("Ends:"))
        self.by_day.setText(_("On day"))
        self.by_nth.setText(_("On a weekday of the month:"))
        index = self.nth_weekday.currentIndex()
        self.nth_weekday.blockSignals(True)
        self.nth_weekday.clear()
        self.nth_weekday.addItems([weekday_name(d) for d in range(7)])
        self.nth_weekday.setCurrentIndex(max(0, index))
        self.nth_weekday.blockSignals(False)
        self._fill_nth()
        self.end_never.setText(_("Never"))
        self.end_until.setText(_("On date"))
        self.end_count.setText(_("After"))
        self.count_unit.setText(ngettext("time", "times", self.count.value()))
