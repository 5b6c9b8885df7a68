"""Backups with SQLite's online backup API: a copy on demand, and rolling snapshots kept per workspace.

Snapshots live in ``<data folder>/backups/<workspace name>-<8 hex digits of its path>/`` as
``YYYYMMDD-HHMMSS-<reason>.pdk`` (UTC). Each is written to a temporary name, checked with ``integrity_check`` and
only then renamed into place. The copy holds the source's pages exactly, so this one check is also the check of
the workspace before its backup: a damaged workspace never pushes a good snapshot out of the rotation. :func:`prune` keeps the newest automatic snapshot of each of the last 7 days and of each of the
last 4 weeks, the last 5 taken before imports, the last 3 before migrations and before restores, and every manual
one (:class:`Retention`).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_
from partnerdesk.store.paths import data_dir, same_path
from partnerdesk.store.workspace import Workspace


class BackupError(PartnerDeskError):
    template = N_("The backup could not be written to “{path}”. Nothing was changed.")


class DamagedSourceError(BackupError):
    template = N_("The workspace “{path}” failed its integrity check, so no backup was made from it (the "
                  "existing backups were kept). Restore it from the latest good backup.")


class Reason(enum.StrEnum):
    AUTOMATIC = "auto"  # at open when the last is older than a day, and every few hours of use
    IMPORT = "import"  # before an import of more than 100 records
    MIGRATION = "migration"  # before the workspace is updated to a newer schema
    RESTORE = "restore"  # the current file, before a backup replaces it
    MANUAL = "manual"


@dataclass(frozen=True)
class Retention:
    daily: int = 7
    weekly: int = 4
    pre_import: int = 5
    migration: int = 3
    restore: int = 3


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: dt.datetime  # aware, UTC
    reason: Reason
    size: int


_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z]+)\.pdk$")


def backup_folder(workspace_path: Path | str) -> Path:
    """Where the snapshots of the workspace at ``workspace_path`` are kept."""
    path = Path(workspace_path).expanduser().resolve()
    digest = hashlib.sha1(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return data_dir() / "backups" / f"{path.stem}-{digest}"


def list_snapshots(workspace_path: Path | str) -> list[Snapshot]:
    """The workspace's snapshots, newest first."""
    folder = backup_folder(workspace_path)
    found: list[Snapshot] = []
    if not folder.is_dir():
        return found
    for file in folder.iterdir():
        match = _NAME.match(file.name)
        if match is None:
            continue
        try:
            reason = Reason(match.group("reason"))
            taken = dt.datetime.strptime(match.group("stamp"), "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
            size = file.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(Snapshot(file, taken, reason, size))
    found.sort(key=lambda snap: (snap.taken_at, snap.path.name), reverse=True)
    return found


def latest_automatic(workspace_path: Path | str) -> Snapshot | None:
    return next((s for s in list_snapshots(workspace_path) if s.reason == Reason.AUTOMATIC), None)


def is_due(workspace_path: Path | str, every: dt.timedelta, now: dt.datetime | None = None) -> bool:
    """True when the newest automatic snapshot is older than ``every`` (or there is none)."""
    latest = latest_automatic(workspace_path)
    now = now or dt.datetime.now(dt.UTC)
    return latest is None or now - latest.taken_at >= every


def _check(con: sqlite3.Connection) -> list[str]:
    con.text_factory = bytes
    rows = con.execute("PRAGMA integrity_check(20)").fetchall()
    messages = [bytes(r[0]).decode("utf-8", "replace") for r in rows]
    return [] if messages == ["ok"] else messages


def _target(folder: Path, reason: Reason, now: dt.datetime) -> Path:
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}-{reason.value}.pdk"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stamp}-{n}-{reason.value}.pdk"
    return target


