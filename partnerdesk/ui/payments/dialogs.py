"""The payment dialog (add / edit, with "this / this and following" for a scheduled series) and the mark-paid
dialog. A value the service refuses is shown at its field; the dialog stays open and nothing is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import PaymentDirection, PaymentMethod
from partnerdesk.domain.errors import PartnerDeskError, ValidationError
from partnerdesk.domain.money import AmountFormatError, to_minor
from partnerdesk.l10n import _, babel_locale, format_decimal
from partnerdesk.services.payments import PaymentRow
from partnerdesk.ui.qdates import from_qdate, to_qdate

COMMON_CURRENCIES = ("EUR", "USD", "BRL", "JPY", "GBP", "CHF", "BHD", "AED", "SAR")


def parse_amount(text: str, currency: str) -> int:
    """Minor units from what the user typed: the UI language's own separators ("18.225,00" in Portuguese) or
    a plain decimal ("18225.00"). Raises a translated field error."""
    from babel.numbers import NumberFormatError, parse_decimal

    text = text.strip()
    try:
        value: Decimal | str = parse_decimal(text, locale=babel_locale(), strict=True)
    except (NumberFormatError, ValueError):
        value = text
    try:
        return to_minor(value, currency)
    except AmountFormatError:
        raise
    except InvalidOperation:
        raise AmountFormatError(field="amount", amount=text) from None


def format_amount_input(amount_minor: int, currency: str) -> str:
    """An amount as the user would type it back in the UI language ("18.225,00")."""
    from partnerdesk.domain.money import currency_digits, to_decimal

    return format_decimal(to_decimal(amount_minor, currency), currency_digits(currency))


def _date_edit(value: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(value) if value else QDate.currentDate())
    edit.setCalendarPopup(True)
    return edit


class ErrorLine(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fieldError")
        self.setStyleSheet("color:#B3261E;")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.show()


class PaymentDialog(QDialog):
    """Add or edit one payment. ``submit(values, scope)`` saves (scope: "this" or "following"); a
    PartnerDeskError it raises is shown at the field it names."""

    def __init__(self, partners: list[tuple[int, str]], submit: Callable[[dict[str, Any], str], None],
                 row: PaymentRow | None = None, parent: QWidget | None = None,
                 partner_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(_("Edit payment") if row else _("New payment"))
        self.submit, self.row = submit, row
        self.partner = QComboBox()
        for pid, name in partners:
            self.partner.addItem(name, pid)
        self.invoice = QLineEdit()
        self.direction = QComboBox()
        for d in PaymentDirection:
            self.direction.addItem(d.label, d.value)
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(list(COMMON_CURRENCIES))
        self.issued = _date_edit()
        self.due = _date_edit(dt.date.today() + dt.timedelta(days=30))
        self.is_paid = QCheckBox(_("Paid on"))
        self.paid = _date_edit()
        self.paid.setMaximumDate(QDate.currentDate())
        self.paid.setEnabled(False)
        self.is_paid.toggled.connect(self.paid.setEnabled)
        self.method = QComboBox()
        for m in PaymentMethod:
            self.method.addItem(m.label, m.value)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.scope = QComboBox()
        self.scope.addItem(_("This payment"), "this")
        self.scope.addItem(_("This and following payments"), "following")
        self.error = ErrorLine()

        money = QHBoxLayout()
        money.addWidget(self.amount, 1)
        money.addWidget(self.currency)
        paid_row = QHBoxLayout()
        paid_row.addWidget(self.is_paid)
        paid_row.addWidget(self.paid, 1)
        form = QFormLayout()
        form.addRow(_("Partner"), self.partner)
        form.addRow(_("Invoice"), self.invoice)
        form.addRow(_("Direction"), self.direction)
        form.addRow(_("Amount"), money)
        form.addRow(_("Invoice date"), self.issued)
        form.addRow(_("Due"), self.due)
        form.addRow(paid_row)
        form.addRow(_("Method"), self.method)
        form.addRow(_("Notes"), self.notes)
        if row is not None and row.schedule_id is not None:
            form.addRow(_("Apply to"), self.scope)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.fields: dict[str, QWidget] = {"partner_id": self.partner, "invoice_ref": self.invoice,
                                           "amount": self.amount, "amount_minor": self.amount,
                                           "currency": self.currency, "issued_on": self.issued, "due_on": self.due,
                                           "paid_on": self.paid, "method": self.method, "notes": self.notes}
        if row is not None:
            self._fill(row)
        elif partner_id is not None:
            self.partner.setCurrentIndex(max(0, self.partner.findData(partner_id)))

    def _fill(self, row: PaymentRow) -> None:
        self.partner.setCurrentIndex(max(0, self.partner.findData(row.partner_id)))
        self.invoice.setText(row.invoice_ref)
        self.direction.setCurrentIndex(self.direction.findData(row.direction.value))
        self.currency.setCurrentText(row.currency)
        self.amount.setText(format_amount_input(row.amount_minor, row.currency))
        if row.issued_on:
            self.issued.setDate(to_qdate(row.issued_on))
        self.due.setDate(to_qdate(row.due_on))
        self.is_paid.setChecked(row.paid_on is not None)
        if row.paid_on:
            self.paid.setDate(to_qdate(row.paid_on))
        self.method.setCurrentIndex(self.method.findData(row.method.value))
        self.notes.setPlainText(row.notes)

    def values(self) -> dict[str, Any]:
        """The fields as service values; raises a field error for an amount that is not one."""
        currency = self.currency.currentText().strip().upper()
        from partnerdesk.domain.money import check_currency

        check_currency(currency)
        return {
            "partner_id": self.partner.currentData(),
            "invoice_ref": self.invoice.text(),
            "direction": PaymentDirection(self.direction.currentData()),
            "amount_minor": parse_amount(self.amount.text(), currency),
            "currency": currency,
            "issued_on": self.issued.date().toPython(),
            "due_on": self.due.date().toPython(),
            "paid_on": self.paid.date().toPython() if self.is_paid.isChecked() else None,
            "method": PaymentMethod(self.method.currentData()),
            "notes": self.notes.toPlainText(),
        }

    def save(self) -> None:
        try:
            self.submit(self.values(), self.scope.currentData())
        except PartnerDeskError as exc:
            self.show_error(exc)
            return
        self.accept()

    def show_error(self, exc: PartnerDeskError) -> None:
        self.error.show_error(exc.message)
        widget = self.fields.get(exc.field) if isinstance(exc, ValidationError) else None
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)


class MarkPaidDialog(QDialog):
    """Paid on which day (today by default, never later) and by which method, for one or several payments."""

    def __init__(self, count: int, method: PaymentMethod | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markPaidDialog")
        self.setWindowTitle(_("Mark paid"))
        self.date = _date_edit()
        self.date.setMaximumDate(QDate.currentDate())
        self.method = QComboBox()
        self.method.addItem(_("Keep each payment’s method"), None)
        for m in PaymentMethod:
            self.method.addItem(m.label, m.value)
        if method is not None and count == 1:
            self.method.setCurrentIndex(self.method.findData(method.value))
        form = QFormLayout()
        form.addRow(_("Paid on"), self.date)
        form.addRow(_("Method"), self.method)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[dt.date, PaymentMethod | None]:
        data = self.method.currentData()
        return from_qdate(self.date.date()), PaymentMethod(data) if data else None

