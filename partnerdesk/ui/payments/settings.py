"""Workspace payment settings: the grace days of the on-time rate and how early payables raise a reminder."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _
from partnerdesk.services import payments as P
from partnerdesk.services.payment_edits import PaymentService
from partnerdesk.ui.context import ChangeHub


class PaymentSettingsDialog(QDialog):
    def __init__(self, service: PaymentService, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentSettings")
        self.setWindowTitle(_("Payment settings"))
        self.service, self.hub = service, hub
        self.grace, self.reminder = QSpinBox(), QSpinBox()
        for spin in (self.grace, self.reminder):
            spin.setRange(0, 60)
        self.grace.setValue(P.grace_days(service.workspace))
        self.reminder.setValue(P.reminder_days(service.workspace))
        form = QFormLayout()
        form.addRow(_("Grace days for the on-time rate"), self.grace)
        form.addRow(_("Remind me of payables due within (days)"), self.reminder)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            changes = self.service.set_grace_days(self.grace.value())
            changes.merge(self.service.set_reminder_days(self.reminder.value()))
        except PartnerDeskError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.hub.announce(changes)
        self.accept()
