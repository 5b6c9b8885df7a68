"""Calendar view benchmarks on 20,000 events (2,000 of them recurring) plus derived entries: switching the month
view and the week view to the next period (load the range, lay it out, paint it), and the agenda over a month.

Goals: month switch < 50 ms, week switch < 50 ms (median over consecutive switches).
Run: QT_QPA_PLATFORM=offscreen python bench/calendar_views.py   (prints a table; the last line is JSON)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from partnerdesk.domain.enums import EventKind, PartnerKind  # noqa: E402
from partnerdesk.store.models import Event, Partner, TeamMember  # noqa: E402
from partnerdesk.store.workspace import open_workspace  # noqa: E402

N_EVENTS, N_RECURRING, N_PARTNERS = 20_000, 2_000, 200
ZONES = ["America/Sao_Paulo", "Europe/Lisbon", "Asia/Tokyo", "Europe/Rome", "Europe/Athens", "Asia/Dubai",
         "Asia/Riyadh"]
RULES = ["FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=DAILY;COUNT=30", "FREQ=MONTHLY;BYDAY=2TU",
         "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=YEARLY"]
FIRST = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
SPAN_DAYS = 730  # two years


def populate(ws) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(7)
    with ws.transaction() as s:
        s.add(TeamMember(name="Ana", is_me=True, time_zone="Europe/Lisbon"))
        partners = [Partner(name=f"Partner {i:03d}", kind=PartnerKind.AGENCY, time_zone=rnd.choice(ZONES))
                    for i in range(N_PARTNERS)]
        s.add_all(partners)
        s.flush()
        rows = []
        for i in range(N_EVENTS):
            start = FIRST + dt.timedelta(days=rnd.randrange(SPAN_DAYS), hours=rnd.randrange(6, 19),
                                         minutes=rnd.choice((0, 15, 30, 45)))
            partner = partners[i % N_PARTNERS]
            rows.append(dict(uid=f"{uuid.uuid4()}@bench", title=f"Meeting {i} with {partner.name}",
                             kind=EventKind.MEETING, starts_at=start,
                             ends_at=start + dt.timedelta(minutes=rnd.choice((30, 45, 60, 90))),
                             time_zone=partner.time_zone, partner_id=partner.id,
                             rrule=RULES[i % len(RULES)] if i < N_RECURRING else "",
                             exdates=[], rdates=[], attendee_emails=[], reminder_minutes=[15], extra={},
                             description="", location="", video_link="", all_day=False, sequence=0))
        s.execute(Event.__table__.insert(), rows)


def timed(fn, app) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from partnerdesk.ui.context import AppContext, ChangeHub

    tmp = Path(tempfile.mkdtemp())
    ws = open_workspace(tmp / "bench.pdk")
    t0 = time.perf_counter()
    populate(ws)
    setup_s = time.perf_counter() - t0

    app = QApplication.instance() or QApplication([])
    from partnerdesk.ui.calendar.view import CalendarView

    context = AppContext(ws, QUndoStack(), ChangeHub(), QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    view = CalendarView(context)
    view.resize(1400, 900)
    view.show()
    view.go_to(dt.date(2025, 6, 1))
    app.processEvents()

    def idle(ms: int = 400) -> None:
        """What a user gives the app between two clicks: the neighbouring periods get prefetched."""
        until = time.perf_counter() + ms / 1000
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.005)

    def switch(cold: bool) -> float:
        if cold:
            view.model.cache.clear()  # as if nothing had been prefetched
        return timed(lambda: view.step(1), app)  # load + lay out + paint (processEvents paints)

    results: dict[str, list[float]] = {}
    shown: dict[str, int] = {}
    for mode, steps in (("month", 12), ("week", 26), ("agenda", 6)):
        view.set_mode(mode)
        idle()
        switch(False)  # warm-up: first use of each code path
        idle()
        warm, cold = [], []
        for _ in range(steps):
            warm.append(switch(False))
            shown[mode] = len(view.model.rows)
            idle()
        for _ in range(max(3, steps // 3)):
            cold.append(switch(True))
            idle()
        results[mode], results[mode + "_cold"] = warm, cold
    view.close()
    ws.close()

    def row(name: str, values: list[float], goal: float | None) -> str:
        med, worst = statistics.median(values), max(values)
        verdict = "" if goal is None else ("ok" if med < goal else "SLOW")
        goal_text = f"< {goal:.0f} ms" if goal else "—"
        return f"{name:<26}{med:>10.1f}{worst:>10.1f}{goal_text:>10}  {verdict}"

    print(f"Calendar views: {N_EVENTS:,} events ({N_RECURRING:,} recurring), {N_PARTNERS} partners; "
          f"setup {setup_s:.1f} s")
    print(f"{'switch (layout+paint)':<26}{'median ms':>10}{'max ms':>10}{'goal':>10}")
    print(row("month view, next month", results["month"], 50))
    print(row("week view, next week", results["week"], 50))
    print(row("agenda, next 31 days", results["agenda"], None))
    print("cold: the period was not prefetched (query + expansion + layout + paint)")
    print(row("month view, cold", results["month_cold"], None))
    print(row("week view, cold", results["week_cold"], None))
    print(row("agenda, cold", results["agenda_cold"], None))
    print(f"entries shown per period: month {shown['month']}, week {shown['week']}, agenda {shown['agenda']}")
    print(json.dumps({
        "month_switch_ms": round(statistics.median(results["month"]), 1),
        "month_switch_max_ms": round(max(results["month"]), 1),
        "week_switch_ms": round(statistics.median(results["week"]), 1),
        "week_switch_max_ms": round(max(results["week"]), 1),
        "agenda_month_switch_ms": round(statistics.median(results["agenda"]), 1),
        "month_switch_cold_ms": round(statistics.median(results["month_cold"]), 1),
        "week_switch_cold_ms": round(statistics.median(results["week_cold"]), 1),
        "agenda_month_switch_cold_ms": round(statistics.median(results["agenda_cold"]), 1),
    }))


if __name__ == "__main__":
    main()
