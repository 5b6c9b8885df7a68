"""Payment reminders in the calendar's reminder watcher: payables due within the workspace's reminder days
show in the same in-app popup and tray message, and missed ones are listed at start."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.l10n import _, format_skeleton
from partnerdesk.services.payments import PaymentReminder, payment_reminders
from partnerdesk.ui.payments.text import money


def payment_reminder_text(reminder: PaymentReminder, tz: dt.tzinfo) -> str:
    """"Payment due Thu 5 Mar: Rota Sul · R$ 18.225,00 (LC-2026-0102)"."""
    row = reminder.row
    today = reminder.remind_at.astimezone(tz).date()
    args = {"partner": row.partner_name, "amount": money(row.amount_minor, row.currency), "invoice": row.invoice_ref}
    if row.due_on == today:
        return _("Payment due today: {partner} · {amount} ({invoice})").format(**args)
    return _("Payment due {day}: {partner} · {amount} ({invoice})").format(day=format_skeleton("MMMEd", row.due_on),
                                                                          **args)


def due_payment_reminders(workspace: Any, since: dt.datetime, until: dt.datetime,
                          tz: dt.tzinfo) -> list[PaymentReminder]:
    return payment_reminders(workspace, since, until, tz)
