"""Contacts benchmarks on 100,000 contacts: search per keystroke, importing 10,000 vCards, opening the directory.

Run: QT_QPA_PLATFORM=offscreen python bench/contacts.py   (prints a table; the last line is JSON)
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from partnerdesk.domain.enums import PartnerKind  # noqa: E402
from partnerdesk.interop import vcard  # noqa: E402
from partnerdesk.interop.records import ContactRecord  # noqa: E402
from partnerdesk.services.contacts import ContactService  # noqa: E402
from partnerdesk.store.models import Contact, Partner, TeamMember  # noqa: E402
from partnerdesk.store.search import search  # noqa: E402
from partnerdesk.store.workspace import open_workspace  # noqa: E402

GIVEN = ["João", "Conceição", "Giulia", "Niccolò", "Γιώργος", "Ελένη", "太郎", "花子", "أحمد", "فاطمة", "Ana", "Luca"]
FAMILY = ["Ferreira", "Ribeiro", "Rossi", "Bianchi", "Παπαδόπουλος", "Κωνσταντίνου", "山田", "佐藤", "المنصور",
          "الحداد", "Souza", "Esposito"]
N_CONTACTS, N_PARTNERS, N_IMPORT = 100_000, 300, 10_000


def populate(ws) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(7)
    with ws.transaction() as s:
        s.add(TeamMember(name="Ana", is_me=True))
        partners = [Partner(name=f"Partner {i:03d} {rnd.choice(FAMILY)}", kind=PartnerKind.AGENCY,
                            time_zone=rnd.choice(["Asia/Tokyo", "Europe/Rome", "America/Sao_Paulo", "Asia/Dubai"]))
                    for i in range(N_PARTNERS)]
        s.add_all(partners)
        s.flush()
        for i in range(N_CONTACTS):
            g, f = rnd.choice(GIVEN), rnd.choice(FAMILY)
            s.add(Contact(display_name=f"{g} {f} {i}", given_name=g, family_name=f,
                          partner_id=partners[i % N_PARTNERS].id, role="Manager",
                          emails=[{"value": f"user{i}@example.com", "type": "work"}],
                          phones=[{"value": f"+55 11 9{i:08d}", "type": "mobile"}]))


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    ws = open_workspace(tmp / "bench.pdk")
    t0 = time.perf_counter()
    populate(ws)
    setup = time.perf_counter() - t0

    words = ["conceicao ferreira", "giulia rossi", "παπαδοπουλος", "ελενη", "山田 太郎", "佐藤", "المنصور",
             "user4242@", "niccolo bia"]
    timings: list[float] = []
    with ws.session() as s:
        for word in words:
            for k in range(1, len(word) + 1):
                q = word[:k]
                start = time.perf_counter()
                search(s, q, limit=30)
                timings.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(timings, n=20)[18]

    cards = vcard.write_vcards([ContactRecord(display_name=f"Import {i} Ελένη", given_name="Ελένη",
                                              family_name=f"Import{i}",
                                              emails=[{"value": f"import{i}@example.gr", "type": "work"}],
                                              phones=[{"value": f"+30 69 {i:08d}", "type": "mobile"}],
                                              organization="Ακρόπολη") for i in range(N_IMPORT)])
    start, cpu = time.perf_counter(), time.process_time()
    result = vcard.read_vcards(cards)
    read_cpu = time.process_time() - cpu
    service = ContactService(ws)
    plan = service.plan_import(result.records, result.errors)
    plan_cpu = time.process_time() - cpu - read_cpu
    summary = service.apply_import(plan)
    import_s = time.perf_counter() - start
    import_cpu = time.process_time() - cpu
    assert summary.imported == N_IMPORT, summary

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from partnerdesk.ui.context import AppContext, ChangeHub

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(ws, QUndoStack(), ChangeHub())
    from partnerdesk.ui.contacts.view import ContactsView
    from partnerdesk.ui.partners.view import PartnersView

    start = time.perf_counter()
    directory = PartnersView(ctx)
    directory.show()
    app.processEvents()
    directory_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    contacts = ContactsView(ctx)
    contacts.show()
    app.processEvents()
    contacts_shown_ms = (time.perf_counter() - start) * 1000
    while contacts.model.rowCount() == 0:
        app.processEvents()
        time.sleep(0.005)
    contacts_ms = (time.perf_counter() - start) * 1000
    filter_times = []
    for word in words:
        for k in range(1, len(word) + 1):
            start = time.perf_counter()
            contacts.search.setText(word[:k])
            app.processEvents()
            filter_times.append((time.perf_counter() - start) * 1000)
    filter_p95 = statistics.quantiles(filter_times, n=20)[18]
    for view in (directory, contacts):
        view.close()
        view.deleteLater()
    app.processEvents()
    ws.close()

    rows = [("setup: 100,000 contacts + index (s)", setup, None),
            ("search p95 per keystroke (ms)", p95, 30),
            ("search max per keystroke (ms)", max(timings), None),
            ("import 10,000 vCards (s)", import_s, 5),
            ("  same, CPU time of this process (s)", import_cpu, None),
            ("  of which reading the cards, CPU (s)", read_cpu, None),
            ("  of which finding duplicates, CPU (s)", plan_cpu, None),
            ("partner directory open, 300 partners (ms)", directory_ms, 150),
            ("contacts view shown, rows loading (ms)", contacts_shown_ms, None),
            ("contacts view filled, 110,000 contacts (ms)", contacts_ms, None),
            ("contacts view filter p95 per keystroke (ms)", filter_p95, None)]
    print(f"{'metric':<45}{'value':>10}{'goal':>8}")
    for name, value, goal in rows:
        print(f"{name:<45}{value:>10.1f}{'' if goal is None else f'< {goal}':>8}")
    print(json.dumps({"search_p95_ms": round(p95, 2), "import_10k_vcards_s": round(import_s, 3),
                      "import_10k_vcards_cpu_s": round(import_cpu, 3),
                      "directory_open_ms": round(directory_ms, 1), "contacts_view_shown_ms": round(contacts_shown_ms, 1),
                      "contacts_view_filled_ms": round(contacts_ms, 1),
                      "contacts_filter_p95_ms": round(filter_p95, 2)}))


if __name__ == "__main__":
    main()
