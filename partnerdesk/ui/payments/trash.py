"""The payments trash: deleted payments, to restore (undoable like any other change)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, format_date
from partnerdesk.services import payments as P
from partnerdesk.services.payment_edits import PaymentService
from partnerdesk.ui.payments.commands import TrashPayments
from partnerdesk.ui.payments.text import money
from partnerdesk.ui.undo import push


class PaymentTrashDialog(QDialog):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentTrash")
        self.setWindowTitle(_("Deleted payments"))
        self.setMinimumWidth(520)
        self.context = context
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty = QLabel(_("The trash is empty."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(_("Restore"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        rows = P.load_rows(self.context.ws, trashed=True)
        for r in rows:
            item = QListWidgetItem(f"{r.partner_name} · {r.invoice_ref} · {money(r.amount_minor, r.currency)} · "
                                   f"{format_date(r.due_on)}")
            item.setData(256, r.id)
            self.list.addItem(item)
        self.empty.setVisible(not rows)
        self.restore_button.setEnabled(bool(rows))

    def restore(self) -> None:
        ids = [item.data(256) for item in self.list.selectedItems()] or \
            [self.list.item(i).data(256) for i in range(self.list.count())][:1]
        if not ids:
            return
        try:
            push(self.context.undo_stack, TrashPayments(PaymentService(self.context.ws), self.context.hub, ids,
                                                        restore=True))
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Deleted payments"), exc.message)
        self.fill()
