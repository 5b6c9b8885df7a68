"""Start-up time: PartnerDesk's main window and its first data next to a bare PySide6 QMainWindow.

Each measurement is a fresh interpreter (offscreen Qt, isolated settings), timed from just before the process
is spawned: time-to-window is the first event-loop turn after the window is shown; time-to-data is the turn
after the first view has loaded its rows from the workspace. Medians of several runs, bare and app interleaved.

    QT_QPA_PLATFORM=offscreen python bench/startup.py [--runs 7]

Goals: time-to-window within 1.3x the bare window; data visible within 0.8 s. Last line: JSON.
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD_BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1180, 760); w.setWindowTitle("bare"); w.show()
def done():
    print("window", time.time()); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

CHILD_APP = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from partnerdesk.ui.app import build_main_window, create_application
app = create_application()
w = build_main_window({db!r}, "en")
w.show()
modules = ("sqlalchemy" in sys.modules, "reportlab" in sys.modules)
def shown():
    print("window", time.time())
    print("heavy_modules_at_window", int(any(modules)))
    w.start()
def data():
    view = w.current_view()
    # The first view is Today (its model); older builds opened on the kanban board (cards in its columns).
    if hasattr(view, "columns"):
        rows = sum(cell.model().rowCount() for cell in view.columns)
    else:
        rows = view.model.rowCount()
    print("data", time.time())
    print("rows", rows)
    app.quit()
w.data_shown.connect(data)
QTimer.singleShot(0, shown)
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def prepare_workspace(folder: Path) -> tuple[Path, str]:
    """The demo workspace when the demo module exists; otherwise a synthetic one of similar size."""
    sys.path.insert(0, str(ROOT))
    from partnerdesk.store.workspace import open_workspace

    path = folder / "bench.pdk"
    with open_workspace(path) as ws:
        if importlib.util.find_spec("partnerdesk.services.demo") is not None:
            from partnerdesk.services.demo import populate_demo

            populate_demo(ws, today=None, seed=7)
            return path, "demo"
        import datetime as dt

        from sqlalchemy import select

        from partnerdesk.domain.enums import PartnerKind, PartnerStage
        from partnerdesk.store import models as m

        now = dt.datetime.now(dt.UTC)
        with ws.transaction() as s:
            status = s.scalar(select(m.WorkStatus).limit(1))
            partners = [m.Partner(name=f"Partner {i}", kind=list(PartnerKind)[i % 9],
                                  stage=list(PartnerStage)[i % 7]) for i in range(30)]
            s.add_all(partners)
            for i in range(60):
                s.add(m.Contact(display_name=f"Contact {i}", partner=partners[i % 30]))
            for i in range(120):
                s.add(m.WorkItem(title=f"Work item {i}", partner=partners[i % 30], status=status,
                                 due_at=now + dt.timedelta(days=i - 60), status_changed_at=now))
        return path, "synthetic (demo module not merged)"


def run_child(code: str, env: dict[str, str]) -> dict[str, float]:
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
        result["heavy"] = values.get("heavy_modules_at_window", 0)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(folder), XDG_CONFIG_HOME=str(folder / "cfg"),
                   PARTNERDESK_DATA_DIR=str(folder / "data"), LANG="C.UTF-8")
        db, kind = prepare_workspace(folder)
        app_code = CHILD_APP.format(root=str(ROOT), db=str(db))
        run_child(CHILD_BARE, env)  # warm the OS file cache once for both
        run_child(app_code, env)
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(run_child(CHILD_BARE, env))
            app.append(run_child(app_code, env))
    bare_window = statistics.median(r["window"] for r in bare)
    app_window = statistics.median(r["window"] for r in app)
    app_data = statistics.median(r["data"] for r in app)
    ratio = app_window / bare_window
    rows = int(app[0].get("rows", 0))
    heavy = int(max(r.get("heavy", 0) for r in app))
    print(f"Start-up, {args.runs} runs each, median, workspace: {kind}, {rows} rows in the first view")
    print(f"{'':28}{'median':>10}{'min':>10}{'max':>10}")
    for label, values in (("bare QMainWindow: window", [r["window"] for r in bare]),
                          ("PartnerDesk: window", [r["window"] for r in app]),
                          ("PartnerDesk: data shown", [r["data"] for r in app])):
        print(f"{label:<28}{statistics.median(values):>9.3f}s{min(values):>9.3f}s{max(values):>9.3f}s")
    print(f"window ratio vs bare: {ratio:.2f} (goal <= 1.30) {'OK' if ratio <= 1.3 else 'MISSED'}")
    print(f"data visible: {app_data:.3f} s (goal <= 0.80) {'OK' if app_data <= 0.8 else 'MISSED'}")
    print(f"SQLAlchemy/ReportLab imported before the window showed: {'yes' if heavy else 'no'}")
    print(json.dumps({"bare_window_s": round(bare_window, 4), "app_window_s": round(app_window, 4),
                      "window_ratio": round(ratio, 3), "app_data_s": round(app_data, 4),
                      "heavy_imports_before_window": heavy, "first_view_rows": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
