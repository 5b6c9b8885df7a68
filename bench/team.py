"""Team mode (issue 18): the 50,000-card board on PostgreSQL over loopback, beside the same figures on SQLite.

Run: QT_QPA_PLATFORM=offscreen python bench/team.py   (prints a table; the last line is JSON)
Server: PARTNERDESK_BENCH_PG_URL (a superuser URL) or PARTNERDESK_TEST_PG_URL, else a throwaway cluster started
here with tools/pgcluster.py (Debian's postgresql package) and removed at the end.
Goals on PostgreSQL: board open < 300 ms, move < 60 ms, change visible in a second client < 2 s,
search p95 < 50 ms.
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from partnerdesk.store import search as search_index  # noqa: E402
from partnerdesk.store.workspace import open_workspace  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["escalation", "Catalogue feed", "#4711", "Renew contract", "KPI report", "es", "Photo shoot", "sync"]
GOALS_PG = {"board_open_ms": 300, "move_ms": 60, "change_seen_by_second_client_ms": 2000, "search_p95_ms": 50}


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # a dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def server_url(tmp: Path) -> tuple[str, Any]:
    url = os.environ.get("PARTNERDESK_BENCH_PG_URL") or os.environ.get("PARTNERDESK_TEST_PG_URL")
    if url:
        return url, None
    cluster = _load("pgcluster", ROOT / "tools" / "pgcluster.py").start(tmp / "cluster")
    return cluster.url, cluster


def new_database(admin_url: str) -> str:
    import psycopg

    name = f"pd_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def measure(ws: Any, app: QApplication, tmp: Path, second: Any | None) -> dict[str, float]:
    from partnerdesk.ui.context import AppContext, ChangeHub
    from partnerdesk.ui.kanban.view import KanbanView

    context = AppContext(ws, QUndoStack(), ChangeHub(), QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    opens, view = [], None
    for _ in range(4):  # the first open warms imports and caches, as the app does while showing its window
        if view is not None:
            view.close()
            view.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        t = time.perf_counter()
        view = KanbanView(context)
        view.resize(1500, 900)
        view.show()
        for cell in view.grid.cells.values():
            cell.viewport().repaint()
        opens.append(time.perf_counter() - t)
    assert view is not None
    moves = []
    for i in range(10):
        source, target = view.columns[i % 4], view.columns[(i % 4) + 1]
        wid = source.cell().ids[0]
        t = time.perf_counter()
        view._drop([wid], target.cell().status_id, target.cell().ids[1] if len(target.cell().ids) > 1 else None,
                   None)
        source.viewport().repaint()
        target.viewport().repaint()
        moves.append(time.perf_counter() - t)
    searches = []
    with ws.session() as session:
        for _ in range(3):
            for query in QUERIES:
                t = time.perf_counter()
                search_index.search(session, query, limit=50)
                searches.append(time.perf_counter() - t)
    result = {"board_open_ms": ms(statistics.median(opens[1:])), "move_ms": ms(statistics.median(moves)),
              "search_p95_ms": ms(p95(searches))}
    if second is not None:
        result["change_seen_by_second_client_ms"] = ms(second(view))
    view.close()
    return result


def second_client_latency(url: str, tmp: Path, app: QApplication) -> Any:
    """A second client on the same database: its own workspace, board and listener, its notifications announced
    on the GUI thread as the window's live link (ui/live.py) does. Returns a function that moves a card on the
    first client's board and waits until the second client's board shows it in the new column."""
    import queue

    from partnerdesk.services.base import ChangeSet
    from partnerdesk.store import notify
    from partnerdesk.ui.context import AppContext, ChangeHub
    from partnerdesk.ui.kanban.view import KanbanView

    other = open_workspace(url)
    context = AppContext(other, QUndoStack(), ChangeHub(),
                         QSettings(str(tmp / "ui2.ini"), QSettings.Format.IniFormat))
    board = KanbanView(context)
    board.resize(1500, 900)
    board.show()
    inbox: queue.Queue[notify.Message] = queue.Queue()
    listener = notify.Listener.for_workspace(other, inbox.put)
    listener.start()
    listener.wait_listening(10)

    def deliver() -> None:
        while not inbox.empty():
            message = inbox.get_nowait()
            if message.origin != notify.origin(other):
                context.hub.announce(ChangeSet.from_dict(
                    {"created": message.created, "updated": message.updated, "deleted": message.deleted}))

    def run(view: Any) -> float:
        times = []
        for i in range(5):
            source, target = view.columns[i % 3], view.columns[(i % 3) + 1]
            wid = source.cell().ids[0]
            twin = board.columns[(i % 3) + 1]
            t = time.perf_counter()
            view._drop([wid], target.cell().status_id, target.cell().ids[0], None)  # on top: in the first page
            deadline = t + 10
            while time.perf_counter() < deadline:
                app.processEvents()
                deliver()
                twin.viewport().repaint()
                if wid in twin.cell().ids:
                    break
                time.sleep(0.002)
            times.append(time.perf_counter() - t)
        listener.stop()
        board.close()
        other.close()
        return max(times)

    return run


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    app = QApplication.instance() or QApplication([])
    kanban = _load("bench_kanban", ROOT / "bench" / "kanban.py")
    t0 = time.perf_counter()
    local = open_workspace(tmp / "bench.pdk")
    kanban.populate(local)
    local.close()
    setup_sqlite = time.perf_counter() - t0

    admin, cluster = server_url(tmp)
    try:
        url = new_database(admin)
        t0 = time.perf_counter()
        from partnerdesk.store.copy import copy_workspace

        copy_workspace(tmp / "bench.pdk", url)
        upload = time.perf_counter() - t0

        rows: dict[str, dict[str, float]] = {}
        with open_workspace(tmp / "bench.pdk") as ws:
            rows["sqlite"] = measure(ws, app, tmp, None)
        with open_workspace(url) as ws:
            rows["postgresql"] = measure(ws, app, tmp, second_client_latency(url, tmp, app))
    finally:
        if cluster is not None:
            cluster.stop()

    print(f"Team mode benchmark: 50,000 work items (SQLite set-up {setup_sqlite:.1f} s, "
          f"upload to PostgreSQL {upload:.1f} s, loopback)")
    print(f"{'metric':<34}{'SQLite':>10}{'PostgreSQL':>12}{'goal (PG)':>11}  result")
    for name in ("board_open_ms", "move_ms", "search_p95_ms", "change_seen_by_second_client_ms"):
        goal = GOALS_PG[name]
        pg = rows["postgresql"].get(name)
        lite = rows["sqlite"].get(name)
        verdict = "ok" if pg is not None and pg < goal else "MISSED"
        print(f"{name:<34}{'—' if lite is None else lite:>10}{pg:>12}{'< ' + str(goal):>11}  {verdict}")
    results = {f"{engine}_{name}": value for engine, values in rows.items() for name, value in values.items()}
    results["upload_50k_s"] = round(upload, 1)
    print(json.dumps(results))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
