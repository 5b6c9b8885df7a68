"""Today as the first screen: the attention query and the view filled at start-up, on the demo workspace and on a
large one (50,000 cards, 20,000 events of which 2,000 recurring, 5,000 payments, 300 partners).

    QT_QPA_PLATFORM=offscreen python bench/today.py [--runs 3]

Each start-up is a fresh interpreter (as bench/startup.py): window shown, workspace opened, Today filled.
Goals (issue 16): Today filled within 0.8 s on the demo and within 1.5 s on the large workspace. Also reported:
the attention query alone, cold (first in a process) and warm (a refresh after an edit). Last line: JSON.
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The in-process launch this bench times (bench/startup.py times the real launch on an X server instead).
CHILD_APP = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from partnerdesk.ui.app import build_main_window, create_application
app = create_application()
w = build_main_window({db!r}, "en")
w.show()
def shown():
    print("window", time.time())
    w.start()
def data():
    view = w.current_view()
    rows = view.model.rowCount() if hasattr(view, "model") else 0
    print("data", time.time())
    print("rows", rows)
    app.quit()
w.data_shown.connect(data)
QTimer.singleShot(0, shown)
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def run_child(code: str, env: dict[str, str]) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter; seconds from exec to the window and to the data it printed."""
    import subprocess
    import sys

    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    values: dict[str, float] = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(" ")
        try:
            values[key] = float(value)
        except ValueError:
            continue
    if "window" not in values:
        raise RuntimeError(f"child failed: {out.stderr[-2000:]}")
    result = {"window": values["window"] - start}
    if "data" in values:
        result["data"] = values["data"] - start
        result["rows"] = values.get("rows", 0)
    return result


UTC = dt.UTC

CHILD_QUERY = """
import sys, time
sys.path.insert(0, {root!r})
from partnerdesk.store.workspace import open_workspace
ws = open_workspace({db!r})
from partnerdesk.services.attention import Options, brief
t = time.perf_counter(); b = brief(ws, Options()); cold = time.perf_counter() - t
warm = []
for _ in range(5):
    t = time.perf_counter(); brief(ws, Options()); warm.append(time.perf_counter() - t)
print("cold", cold); print("warm", sorted(warm)[2]); print("rows", len(b.rows))
"""


