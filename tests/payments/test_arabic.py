"""The Payments view in Arabic: mirrored, translated, and one digit system in every cell."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from tests.payments.test_view import open_payments

ARABIC_INDIC = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def test_view_in_arabic_is_mirrored_with_one_digit_system(payments_window) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    payments_window.set_language("ar")
    view.recompute_summary()
    assert view.isRightToLeft() and view.table.layoutDirection() == Qt.LayoutDirection.RightToLeft
    header = view.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "الشريك"
    texts = [view.model.index(r, c).data() or "" for r in range(view.model.rowCount()) for c in range(9)]
    texts += [view.totals.item(r, c).text() for r in range(view.totals.rowCount()) for c in range(4)]
    texts += [view.aging.item(r, c).text() for r in range(view.aging.rowCount())
              for c in range(view.aging.columnCount())]
    assert any(re.search("[0-9]", t) for t in texts)
    assert not any(ARABIC_INDIC.search(t) for t in texts)  # Latin digits throughout, as CLDR "ar" formats them
    statuses = {view.model.index(r, 7).data() for r in range(view.model.rowCount())}
    assert "مدفوعة" in statuses
    # amounts are isolated left-to-right so the currency symbol stays with its number
    amount = view.model.index(0, 3).data()
    assert amount.startswith("\u2066") and amount.endswith("\u2069")
    # the partner column is painted at the right edge: the first visual column in right-to-left
    assert view.table.columnViewportPosition(0) > view.table.columnViewportPosition(3)
