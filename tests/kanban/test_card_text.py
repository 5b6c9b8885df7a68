"""The due label on a card: the year only when the day is more than half a year away."""

from __future__ import annotations

import datetime as dt

from partnerdesk import l10n
from partnerdesk.ui.kanban.card_text import due_text
from partnerdesk.ui.kanban.model import Card

TODAY = dt.date(2026, 12, 4)


def _card(day: dt.date) -> Card:
    due = dt.datetime.combine(day, dt.time(12)).astimezone()
    return Card(1, "Card", "Partner", "#123456", "AB", due, False, "normal", 0, 0, dt.datetime.now(dt.UTC))


def test_near_due_dates_leave_out_the_year() -> None:
    l10n.set_language("en")
    text, overdue = due_text(_card(dt.date(2026, 12, 19)), TODAY)
    assert text == "Due 19 Dec" and not overdue
    assert due_text(_card(dt.date(2027, 1, 3)), TODAY)[0] == "Due 3 Jan"  # next year, but a month away
    assert due_text(_card(dt.date(2027, 9, 1)), TODAY)[0] == "Due 1 Sept 2027"  # far away: the year matters
    assert due_text(_card(dt.date(2026, 12, 5)), TODAY)[0] == "Due tomorrow"


def test_near_due_dates_in_other_languages() -> None:
    try:
        for lang, expected in (("pt", "19 de dez."), ("ja", "12月19日"), ("el", "19 Δεκ"), ("ar", "19 ديسمبر"),
                               ("it", "19 dic")):
            l10n.set_language(lang)
            text = due_text(_card(dt.date(2026, 12, 19)), TODAY)[0]
            assert expected in text and "2026" not in text, (lang, text)
    finally:
        l10n.set_language("en")
