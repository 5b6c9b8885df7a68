"""Copying an open workspace to another file with SQLite's online backup (consistent while in use)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_
from partnerdesk.store.paths import same_path
from partnerdesk.store.workspace import Workspace


class BackupError(PartnerDeskError):
    template = N_("The backup could not be written to “{path}”. Nothing was changed.")


def backup_workspace(ws: Workspace, target: Path | str) -> Path:
    """Write a consistent copy of ``ws`` to ``target`` (a temporary file is renamed into place)."""
    target = Path(target).expanduser().resolve()
    if same_path(target, Path(ws.path).resolve()):  # C:\Work\A.pdk is c:\work\a.pdk on Windows
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