def build_large(path: Path, seed: int = 3) -> None:
    """A workspace at the issue's scale, written with Core inserts (seconds, not minutes)."""
    from sqlalchemy import insert, select

    from partnerdesk.domain.enums import Channel, PartnerKind, PartnerStage, PaymentDirection, Seniority
    from partnerdesk.store import models as m
    from partnerdesk.store.workspace import open_workspace

    rng = random.Random(seed)
    now = dt.datetime.now(UTC).replace(microsecond=0)
    today = now.date()
    with open_workspace(path) as ws, ws.transaction() as s:
        s.execute(insert(m.TeamMember), [
            {"name": f"Member {i}", "is_me": i == 0, "time_zone": "Europe/Lisbon",
             "seniority": Seniority.SENIOR if i % 3 else Seniority.JUNIOR} for i in range(12)])
        members = list(s.scalars(select(m.TeamMember.id)))
        stages, kinds = list(PartnerStage), list(PartnerKind)
        zones = ["Europe/Lisbon", "America/Sao_Paulo", "Asia/Tokyo", "Europe/Athens", "Asia/Dubai", "Europe/Rome"]
        s.execute(insert(m.Partner), [
            {"name": f"Partner {i:03d}", "kind": kinds[i % len(kinds)], "stage": stages[i % len(stages)],
             "time_zone": zones[i % len(zones)], "owner_id": members[i % len(members)],
             "second_id": members[(i + 1) % len(members)], "color": f"#{rng.randrange(0x1000000):06X}",
             "created_at": now - dt.timedelta(days=400), "updated_at": now} for i in range(300)])
        partners = list(s.scalars(select(m.Partner.id)))
        statuses = list(s.execute(select(m.WorkStatus.id, m.WorkStatus.category)))
        cards = []
        for i in range(50_000):
            status, _category = statuses[i % len(statuses)]
            due = now + dt.timedelta(days=rng.randint(-365, 365), hours=rng.randint(0, 23))
            cards.append({"title": f"Card {i}", "partner_id": rng.choice(partners), "status_id": status,
                          "responsible_member_id": rng.choice(members), "due_at": due if i % 5 else None,
                          "due_has_time": i % 7 == 0, "position": float(i), "tags": [],
                          "status_changed_at": due - dt.timedelta(days=2) if i % 5 else now,
                          "created_at": now, "updated_at": now})
        s.execute(insert(m.WorkItem), cards)
        events = []
        for i in range(20_000):
            start = (now + dt.timedelta(days=rng.randint(-365, 365))).replace(hour=rng.randint(7, 18), minute=0)
            events.append({"uid": f"bench-{i}", "title": f"Meeting {i}", "starts_at": start,
                           "ends_at": start + dt.timedelta(hours=1), "time_zone": "Europe/Lisbon",
                           "rrule": "FREQ=WEEKLY;COUNT=40" if i < 2000 else "", "partner_id": rng.choice(partners),
                           "exdates": [], "rdates": [], "reminder_minutes": [15], "attendee_emails": [],
                           "extra": {}, "created_at": now, "updated_at": now})
        s.execute(insert(m.Event), events)
        s.execute(insert(m.Payment), [
            {"partner_id": rng.choice(partners), "invoice_ref": f"INV-{i:05d}", "amount_minor": rng.randint(1, 10**7),
             "currency": ("EUR", "BRL", "JPY", "AED")[i % 4], "due_on": today + dt.timedelta(days=rng.randint(-200, 60)),
             "paid_on": None if i % 3 else today - dt.timedelta(days=rng.randint(0, 200)),
             "direction": PaymentDirection.PAYABLE if i % 4 else PaymentDirection.RECEIVABLE,
             "created_at": now, "updated_at": now} for i in range(5_000)])
        s.execute(insert(m.Interaction), [
            {"partner_id": rng.choice(partners), "occurred_at": now - dt.timedelta(days=rng.randint(0, 120)),
             "channel": Channel.EMAIL, "summary": f"Note {i}", "team_member_id": rng.choice(members),
             "follow_up_on": today + dt.timedelta(days=rng.randint(-10, 20)) if i % 4 == 0 else None,
             "created_at": now, "updated_at": now} for i in range(3_000)])
        s.execute(insert(m.Contract), [
            {"partner_id": p, "start_on": today - dt.timedelta(days=rng.randint(30, 700)),
             "end_on": today + dt.timedelta(days=rng.randint(1, 400)), "review_every_months": 3,
             "notice_days": 30, "created_at": now, "updated_at": now} for p in partners])


def build_demo(path: Path) -> None:
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(path) as ws:
        populate_demo(ws, today=None, seed=7)


def query_times(db: Path, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD_QUERY.format(root=str(ROOT), db=str(db))], env=env,
                         capture_output=True, text=True, timeout=300)
    values = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(" ")
        values[key] = float(value)
    if "cold" not in values:
        raise RuntimeError(out.stderr[-2000:])
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(folder), XDG_CONFIG_HOME=str(folder / "cfg"),
                   PARTNERDESK_DATA_DIR=str(folder / "data"), LANG="C.UTF-8")
        t = time.perf_counter()
        demo, large = folder / "demo.pdk", folder / "large.pdk"
        build_demo(demo)
        build_large(large)
        print(f"workspaces built in {time.perf_counter() - t:.1f} s")
        print(f"{'workspace':<10}{'Today filled':>14}{'window':>10}{'rows':>7}{'query cold':>12}{'query warm':>12}")
        for name, db in (("demo", demo), ("large", large)):
            run_child(CHILD_APP.format(root=str(ROOT), db=str(db)), env)  # warm the file cache
            runs = [run_child(CHILD_APP.format(root=str(ROOT), db=str(db)), env) for _ in range(args.runs)]
            query = query_times(db, env)
            data = statistics.median(r["data"] for r in runs)
            window = statistics.median(r["window"] for r in runs)
            results[f"{name}_today_filled_s"] = round(data, 3)
            results[f"{name}_query_cold_ms"] = round(query["cold"] * 1000, 1)
            results[f"{name}_query_warm_ms"] = round(query["warm"] * 1000, 1)
            print(f"{name:<10}{data:>13.3f}s{window:>9.3f}s{int(runs[0].get('rows', 0)):>7}"
                  f"{query['cold'] * 1000:>10.0f}ms{query['warm'] * 1000:>10.0f}ms")
    for name, goal in (("demo", 0.8), ("large", 1.5)):
        value = results[f"{name}_today_filled_s"]
        print(f"Today filled on {name}: {value:.3f} s (goal <= {goal}) {'OK' if value <= goal else 'MISSED'}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
