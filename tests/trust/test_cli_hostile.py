"""Hostile and damaged files through the command line: a translated message naming the problem, exit code 1,
no traceback, nothing changed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from partnerdesk.store import workspace as wsmod
from partnerdesk.store.workspace import CorruptWorkspaceError, EmptyFileError, open_workspace

ROOT = Path(__file__).parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def cli(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PARTNERDESK_DATA_DIR": os.environ.get("PARTNERDESK_DATA_DIR", "")}
    return subprocess.run([sys.executable, "-m", "partnerdesk", "--lang", lang, *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, env=env)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "w.pdk"
    open_workspace(path).close()
    return path


def contact_count(path: Path) -> int:
    with open_workspace(path, create=False) as ws, ws.session() as s:
        return int(s.connection().exec_driver_sql("SELECT count(*) FROM contacts").scalar() or 0)


def test_csv_cell_over_the_field_limit(db: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"Name,Notes\r\nAna,ok\r\nBruno," + b"x" * 140_000 + b"\r\n")
    run = cli("import", "contacts", str(huge), "--db", str(db))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "huge.csv" in run.stderr and "line 3" in run.stderr and "longer than" in run.stderr
    assert contact_count(db) == 0


def test_a_service_check_failure_imports_nothing_without_partial(db: Path, tmp_path: Path) -> None:
    data = tmp_path / "people.csv"
    data.write_bytes(b"Name,Email\r\nAna,ana@example.com\r\nBad,a@b\r\nCaio,caio@example.com\r\n")
    run = cli("import", "contacts", str(data), "--db", str(db))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "a@b" in run.stderr and "record 2 (line 3)" in run.stderr and "--partial" in run.stderr
    assert contact_count(db) == 0
    run = cli("import", "contacts", str(data), "--db", str(db), "--partial")
    assert "Imported: 2" in run.stdout
    assert contact_count(db) == 2


def test_mismatched_byte_order_mark(db: Path, tmp_path: Path) -> None:
    data = tmp_path / "bom.vcf"
    data.write_bytes(b"\xff\xfe" + (FIXTURES / "iphone_photo_unfolded_base64.vcf").read_bytes())
    run = cli("import", "contacts", str(data), "--db", str(db))
    assert run.returncode == 0 and "Imported: 1" in run.stdout, run.stderr


def test_agenda_with_a_time_zone_folder_name(db: Path) -> None:
    run = cli("agenda", "--from", "2026-03-01", "--to", "2026-03-07", "--tz", "Europe", "--db", str(db))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "“Europe” is not a known time zone" in run.stderr


def test_time_zone_cell_naming_a_folder_is_not_kept(db: Path, tmp_path: Path) -> None:
    data = tmp_path / "zones.csv"
    data.write_bytes(b"Name,Time zone\r\nAna,Europe\r\nBia,Europe/Rome\r\n")
    run = cli("import", "contacts", str(data), "--db", str(db))
    assert run.returncode == 0, run.stderr
    with open_workspace(db, create=False) as ws, ws.session() as s:
        zones = sorted(s.connection().exec_driver_sql("SELECT time_zone FROM contacts").scalars())
    assert zones == ["", "Europe/Rome"]


@pytest.mark.parametrize("target", ["--db", "import"])
def test_zero_byte_file_is_refused_untouched(tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path / "data"))
    if target == "--db":
        empty = tmp_path / "empty.pdk"
        empty.write_bytes(b"")
        run = cli("info", "--db", str(empty))
        assert "empty file" in run.stderr
    else:
        db = tmp_path / "w.pdk"
        open_workspace(db).close()
        empty = tmp_path / "empty.vcf"
        empty.write_bytes(b"")
        run = cli("import", "contacts", str(empty), "--db", str(db))
        assert "the file is empty" in run.stderr
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.glob("empty*")) == [empty.name]


def test_zero_byte_workspace_is_never_created_over(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdk"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        open_workspace(empty, create=True)
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["empty.pdk"]


def test_quick_check_text_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.pdk"
    open_workspace(path).close()
    real = wsmod._connect_read_only

    class Damaged:
        def __init__(self) -> None:
            self.con = real(path)

        def __getattr__(self, name: str) -> object:
            return getattr(self.con, name)

        def __setattr__(self, name: str, value: object) -> None:
            if name == "con":
                object.__setattr__(self, name, value)
            else:
                setattr(self.con, name, value)

        def execute(self, sql: str, *args: object) -> object:
            if "quick_check" in sql:
                return self.con.execute("SELECT CAST(x'2a2a2a20ff fe20726f77' AS BLOB)".replace(" ", ""))
            return self.con.execute(sql, *args)

    monkeypatch.setattr(wsmod, "_connect_read_only", lambda p: Damaged())
    with pytest.raises(CorruptWorkspaceError) as err:
        open_workspace(path)
    assert "damaged" in err.value.message


def test_an_empty_sqlite_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version=7")  # a valid SQLite file without a single table
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(wsmod.NotAWorkspaceError):
        open_workspace(path)
    assert path.read_bytes() == before