def _write(source: sqlite3.Connection, source_name: Path, reason: Reason, folder: Path,
           now: dt.datetime | None) -> Path:
    """Copy ``source`` page by page into a temporary file, run the full integrity check on the copy, rename it
    into place. The copy holds exactly the source's pages, so a failed check means the source is damaged: no
    snapshot is kept (one check instead of two, on a file nobody else is using)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(path=str(folder)) from exc
    target = _target(folder, reason, now or dt.datetime.now(dt.UTC))
    tmp = target.with_name(target.name + ".part")
    try:
        with closing(sqlite3.connect(tmp)) as dst:
            source.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            damaged = bool(_check(dst))
        if damaged:
            tmp.unlink(missing_ok=True)
            raise DamagedSourceError(path=str(source_name))
        os.replace(tmp, target)
    except sqlite3.DatabaseError as exc:  # the source could not even be read page by page
        tmp.unlink(missing_ok=True)
        raise DamagedSourceError(path=str(source_name)) from exc
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(path=str(target)) from exc
    return target


def snapshot_workspace(ws: Workspace, reason: Reason, *, now: dt.datetime | None = None,
                       retention: Retention | None = None) -> Path:
    """A verified snapshot of the open workspace (consistent while it is in use), then the rotation.

    A team workspace on a server has no file to snapshot: ServerWorkspaceError (the server is backed up with
    pg_dump)."""
    path = ws.file_path()
    raw = ws.engine.raw_connection()
    try:
        target = _write(raw.driver_connection, path, reason,  # type: ignore[arg-type]
                        backup_folder(path), now)
    finally:
        raw.close()
    prune(path, retention or Retention(), now=now)
    return target


def snapshot_file(path: Path | str, reason: Reason, *, now: dt.datetime | None = None) -> Path:
    """A verified snapshot of a workspace file that is not open here (before a migration)."""
    path = Path(path).expanduser().resolve()
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedSourceError(path=str(path)) from exc
    try:
        target = _write(source, path, reason, backup_folder(path), now)
    finally:
        source.close()
    prune(path, Retention(), now=now)
    return target


def _keep(snapshots: list[Snapshot], retention: Retention, now: dt.datetime) -> set[Path]:
    keep: set[Path] = set()
    automatic = [s for s in snapshots if s.reason == Reason.AUTOMATIC]  # newest first
    days: dict[dt.date, Path] = {}
    weeks: dict[tuple[int, int], Path] = {}
    for snap in automatic:
        local = snap.taken_at.astimezone()
        days.setdefault(local.date(), snap.path)
        weeks.setdefault(tuple(local.isocalendar())[:2], snap.path)  # type: ignore[arg-type]
    keep.update(list(days.values())[:retention.daily])
    keep.update(list(weeks.values())[:retention.weekly])
    for reason, count in ((Reason.IMPORT, retention.pre_import), (Reason.MIGRATION, retention.migration),
                          (Reason.RESTORE, retention.restore)):
        keep.update(s.path for s in [s for s in snapshots if s.reason == reason][:count])
    keep.update(s.path for s in snapshots if s.reason == Reason.MANUAL)
    return keep


def prune(workspace_path: Path | str, retention: Retention, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the snapshots the retention rules no longer keep; return them."""
    snapshots = list_snapshots(workspace_path)
    keep = _keep(snapshots, retention, now or dt.datetime.now(dt.UTC))
    removed: list[Path] = []
    for snap in snapshots:
        if snap.path not in keep:
            try:
                snap.path.unlink()
                removed.append(snap.path)
            except OSError:
                pass
    return removed


def snapshot_counts(snapshot: Path) -> dict[str, int]:
    """Partners, work items (cards) and contacts in a snapshot ({} when it cannot be read)."""
    counts: dict[str, int] = {}
    try:
        with closing(sqlite3.connect(f"file:{snapshot}?mode=ro&immutable=1", uri=True)) as con:
            for key, table in (("partner", "partners"), ("work_item", "work_items"), ("contact", "contacts")):
                counts[key] = int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return {}
    return counts


def verify_snapshot(snapshot: Path) -> bool:
    try:
        with closing(sqlite3.connect(f"file:{snapshot}?mode=ro&immutable=1", uri=True)) as con:
            return not _check(con)
    except sqlite3.Error:
        return False


def iter_side_files(path: Path) -> Iterator[Path]:
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            yield side


def backup_workspace(ws: Workspace, target: Path | str) -> Path:
    """Write a consistent copy of ``ws`` to ``target`` (a temporary file is renamed into place)."""
    source = ws.file_path()
    target = Path(target).expanduser().resolve()
    if same_path(target, source.resolve()):  # C:\Work\A.pdk is c:\work\a.pdk on Windows
        raise BackupError(N_("A backup cannot replace the open workspace itself. Choose another file name."),
                          path=str(target))
    tmp = target.with_name(target.name + ".part")
    try:
        raw = ws.engine.raw_connection()
        try:
            dst = sqlite3.connect(tmp)
            try:
                raw.driver_connection.backup(dst)  # type: ignore[union-attr]
            finally:
                dst.close()
        finally:
            raw.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(path=str(target)) from exc
    return target
