"""The repeat editor's rule and words, reminders while running and missed at start, printing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtPrintSupport import QPrinter

from partnerdesk.domain.recurrence import Repeat
from partnerdesk.services.calendar import EventService
from partnerdesk.ui.calendar.recurrence_editor import RecurrenceEditor, nth_of
from partnerdesk.ui.calendar.reminders import ReminderWatcher
from partnerdesk.ui.context import AppContext, ChangeHub

LISBON = ZoneInfo("Europe/Lisbon")
START = dt.datetime(2026, 3, 10, 10, tzinfo=LISBON)  # the second Tuesday of March


def _editor(qtbot, rrule: str = "") -> RecurrenceEditor:  # type: ignore[no-untyped-def]
    editor = RecurrenceEditor(rrule, START)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_weekly_on_weekdays_with_interval_and_count(qtbot) -> None:
    editor = _editor(qtbot)
    assert editor.rrule() == "" and editor.summary.text() == "Does not repeat"
    editor.freq.setCurrentIndex(editor.freq.findData(Repeat.WEEKLY))
    editor.interval.setValue(2)
    editor.weekday_boxes[1].setChecked(False)
    editor.weekday_boxes[0].setChecked(True)
    editor.weekday_boxes[3].setChecked(True)
    editor.end_count.setChecked(True)
    editor.count.setValue(5)
    assert editor.rrule() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5"
    assert editor.summary.text() == "Every 2 weeks, on Monday and Thursday, 5 times"
    assert editor.weekdays.isVisible() and not editor.monthly.isVisible()


def test_monthly_by_nth_weekday_and_until(qtbot) -> None:
    editor = _editor(qtbot)
    editor.freq.setCurrentIndex(editor.freq.findData(Repeat.MONTHLY))
    assert nth_of(START.date()) == 2
    editor.by_nth.setChecked(True)  # defaults to the start's own position: the second Tuesday
    editor.end_until.setChecked(True)
    editor.until.setDate(QDate(2026, 12, 31))
    assert editor.rrule() == "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231T235959Z"
    assert editor.summary.text() == "Every month, on the second Tuesday, until 31 Dec 2026"
    editor.by_day.setChecked(True)
    editor.month_day.setValue(15)
    assert editor.rrule().startswith("FREQ=MONTHLY;BYMONTHDAY=15;")


def test_daily_and_yearly_and_a_rule_read_back(qtbot) -> None:
    editor = _editor(qtbot, "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,FR")
    assert editor.weekday_boxes[1].isChecked() and editor.weekday_boxes[4].isChecked()
    assert editor.interval.value() == 3 and editor.summary.text() == "Every 3 weeks, on Tuesday and Friday"
    editor.freq.setCurrentIndex(editor.freq.findData(Repeat.DAILY))
    assert editor.rrule() == "FREQ=DAILY;INTERVAL=3"
    editor.freq.setCurrentIndex(editor.freq.findData(Repeat.YEARLY))
    editor.interval.setValue(1)
    assert editor.rrule() == "FREQ=YEARLY" and editor.summary.text() == "Every year"


def test_until_before_start_is_refused(qtbot) -> None:
    editor = _editor(qtbot, "FREQ=DAILY")
    editor.end_until.setChecked(True)
    editor.until.setDate(QDate(2026, 1, 1))
    assert editor.problem() == "The repeat ends before the event starts."
    assert editor.summary.text() == editor.problem()


def test_a_rule_the_editor_cannot_show_is_kept(qtbot) -> None:
    editor = _editor(qtbot, "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")
    assert editor.freq.currentData() == "custom"
    assert editor.rrule() == "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"


def _context(ws, tmp_path: Path) -> AppContext:  # type: ignore[no-untyped-def]
    return AppContext(ws, QUndoStack(), ChangeHub(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_missed_reminders_are_listed_at_the_next_start(qtbot, workspace, tmp_path) -> None:
    utc = dt.UTC
    EventService(workspace).create("Call Sakura", dt.datetime(2026, 3, 10, 9, tzinfo=utc),
                                   dt.datetime(2026, 3, 10, 10, tzinfo=utc), reminder_minutes=[15])
    context = _context(workspace, tmp_path)
    first = ReminderWatcher(context)
    assert first.start(now=dt.datetime(2026, 3, 9, 12, tzinfo=utc)) == []  # app open the day before, then closed
    first.stop()
    later = ReminderWatcher(context)
    missed = later.start(now=dt.datetime(2026, 3, 11, 8, tzinfo=utc))
    assert [r.occurrence.title for r in missed] == ["Call Sakura"]
    dialog = later.missed_dialog
    assert dialog is not None and dialog.isVisible() and dialog.list.count() == 1
    assert "Call Sakura" in dialog.list.item(0).text()
    dialog.close()
    assert later.start(now=dt.datetime(2026, 3, 11, 9, tzinfo=utc)) == []  # listed once only
    later.stop()


def test_reminder_fires_while_running(qtbot, workspace, tmp_path) -> None:
    from PySide6.QtWidgets import QWidget

    utc = dt.UTC
    EventService(workspace).create("Call Sakura", dt.datetime(2026, 3, 10, 9, tzinfo=utc),
                                   dt.datetime(2026, 3, 10, 10, tzinfo=utc), reminder_minutes=[15])
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    watcher = ReminderWatcher(_context(workspace, tmp_path), window)
    watcher.start(now=dt.datetime(2026, 3, 10, 8, 40, tzinfo=utc))
    assert watcher.check(now=dt.datetime(2026, 3, 10, 8, 44, tzinfo=utc)) == []
    with qtbot.waitSignal(watcher.reminded):
        watcher.check(now=dt.datetime(2026, 3, 10, 8, 45, 30, tzinfo=utc))
    assert watcher.popup is not None and watcher.popup.isVisible()
    assert "Call Sakura" in watcher.popup.body.text() and watcher.messages
    watcher.stop()


def test_print_month_week_and_agenda(qtbot, workspace, tmp_path) -> None:
    from partnerdesk.ui.calendar.printing import make_printer, open_print_preview, render
    from partnerdesk.ui.calendar.view import CalendarView

    svc = EventService(workspace)
    for n in range(60):
        day = dt.datetime(2026, 3, 1 + n % 28, 8 + n % 9, tzinfo=LISBON)
        svc.create(f"Meeting {n}", day, day + dt.timedelta(hours=1), time_zone="Europe/Lisbon")
    view = CalendarView(_context(workspace, tmp_path))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.go_to(dt.date(2026, 3, 1))
    sizes = {}
    for mode in ("month", "week", "agenda"):
        view.set_mode(mode)
        printer = make_printer(view)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        target = tmp_path / f"{mode}.pdf"
        printer.setOutputFileName(str(target))
        render(view, printer)
        sizes[mode] = target.read_bytes()
    assert all(data.startswith(b"%PDF") and len(data) > 5000 for data in sizes.values())
    assert sizes["agenda"].count(b"/Type /Page\n") + sizes["agenda"].count(b"/Type /Page ") >= 1
    dialog = open_print_preview(view)
    assert dialog.isVisible()
    dialog.close()


def test_printing_works_in_greek(qtbot) -> None:
    """Qt's own strings without a Greek translation must stay untranslated, not empty: empty page-size names
    left the printer without a page (a division by zero when printing the calendar)."""
    from PySide6.QtWidgets import QApplication

    from partnerdesk.ui.qt_i18n import QtLanguage

    language = QtLanguage(QApplication.instance())  # type: ignore[arg-type]
    try:
        language.apply("el")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        assert printer.pageLayout().paintRectPixels(printer.resolution()).width() > 0
    finally:
        language.apply("en")
