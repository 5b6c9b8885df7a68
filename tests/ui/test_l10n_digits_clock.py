"""One digit system and one clock per language, the same in Qt's fields and in Babel-formatted text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtWidgets import QApplication, QDialog

from partnerdesk import l10n
from partnerdesk.ui.qt_i18n import QtLanguage, qt_date_format, qt_time_format
from partnerdesk.ui.views_registry import VIEWS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", ["en", "pt", "ja", "it", "el", "ar"])
def test_fields_and_text_share_digits_and_clock(qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    language = QtLanguage(app)  # type: ignore[arg-type]
    try:
        language.apply(lang)
        field_time = QLocale().toString(QTime(20, 9), qt_time_format())
        field_date = QLocale().toString(QDate(2026, 12, 6), qt_date_format())
        text_time = l10n.format_time(dt.time(20, 9))
        for shown in (field_time, field_date, text_time, QLocale().toString(1234)):
            assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", shown), f"{lang}: {shown!r} mixes digit systems"
        twenty_four = l10n.uses_24_hour_clock()
        assert ("20" in field_time) == ("20" in text_time) == twenty_four, (lang, field_time, text_time)
        assert "2026" in field_date
    finally:
        language.apply("en")


def test_greek_uses_the_24_hour_clock_everywhere() -> None:
    moment = dt.datetime(2026, 12, 6, 20, 9, tzinfo=dt.UTC)
    assert l10n.format_time(moment, lang="el") == "20:09"
    assert "20:09" in l10n.format_datetime(moment, "short", lang="el")
    assert "μ.μ." not in l10n.format_datetime(moment, "medium", lang="el")


def test_no_view_hard_codes_a_clock() -> None:
    """Time fields take their format from qt_time_format(); a literal "HH:mm" would be 24-hour in Arabic too."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "partnerdesk" / "ui").rglob("*.py") if p.name != "qt_i18n.py"
                 if re.search(r"""["'][^"']*(HH:mm|hh:mm)[^"']*["']""", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_preferences_offer_european_portuguese(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(tmp_path / "ws.pdk", "en")
    window.actions_.preferences.trigger()
    dialog = window.findChild(QDialog, "preferencesDialog")
    assert dialog is not None
    index = dialog.language.findData("pt_PT")
    assert dialog.language.itemText(index) == "Português (Portugal)"
    dialog.language.setCurrentIndex(index)
    dialog.accept()
    assert window.nav.item([k for k, *_r in VIEWS].index("contacts")).text() == "Contactos"  # Brazilian: "Contatos"
    assert window.context.settings.value("ui/language") == "pt_PT"
    window.set_language("pt")
    assert window.nav.item([k for k, *_r in VIEWS].index("contacts")).text() == "Contatos"


def test_arabic_indic_digits_chosen_in_preferences_reach_fields_and_text(demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.start()
    try:
        window.set_language("ar")
        assert re.search("[0-9]", window.counts_label.text())  # CLDR's default for Arabic: Latin digits
        window.actions_.preferences.trigger()
        dialog = window.findChild(QDialog, "preferencesDialog")
        assert not dialog.digits.isEnabled() or dialog.language.currentData() == "ar"
        dialog.digits.setCurrentIndex(dialog.digits.findData("arab"))
        dialog.accept()
        counts = window.counts_label.text()
        assert re.search("[\u0660-\u0669]", counts) and not re.search("[0-9]", counts), counts
        assert not re.search("[0-9]", QLocale().toString(QDate(2026, 12, 6), qt_date_format()))
        assert not re.search("[0-9]", l10n.format_time(dt.time(20, 9)))
        assert window.context.settings.value("ui/digits") == "arab"
        window.set_language("el")  # Greek has one digit system whatever Arabic's choice
        assert re.search("[0-9]", window.counts_label.text())
    finally:
        l10n.set_digits("latn")
        window.set_language("en")


def test_arabic_working_hours_use_the_arabic_clock(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from partnerdesk.store.models import Partner

    window = demo_window
    window.start()
    try:
        from PySide6.QtCore import QTime

        window.set_language("ar")
        window.show_view([k for k, *_r in VIEWS].index("partners"))
        view = window.current_view()
        with window.context.workspace.session() as s:
            pid = s.scalar(select(Partner.id).where(Partner.name == "Najd Care Center"))
        view.select_partner(pid)
        hours = view.profile.overview.hours
        qtbot.waitUntil(lambda: hours.start.time() == QTime(8, 0))
        # Stored as 08:00–16:00, shown on the Arabic clock like the table beside ("11:00 م").
        assert "AP" in hours.start.displayFormat()  # 12-hour, with ص/م
        assert "ص" in hours.start.text() and "م" in hours.end.text() and "16" not in hours.end.text()
        hours.start.setTime(QTime(9, 0))
        hours.end.setTime(QTime(17, 30))
        view.profile.overview.save.click()
        with window.context.workspace.session() as s:
            partner = s.get(Partner, pid)
            assert (partner.work_start, partner.work_end) == ("09:00", "17:30")
    finally:
        window.set_language("en")
        window.context.undo_stack.clear()  # before the window's actions go: the stack outlives them


def test_clock_text_round_trips() -> None:
    assert l10n.parse_clock("5:00 م", "ar") == "17:00" and l10n.parse_clock("١٢:٣٠ ص", "ar") == "00:30"
    assert l10n.parse_clock("17:05", "el") == "17:05" and l10n.parse_clock("5 pm", "en") == "17:00"
    assert l10n.parse_clock("25:00", "ar") is None and l10n.parse_clock("soon", "ar") is None
    assert l10n.format_clock("17:00", "ar") == "5:00 م" and l10n.format_clock("17:00", "el") == "17:00"


def test_menu_shortcuts_keep_their_order_in_arabic(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence

    window = make_window(tmp_path / "ws.pdk", "ar")
    action = window.actions_.preferences
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert action.text().endswith(f"\t\u2066{keys}\u2069")  # not ",+Ctrl"
    window.set_language("en")
    assert action.text() == "&Preferences…" and action.shortcut().toString() == keys
