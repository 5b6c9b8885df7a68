"""The Alembic migrations on PostgreSQL (issue 18): they build the models' schema, and an older team database is
brought to head when it is opened."""

from __future__ import annotations

import psycopg
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from partnerdesk.store.models import Base
from partnerdesk.store.server import IDENTITY_TABLE, PG_INDEXES, ServerAddress, finish_schema, url_password
from partnerdesk.store.workspace import alembic_config, known_revisions, open_workspace

_PG_ONLY_INDEXES = {statement.split()[5] for statement in PG_INDEXES}


def _store_only(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Objects the migrations make outside the models: the search table, the identity table, PG-only indexes."""
    if type_ == "table" and reflected and compare_to is None and name in ("search_fts", IDENTITY_TABLE):
        return False
    return not (type_ == "index" and reflected and name in _PG_ONLY_INDEXES | {"ix_search_fts_body_trgm"})


def test_models_match_migrations_on_postgresql(pg_database: str) -> None:
    with open_workspace(pg_database) as ws, ws.engine.connect() as con:
        ctx = MigrationContext.configure(con, opts={"include_object": _store_only, "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_an_older_team_database_is_migrated_on_open(pg_database: str) -> None:
    address = ServerAddress.parse(pg_database)
    engine = create_engine(address.sqlalchemy_url(url_password(pg_database)))
    with engine.begin() as con:
        cfg = alembic_config()
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "0002_search")
        finish_schema(con)
        con.exec_driver_sql("INSERT INTO partners (name, kind, stage, country, time_zone, locale, website, "
                            "work_start, work_end, weekend_days, reply_hours, evaluation_notes, color, notes, tags) "
                            "VALUES ('Ação Lda', 'agency', 'active', 'PT', 'Europe/Lisbon', 'pt', '', '09:00', "
                            "'18:00', '[5, 6]', 24, '', '#112233', '', '[]')")
        from partnerdesk.store.search import rebuild_index

        rebuild_index(con)  # what that version's services kept current
    engine.dispose()
    with open_workspace(pg_database) as ws:
        assert ws.migrated_from == "0002_search"
        assert ws.schema_revision() == known_revisions()[0]
        from partnerdesk.store.search import search

        with ws.session() as s:
            assert [h.title for h in search(s, "acao")] == ["Ação Lda"]
    with psycopg.connect(pg_database) as con:
        assert con.execute("SELECT contact_cadence_days FROM partners").fetchone() == (30,)
