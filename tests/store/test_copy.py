"""`partnerdesk workspace copy` (issue 18): a file to an empty server database and back, all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from partnerdesk.cli import main
from partnerdesk.store import copy as copying
from partnerdesk.store.copy import CopyTargetNotEmptyError, copy_workspace, count_rows
from partnerdesk.store.workspace import open_workspace
from tests.store.test_search_engines import results

QUERIES = ["studio", "ação", "launch", "review", "ma", "a", "日本", "onboarding"]


def _counts(target: Path | str) -> dict[str, int]:
    with open_workspace(target, create=False) as ws, ws.engine.connect() as con:
        return count_rows(con)


def _search(target: Path | str) -> dict[str, list[tuple[object, ...]]]:
    with open_workspace(target, create=False) as ws:
        return results(ws, QUERIES)


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as con:
        return {r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_demo_round_trips_through_a_server(demo_file: Path, tmp_path: Path, pg_database: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "demo.pdk"
    shutil.copy(demo_file, source)
    back = tmp_path / "travel" / "back.pdk"
    assert main(["workspace", "copy", "--from", str(source), "--to", pg_database]) == 0
    captured = capsys.readouterr()
    assert "Copied partners: 14" in captured.err and "pdtest-secret" not in captured.out + captured.err
    assert main(["workspace", "copy", "--from", pg_database, "--to", str(back)]) == 0
    expected = _counts(source)
    assert expected["partners"] and expected["work_items"] and expected["activity_log"]
    assert _counts(pg_database) == expected
    assert _counts(back) == expected
    found = _search(source)
    assert found["studio"] and found["ma"]
    assert _search(pg_database) == found
    assert _search(back) == found
    # The copied server workspace keeps working: new rows get fresh ids after the copied ones.
    from partnerdesk.services.contacts import ContactService

    with open_workspace(pg_database) as ws:
        cid, _changes = ContactService(ws).create(display_name="After the copy")
    assert cid > expected["contacts"]


def test_copy_refuses_a_target_that_is_not_empty(demo_file: Path, tmp_path: Path, pg_database: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    open_workspace(pg_database).close()
    before = _tables(pg_database)
    assert main(["workspace", "copy", "--from", str(demo_file), "--to", pg_database]) == 1
    assert "not empty" in capsys.readouterr().err
    assert _tables(pg_database) == before
    existing = tmp_path / "existing.pdk"
    existing.write_bytes(b"mine")
    with pytest.raises(CopyTargetNotEmptyError):
        copy_workspace(demo_file, existing)
    assert existing.read_bytes() == b"mine"


def test_a_failed_copy_leaves_an_empty_database_and_no_file(demo_file: Path, tmp_path: Path, pg_database: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(table: str, done: int, total: int) -> None:
        if table == "contacts" and done:
            raise RuntimeError("connection lost")

    with pytest.raises(RuntimeError):
        copy_workspace(demo_file, pg_database, progress=fail)
    assert _tables(pg_database) == set()
    target = tmp_path / "copy.pdk"
    with pytest.raises(RuntimeError):
        copy_workspace(pg_database if False else demo_file, target, progress=fail)
    assert list(tmp_path.iterdir()) == []
    assert copying.CHUNK > 0
