"""Opening workspaces: creation, identification, migration with backup, and every bad-file case."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.services.partners import PartnerService
from partnerdesk.store import workspace as wsmod
from partnerdesk.store.models import Base, Partner
from partnerdesk.store.workspace import (
    APPLICATION_ID,
    CorruptWorkspaceError,
    NewerSchemaError,
    NotAWorkspaceError,
    WorkspaceIsReadOnlyError,
    WorkspaceLockedError,
    open_workspace,
)


def _is_search_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    # FTS5 virtual tables and their shadow tables live only in migrations.
    return not (type_ == "table" and reflected and compare_to is None and "fts" in (name or ""))


def test_new_workspace_is_migrated_to_head_and_marked(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "new.pdk") as ws:
        head, _ = wsmod.known_revisions()
        assert ws.schema_revision() == head
        with ws.engine.connect() as con:
            assert con.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
            assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            statuses = con.exec_driver_sql("SELECT key FROM work_statuses ORDER BY position").scalars().all()
        assert statuses == ["pending", "in_progress", "on_track", "at_risk", "done"]


def test_models_match_migrations(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "m.pdk") as ws, ws.engine.connect() as con:
        ctx = MigrationContext.configure(con, opts={"include_object": _is_search_object,
                                                    "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_database_enforces_constraints(workspace) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), workspace.transaction() as s:
        s.add(Partner(name="Bad score", kind="agency", score_experience=9))
    with pytest.raises(IntegrityError), workspace.transaction() as s:
        s.add(Partner(name="Bad colour", kind="agency", color="red"))
    with pytest.raises(IntegrityError), workspace.transaction() as s:
        s.add(Partner(name="  ", kind="agency"))
    with workspace.session() as s:
        assert s.query(Partner).count() == 0


def test_text_file_is_not_a_workspace_and_stays_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdk"
    path.write_text("my precious notes\n")
    before = path.read_bytes()
    with pytest.raises(NotAWorkspaceError) as err:
        open_workspace(path)
    assert "not a PartnerDesk workspace" in err.value.message
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO recipes (name) VALUES ('bread')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NotAWorkspaceError):
        open_workspace(path)
    assert path.read_bytes() == before


def test_corrupt_workspace_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdk"
    open_workspace(path).close()
    data = bytearray(path.read_bytes())
    data[100:4000] = os.urandom(3900)
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptWorkspaceError):
        open_workspace(path)
    assert path.read_bytes() == bytes(data)


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.pdk"
    open_workspace(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'zz_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError) as err:
        open_workspace(path)
    assert "newer version" in err.value.message
    assert path.read_bytes() == before


def test_workspace_open_in_another_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "shared.pdk"
    open_workspace(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from partnerdesk.store.workspace import open_workspace
            ws = open_workspace({str(path)!r})
            print("open", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2],
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(WorkspaceLockedError) as err:
            open_workspace(path)
        assert "already open" in err.value.message
    finally:
        holder.communicate("\n", timeout=10)
    open_workspace(path).close()  # released when the other process closed it


def test_read_only_location_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "w.pdk"
    open_workspace(path).close()
    before = path.read_bytes()
    if os.geteuid() == 0:  # root ignores permission bits; simulate the read-only mount instead
        real_access = os.access
        monkeypatch.setattr(wsmod.os, "access",
                            lambda p, mode: False if Path(p).resolve().is_relative_to(folder)
                            else real_access(p, mode))
    else:
        folder.chmod(0o555)
        path.chmod(0o444)
    try:
        with open_workspace(path) as ws:  # opened read-only: readable, every write refused with a message
            assert ws.read_only
            assert ws.schema_revision()
            with pytest.raises(WorkspaceIsReadOnlyError) as err:
                PartnerService(ws).create(name="Never saved", kind=PartnerKind.AGENCY)
            assert "read-only" in err.value.message
        assert sorted(p.name for p in folder.iterdir()) == ["w.pdk", "w.pdk.lock"]
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_older_workspace_is_backed_up_then_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.pdk"
    with open_workspace(path) as ws, ws.transaction() as s:
        s.add(Partner(name="Sakura Logistics", kind="logistics"))
    old_head, _ = wsmod.known_revisions()

    # A newer PartnerDesk ships one more migration.
    migrations = tmp_path / "migrations"
    shutil.copytree(wsmod.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9999_test.py").write_text(textwrap.dedent(f"""
        import sqlalchemy as sa
        from alembic import op
        revision = "9999_test"
        down_revision = {old_head!r}
        branch_labels = None
        depends_on = None
        def upgrade():
            op.add_column("partners", sa.Column("nickname", sa.String(50), nullable=True))
        def downgrade():
            op.drop_column("partners", "nickname")
    """))
    monkeypatch.setattr(wsmod, "MIGRATIONS_DIR", migrations)
    with open_workspace(path) as ws:
        assert ws.schema_revision() == "9999_test"
        assert ws.migrated_from == old_head
        assert ws.backup is not None and ws.backup.exists()
        backup = sqlite3.connect(ws.backup)
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old_head
        assert backup.execute("SELECT name FROM partners").fetchall() == [("Sakura Logistics",)]
        backup.close()
        with ws.engine.connect() as con:
            assert con.exec_driver_sql("SELECT name FROM partners").scalars().all() == ["Sakura Logistics"]
