"""CSV export cannot run formulas, and a commit is on disk when it returns."""

from __future__ import annotations

import pytest

from partnerdesk.interop import csv_io
from partnerdesk.interop.records import ContactRecord


@pytest.mark.parametrize("value", ["=1+1", "  =1+1", "\u3000=1+1", "\uff1dSUM(A1)", "\uff0b1", "\uff0d1", "\uff20x",
                                   "\nline", "\tcell", "\rcell", " @SUM(A1)", "-2+3", "+55 11 5555-5555"])
def test_every_cell_a_spreadsheet_would_evaluate_is_neutralised(value: str) -> None:
    assert csv_io.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Ana", "a=b", "50%", "ana@example.com", " Ana", ""])
def test_ordinary_cells_are_left_alone(value: str) -> None:
    assert csv_io.safe_cell(value) == value


def test_neutralised_cells_round_trip_through_our_import() -> None:
    evil = ContactRecord(display_name="  =HYPERLINK(\"http://x\")", role="\uff1dcmd", notes="\nhidden",
                         emails=[{"value": "a@b.co", "type": "work"}])
    text = csv_io.write_csv([evil]).decode("utf-8-sig")
    assert "'  =HYPERLINK" in text and "'\uff1dcmd" in text and "\"'\nhidden\"" in text
    back = csv_io.read_csv(csv_io.write_csv([evil])).records[0]
    assert back.role == "\uff1dcmd"


@pytest.mark.sqlite_only
def test_commits_are_synchronous_full(workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert con.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
