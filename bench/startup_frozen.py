"""Time to window: the frozen app (dist/PartnerDesk/PartnerDesk) next to running from source.

Goal (issue 21, was 1.2x in issue 7): frozen within 1.1x of source, cold and warm. Measures from process start to the first
top-level window being mapped on the X server (an X client watching MapNotify on the root window), so the
app needs no cooperation. Runs under Xvfb (re-executes itself with xvfb-run when DISPLAY is unset).
Cold = page cache dropped before the run (needs write access to /proc/sys/vm/drop_caches; otherwise the
"cold" run is only the first one); warm = median of the following runs.

    make app && python bench/startup_frozen.py [--runs 5] [--cold-runs 2]
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import argparse
import ctypes
import ctypes.util
import json
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "PartnerDesk" / "PartnerDesk"
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
MAP_NOTIFY = 19
DROP_CACHES = Path("/proc/sys/vm/drop_caches")


class MapWatcher:
    """Waits for the next top-level window to be mapped on the X display."""

    def __init__(self) -> None:
        lib = ctypes.util.find_library("X11")
        if not lib:
            raise SystemExit("libX11 is needed (apt-get install libx11-6)")
        self.x = ctypes.CDLL(lib)
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.x.XPending.argtypes = [ctypes.c_void_p]
        self.x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self.x.XFlush.argtypes = [ctypes.c_void_p]
        self.x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        self.display = self.x.XOpenDisplay(None)
        if not self.display:
            raise SystemExit("cannot open the X display")
        root = self.x.XDefaultRootWindow(self.display)
        self.x.XSelectInput(self.display, root, SUBSTRUCTURE_NOTIFY_MASK)
        self.x.XFlush(self.display)
        self.fd = self.x.XConnectionNumber(self.display)
        self.event = ctypes.create_string_buffer(192)

    def drain(self) -> None:
        while self.x.XPending(self.display):
            self.x.XNextEvent(self.display, self.event)

    def wait_for_map(self, proc: subprocess.Popen, timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            while self.x.XPending(self.display):
                self.x.XNextEvent(self.display, self.event)
                if ctypes.c_int.from_buffer(self.event).value == MAP_NOTIFY:
                    return True
            if proc.poll() is not None:
                return False
            select.select([self.fd], [], [], 0.005)
        return False


def drop_caches() -> bool:
    try:
        os.sync()
        DROP_CACHES.write_text("3\n")
        return True
    except OSError:
        return False


def time_to_window(watcher: MapWatcher, cmd: list[str], env: dict[str, str], timeout: float) -> float:
    watcher.drain()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        if not watcher.wait_for_map(proc, timeout):
            err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.poll() is not None else ""
            raise RuntimeError(f"no window within {timeout:.0f} s from {cmd[0]} (exit {proc.poll()})\n{err}")
        return (time.perf_counter() - start) * 1000
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs per variant")
    parser.add_argument("--cold-runs", type=int, default=2, help="cold runs per variant")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        if not shutil.which("xvfb-run"):
            raise SystemExit("needs an X display or xvfb-run")
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, *sys.argv])
    if not FROZEN.exists():
        raise SystemExit(f"{FROZEN} is missing: run `make app` first")

    tmp = Path(tempfile.mkdtemp(prefix="partnerdesk-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "data"), XDG_CONFIG_HOME=str(tmp / "config"),
               XDG_CACHE_HOME=str(tmp / "cache"), PARTNERDESK_DATA_DIR=str(tmp / "pd"),
               PARTNERDESK_NO_CRASH_DIALOG="1", LANG="en_US.UTF-8")
    db = tmp / "bench.pdk"
    subprocess.run([str(FROZEN), "demo", "--db", str(db)], env=env, capture_output=True)
    if not db.exists():  # no demo command in this build: an empty, migrated workspace
        subprocess.run([sys.executable, "-c", "import sys; from partnerdesk.store.workspace import open_workspace;"
                        " open_workspace(sys.argv[1]).close()", str(db)], env=env, check=True, cwd=ROOT)
    common = ["--db", str(db), "--no-crash-dialog"]
    variants = {
        "source": [sys.executable, "-m", "partnerdesk", *common],
        "frozen": [str(FROZEN), *common],
    }
    watcher = MapWatcher()
    cold_ok = True
    cold: dict[str, list[float]] = {k: [] for k in variants}
    warm: dict[str, list[float]] = {k: [] for k in variants}
    try:
        for _ in range(args.cold_runs):
            for name, cmd in variants.items():
                cold_ok = drop_caches() and cold_ok
                cold[name].append(time_to_window(watcher, cmd, env, args.timeout))
        for cmd in variants.values():  # one unmeasured warm-up each
            time_to_window(watcher, cmd, env, args.timeout)
        for _ in range(args.runs):
            for name, cmd in variants.items():
                warm[name].append(time_to_window(watcher, cmd, env, args.timeout))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    metrics: dict[str, float] = {}
    cold_text = ("not measured" if not args.cold_runs else
                 "page cache dropped" if cold_ok else "first run only, cache not dropped")
    print(f"Time to window, ms (cold: {cold_text};"
          f" warm: median of {args.runs})")
    print(f"{'variant':<8} {'cold':>8} {'warm':>8} {'warm min':>9} {'warm max':>9}")
    for name in variants:
        c = statistics.median(cold[name]) if cold[name] else float("nan")
        w = statistics.median(warm[name])
        print(f"{name:<8} {c:>8.0f} {w:>8.0f} {min(warm[name]):>9.0f} {max(warm[name]):>9.0f}")
        metrics[f"{name}_cold_ms"] = round(c, 1)
        metrics[f"{name}_warm_ms"] = round(w, 1)
    metrics["frozen_vs_source_warm"] = round(metrics["frozen_warm_ms"] / metrics["source_warm_ms"], 3)
    ratios = [metrics["frozen_vs_source_warm"]]
    if args.cold_runs:  # --cold-runs 0 on a shared machine: dropping the page cache slows everyone else
        metrics["frozen_vs_source_cold"] = round(metrics["frozen_cold_ms"] / metrics["source_cold_ms"], 3)
        ratios.append(metrics["frozen_vs_source_cold"])
    else:
        del metrics["frozen_cold_ms"], metrics["source_cold_ms"]
    goal = max(ratios) <= 1.1
    print(f"goal frozen <= 1.1x source: {'met' if goal else 'NOT met'}")
    print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
