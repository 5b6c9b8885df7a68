"""The Payments tab of the partner profile: that partner's ledger, totals per currency, on-time rate (our side:
payables; and theirs when they pay us), average days to pay and the next payment due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.aging import OnTimeStats
from partnerdesk.l10n import _, format_date, format_percent, ngettext
from partnerdesk.services import payments as P
from partnerdesk.services.payments import PaymentFilter
from partnerdesk.ui.payments.delegate import LedgerDelegate
from partnerdesk.ui.payments.model import LedgerModel
from partnerdesk.ui.payments.summary import TotalsTable, on_time_tip
from partnerdesk.ui.payments.text import money


def on_time_text(stats: OnTimeStats | None) -> str:
    if stats is None or stats.rate is None:
        return _("No payments due in the last 12 months")
    text = format_percent(stats.rate, 0) + " · " + on_time_tip(stats)
    if stats.average_days_to_pay is not None:
        days = round(stats.average_days_to_pay)
        text += " · " + ngettext("{days} day to pay on average", "{days} days to pay on average", days).format(
            days=days)
    return text


class PartnerPaymentsSection(QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerPayments")
        self.context = context
        self.partner_id: int | None = None
        self.ours, self.theirs, self.next_due = QLabel(), QLabel(), QLabel()
        for label in (self.ours, self.theirs, self.next_due):
            label.setWordWrap(True)
        self.form = QFormLayout()
        self.form_labels = (QLabel(), QLabel(), QLabel())
        self.form.addRow(self.form_labels[0], self.ours)
        self.form.addRow(self.form_labels[1], self.theirs)
        self.form.addRow(self.form_labels[2], self.next_due)
        self.totals = TotalsTable()
        self.totals.setMaximumHeight(120)
        self.totals.horizontalHeader().setStretchLastSection(False)
        self.model = LedgerModel(None, self)
        self.table = QTableView()
        self.table.setObjectName("partnerLedger")
        self.table.setModel(self.model)
        self.table.setItemDelegate(LedgerDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.form_labels[0].setText(_("We pay on time"))
        self.form_labels[1].setText(_("They pay on time"))
        self.form_labels[2].setText(_("Next due"))

    def load(self, _session: Any = None) -> None:
        if self.partner_id is None or self.context.workspace is None:
            return
        ws = self.context.ws
        summary = P.partner_summary(ws, self.partner_id)
        self.ours.setText(on_time_text(summary.payables_on_time))
        self.theirs.setText(on_time_text(summary.receivables_on_time))
        nxt = summary.next_due
        if nxt is None:
            self.next_due.setText(_("No open payments"))
        else:
            amount = money(nxt.amount_minor, nxt.currency)
            self.next_due.setText(f"{format_date(nxt.due_on)} · {amount} · {nxt.invoice_ref}")
        self.totals.show_totals(summary.totals)
        self.model.workspace = ws
        self.model.grace = P.grace_days(ws)
        self.model.filter = PaymentFilter()
        self.model.on = dt.date.today()
        self.model.set_rows(summary.rows)
