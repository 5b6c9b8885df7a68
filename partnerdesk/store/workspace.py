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


class EmptyFileError(NotAWorkspaceError):
    template = N_("“{path}” is an empty file, not a PartnerDesk workspace. It was left untouched.")


class MigrationNeedsWriteError(ReadOnlyWorkspaceError):
    template = N_("“{path}” needs an update to open in this version of PartnerDesk, but its folder is "
                  "read-only. Copy it somewhere you can write to.")


class ReadOnlyUnreadableError(ReadOnlyWorkspaceError):
    template = N_("“{path}” is in a read-only location and SQLite cannot open it read-only there (it holds "
                  "changes that were never written into the file). Copy the file together with the files "
                  "beside it somewhere you can write to.")


class WorkspaceIsReadOnlyError(WorkspaceError):
    template = N_("This workspace is open read-only because its folder cannot be written to. Nothing was "
                  "changed.")


class WorkspaceLockedError(WorkspaceError):
    template = N_("“{path}” is already open in another PartnerDesk window. Close it there first.")


class ServerWorkspaceError(WorkspaceError):
    template = N_("“{location}” is a team workspace on a server: this works on workspace files only. Back up a "
                  "server with pg_dump, or take a local copy with “partnerdesk workspace copy”.")


class FileLock:
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
        """Unlock by closing. The file is never deleted: a process that opened it just before could otherwise
        lock the deleted file while a third locks a new one, and both would believe they own the workspace."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _set_read_only_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.execute("PRAGMA query_only=ON")


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # isolation_level=None lets the pragmas run outside a transaction (WAL stays "delete" inside one).
    previous = dbapi_conn.isolation_level
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # FULL: a commit is on disk when it returns (NORMAL in WAL mode may lose the last commits on power loss).
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()
    dbapi_conn.isolation_level = previous


def make_engine(path: Path | str, read_only: bool = False) -> Engine:
    if read_only:
        engine = create_engine(f"sqlite:///{_read_only_uri(Path(path))}&uri=true", future=True)
        event.listen(engine, "connect", _set_read_only_pragmas)
        return engine
    engine = create_engine(f"sqlite:///{Path(path)}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


_SIDE_FILES = ("-wal", "-shm", "-journal")


def _has_pending_wal(path: Path) -> bool:
    """A -wal file beside: another connection may be writing, or changes wait in the log (after a crash)."""
    return path.with_name(path.name + "-wal").exists()


def _read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` without creating anything beside it: ``immutable`` when there is no
    write-ahead log (SQLite then needs no -shm file), else plain read-only (the log must be read)."""
    from urllib.parse import quote

    flags = "mode=ro" if _has_pending_wal(path) else "mode=ro&immutable=1"
    return f"file:{quote(str(path))}?{flags}"


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(_read_only_uri(path), uri=True)


@contextmanager
def _no_leftovers(path: Path) -> Iterator[None]:
    """When ``path`` is refused (an exception leaves the block), a -wal/-shm/-journal file that appeared beside
    it meanwhile is removed again. Nothing is removed from a file that is accepted: another PartnerDesk may be
    opening it at the same moment, and its log must never be touched."""
    before = {suffix for suffix in _SIDE_FILES if path.with_name(path.name + suffix).exists()}
    try:
        yield
    except BaseException:
        for suffix in _SIDE_FILES:
            side = path.with_name(path.name + suffix)
            if suffix not in before and side.exists():
                try:
                    side.unlink()
                except OSError:
                    pass
        raise


def integrity_problems(path: Path | str, limit: int = 20) -> list[str]:
    """A full ``PRAGMA integrity_check`` (slow on big files: run it off the UI thread); [] when sound."""
    path = Path(path)
    try:
        con = _connect_read_only(path)
        try:
            con.text_factory = bytes  # a damaged file can return messages that are not UTF-8
            rows = con.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    messages = [bytes(r[0]).decode("utf-8", errors="replace") if isinstance(r[0], bytes) else str(r[0])
                for r in rows]
    return [] if messages == ["ok"] else messages


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


