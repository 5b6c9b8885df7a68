"""The monthly 'nth weekday' choice reads as whole phrases that agree with the chosen weekday."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication

from partnerdesk.ui.calendar.recurrence_editor import RecurrenceEditor
from partnerdesk.ui.qt_i18n import QtLanguage

START = dt.datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Europe/Lisbon"))


@pytest.mark.parametrize(("lang", "sunday", "monday", "saturday"), [
    ("pt", "no primeiro domingo", "na primeira segunda-feira", "no último sábado"),
    ("it", "la prima domenica", "il primo lunedì", "l'ultimo sabato"),
    ("el", "την πρώτη Κυριακή", "την πρώτη Δευτέρα", "το τελευταίο Σάββατο"),
])
def test_positions_agree_with_the_weekday(qtbot, lang: str, sunday: str, monday: str, saturday: str) -> None:  # type: ignore[no-untyped-def]
    language = QtLanguage(QApplication.instance())  # type: ignore[arg-type]
    try:
        language.apply(lang)
        editor = RecurrenceEditor("FREQ=MONTHLY;BYDAY=1SU", START)
        qtbot.addWidget(editor)
        assert editor.by_nth.isChecked() and editor.nth.currentText() == sunday
        editor.nth_weekday.setCurrentIndex(0)
        assert editor.nth.currentText() == monday
        editor.nth_weekday.setCurrentIndex(5)
        editor.nth.setCurrentIndex(editor.nth.count() - 1)
        assert editor.nth.currentText() == saturday
        assert editor.rrule() == "FREQ=MONTHLY;BYDAY=-1SA"
    finally:
        language.apply("en")
