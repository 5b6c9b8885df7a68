"""Opening the record behind a derived entry: the card on the board, the partner's contract or interactions,
or the payment's details. The calendar view also emits ``source_requested(kind, id)`` for anyone listening."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget

from partnerdesk.domain.occurrence import Occurrence, SourceKind
from partnerdesk.l10n import _, format_date, format_money
from partnerdesk.store.models import Payment
from partnerdesk.ui.views_registry import VIEWS

if TYPE_CHECKING:
    from partnerdesk.ui.calendar.view import CalendarView


def _switch_to(view: CalendarView, key: str) -> QWidget | None:
    """Show the main window's view ``key`` and return it (None outside a main window)."""
    from partnerdesk.ui.main_window import MainWindow

    window = view.window()
    keys = [k for k, *_rest in VIEWS]
    if key not in keys or not isinstance(window, MainWindow):
        return None
    index = keys.index(key)
    window.show_view(index)
    return window.views.get(index)


def open_source(view: CalendarView, occ: Occurrence) -> None:
    view.source_requested.emit(occ.source.value, occ.source_id)
    if occ.source == SourceKind.WORK_ITEM:
        from partnerdesk.ui.kanban.view import KanbanView

        board = _switch_to(view, "kanban")
        if isinstance(board, KanbanView):
            board.edit_card(occ.source_id)  # the card's own dialog, over the board
        return
    if occ.source in (SourceKind.CONTRACT_REVIEW, SourceKind.CONTRACT_NOTICE, SourceKind.FOLLOW_UP):
        from partnerdesk.ui.partners.view import PartnersView

        partners = _switch_to(view, "partners")
        if isinstance(partners, PartnersView) and occ.partner_id is not None:
            partners.select_partner(occ.partner_id)
            profile = partners.profile
            profile.show_section(profile.interactions if occ.source == SourceKind.FOLLOW_UP
                                 else profile.contract)
        return
    if occ.source == SourceKind.PAYMENT:
        ledger = _switch_to(view, "payments")
        open_payment = getattr(ledger, "open_payment", None)
        if callable(open_payment):
            open_payment(occ.source_id)  # selected in the ledger, filters that hid it cleared
        else:
            show_payment(view, occ)


def payment_text(ws: Any, payment_id: int) -> str:
    with ws.session() as s:
        p = s.get(Payment, payment_id)
        if p is None:
            return _("This payment no longer exists.")
        lines = [
            _("Invoice: {ref}").format(ref=p.invoice_ref),
            _("Partner: {name}").format(name=p.partner.name),
            _("Amount: {amount}").format(amount=format_money(p.amount_minor, p.currency)),
            _("Direction: {direction}").format(direction=p.direction.label),
            _("Due: {date}").format(date=format_date(p.due_on)),
            _("Paid: {date}").format(date=format_date(p.paid_on)) if p.paid_on else _("Not paid yet"),
        ]
        if p.notes:
            lines.append(p.notes)
        return "\n".join(lines)


def show_payment(view: CalendarView, occ: Occurrence) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, _("Payment"), payment_text(view.context.ws, occ.source_id),
                      QMessageBox.StandardButton.Close, view)
    box.setObjectName("paymentBox")
    partner_button = None
    if occ.partner_id is not None:
        partner_button = box.addButton(_("Open partner"), QMessageBox.ButtonRole.ActionRole)

    def clicked(button: Any) -> None:
        if partner_button is not None and button is partner_button:
            partners = _switch_to(view, "partners")
            if partners is not None:
                partners.select_partner(occ.partner_id)  # type: ignore[attr-defined]

    box.buttonClicked.connect(clicked)
    box.open()
    view.payment_box = box
    return box
