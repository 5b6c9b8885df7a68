"""Opening a workspace file safely: identify it, lock it, back it up and migrate it, then hand out sessions."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_
from partnerdesk.store import search as _search  # noqa: F401  (installs the search-index hooks)
from partnerdesk.store.app_versions import upgrade_copy_reason

APPLICATION_ID = 0x50444B31  # "PDK1" in the SQLite header identifies a PartnerDesk workspace
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class WorkspaceError(PartnerDeskError):
    template = N_("The workspace could not be opened.")


class NotAWorkspaceError(WorkspaceError):
    template = N_("“{path}” is not a PartnerDesk workspace. It was left untouched.")


class CorruptWorkspaceError(WorkspaceError):
    template = N_("“{path}” is damaged and cannot be opened safely. It was left untouched; "
                  "restore it from a backup.")


class NewerSchemaError(WorkspaceError):
    template = N_("“{path}” was saved by a newer version of PartnerDesk. Update PartnerDesk to open it.")


class ReadOnlyWorkspaceError(WorkspaceError):
    template = N_("“{path}” is in a read-only location. Copy it somewhere you can write to, or choose "
                  "another file.")


class WorkspaceLockedError(WorkspaceError):
    template = N_("“{path}” is already open in another PartnerDesk window. Close it there first.")


class _FileLock:
    """An advisory lock on ``<workspace>.lock`` held for as long as the workspace is open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: Any = None

    def acquire(self) -> bool:
        fh = open(self.path, "a+b")  # noqa: SIM115 - kept open while locked
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        self._fh = fh
        return True

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            try:
                self.path.unlink()
            except OSError:
                pass


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # isolation_level=None lets the pragmas run outside a transaction (WAL stays "delete" inside one).
    previous = dbapi_conn.isolation_level
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    dbapi_conn.isolation_level = previous


def make_engine(path: Path | str) -> Engine:
    engine = create_engine(f"sqlite:///{Path(path)}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config(engine: Engine | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", str(engine.url))
    return cfg


def known_revisions() -> tuple[str, set[str]]:
    """(head revision, every revision this version knows)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return script.get_current_head() or "", {rev.revision for rev in script.walk_revisions()}


def _head_without_alembic() -> str | None:
    """The head revision read straight from the migration files (importing Alembic costs ~0.1 s at start-up).

    None when the files cannot be read simply (then Alembic decides)."""
    import re

    revisions: dict[str, str | None] = {}
    pattern = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w.-]+|None)['\"]?\s*$", re.M)
    for file in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((key, value) for key, value in pattern.findall(file.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        down = found.get("down_revision")
        revisions[found["revision"]] = None if down in (None, "None") else down
    heads = set(revisions) - {down for down in revisions.values() if down}
    return heads.pop() if len(heads) == 1 else None


def _inspect_existing(path: Path) -> str | None:
    """Check an existing file; return its schema revision (None for an empty SQLite file)."""
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != SQLITE_MAGIC:
        raise NotAWorkspaceError(path=str(path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise CorruptWorkspaceError(path=str(path)) from exc
    try:
        try:
            (app_id,) = con.execute("PRAGMA application_id").fetchone()
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise CorruptWorkspaceError(path=str(path)) from exc
        if check != "ok":
            raise CorruptWorkspaceError(path=str(path))
        if app_id != APPLICATION_ID:
            if not tables:
                return None
            raise NotAWorkspaceError(path=str(path))
        if "alembic_version" not in tables:
            raise NotAWorkspaceError(path=str(path))
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _check_writable(path: Path) -> None:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyWorkspaceError(path=str(path))
    if not os.access(folder, os.W_OK):
        raise ReadOnlyWorkspaceError(path=str(path))


def backup_file(path: Path, reason: str) -> Path:
    """Copy a workspace aside using SQLite's online backup (consistent even with a WAL)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


class Workspace:
    """An open workspace file: engine, session factory and the lock that keeps other processes out."""

    def __init__(self, path: Path, engine: Engine, lock: _FileLock | None, migrated_from: str | None,
                 backup: Path | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.migrated_from = migrated_from
        self.backup = backup
        self.session_factory = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.session_factory()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back everything on any error."""
        with self.session_factory() as session, session.begin():
            yield session

    def schema_revision(self) -> str:
        with self.engine.connect() as con:
            return con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workspace(path: Path | str, *, create: bool = True, lock: bool = True) -> Workspace:
    """Open (creating or migrating as needed) the workspace at ``path``.

    Raises a WorkspaceError subclass, without modifying the file, when it is not a PartnerDesk workspace,
    is corrupt, has a newer schema, sits in a read-only location or is open in another process.
    """
    path = Path(path).expanduser().resolve()
    exists = path.exists() and path.stat().st_size > 0
    if path.exists() and path.is_dir():
        raise NotAWorkspaceError(path=str(path))
    if not exists and not create:
        raise WorkspaceError(N_("“{path}” does not exist."), path=str(path))
    revision = _inspect_existing(path) if exists else None
    fast_head = _head_without_alembic()
    if revision is not None and revision == fast_head:
        head = fast_head  # up to date: no need to load Alembic
    else:
        head, known = known_revisions()
        if revision is not None and revision not in known:
            raise NewerSchemaError(path=str(path))
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReadOnlyWorkspaceError(path=str(path)) from exc
    _check_writable(path)

    file_lock = None
    if lock:
        file_lock = _FileLock(path.with_name(path.name + ".lock"))
        try:
            acquired = file_lock.acquire()
        except OSError as exc:
            raise ReadOnlyWorkspaceError(path=str(path)) from exc
        if not acquired:
            raise WorkspaceLockedError(path=str(path))
    try:
        backup = None
        if revision is not None and revision != head:
            backup = backup_file(path, upgrade_copy_reason(revision))  # named with the old app version
        engine = make_engine(path)
        if revision != head:
            from alembic import command

            cfg = alembic_config(engine)
            with engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
                connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        return Workspace(path, engine, file_lock, revision if backup else None, backup)
    except sqlite3.OperationalError as exc:
        if file_lock:
            file_lock.release()
        raise ReadOnlyWorkspaceError(path=str(path)) from exc
    except BaseException:
        if file_lock:
            file_lock.release()
        raise
