"""Payables due within the workspace's reminder days raise reminders like calendar reminders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack

from partnerdesk.domain.enums import PartnerKind, PaymentDirection
from partnerdesk.services import payments as P
from partnerdesk.services.payment_edits import PaymentService
from partnerdesk.store.models import Partner
from partnerdesk.ui.calendar.reminders import ReminderWatcher
from partnerdesk.ui.context import AppContext, ChangeHub

UTC = dt.UTC


def _ledger(workspace) -> PaymentService:  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add(Partner(name="Rota Sul", kind=PartnerKind.LOGISTICS, time_zone="UTC"))
    pid = P.partner_choices(workspace)[0][0]
    svc = PaymentService(workspace, today=dt.date(2026, 3, 1))
    svc.create(partner_id=pid, invoice_ref="RS-1", amount_minor=1822500, currency="BRL", due_on=dt.date(2026, 3, 10))
    svc.create(partner_id=pid, invoice_ref="RS-2", amount_minor=100, currency="BRL", due_on=dt.date(2026, 3, 10),
               direction=PaymentDirection.RECEIVABLE)  # the partner pays: no reminder for us
    svc.create(partner_id=pid, invoice_ref="RS-3", amount_minor=100, currency="BRL", due_on=dt.date(2026, 3, 10),
               paid_on=dt.date(2026, 3, 1))  # already paid
    return svc


def test_reminder_moment_follows_the_setting(workspace) -> None:  # type: ignore[no-untyped-def]
    svc = _ledger(workspace)
    found = P.payment_reminders(workspace, dt.datetime(2026, 3, 1, tzinfo=UTC), dt.datetime(2026, 3, 31, tzinfo=UTC))
    assert [(r.row.invoice_ref, r.remind_at) for r in found] == [("RS-1", dt.datetime(2026, 3, 7, 9, tzinfo=UTC))]
    svc.set_reminder_days(5)
    found = P.payment_reminders(workspace, dt.datetime(2026, 3, 1, tzinfo=UTC), dt.datetime(2026, 3, 31, tzinfo=UTC))
    assert found[0].remind_at == dt.datetime(2026, 3, 5, 9, tzinfo=UTC)
    assert P.payment_reminders(workspace, dt.datetime(2026, 3, 5, 9, tzinfo=UTC),
                               dt.datetime(2026, 3, 31, tzinfo=UTC)) == []  # (since, until]


def test_watcher_shows_payment_reminders_and_lists_missed(qtbot, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    _ledger(workspace)
    context = AppContext(workspace, QUndoStack(), ChangeHub(),
                         QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    watcher = ReminderWatcher(context, window)
    watcher.start(now=dt.datetime(2026, 3, 7, 8, tzinfo=UTC))
    with qtbot.waitSignal(watcher.reminded):
        watcher.check(now=dt.datetime(2026, 3, 7, 9, 0, 30, tzinfo=UTC))
    assert watcher.popup is not None and watcher.popup.isVisible()
    assert "RS-1" in watcher.popup.body.text() and "Rota Sul" in watcher.popup.body.text()
    assert "R$" in watcher.messages[-1]
    watcher.stop()
    later = ReminderWatcher(context, window)
    context.settings.setValue(later._key(), dt.datetime(2026, 3, 6, tzinfo=UTC).isoformat())
    missed = later.start(now=dt.datetime(2026, 3, 8, tzinfo=UTC))
    assert [r.row.invoice_ref for r in missed] == ["RS-1"]
    assert later.missed_dialog is not None and "RS-1" in later.missed_dialog.list.item(0).text()
    later.missed_dialog.close()
    later.stop()
