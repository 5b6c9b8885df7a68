"""Import and export of events through the File-menu dialogs (partnerdesk/ui/ics), on a 5,000-event .ics.

Measures the whole user path (Import button → summary shown; Export… → file written) and how long the UI thread
is ever blocked meanwhile (a 5 ms timer records the longest gap between its ticks), plus how fast Cancel takes
effect. Goals: import through the dialog < 5 s (the issue's goal for the engine); the UI thread never blocked
> 100 ms. Export of everything has no goal: nearly all of it is icalendar's serialiser (line folding), which
bench/calendar.py measures as export_all_s; the dialog adds only the atomic write.
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import importlib.util
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from partnerdesk.store.workspace import open_workspace  # noqa: E402
from partnerdesk.ui.app import create_application  # noqa: E402
from partnerdesk.ui.context import AppContext, ChangeHub  # noqa: E402

GOALS = {"import_5000_dialog_s": 5.0, "import_ui_max_stall_ms": 100.0, "export_ui_max_stall_ms": 100.0}


def _big_file() -> bytes:
    """The 5,000-event file of bench/calendar.py (500 series with exceptions and moved occurrences)."""
    spec = importlib.util.spec_from_file_location("bench_calendar", Path(__file__).with_name("calendar.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.import_file()


class Stalls:
    """The longest time the UI thread did not get round to a 5 ms timer."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def __enter__(self) -> Stalls:
        self.last, self.worst = time.perf_counter(), 0.0
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.stop()


def _wait(app: QApplication, done: Callable[[], bool], limit: float = 120.0) -> None:
    end = time.perf_counter() + limit
    while not done():
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() > end:
            raise TimeoutError


def _context(ws: object, tmp: Path) -> AppContext:
    return AppContext(ws, QUndoStack(), ChangeHub(), QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))  # type: ignore[arg-type]


def main() -> None:
    app = create_application()
    from partnerdesk.ui.ics.export_dialog import ExportEventsDialog
    from partnerdesk.ui.ics.import_dialog import ImportEventsDialog

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = tmp / "big.ics"
        source.write_bytes(_big_file())
        with open_workspace(tmp / "import.pdk") as ws:
            context = _context(ws, tmp)
            # Import: the user presses Import; the clock stops when the summary is on screen.
            dialog = ImportEventsDialog(context, source)
            dialog.show()
            app.processEvents()
            with Stalls() as stalls:
                t0 = time.perf_counter()
                dialog.run_button.click()
                _wait(app, lambda: dialog.outcome != "")
                app.processEvents()
                results["import_5000_dialog_s"] = time.perf_counter() - t0
            assert dialog.outcome == "succeeded" and dialog.summary is not None, dialog.status.text()
            assert dialog.summary.created == 5000, dialog.summary
            results["import_ui_max_stall_ms"] = stalls.worst * 1000
            dialog.close()

            # Export everything: Export… → save dialog (answered at once) → file written.
            target = tmp / "all.ics"
            QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))  # type: ignore[method-assign]
            export = ExportEventsDialog(context)
            export.show()
            app.processEvents()
            with Stalls() as stalls:
                t0 = time.perf_counter()
                export.run_button.click()
                _wait(app, lambda: export.outcome != "")
                results["export_all_dialog_s"] = time.perf_counter() - t0
            assert export.outcome == "succeeded", export.status.text()
            results["export_ui_max_stall_ms"] = stalls.worst * 1000
            results["export_file_kb"] = target.stat().st_size / 1024
            export.close()

        with open_workspace(tmp / "cancel.pdk") as ws:
            # Cancel half way through writing: how long until the dialog says nothing was imported.
            dialog = ImportEventsDialog(_context(ws, tmp), source)
            dialog.show()
            dialog.run_button.click()
            _wait(app, lambda: dialog.progress.maximum() > 0 and dialog.progress.value() > 1000)
            t0 = time.perf_counter()
            dialog.cancel_button().click()
            _wait(app, lambda: dialog.outcome != "")
            results["cancel_to_rolled_back_ms"] = (time.perf_counter() - t0) * 1000
            assert dialog.outcome == "cancelled"
            from partnerdesk.services.listing import counts

            assert counts(ws)["event"] == 0
            dialog.close()

    print(f"{'metric':<28}{'value':>12}{'goal':>10}  ok")
    for name, value in results.items():
        goal = GOALS.get(name)
        verdict = "" if goal is None else ("yes" if value < goal else "NO")
        print(f"{name:<28}{value:>12.3f}{'' if goal is None else f'< {goal:g}':>10}  {verdict}")
    print(json.dumps({k: round(v, 4) for k, v in results.items()}))


if __name__ == "__main__":
    main()
