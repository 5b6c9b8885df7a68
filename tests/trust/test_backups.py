"""Rolling snapshots (SQLite online backup API), retention, restore as a service, and the `backup` command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.services import backups
from partnerdesk.services.partners import PartnerService
from partnerdesk.store import backup as store
from partnerdesk.store.backup import Reason
from partnerdesk.store.models import Partner
from partnerdesk.store.workspace import WorkspaceLockedError, open_workspace

ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(folder))
    return folder


def damage_table(path: Path, table: str) -> None:
    """Overwrite the middle of a table's root page (a damage only the full integrity check may see)."""
    import sqlite3

    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * size
    data[start:start + 12] = b"\x0d\x00\x00\x00\x05\x0f\x00\x00" + b"\xff\xff\xff\xff"
    path.write_bytes(bytes(data))


def partners(path: Path) -> list[str]:
    with open_workspace(path, create=False) as ws, ws.session() as s:
        return sorted(s.scalars(select(Partner.name)))


def test_snapshot_is_verified_listed_with_counts_and_kept_in_the_data_folder(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "w.pdk"
    with open_workspace(path) as ws:
        PartnerService(ws).create(name="Loja Azul", kind=PartnerKind.MARKETPLACE)
        target = backups.create_backup(ws)
    assert target.parent == store.backup_folder(path) and target.is_relative_to(data_dir / "backups")
    (info,) = backups.list_backups(path)
    assert info.path == target and info.snapshot.reason == Reason.MANUAL
    assert (info.partners, info.work_items, info.contacts) == (1, 0, 0)
    assert store.verify_snapshot(target)
    assert not list(store.backup_folder(path).glob("*.part"))


def test_retention_keeps_seven_daily_four_weekly_and_the_last_pre_import_ones(tmp_path: Path) -> None:
    path = tmp_path / "w.pdk"
    now = dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC)
    with open_workspace(path) as ws:
        for day in range(40):
            store.snapshot_workspace(ws, Reason.AUTOMATIC, now=now - dt.timedelta(days=day))
        for n in range(7):
            store.snapshot_workspace(ws, Reason.IMPORT, now=now - dt.timedelta(hours=n))
    kept = store.list_snapshots(path)
    auto = [s.taken_at.date() for s in kept if s.reason == Reason.AUTOMATIC]
    assert [now.date() - dt.timedelta(days=d) for d in range(7)] == auto[:7]  # the last seven days
    weeks = {s.isocalendar()[:2] for s in auto}
    assert len(weeks) == 4 and len(auto) <= 7 + 4  # and one per week for four weeks
    assert min(auto) >= now.date() - dt.timedelta(days=28)
    assert len([s for s in kept if s.reason == Reason.IMPORT]) == 5


def test_automatic_backup_only_when_the_last_is_older_than_a_day(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "w.pdk") as ws:
        assert backups.automatic_backup(ws) is not None
        assert backups.automatic_backup(ws) is None
        assert backups.automatic_backup(ws, dt.timedelta(0)) is not None


def test_a_damaged_workspace_is_not_backed_up_and_keeps_the_good_backups(tmp_path: Path) -> None:
    path = tmp_path / "w.pdk"
    with open_workspace(path) as ws:
        good = backups.create_backup(ws)
    damage_table(path, "partners")
    with pytest.raises(store.BackupError):
        store.snapshot_file(path, Reason.AUTOMATIC)
    assert [s.path for s in store.list_snapshots(path)] == [good]
    assert backups.latest_good_backup(path).path == good  # type: ignore[union-attr]


def test_restore_replaces_the_file_after_backing_it_up(tmp_path: Path) -> None:
    path = tmp_path / "w.pdk"
    with open_workspace(path) as ws:
        PartnerService(ws).create(name="Before", kind=PartnerKind.AGENCY)
        snapshot = backups.create_backup(ws)
        PartnerService(ws).create(name="After", kind=PartnerKind.AGENCY)
    saved = backups.restore_backup(path, snapshot)
    assert partners(path) == ["Before"]
    assert store.snapshot_counts(saved)["partner"] == 2  # the replaced file is itself restorable
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("w.pdk")] == ["w.pdk", "w.pdk.lock"] or \
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("w.pdk")) == ["w.pdk", "w.pdk.lock"]


def test_restore_is_refused_while_the_workspace_is_open_and_for_a_damaged_backup(tmp_path: Path) -> None:
    path = tmp_path / "w.pdk"
    with open_workspace(path) as ws:
        snapshot = backups.create_backup(ws)
        before = path.read_bytes()
        with pytest.raises(WorkspaceLockedError):
            backups.restore_backup(path, snapshot)
    bad = snapshot.with_name("20260101-000000-manual.pdk")
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    before = path.read_bytes()
    with pytest.raises(backups.RestoreError) as err:
        backups.restore_backup(path, bad)
    assert "integrity check" in err.value.message and path.read_bytes() == before


def test_imports_of_more_than_100_records_are_preceded_by_a_snapshot(tmp_path: Path) -> None:
    from partnerdesk.interop.records import ContactRecord
    from partnerdesk.services.contacts import ContactService

    with open_workspace(tmp_path / "w.pdk") as ws:
        svc = ContactService(ws)
        svc.apply_import(svc.plan_import([ContactRecord(display_name=f"P{i}") for i in range(100)], []))
        assert store.list_snapshots(ws.path) == []
        svc.apply_import(svc.plan_import([ContactRecord(display_name=f"Q{i}") for i in range(101)], []))
        (snap,) = store.list_snapshots(ws.path)
        assert snap.reason == Reason.IMPORT and store.snapshot_counts(snap.path)["contact"] == 100


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "partnerdesk", "--lang", "en", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


def test_backup_command_lists_creates_and_restores(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "w.pdk"
    with open_workspace(path) as ws:
        PartnerService(ws).create(name="Kept", kind=PartnerKind.AGENCY)
    env = {**os.environ, "PARTNERDESK_DATA_DIR": str(data_dir)}
    created = _cli("backup", "create", "--db", str(path), env=env)
    assert created.returncode == 0 and "Backup saved" in created.stdout, created.stderr
    with open_workspace(path) as ws:
        PartnerService(ws).create(name="Later", kind=PartnerKind.AGENCY)
    listed = _cli("backup", "list", "--db", str(path), env=env)
    assert listed.returncode == 0 and "partners: 1, work items: 0, contacts: 0" in listed.stdout
    assert str(store.backup_folder(path)) in listed.stdout
    restored = _cli("backup", "restore", "1", "--db", str(path), env=env)
    assert restored.returncode == 0, restored.stderr
    assert partners(path) == ["Kept"]
    missing = _cli("backup", "restore", "99", "--db", str(path), env=env)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr and "backup list" in missing.stderr


def test_counts_of_a_workspace_stay_readable(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "w.pdk") as ws, ws.session() as s:
        assert s.scalar(select(func.count(Partner.id))) == 0