def _inspect_existing(path: Path) -> str:
    """Check an existing file without changing it or creating anything beside it; return its schema revision.

    Raises NotAWorkspaceError (empty file, not SQLite, another program's database), CorruptWorkspaceError."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise ReadOnlyWorkspaceError(path=str(path)) from exc
    if not header:
        raise EmptyFileError(path=str(path))
    if header != SQLITE_MAGIC:
        raise NotAWorkspaceError(path=str(path))
    with _no_leftovers(path):
        try:
            con = _connect_read_only(path)
        except sqlite3.Error as exc:
            raise CorruptWorkspaceError(path=str(path)) from exc
        try:
            con.text_factory = bytes  # quick_check of a damaged file can return text that is not UTF-8
            try:
                (app_id,) = con.execute("PRAGMA application_id").fetchone()
                check = con.execute("PRAGMA quick_check").fetchone()[0]
                tables = {bytes(r[0]).decode("utf-8", "replace")
                          for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if check != b"ok":
                    raise CorruptWorkspaceError(path=str(path))
                if app_id != APPLICATION_ID or "alembic_version" not in tables:
                    raise NotAWorkspaceError(path=str(path))
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.Error as exc:
                raise CorruptWorkspaceError(path=str(path)) from exc
            if row is None:
                raise NotAWorkspaceError(path=str(path))
            return bytes(row[0]).decode("utf-8", "replace")
        finally:
            con.close()


def _writable(path: Path) -> bool:
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK)


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
    """An open workspace: engine, session factory and, for a file, the lock that keeps other processes out.

    ``read_only``: opened from a location that cannot be written to; services refuse to write.
    ``is_server``: a team workspace on a PostgreSQL server (store/server.py); ``path`` is then None.
    ``location``: what the user sees (the file path, or ``database on host:port``); ``key``: a stable identity
    for per-person settings and the recent list (the resolved path, or the server URL without password).
    ``member_id``: who I am on this workspace (set by the UI in team mode); the activity log records it."""

    def __init__(self, path: Path | None, engine: Engine, lock: FileLock | None, migrated_from: str | None,
                 backup: Path | None, read_only: bool = False, *, location: str | None = None,
                 key: str | None = None, is_server: bool = False, address: Any = None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.migrated_from = migrated_from
        self.backup = backup
        self.read_only = read_only
        self.is_server = is_server
        self.address = address
        self.location = location if location is not None else str(path)
        self.key = key if key is not None else str(path)
        self.member_id: int | None = None
        self.session_factory = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return str(self.engine.dialect.name)

    def file_path(self) -> Path:
        """The workspace file; raises ServerWorkspaceError for a team workspace (features that work on files)."""
        if self.path is None:
            raise ServerWorkspaceError(location=self.location)
        return self.path

    def session(self) -> Session:
        return self.session_factory()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back everything on any error."""
        if self.read_only:
            raise WorkspaceIsReadOnlyError()
        with self.session_factory() as session, session.begin():
            yield session

    def schema_revision(self) -> str:
        with self.engine.connect() as con:
            revision: str = con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
            return revision

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workspace(target: Path | str, *, create: bool = True, lock: bool = True,
                   password: str | None = None) -> Workspace:
    """Open (creating or migrating as needed) the workspace at ``target``: a file path, or a ``postgresql://`` URL
    for a team workspace on a server (see store/server.py; ``password`` is used there only).

    Never creates over an existing file, whatever its size. Raises a WorkspaceError subclass, without modifying
    the file or creating anything beside it, when it is not a PartnerDesk workspace (an empty file included),
    is corrupt, has a newer schema or is open in another process. A workspace in a read-only location opens
    read-only (``Workspace.read_only``) or, when SQLite cannot read it there, raises ReadOnlyWorkspaceError.
    """
    from partnerdesk.store.targets import is_server_url

    if is_server_url(target):
        from partnerdesk.store.server import open_server_workspace

        return open_server_workspace(str(target), create=create, password=password)
    path = Path(target).expanduser().resolve()
    if path.is_dir():
        raise NotAWorkspaceError(path=str(path))
    exists = path.exists()
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
    if exists and not _writable(path):
        if revision != head:
            raise MigrationNeedsWriteError(path=str(path))
        return _open_read_only(path)
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReadOnlyWorkspaceError(path=str(path)) from exc
    if not _writable(path):
        raise ReadOnlyWorkspaceError(path=str(path))

    file_lock = None
    if lock:
        file_lock = FileLock(path.with_name(path.name + ".lock"))
        try:
            acquired = file_lock.acquire()
        except OSError as exc:
            raise ReadOnlyWorkspaceError(path=str(path)) from exc
        if not acquired:
            raise WorkspaceLockedError(path=str(path))
    try:
        backup = None
        if revision is not None and revision != head:
            backup = _backup_before_migration(path, revision)
        if not exists and path.exists():  # created by someone else meanwhile: never write over it
            raise NotAWorkspaceError(path=str(path))
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


def _backup_before_migration(path: Path, revision: str | None) -> Path:
    """A verified snapshot in the workspace's backup folder (see store/backup.py); beside the file, named after the
    app version that wrote it ("workspace.before-0.1.0-<date>.pdk"), if that folder cannot be written."""
    from partnerdesk.store import backup as backups

    try:
        return backups.snapshot_file(path, backups.Reason.MIGRATION)
    except backups.BackupError:
        return backup_file(path, upgrade_copy_reason(revision))


def _open_read_only(path: Path) -> Workspace:
    engine = make_engine(path, read_only=True)
    try:
        with _no_leftovers(path), engine.connect() as con:
            con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
    except Exception as exc:  # noqa: BLE001 - any failure here means SQLite cannot read it in place
        engine.dispose()
        raise ReadOnlyUnreadableError(path=str(path)) from exc
    return Workspace(path, engine, None, None, None, read_only=True)
