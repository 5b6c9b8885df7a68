"""The schedule dialog: the payment template (partner, amount, method …), the first due date and the calendar's
repeat editor, with the resulting series stated in plain words before anything is created. Undoable."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import PaymentDirection, PaymentMethod
from partnerdesk.domain.errors import PartnerDeskError, ValidationError
from partnerdesk.domain.money import check_currency
from partnerdesk.domain.recurrence import Repeat, Rule
from partnerdesk.l10n import _, format_date, ngettext
from partnerdesk.services.payment_schedules import ScheduleService, plan_schedule
from partnerdesk.ui.calendar.recurrence_editor import RecurrenceEditor
from partnerdesk.ui.context import ChangeHub
from partnerdesk.ui.payments.dialogs import COMMON_CURRENCIES, ErrorLine, parse_amount
from partnerdesk.ui.qdates import from_qdate, to_qdate
from partnerdesk.ui.undo import ServiceCommand, push


class CreateSchedule(ServiceCommand):
    """The first apply creates the schedule and its payments; undo trashes them, redo restores them."""

    def __init__(self, service: ScheduleService, hub: ChangeHub, values: dict[str, Any]) -> None:
        super().__init__(_("Schedule payments “{prefix}”").format(prefix=values.get("invoice_prefix", "")))
        self.service, self.hub, self.values = service, hub, values
        self.ids: list[int] = []

    def apply(self) -> None:
        if not self.ids:
            _sid, changes = self.service.create_schedule(**self.values)
            self.ids = sorted(changes.created.get("payment", set()))
        else:
            changes = self.service.restore(self.ids)
        self.hub.announce(changes)

    def revert(self) -> None:
        self.hub.announce(self.service.trash(self.ids))


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


class ScheduleDialog(QDialog):
    def __init__(self, partners: list[tuple[int, str]], service: ScheduleService, hub: ChangeHub, stack: Any,
                 parent: QWidget | None = None, partner_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDialog")
        self.setWindowTitle(_("New payment schedule"))
        self.service, self.hub, self.stack = service, hub, stack
        self.command: CreateSchedule | None = None
        self.partner = QComboBox()
        for pid, name in partners:
            self.partner.addItem(name, pid)
        if partner_id is not None:
            self.partner.setCurrentIndex(max(0, self.partner.findData(partner_id)))
        self.direction = QComboBox()
        for d in PaymentDirection:
            self.direction.addItem(d.label, d.value)
        self.amount = QLineEdit()
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(list(COMMON_CURRENCIES))
        self.method = QComboBox()
        for m in PaymentMethod:
            self.method.addItem(m.label, m.value)
        self.prefix = QLineEdit()
        self.prefix.setPlaceholderText("RET-2026")
        first = dt.date.today().replace(day=1) + dt.timedelta(days=32)
        first = first.replace(day=5)
        self.first = QDateEdit(to_qdate(first))
        self.first.setCalendarPopup(True)
        default_rule = Rule(Repeat.MONTHLY, month_day=5, count=12).to_rrule()
        self.recurrence = RecurrenceEditor(default_rule, _start(first))
        self.recurrence.touched = True
        self.first.dateChanged.connect(lambda d: self.recurrence.set_start(_start(d.toPython())))
        self.recurrence.changed.connect(self._preview)
        self.series = QLabel()
        self.series.setObjectName("scheduleSeries")
        self.series.setWordWrap(True)
        self.error = ErrorLine()
        money = QHBoxLayout()
        money.addWidget(self.amount, 1)
        money.addWidget(self.currency)
        form = QFormLayout()
        form.addRow(_("Partner"), self.partner)
        form.addRow(_("Direction"), self.direction)
        form.addRow(_("Amount"), money)
        form.addRow(_("Method"), self.method)
        form.addRow(_("Invoice prefix"), self.prefix)
        form.addRow(_("First due date"), self.first)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(_("Create payments"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.recurrence)
        layout.addWidget(self.series)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._preview()

    def rrule(self) -> str:
        rule = self.recurrence.rule()
        return rule.to_rrule() if rule is not None else ""

    def _preview(self) -> None:
        problem = self.recurrence.problem()
        if problem:
            self.series.setText(problem)
            return
        try:
            dates = plan_schedule(from_qdate(self.first.date()), self.rrule())
        except PartnerDeskError as exc:
            self.series.setText(exc.message)
            return
        self.series.setText(ngettext("{n} payment, the first due {first}, the last due {last}.",
                                     "{n} payments, the first due {first}, the last due {last}.",
                                     len(dates)).format(n=len(dates), first=format_date(dates[0]),
                                                        last=format_date(dates[-1])))

    def values(self) -> dict[str, Any]:
        currency = check_currency(self.currency.currentText().strip().upper())
        return {"partner_id": self.partner.currentData(), "amount_minor": parse_amount(self.amount.text(), currency),
                "currency": currency, "rrule": self.rrule(), "start_on": self.first.date().toPython(),
                "invoice_prefix": self.prefix.text(), "direction": PaymentDirection(self.direction.currentData()),
                "method": PaymentMethod(self.method.currentData())}

    def save(self) -> None:
        try:
            command = CreateSchedule(self.service, self.hub, self.values())
            push(self.stack, command)
        except PartnerDeskError as exc:
            self.error.show_error(exc.message)
            field = {"amount": self.amount, "invoice_prefix": self.prefix}.get(
                exc.field if isinstance(exc, ValidationError) else "")
            if field is not None:
                field.setFocus()
            return
        self.command = command
        self.accept()
