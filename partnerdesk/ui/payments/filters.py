"""The ledger's filter bar: text, partner, direction, status, currency and a due-date range, combined."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.aging import AgingBucket, PaymentStatus, status_label
from partnerdesk.domain.enums import PaymentDirection
from partnerdesk.l10n import _, pgettext
from partnerdesk.services.payments import PaymentFilter
from partnerdesk.ui.qdates import from_qdate

_NO_DATE = QDate(2000, 1, 1)  # the minimum of a date edit shows "Any"


def _any_date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(_NO_DATE)
    edit.setDate(_NO_DATE)
    return edit


class FilterBar(QWidget):
    changed = Signal(object)  # PaymentFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setObjectName("paymentsFilterText")
        self.text.setClearButtonEnabled(True)
        self.partner = QComboBox()
        self.partner.setObjectName("paymentsPartner")
        self.direction = QComboBox()
        self.status = QComboBox()
        self.status.setObjectName("paymentsStatus")
        self.currency = QComboBox()
        self.due_from, self.due_to = _any_date_edit(), _any_date_edit()
        self.due_label = QLabel()
        self.bucket: AgingBucket | None = None
        self.bucket_currency: str | None = None
        self.clear = QToolButton()
        self.clear.setObjectName("paymentsClearFilters")
        # Two rows, so the bar fits a 1280-px laptop screen in every language (Greek at a 1.25× font included):
        # what to look for on the first, the due-date range and the clear button on the second, whose right end
        # (``extras``) holds the view's count of shown payments.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        row, second = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(row)
        rows.addLayout(second)
        self.extras = QHBoxLayout()
        for combo in (self.partner, self.direction, self.status, self.currency):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        self.text.setMinimumWidth(120)
        widget: QWidget
        for widget in (self.text, self.partner, self.direction, self.status, self.currency):
            row.addWidget(widget, 1)
        row.setStretch(0, 2)  # the text box takes the most, the choices widen to show their names
        for widget in (self.due_label, self.due_from, self.due_to, self.clear):
            second.addWidget(widget)
        second.addStretch(1)
        second.addLayout(self.extras)
        self._building = False
        self.retranslate_ui()
        self.text.textChanged.connect(self._emit)
        for combo in (self.partner, self.direction, self.status, self.currency):
            combo.currentIndexChanged.connect(self._emit)
        self.due_from.dateChanged.connect(self._emit)
        self.due_to.dateChanged.connect(self._emit)
        self.clear.clicked.connect(self.reset)

    def retranslate_ui(self) -> None:
        self._building = True
        self.text.setPlaceholderText(_("Filter by partner, invoice or notes…"))
        self.due_label.setText(_("Due"))
        self.due_from.setSpecialValueText(_("Any"))
        self.due_to.setSpecialValueText(_("Any"))
        self.due_from.setToolTip(_("Due on or after"))
        self.due_to.setToolTip(_("Due on or before"))
        self.text.setAccessibleName(self.text.placeholderText())
        self.due_from.setAccessibleName(_("Due on or after"))
        self.due_to.setAccessibleName(_("Due on or before"))
        self.clear.setText(_("Clear filters"))
        self._refill(self.direction, [(_("Both directions"), None)] +
                     [(d.label, d.value) for d in PaymentDirection])
        self._refill(self.status, [(_("Any status"), None), (pgettext("payment status", "Open"), "open")] +
                     [(status_label(s), s.value) for s in PaymentStatus])
        if self.partner.count():
            self.partner.setItemText(0, _("All partners"))
        if self.currency.count():
            self.currency.setItemText(0, _("All currencies"))
        self._building = False

    @staticmethod
    def _refill(combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
        data = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(data)) if data is not None else 0)
        combo.blockSignals(False)

    def set_choices(self, partners: Iterable[tuple[int, str]], currencies: Iterable[str]) -> None:
        """The partners and currencies present in the ledger (keeps the current choice when still there)."""
        self._refill(self.partner, [(_("All partners"), None)] + [(name, pid) for pid, name in partners])
        self._refill(self.currency, [(_("All currencies"), None)] + [(c, c) for c in currencies])

    def set_partner(self, partner_id: int | None) -> None:
        self.partner.setCurrentIndex(max(0, self.partner.findData(partner_id)) if partner_id else 0)

    def set_bucket(self, currency: str | None, bucket: AgingBucket | None) -> None:
        """Filter by an aging bucket (clicked in the aging table); the same one again clears it."""
        if (currency, bucket) == (self.bucket_currency, self.bucket):
            currency, bucket = None, None
        self.bucket, self.bucket_currency = bucket, currency
        self._building = True
        self.currency.setCurrentIndex(max(0, self.currency.findData(currency)) if currency else 0)
        self._building = False
        self._emit()

    def reset(self) -> None:
        self._building = True
        self.text.clear()
        for combo in (self.partner, self.direction, self.status, self.currency):
            combo.setCurrentIndex(0)
        self.due_from.setDate(_NO_DATE)
        self.due_to.setDate(_NO_DATE)
        self.bucket = self.bucket_currency = None
        self._building = False
        self._emit()

    def current(self) -> PaymentFilter:
        status = self.status.currentData()
        if status == "open":
            statuses = frozenset(s for s in PaymentStatus if s.is_open)
        else:
            statuses = frozenset({PaymentStatus(status)}) if status else frozenset()
        partner, currency, direction = self.partner.currentData(), self.currency.currentData(), \
            self.direction.currentData()
        return PaymentFilter(
            partner_ids=frozenset({partner}) if partner else frozenset(),
            direction=PaymentDirection(direction) if direction else None,
            statuses=statuses,
            currencies=frozenset({currency}) if currency else frozenset(),
            due_from=self._date(self.due_from), due_to=self._date(self.due_to),
            text=self.text.text(), bucket=self.bucket)

    @staticmethod
    def _date(edit: QDateEdit) -> dt.date | None:
        return None if edit.date() == _NO_DATE else from_qdate(edit.date())

    def _emit(self) -> None:
        if not self._building:
            self.changed.emit(self.current())

