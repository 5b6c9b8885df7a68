"""Copy a whole workspace between engines: a file to an empty server database, a server to a new file (issue 18).

All or nothing: the target's schema (the same migrations) and every row are written in one transaction on the
target — an empty database stays empty, a new file is written beside as ``.part`` and renamed only when
complete. Rows keep their ids (the activity log and settings refer to them); PostgreSQL's id sequences are moved
past them afterwards. The search index is rebuilt in the target's own form (FTS5 or pg_trgm).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Table, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from partnerdesk.l10n import N_
from partnerdesk.store.models import Base
from partnerdesk.store.workspace import WorkspaceError, open_workspace

Progress = Callable[[str, int, int], None]  # (table, rows done, rows in the table)
CHUNK = 1000


class CopyTargetNotEmptyError(WorkspaceError):
    template = N_("“{target}” is not empty. A workspace is copied into an empty database or a new file only. "
                  "Nothing was written.")


class CopySameWorkspaceError(WorkspaceError):
    template = N_("The source and the target are the same workspace. Nothing was written.")


class CopyFailedError(WorkspaceError):
    template = N_("The copy to “{target}” failed and was undone; the target is as it was. ({reason})")


def copy_tables() -> list[Table]:
    """The tables to copy, parents before children."""
    return list(Base.metadata.sorted_tables)


def count_rows(con: Connection) -> dict[str, int]:
    """Rows per table (what a copy must reproduce)."""
    return {t.name: int(con.execute(select(func.count()).select_from(t)).scalar_one()) for t in copy_tables()}


def copy_workspace(source: Path | str, target: Path | str, *, password: str | None = None,
                   target_password: str | None = None, progress: Progress | None = None) -> dict[str, int]:
    """Copy ``source`` (a file or a server URL) into ``target`` (an empty server database, or a file that does
    not exist yet). Returns the rows copied per table. Raises a WorkspaceError, the target untouched."""
    from partnerdesk.store.server import ServerAddress
    from partnerdesk.store.targets import is_server_url

    if is_server_url(target):
        target_label = ServerAddress.parse(str(target)).display
    else:
        target = Path(target).expanduser().resolve()
        target_label = str(target)
        if target.exists():
            raise CopyTargetNotEmptyError(target=target_label)
    if not is_server_url(source) and not is_server_url(target) and \
            Path(source).expanduser().resolve() == Path(target):
        raise CopySameWorkspaceError()
    with open_workspace(source, create=False, password=password) as src:
        if src.is_server and is_server_url(target) and src.key == ServerAddress.parse(str(target)).url():
            raise CopySameWorkspaceError()
        try:
            with src.engine.connect() as reader:
                if is_server_url(target):
                    return _copy_to_server(reader, str(target), target_password, target_label, progress)
                assert isinstance(target, Path)
                return _copy_to_file(reader, target, progress)
        except DBAPIError as exc:  # e.g. the connection was lost: the target's transaction was rolled back
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
            raise CopyFailedError(target=target_label, reason=reason) from exc


def _copy_rows(reader: Connection, writer: Connection, progress: Progress | None) -> dict[str, int]:
    from partnerdesk.store.search import rebuild_index

    tables = copy_tables()
    # The migrations seed a few rows (statuses, KPI definitions): the source's rows replace them.
    for table in reversed(tables):
        writer.execute(table.delete())
    copied: dict[str, int] = {}
    for table in tables:
        total = int(reader.execute(select(func.count()).select_from(table)).scalar_one())
        done = 0
        if progress is not None:
            progress(table.name, 0, total)
        order = list(table.primary_key.columns) or list(table.columns)
        result = reader.execution_options(yield_per=CHUNK).execute(select(table).order_by(*order))
        for rows in result.partitions(CHUNK):
            writer.execute(table.insert(), [dict(row._mapping) for row in rows])
            done += len(rows)
            if progress is not None:
                progress(table.name, done, total)
        copied[table.name] = done
    _move_sequences(writer, tables)
    if progress is not None:
        progress("search", 0, 1)
    rebuild_index(writer)
    if progress is not None:
        progress("search", 1, 1)
    return copied


def _move_sequences(con: Connection, tables: list[Table]) -> None:
    """PostgreSQL: each id sequence past the ids copied in explicitly (else the next insert collides)."""
    if con.dialect.name != "postgresql":
        return
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].name != "id":
            continue
        con.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                         f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"))


def _copy_to_server(reader: Connection, url: str, password: str | None, label: str,
                    progress: Progress | None) -> dict[str, int]:
    from alembic import command

    from partnerdesk.store.server import (
        ServerAddress,
        finish_schema,
        make_server_engine,
        resolve_password,
        translate_error,
        workspace_tables,
    )
    from partnerdesk.store.workspace import alembic_config

    address = ServerAddress.parse(url)
    password = resolve_password(url, password)
    engine = make_server_engine(address, password)
    try:
        try:
            writer = engine.connect()
        except Exception as exc:  # noqa: BLE001 - a connection failure is a translated message
            raise translate_error(exc, address, password) from exc
        with writer, writer.begin():
            if workspace_tables(writer):
                raise CopyTargetNotEmptyError(target=label)
            cfg = alembic_config()
            cfg.attributes["connection"] = writer
            command.upgrade(cfg, "head")
            finish_schema(writer)
            return _copy_rows(reader, writer, progress)
    finally:
        engine.dispose()


def _copy_to_file(reader: Connection, target: Path, progress: Progress | None) -> dict[str, int]:
    from alembic import command

    from partnerdesk.store.workspace import APPLICATION_ID, alembic_config, make_engine

    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    for leftover in (part, *(part.with_name(part.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    engine = make_engine(part)
    try:
        with engine.begin() as writer:
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = writer
            command.upgrade(cfg, "head")
            writer.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            copied = _copy_rows(reader, writer, progress)
        with engine.connect() as con:  # fold the write-ahead log into the file before it is moved
            con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        if target.exists():
            raise CopyTargetNotEmptyError(target=str(target))
        os.replace(part, target)
        return copied
    except BaseException:
        engine.dispose()
        for leftover in (part, *(part.with_name(part.name + s) for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
        raise
