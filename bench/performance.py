"""Partner performance on 300 partners x 12 KPIs x 36 months (129,600 values): performance view open, period switch,
partner Performance tab open, and the import of a 10,000-row KPI CSV.

Run: QT_QPA_PLATFORM=offscreen python bench/performance.py   (prints a table; the last line is JSON)
Goals (issue 15): view open < 150 ms, period switch < 50 ms, partner tab open < 100 ms, 10,000-row import < 3 s.
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

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from partnerdesk.domain.enums import KpiDirection, KpiUnit, PartnerKind, PartnerStage  # noqa: E402
from partnerdesk.domain.periods import Period  # noqa: E402
from partnerdesk.store.models import KpiDefinition, KpiValue, Partner, TeamMember  # noqa: E402
from partnerdesk.store.workspace import open_workspace  # noqa: E402

N_PARTNERS, N_MONTHS, N_IMPORT = 300, 36, 10_000
TODAY = dt.date(2026, 12, 6)
EXTRA = (("returns_rate", KpiUnit.PERCENT, KpiDirection.LOWER), ("orders", KpiUnit.COUNT, KpiDirection.HIGHER),
         ("tickets", KpiUnit.COUNT, KpiDirection.LOWER), ("nps", KpiUnit.RATIO, KpiDirection.HIGHER),
         ("catalogue_errors", KpiUnit.COUNT, KpiDirection.LOWER))


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def populate(ws) -> list[str]:  # type: ignore[no-untyped-def]
    rnd = random.Random(5)
    with ws.transaction() as s:
        s.add(TeamMember(name="Ana Reis", is_me=True))
        for key, unit, direction in EXTRA:
            s.add(KpiDefinition(key=key, unit=unit, direction=direction))
        s.flush()
        kinds = list(PartnerKind)
        s.execute(insert(Partner), [{"name": f"Partner {i:03d}", "kind": kinds[i % len(kinds)],
                                     "stage": PartnerStage.ACTIVE} for i in range(N_PARTNERS)])
        defs = list(s.execute(select(KpiDefinition.id, KpiDefinition.key, KpiDefinition.unit)))
        partners = list(s.scalars(select(Partner.id)))
        months = Period.containing(TODAY).previous().history(N_MONTHS)
        rows = []
        for pid in partners:
            for did, _key, unit in defs:
                base = rnd.uniform(0.5, 0.99) if unit == KpiUnit.PERCENT else rnd.uniform(10, 5000)
                for m in months:
                    value = base * rnd.uniform(0.9, 1.1)
                    if unit == KpiUnit.PERCENT:
                        value = min(1.0, value)
                    rows.append({"definition_id": did, "partner_id": pid, "period_start": m.start,
                                 "period_end": m.end, "value": value, "target": base})
        s.execute(insert(KpiValue), rows)
        return [k for _d, k, _u in defs]


def import_file(path: Path, keys: list[str]) -> None:
    from partnerdesk.interop.kpi_csv import write_kpi_csv

    rnd = random.Random(9)
    months = Period.containing(TODAY).previous().history(N_MONTHS)
    seen: set[tuple[str, str, str]] = set()
    rows = []
    while len(rows) < N_IMPORT:
        partner, period, key = f"Partner {rnd.randrange(N_PARTNERS):03d}", rnd.choice(months).key, rnd.choice(keys)
        if key in ("conversion_rate", "logistics_on_time", "returns_rate") or (partner, period, key) in seen:
            continue
        seen.add((partner, period, key))
        rows.append((partner, period, key, float(rnd.randint(1, 9000)), None, ""))
    path.write_bytes(write_kpi_csv(rows))


def main() -> None:
    from partnerdesk.ui import performance
    from partnerdesk.ui.context import AppContext, ChangeHub
    from partnerdesk.ui.performance import clock
    from partnerdesk.ui.performance.tab import PerformanceSection
    from partnerdesk.ui.performance.view import PerformanceView

    del performance
    clock.today = lambda: TODAY  # type: ignore[assignment]
    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    ws = open_workspace(tmp / "bench.pdk")
    keys = populate(ws)
    setup = time.perf_counter() - started
    context = AppContext(ws, QUndoStack(), ChangeHub(), QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    warm = PerformanceView(context)  # imports and first-use caches
    warm.close()

    opens = []
    for _ in range(5):
        t = time.perf_counter()
        view = PerformanceView(context)
        view.resize(1440, 900)
        view.show()
        view.table.viewport().repaint()
        app.processEvents()
        opens.append(time.perf_counter() - t)
        if _ < 4:
            view.close()
            view.deleteLater()
    from partnerdesk.ui.jobs import wait_for_all

    glance_rows = view.model.rowCount()
    t = time.perf_counter()
    while view.loading:  # three years read off the UI thread
        wait_for_all(100)
        app.processEvents()
    window_s = time.perf_counter() - t
    switches = []
    for step in (-1, -1, -1, 1, 1, 1, -1, -1):
        t = time.perf_counter()
        view.step(step)
        view.table.viewport().repaint()
        switches.append(time.perf_counter() - t)
    tabs = []
    partner_ids = view.model.all_rows
    section = PerformanceSection(context)
    section.resize(1200, 1400)
    section.partner_id = partner_ids[0]
    section.show()
    app.processEvents()
    for pid in partner_ids[1:8]:
        t = time.perf_counter()
        section.partner_id = pid
        section.period = None
        section.refresh()
        section.repaint()
        tabs.append(time.perf_counter() - t)

    from partnerdesk.services.kpi_import import KpiImportService, plan_file

    csv_path = tmp / "kpis.csv"
    import_file(csv_path, keys)
    t = time.perf_counter()
    plan = plan_file(ws, csv_path, today=TODAY)
    changes = KpiImportService(ws).apply(plan)
    import_s = time.perf_counter() - t
    written = len(changes.ids("kpi_value"))

    results = {
        "view_open_ms": ms(statistics.median(opens)),
        "period_switch_ms": ms(statistics.median(switches)),
        "period_switch_max_ms": ms(max(switches)),
        "partner_tab_open_ms": ms(statistics.median(tabs)),
        "three_years_loaded_after_s": round(window_s, 2),
        "import_10k_rows_s": round(import_s, 2),
        "import_values_written": written,
    }
    goals = {"view_open_ms": 150, "period_switch_ms": 50, "partner_tab_open_ms": 100, "import_10k_rows_s": 3}
    print(f"Performance benchmark: {N_PARTNERS} partners x {len(keys)} KPIs x {N_MONTHS} months "
          f"(setup {setup:.1f} s); import of {N_IMPORT:,} CSV rows")
    print(f"{glance_rows} partners shown at once; sparklines and period switches after the background read")
    print(f"{'metric':<26}{'value':>10}{'goal':>10}  result")
    for name, value in results.items():
        goal = goals.get(name)
        verdict = "" if goal is None else ("ok" if value < goal else "MISSED")
        print(f"{name:<26}{value:>10}{'' if goal is None else '< ' + str(goal):>10}  {verdict}")
    view.close()
    section.close()
    ws.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
