"""Start-up of the real launch, as a process on a real X server, next to a bare PySide6 window.

Each run starts a fresh process and times, from just before it is spawned:
  mapped      the first top-level window mapped on the X server (MapNotify seen by an X client watching the root),
  painted     the window's first paint (PySide6's paint event; the app writes it to PARTNERDESK_STARTUP_TRACE),
  data        the first view showing the workspace's rows (the app's trace).
PartnerDesk runs as users run it: ``python -m partnerdesk DEMO.pdk`` (the demo workspace as the only argument).
The bare window is a QMainWindow of the same size in a PySide6 process. Runs interleave; medians are reported.
Under Xvfb: re-executes itself with xvfb-run when DISPLAY is unset (QT_QPA_PLATFORM is ignored).

    python bench/startup.py [--runs 7]

Goals: mapped within 1.3x the bare window; first paint within 100 ms of mapping; data visible within 0.8 s.
Last line: JSON.
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(Path(__file__).resolve().parent))  # last: the stdlib wins over bench/calendar.py
from startup_frozen import MapWatcher  # noqa: E402

CHILD_BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Window(QMainWindow):
    painted = False
    def event(self, event):
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            print("painted", time.time(), flush=True)
            QTimer.singleShot(300, app.quit)
        return super().event(event)
w = Window(); w.resize(1180, 760); w.setWindowTitle("bare"); w.show()
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def _trace(path: Path) -> dict[str, float]:
    events: dict[str, float] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split(" ", 2)
            if len(parts) >= 2:
                events.setdefault(parts[0], float(parts[1]))
    return events


def run_once(watcher: MapWatcher, cmd: list[str], env: dict[str, str], trace: Path | None,
             timeout: float = 30.0) -> dict[str, float]:
    """One process: seconds to mapped, painted and (for the app) data."""
    watcher.drain()
    if trace is not None:
        trace.unlink(missing_ok=True)
    wall, start = time.time(), time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        if not watcher.wait_for_map(proc, timeout):
            raise RuntimeError(f"no window from {cmd}: {proc.communicate(timeout=5)[1][-2000:]}")
        result = {"mapped": time.perf_counter() - start}
        deadline = time.monotonic() + timeout
        if trace is None:
            out, _err = proc.communicate(timeout=timeout)
            painted = [float(line.split()[1]) for line in out.splitlines() if line.startswith("painted")]
            result["painted"] = painted[0] - wall
            return result
        while time.monotonic() < deadline:
            events = _trace(trace)
            if "data" in events:
                result["painted"] = events["painted"] - wall
                result["data"] = events["data"] - wall
                return result
            if proc.poll() is not None:
                raise RuntimeError(f"the app ended: {proc.communicate()[1][-2000:]}")
            time.sleep(0.01)
        raise RuntimeError("no data within the timeout")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # the app closes its window and exits 0
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        if not shutil.which("xvfb-run"):
            raise SystemExit("needs an X display or xvfb-run (apt-get install xvfb xauth)")
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, *sys.argv])

    tmp = Path(tempfile.mkdtemp(prefix="partnerdesk-startup-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PARTNERDESK_", "XDG_"))}
    env.update(HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "data"), XDG_CONFIG_HOME=str(tmp / "config"),
               XDG_CACHE_HOME=str(tmp / "cache"), PARTNERDESK_NO_CRASH_DIALOG="1", LANG="C.UTF-8",
               PARTNERDESK_STARTUP_TRACE=str(tmp / "trace.txt"), PYTHONPATH=str(ROOT))
    db = tmp / "demo.pdk"
    subprocess.run([sys.executable, "-m", "partnerdesk", "demo", "--db", str(db)], env=env, check=True,
                   capture_output=True, cwd=ROOT)
    trace = tmp / "trace.txt"
    app_cmd = [sys.executable, "-m", "partnerdesk", str(db)]
    bare_cmd = [sys.executable, "-c", CHILD_BARE]
    watcher = MapWatcher()
    bare: list[dict[str, float]] = []
    app: list[dict[str, float]] = []
    try:
        run_once(watcher, bare_cmd, env, None)  # warm the page cache for both
        run_once(watcher, app_cmd, env, trace)
        for _ in range(args.runs):
            bare.append(run_once(watcher, bare_cmd, env, None))
            app.append(run_once(watcher, app_cmd, env, trace))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    bare_mapped, app_mapped = med(bare, "mapped"), med(app, "mapped")
    paint_gap = statistics.median(r["painted"] - r["mapped"] for r in app)
    data = med(app, "data")
    ratio = app_mapped / bare_mapped
    print(f"Real launch on an X server (Xvfb), {args.runs} runs each, median (min-max), seconds from exec")
    print(f"{'':30}{'mapped':>18}{'first paint':>18}{'data':>18}")

    def cell(rows: list[dict[str, float]], key: str) -> str:
        values = [r[key] for r in rows]
        return f"{statistics.median(values):.3f} ({min(values):.2f}-{max(values):.2f})"

    print(f"{'bare PySide6 QMainWindow':<30}{cell(bare, 'mapped'):>18}{cell(bare, 'painted'):>18}{'—':>18}")
    print(f"{'PartnerDesk DEMO.pdk':<30}{cell(app, 'mapped'):>18}{cell(app, 'painted'):>18}{cell(app, 'data'):>18}")
    print(f"mapped vs bare: {ratio:.2f}x (goal <= 1.30) {'OK' if ratio <= 1.3 else 'MISSED'}")
    print(f"first paint after mapping: {paint_gap * 1000:.0f} ms (goal <= 100) "
          f"{'OK' if paint_gap <= 0.1 else 'MISSED'}")
    print(f"data visible: {data:.3f} s (goal <= 0.80) {'OK' if data <= 0.8 else 'MISSED'}")
    print(json.dumps({"bare_mapped_s": round(bare_mapped, 4), "app_mapped_s": round(app_mapped, 4),
                      "mapped_ratio": round(ratio, 3), "first_paint_after_map_ms": round(paint_gap * 1000, 1),
                      "app_data_s": round(data, 4)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
