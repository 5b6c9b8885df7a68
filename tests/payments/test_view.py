"""The Payments view reached through the main window's navigation, over the demo workspace."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from partnerdesk.domain.aging import AgingBucket, PaymentStatus
from partnerdesk.services import payments as P
from partnerdesk.ui.views_registry import VIEWS


def open_payments(window):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.payments.view import PaymentsView

    window.start()
    index = [key for key, *_rest in VIEWS].index("payments")
    window.nav.setCurrentRow(index)
    view = window.current_view()
    assert isinstance(view, PaymentsView)
    from PySide6.QtTest import QTest

    for _ in range(100):  # the tables above the ledger fill on the next event-loop turn
        if view.summary is not None:
            break
        QTest.qWait(10)
    assert view.summary is not None
    return view


def choose_more(view, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open the view's "More" menu as a user would and choose the entry reading ``text``."""
    menu = view.more.menu()
    assert view.more.isVisible() and menu is not None
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text() == text)
    assert action.isVisible() and action.isEnabled()
    action.trigger()


def test_ledger_lists_the_demo_payments_with_status_and_amounts(payments_window) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    rows = P.load_rows(payments_window.context.ws)
    assert view.model.rowCount() == len(rows) > 30
    texts = [view.model.index(r, 7).data() for r in range(view.model.rowCount())]
    assert any(t.startswith("Overdue") for t in texts) and "Paid" in texts
    amounts = [view.model.index(r, 3).data() for r in range(view.model.rowCount())]
    assert any("R$" in a for a in amounts)
    # totals table: one row per currency, never a grand total across currencies
    currencies = sorted({r.currency for r in rows})
    assert view.totals.rowCount() == len(currencies)
    assert [view.totals.item(r, 0).text() for r in range(view.totals.rowCount())] == currencies


def test_filters_combine_and_an_aging_click_filters(payments_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    total = view.model.rowCount()
    view.filters.status.setCurrentIndex(view.filters.status.findData(PaymentStatus.OVERDUE.value))
    overdue = view.model.rowCount()
    assert 0 < overdue < total
    assert all(view.model.rows[i].paid_on is None for i in view.model.ids)
    qtbot.keyClicks(view.filters.text, "LC-")
    assert view.model.rowCount() == overdue
    view.filters.reset()
    assert view.model.rowCount() == total
    # click the first non-empty overdue bucket
    for r in range(view.aging.rowCount()):
        for c in range(2, view.aging.columnCount()):
            item = view.aging.item(r, c)
            if item.text() != "–":
                currency = view.aging.item(r, 0).text()
                view.aging.cellClicked.emit(r, c)
                shown = view.model.visible_rows()
                assert shown and all(x.currency == currency and x.bucket(view.model.on) != AgingBucket.CURRENT
                                     for x in shown)
                assert view.filters.bucket is not None
                view.aging.cellClicked.emit(r, c)  # same bucket again clears it
                assert view.filters.bucket is None
                return
    raise AssertionError("the demo has overdue payments")


def test_mark_several_paid_is_one_undo_step(payments_window) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    view.filters.status.setCurrentIndex(view.filters.status.findData(PaymentStatus.OVERDUE.value))
    view.table.selectAll()
    ids = view.selected_ids()
    assert len(ids) >= 2
    stack = payments_window.context.undo_stack
    depth = stack.count()
    view.mark_paid(ask=False)
    assert stack.count() == depth + 1
    assert view.model.rowCount() == 0  # all paid now: no longer overdue
    paid = {r.id: r.paid_on for r in P.load_rows(payments_window.context.ws)}
    assert all(paid[i] == dt.date.today() for i in ids)
    stack.undo()
    assert view.model.rowCount() == len(ids)
    assert all(r.paid_on is None for r in P.load_rows(payments_window.context.ws, ids))
    stack.redo()
    assert all(r.paid_on is not None for r in P.load_rows(payments_window.context.ws, ids))


def test_delete_to_trash_and_undo(payments_window) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    total = view.model.rowCount()
    view.table.selectRow(0)
    victim = view.selected_ids()[0]
    view.buttons["delete"].click()
    assert view.model.rowCount() == total - 1 and view.model.row_of(victim) is None
    payments_window.context.undo_stack.undo()
    assert view.model.rowCount() == total and view.model.row_of(victim) is not None


def test_sorting_by_amount_groups_by_currency(payments_window) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    keys = [(r.currency, r.amount_minor) for r in view.model.visible_rows()]
    assert keys == sorted(keys)


def test_payment_dialog_shows_bad_input_at_the_field(payments_window) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    total = view.model.rowCount()
    view.buttons["add"].click()
    dialog = view.dialog
    dialog.invoice.setText("NEW-1")
    dialog.currency.setCurrentText("JPY")
    dialog.amount.setText("1500.5")
    dialog.save()
    assert "JPY" in dialog.error.text() and not dialog.error.isHidden()
    assert dialog.amount.hasFocus() or dialog.focusWidget() is dialog.amount
    dialog.currency.setCurrentText("BHD")
    dialog.amount.setText("1.2345")
    dialog.save()
    assert "BHD" in dialog.error.text()
    dialog.currency.setCurrentText("EUR")
    dialog.amount.setText("-3")
    dialog.save()
    assert "negative" in dialog.error.text()
    dialog.amount.setText("1,250.50")
    dialog.is_paid.setChecked(True)
    dialog.issued.setDate(dialog.paid.date().addDays(1))
    dialog.due.setDate(dialog.paid.date().addDays(30))
    dialog.save()
    assert "before the invoice date" in dialog.error.text()
    assert view.model.rowCount() == total  # nothing saved
    dialog.is_paid.setChecked(False)
    dialog.save()
    assert view.model.rowCount() == total + 1
    new = [r for r in view.model.rows.values() if r.invoice_ref == "NEW-1"][0]
    assert new.amount_minor == 125050 and new.currency == "EUR"
    assert view.selected_ids() == [new.id]


def test_portuguese_amounts_are_read_with_portuguese_separators(payments_window) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.payments.dialogs import parse_amount

    view = open_payments(payments_window)
    payments_window.set_language("pt")
    assert parse_amount("18.225,00", "BRL") == 1822500
    assert parse_amount("18225.00", "BRL") == 1822500
    assert "R$" in view.model.index(0, 3).data() and "," in view.model.index(0, 3).data()


def test_trash_dialog_restores_a_deleted_payment(payments_window) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    total = view.model.rowCount()
    view.table.selectRow(0)
    victim = view.selected_ids()[0]
    view.delete_payments()
    assert view.model.row_of(victim) is None
    choose_more(view, "Trash…")
    dialog = view.dialog
    assert dialog.list.count() == 1
    dialog.list.item(0).setSelected(True)
    dialog.restore_button.click()
    assert view.model.rowCount() == total and view.model.row_of(victim) is not None
    assert dialog.list.count() == 0 and not dialog.empty.isHidden()
