"""A calendar with one broken event imports nothing, unless the user explicitly imports the readable events."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from partnerdesk.interop.ical_records import EventReadError
from partnerdesk.services.event_import import EventImportService
from partnerdesk.store.workspace import open_workspace

ROOT = Path(__file__).parents[2]
BROKEN = Path(__file__).parent / "fixtures" / "publisher_one_broken_event.ics"


def events(ws) -> list[str]:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        return sorted(s.connection().exec_driver_sql("SELECT title FROM events").scalars())


def test_service_all_or_nothing_then_partial(workspace) -> None:  # type: ignore[no-untyped-def]
    svc = EventImportService(workspace)
    with pytest.raises(EventReadError) as err:
        svc.import_file(BROKEN.read_bytes(), default_zone="Europe/Rome")
    assert "event 2 (line 15" in err.value.message and err.value.readable == 2  # type: ignore[attr-defined]
    assert events(workspace) == []
    summary = svc.import_file(BROKEN.read_bytes(), default_zone="Europe/Rome", allow_partial=True)
    assert (summary.created, summary.failed) == (2, 1)
    assert events(workspace) == ["Spring catalogue launch", "Warehouse closed"]


def test_cli_needs_partial(tmp_path: Path) -> None:
    db = tmp_path / "w.pdk"
    open_workspace(db).close()
    env = {**os.environ, "PARTNERDESK_DATA_DIR": str(tmp_path / "data")}

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "partnerdesk", "--lang", "en", "import", "events", str(BROKEN),
                               "--db", str(db), *extra], capture_output=True, text=True, cwd=ROOT, env=env,
                              timeout=60)

    refused = run()
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Readable events: 2" in refused.stderr and "--partial" in refused.stderr
    with open_workspace(db) as ws:
        assert events(ws) == []
    partial = run("--partial")
    assert "Events created: 2" in partial.stdout and "ends before it starts" in partial.stderr
    with open_workspace(db) as ws:
        assert len(events(ws)) == 2


def test_file_import_events_offers_the_readable_events(demo_window, qtbot,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    demo_window.start()
    before = len(events(demo_window.context.ws))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(BROKEN), ""))
    demo_window.actions_.ics.import_events.trigger()
    dialog = demo_window.actions_.ics.dialog
    dialog.run_button.click()
    qtbot.waitUntil(lambda: dialog.outcome == "failed" and not dialog.busy(), timeout=10_000)
    assert "could not be read" in dialog.status.text() and len(events(demo_window.context.ws)) == before
    assert dialog.partial.isVisible()
    assert dialog.partial.text() == "Import the 2 readable events and leave out the broken ones"
    dialog.partial.setChecked(True)
    dialog.run_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    assert "1 broken event was left out" in dialog.headline.text()
    assert len(events(demo_window.context.ws)) == before + 2
