"""Team workspaces on a PostgreSQL server (issue 18): opening, the address, and every refusal with nothing written."""

from __future__ import annotations

import psycopg
import pytest

from partnerdesk import l10n
from partnerdesk.store.server import (
    IDENTITY_TABLE,
    ServerAddress,
    ServerDatabaseMissingError,
    ServerPasswordError,
    ServerTLSError,
    ServerUnreachableError,
)
from partnerdesk.store.workspace import NewerSchemaError, NotAWorkspaceError, WorkspaceError, open_workspace


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as con:
        return {r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def _without_password(url: str) -> str:
    address = ServerAddress.parse(url)
    return address.url()


def test_address_round_trip_and_display() -> None:
    address = ServerAddress.parse("postgres://marta@db.example.com/partners?sslmode=require")
    assert address == ServerAddress("db.example.com", 5432, "partners", "marta", "require")
    assert address.url() == "postgresql://marta@db.example.com:5432/partners?sslmode=require"
    assert address.url("s3cr:t@") == "postgresql://marta:s3cr%3At%40@db.example.com:5432/partners?sslmode=require"
    assert address.display == "partners on db.example.com:5432"
    assert ServerAddress.parse("postgresql://u:pw@h:6543/d").sslmode == "prefer"
    with pytest.raises(WorkspaceError):
        ServerAddress.parse("postgresql://u@h/")


def test_empty_database_becomes_a_workspace_and_reopens(pg_database: str) -> None:
    with open_workspace(pg_database) as ws:
        assert ws.is_server and ws.path is None and ws.engine.dialect.name == "postgresql"
        assert "pdtest-secret" not in ws.key and "pdtest-secret" not in ws.location
        assert ws.location.endswith(ServerAddress.parse(pg_database).server)
        head = ws.schema_revision()
    assert {IDENTITY_TABLE, "alembic_version", "partners", "search_fts"} <= _tables(pg_database)
    with open_workspace(pg_database, create=False) as again:
        assert again.schema_revision() == head
        assert again.migrated_from is None


def test_wrong_and_missing_password(pg_database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    bare = _without_password(pg_database)
    with pytest.raises(ServerPasswordError) as wrong:
        open_workspace(bare, password="not-the-password")
    assert not wrong.value.password_missing
    assert "did not accept" in wrong.value.message
    with pytest.raises(ServerPasswordError) as missing:
        open_workspace(bare)
    assert missing.value.password_missing
    assert _tables(pg_database) == set()
    from partnerdesk.store.server import url_password

    monkeypatch.setenv("PGPASSWORD", url_password(pg_database) or "")
    open_workspace(bare).close()  # PGPASSWORD is used when the URL has none


def test_unreachable_server_is_reported_quickly() -> None:
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(ServerUnreachableError) as caught:
        open_workspace(f"postgresql://nobody:x@127.0.0.1:{port}/nothing")
    assert time.monotonic() - started < 6
    assert f"127.0.0.1:{port}" in caught.value.message


def test_tls_required_but_not_offered(pg_database: str) -> None:
    with pytest.raises(ServerTLSError):
        open_workspace(pg_database + "?sslmode=require")


def test_missing_database(pg_database: str) -> None:
    with pytest.raises(ServerDatabaseMissingError):
        open_workspace(pg_database.rsplit("/", 1)[0] + "/no_such_database")


def test_another_programs_database_is_left_untouched(pg_database: str) -> None:
    with psycopg.connect(pg_database, autocommit=True) as con:
        con.execute("CREATE TABLE invoices (id int PRIMARY KEY, total numeric)")
    with pytest.raises(NotAWorkspaceError) as caught:
        open_workspace(pg_database)
    assert ServerAddress.parse(pg_database).display in caught.value.message
    assert _tables(pg_database) == {"invoices"}


def test_newer_schema_is_refused_without_writing(pg_database: str) -> None:
    open_workspace(pg_database).close()
    with psycopg.connect(pg_database, autocommit=True) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _tables(pg_database)
    with pytest.raises(NewerSchemaError):
        open_workspace(pg_database)
    assert _tables(pg_database) == before


def test_empty_database_is_not_created_without_create(pg_database: str) -> None:
    with pytest.raises(NotAWorkspaceError):
        open_workspace(pg_database, create=False)
    assert _tables(pg_database) == set()


def test_messages_are_translated(pg_database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises(ServerPasswordError) as caught:
        open_workspace(_without_password(pg_database), password="wrong")
    english = caught.value.message
    l10n.set_language("pt")
    assert caught.value.message != english and "senha" in caught.value.message
    l10n.set_language("el")
    assert "διακομιστής" in caught.value.message


def test_cli_db_accepts_a_server_url(pg_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    from partnerdesk.cli import main

    assert main(["--db", pg_database, "demo", "--date", "2026-03-02"]) == 0
    assert main(["info", "--db", pg_database]) == 0
    out = capsys.readouterr().out
    assert "pdtest-secret" not in out
    assert ServerAddress.parse(pg_database).display in out
    assert main(["backup", "list", "--db", pg_database]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_two_people_opening_a_new_database_at_once(pg_database: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def open_close(_n: int) -> str:
        with open_workspace(pg_database) as ws:
            return ws.schema_revision()

    with ThreadPoolExecutor(3) as pool:
        revisions = set(pool.map(open_close, range(3)))
    assert len(revisions) == 1
    with psycopg.connect(pg_database) as con:
        assert con.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM work_statuses").fetchone() == (5,)
