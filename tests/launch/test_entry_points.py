"""The real entry points, started as processes: each maps its main window, stays up, shows no traceback, and
closes cleanly (exit status 0). Offscreen in `make test`; under Xvfb in `.ci/run` (tests/launch/launcher.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.launch.launcher import launch, tracebacks


def _assert_clean_end(run, code: int) -> None:  # type: ignore[no-untyped-def]
    assert code == 0, run.stderr[-3000:]
    assert tracebacks(run.stderr) == [], run.stderr[-3000:]


@pytest.mark.parametrize("entry", ["script", "module"])
def test_no_argument_on_an_empty_data_folder_shows_the_first_run_panel(tmp_path: Path, entry: str) -> None:
    run = launch(tmp_path / "home", entry)
    try:
        event, offered = run.wait_for("first_run", "data", "error")
        assert event == "first_run"
        assert offered.endswith("workspace.pdk") and str(tmp_path / "home") in offered
        run.stays_up()
        assert not Path(offered).exists()  # nothing is created before the user chooses
    finally:
        code = run.close()
    _assert_clean_end(run, code)


@pytest.mark.parametrize("entry", ["script", "module"])
def test_a_workspace_as_the_only_argument_opens_it(tmp_path: Path, demo_file: Path, entry: str) -> None:
    db = tmp_path / "Sakura deals.pdk"
    shutil.copy(demo_file, db)
    run = launch(tmp_path / "home", entry, [str(db)])
    try:
        event, title = run.wait_for("data", "first_run", "error")
        assert event == "data", title
        assert "Sakura deals" in title and "PartnerDesk" in title
        run.stays_up()
    finally:
        code = run.close()
    _assert_clean_end(run, code)


def test_db_on_an_existing_file_opens_it(tmp_path: Path, demo_file: Path) -> None:
    db = tmp_path / "team.pdk"
    shutil.copy(demo_file, db)
    run = launch(tmp_path / "home", "script", ["--db", str(db)])
    try:
        event, title = run.wait_for("data", "first_run", "error")
        assert event == "data" and "team" in title
        run.stays_up()
    finally:
        code = run.close()
    _assert_clean_end(run, code)


def test_a_file_that_is_not_a_workspace_gets_the_open_message(tmp_path: Path) -> None:
    from partnerdesk.store.workspace import NotAWorkspaceError

    notes = tmp_path / "notes.pdk"
    notes.write_text("my notes, not a database\n", encoding="utf-8")
    run = launch(tmp_path / "home", "script", [str(notes)])
    try:
        event, message = run.wait_for("error", "data", "first_run")
        assert event == "error"
        assert message == NotAWorkspaceError(path=str(notes)).message
        run.stays_up()
    finally:
        code = run.close()
    _assert_clean_end(run, code)
    assert notes.read_text(encoding="utf-8") == "my notes, not a database\n"  # left untouched


def test_a_missing_db_path_offers_to_create_it_there_and_remembers_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    typo = tmp_path / "wrok" / "team.pdk"
    run = launch(home, "script", ["--db", str(typo)])
    try:
        event, offered = run.wait_for("first_run", "data", "error")
        assert event == "first_run" and offered == str(typo)
        run.stays_up(1.0)
    finally:
        code = run.close()
    _assert_clean_end(run, code)
    assert not typo.exists() and not typo.parent.exists()
    settings = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (home / "config").rglob("*")
                       if p.is_file())
    assert "wrok" not in settings  # not remembered: the next plain start offers the default place again
    again = launch(home, "script")
    try:
        event, offered = again.wait_for("first_run", "data", "error")
        assert event == "first_run" and offered.endswith("workspace.pdk") and "wrok" not in offered
    finally:
        code = again.close()
    _assert_clean_end(again, code)


def test_smoke_test_is_a_real_launch(tmp_path: Path) -> None:
    run = launch(tmp_path / "home", "script", ["--smoke-test"])
    stdout, stderr = run.communicate(timeout=180)
    assert run.process is not None and run.process.returncode == 0, stdout + stderr
    assert "launch: the main window shows the workspace" in stdout
    assert "Smoke test passed" in stdout and "FAIL" not in stdout
    assert tracebacks(stderr) == [], stderr
    events = run.events()
    assert {"shown", "painted", "data"} <= set(events), events  # the same start-up path as a user's launch
