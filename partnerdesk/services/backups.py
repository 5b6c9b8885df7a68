"""Backups as use cases: what snapshots exist (with what they hold), automatic snapshots, and restoring one.

Restoring replaces the workspace file with a verified snapshot, after snapshotting the current file (or, when
the current file is too damaged for SQLite to copy, keeping its bytes beside the snapshots). The workspace must
be closed by the caller; the restore takes the workspace lock itself, so no other PartnerDesk can have it open.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_
from partnerdesk.store import backup as store
from partnerdesk.store.backup import BackupError, Reason, Snapshot
from partnerdesk.store.workspace import FileLock, Workspace, WorkspaceLockedError

#: Automatic snapshots: at open when the newest is older than a day, then every few hours of use.
DAILY = dt.timedelta(days=1)
EVERY = dt.timedelta(hours=3)
#: Imports bigger than this are preceded by a snapshot.
BIG_IMPORT = 100


class RestoreError(PartnerDeskError):
    template = N_("The backup “{name}” could not be restored: {reason} The workspace was left as it was.")


@dataclass(frozen=True)
class BackupInfo:
    snapshot: Snapshot
    partners: int | None
    work_items: int | None
    contacts: int | None

    @property
    def path(self) -> Path:
        return self.snapshot.path


def list_backups(workspace_path: Path | str) -> list[BackupInfo]:
    """Every snapshot of the workspace, newest first, with its counts (None when it cannot be read)."""
    out: list[BackupInfo] = []
    for snap in store.list_snapshots(workspace_path):
        counts = store.snapshot_counts(snap.path)
        out.append(BackupInfo(snap, counts.get("partner"), counts.get("work_item"), counts.get("contact")))
    return out


def create_backup(ws: Workspace, reason: Reason = Reason.MANUAL) -> Path:
    return store.snapshot_workspace(ws, reason)


def automatic_backup(ws: Workspace, every: dt.timedelta = DAILY) -> Path | None:
    """A snapshot when the newest automatic one is older than ``every``; None when none was due."""
    if ws.path is None or not store.is_due(ws.path, every):  # a server is backed up with pg_dump, not here
        return None
    return store.snapshot_workspace(ws, Reason.AUTOMATIC)


def before_import(ws: Workspace, count: int) -> Path | None:
    """The snapshot taken before an import of more than BIG_IMPORT records."""
    if count <= BIG_IMPORT or ws.read_only or ws.is_server:
        return None
    return store.snapshot_workspace(ws, Reason.IMPORT)


def latest_good_backup(workspace_path: Path | str) -> Snapshot | None:
    for snap in store.list_snapshots(workspace_path):
        if store.verify_snapshot(snap.path):
            return snap
    return None


def restore_backup(workspace_path: Path | str, snapshot: Path | str) -> Path:
    """Replace the (closed) workspace file with ``snapshot``; returns where the current file was saved first.

    Raises RestoreError (the snapshot is damaged or cannot be copied) or WorkspaceLockedError; in both cases
    the workspace file is unchanged."""
    path = Path(workspace_path).expanduser().resolve()
    snapshot = Path(snapshot).expanduser().resolve()
    if not store.verify_snapshot(snapshot):
        raise RestoreError(name=snapshot.name, reason=_reason(N_("it failed its integrity check.")))
    lock = FileLock(path.with_name(path.name + ".lock"))
    try:
        acquired = lock.acquire()
    except OSError as exc:
        raise RestoreError(name=snapshot.name, reason=_reason(N_("the workspace folder cannot be written to."))) \
            from exc
    if not acquired:
        raise WorkspaceLockedError(path=str(path))
    try:
        saved = _save_current(path)
        tmp = path.with_name(path.name + ".restoring")
        try:
            with closing(sqlite3.connect(f"file:{snapshot}?mode=ro&immutable=1", uri=True)) as src, \
                    closing(sqlite3.connect(tmp)) as dst:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            for side in store.iter_side_files(path):  # a stale log must never be applied to the restored file
                side.unlink()
            os.replace(tmp, path)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise RestoreError(name=snapshot.name, reason=_reason(N_("it could not be copied into place."))) \
                from exc
        return saved
    finally:
        lock.release()


def _save_current(path: Path) -> Path:
    """The current file, kept before it is replaced: a verified snapshot, or its raw bytes when damaged."""
    if not path.exists():
        return path
    try:
        return store.snapshot_file(path, Reason.RESTORE)
    except BackupError:
        folder = store.backup_folder(path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        target = folder / f"damaged-{stamp}-{path.name}"
        shutil.copy2(path, target)
        for side in store.iter_side_files(path):
            shutil.copy2(side, folder / f"damaged-{stamp}-{side.name}")
        return target


def _reason(text: str) -> str:
    from partnerdesk.l10n import _

    return _(text)
