"""Payments benchmarks on 50,000 payments over 300 partners and 6 currencies: opening the ledger, a filter
keystroke, and the aging/totals recompute after marking a payment paid.

Run: QT_QPA_PLATFORM=offscreen python bench/payments.py   (prints a table; the last line is JSON)
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from partnerdesk.domain.enums import PartnerKind, PaymentDirection, PaymentMethod  # noqa: E402
from partnerdesk.store.models import Partner, Payment, TeamMember  # noqa: E402
from partnerdesk.store.workspace import open_workspace  # noqa: E402

N_PAYMENTS, N_PARTNERS = 50_000, 300
CURRENCIES = {"EUR": 250_000, "BRL": 1_500_000, "JPY": 300_000, "BHD": 900_000, "USD": 300_000, "AED": 900_000}


def populate(ws, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(7)
    with ws.transaction() as s:
        s.add(TeamMember(name="Ana", is_me=True))
        partners = [Partner(name=f"Partner {i:03d}", kind=PartnerKind.VENDOR,
                            color=f"#{rnd.randrange(0x1000000):06X}") for i in range(N_PARTNERS)]
        s.add_all(partners)
        s.flush()
        currencies = list(CURRENCIES)
        rows = []
        for i in range(N_PAYMENTS):
            currency = currencies[i % len(currencies)]
            due = today + dt.timedelta(days=rnd.randint(-400, 120))
            paid = due + dt.timedelta(days=rnd.randint(-10, 20)) if due < today and rnd.random() < 0.8 else None
            if paid is not None and paid > today:
                paid = today
            rows.append({"partner_id": partners[i % N_PARTNERS].id, "invoice_ref": f"INV-{i:06d}",
                         "direction": PaymentDirection.PAYABLE if i % 4 else PaymentDirection.RECEIVABLE,
                         "amount_minor": rnd.randint(1, CURRENCIES[currency]), "currency": currency,
                         "due_on": due, "paid_on": paid, "issued_on": due - dt.timedelta(days=30),
                         "method": PaymentMethod.BANK_TRANSFER, "notes": "Monthly services invoice" if i % 3 else ""})
        s.execute(Payment.__table__.insert(), rows)


def main() -> None:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from partnerdesk.domain.aging import PaymentStatus
    from partnerdesk.services.payment_edits import PaymentService
    from partnerdesk.ui.context import AppContext, ChangeHub

    tmp = Path(tempfile.mkdtemp())
    ws = open_workspace(tmp / "bench.pdk")
    today = dt.date.today()
    t0 = time.perf_counter()
    populate(ws, today)
    setup = time.perf_counter() - t0

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(ws, QUndoStack(), ChangeHub())
    from partnerdesk.ui.payments.view import PaymentsView

    shown, filled = [], []
    for attempt in range(3):
        start = time.perf_counter()
        view = PaymentsView(ctx)
        view.resize(1440, 900)
        view.show()
        app.processEvents()
        shown.append((time.perf_counter() - start) * 1000)
        while view.model.rowCount() < N_PAYMENTS:
            app.processEvents()
            time.sleep(0.002)
        app.processEvents()
        filled.append((time.perf_counter() - start) * 1000)
        if attempt < 2:
            ctx.hub.changed.disconnect(view._on_changed)
            view.close()
            view.deleteLater()
            app.processEvents()
    shown_ms, open_ms = statistics.median(shown), statistics.median(filled)

    words = ["partner 12", "inv-0042", "monthly", "partner 299"]
    keystrokes = []
    for word in words:
        for k in range(1, len(word) + 1):
            start = time.perf_counter()
            view.filters.text.setText(word[:k])
            app.processEvents()
            keystrokes.append((time.perf_counter() - start) * 1000)
        view.filters.text.clear()
        app.processEvents()
    key_p95 = statistics.quantiles(keystrokes, n=20)[18]
    start = time.perf_counter()
    view.filters.status.setCurrentIndex(view.filters.status.findData(PaymentStatus.OVERDUE.value))
    app.processEvents()
    status_ms = (time.perf_counter() - start) * 1000
    view.filters.reset()
    app.processEvents()
    view.recompute_summary()  # what the pending timer would do once typing pauses

    service = PaymentService(ws)
    open_ids = [r.id for r in view.model.rows.values() if r.paid_on is None][:20]
    changes_ms, recompute_ms = [], []
    for pid in open_ids:
        changes = service.mark_paid([pid])
        start = time.perf_counter()
        ctx.hub.announce(changes)  # the view refreshes the row and recomputes totals, aging and on-time rates
        app.processEvents()
        changes_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        view.recompute_summary()
        recompute_ms.append((time.perf_counter() - start) * 1000)
    change_p95 = statistics.quantiles(changes_ms, n=20)[18]
    recompute = statistics.median(recompute_ms)
    view.close()
    ws.close()

    rows = [("setup: 50,000 payments, 300 partners (s)", setup, None),
            ("ledger view shown, rows loading (ms)", shown_ms, None),
            ("ledger open, 50,000 rows filled (ms, median of 3)", open_ms, 150),
            ("filter keystroke p95 (ms)", key_p95, 50),
            ("status filter 'overdue' (ms)", status_ms, 50),
            ("mark paid → row, aging, totals, on-time p95 (ms)", change_p95, 50),
            ("  full aging/totals/on-time recompute (ms)", recompute, None)]
    print(f"{'metric':<48}{'value':>10}{'goal':>8}")
    for name, value, goal in rows:
        print(f"{name:<48}{value:>10.1f}{'' if goal is None else f'< {goal}':>8}")
    print(json.dumps({"ledger_shown_ms": round(shown_ms, 1), "ledger_open_ms": round(open_ms, 1), "filter_keystroke_p95_ms": round(key_p95, 2),
                      "status_filter_ms": round(status_ms, 2), "aging_after_change_p95_ms": round(change_p95, 2),
                      "full_recompute_ms": round(recompute, 2)}))


if __name__ == "__main__":
    main()
