"""`partnerdesk today --json`: the same sections and rows as the view."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from partnerdesk.cli import main
from tests.conftest import DEMO_TODAY


def _run(capsys: Any, *args: str) -> tuple[int, str, str]:
    code = main(["today", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_lists_sections_and_rows(demo_file: Path, tmp_path: Path, capsys: Any) -> None:
    from partnerdesk.services.attention import Options, brief
    from partnerdesk.store.workspace import open_workspace

    db = tmp_path / "demo.pdk"
    shutil.copy(demo_file, db)
    code, out, _err = _run(capsys, "--db", str(db), "--json", "--date", DEMO_TODAY.isoformat())
    assert code == 0
    data = json.loads(out)
    assert data["date"] == "2026-03-02"
    assert [s["section"] for s in data["sections"]][:2] == ["overdue", "this_week"]
    overdue = data["sections"][0]["rows"]
    assert overdue[0]["kind"] == "work_item" and overdue[0]["source_kind"] == "work_item"
    assert overdue[0]["days_overdue"] >= overdue[-1]["days_overdue"] > 0
    partners = next(s for s in data["sections"] if s["section"] == "partners")["rows"]
    assert all(r["reason"] and r["reasons"] for r in partners)
    assert "\u2068" not in json.dumps(partners, ensure_ascii=False)
    with open_workspace(db) as ws:
        view = brief(ws, Options(today=DEMO_TODAY))
    assert data["action_count"] == view.action_count
    assert sum(len(s["rows"]) for s in data["sections"]) == len(view.rows)
    code, out, _err = _run(capsys, "--db", str(db), "--json", "--date", DEMO_TODAY.isoformat(), "--mine")
    mine = json.loads(out)
    assert all(r["mine"] for s in mine["sections"] for r in s["rows"])
    assert sum(len(s["rows"]) for s in mine["sections"]) < len(view.rows)


def test_a_bad_date_is_refused_in_words(demo_file: Path, capsys: Any) -> None:
    import pytest

    with pytest.raises(SystemExit) as exit_info:
        main(["today", "--db", str(demo_file), "--date", "2026-13-40"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "is not a date like 2026-03-02" in err and "Traceback" not in err
