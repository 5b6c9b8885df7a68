"""Where PartnerDesk keeps its files by default (platform user data dir)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_DIR_NAME = "PartnerDesk"


def data_dir() -> Path:
    override = os.environ.get("PARTNERDESK_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_workspace_path() -> Path:
    return data_dir() / "workspace.pdk"


def log_dir() -> Path:
    override = os.environ.get("PARTNERDESK_DATA_DIR")
    return Path(override) / "logs" if override else Path(user_log_dir(APP_DIR_NAME, appauthor=False))


def documents_dir() -> Path:
    """The user's Documents folder (Windows' known folder, macOS ~/Documents, XDG_DOCUMENTS_DIR on Linux),
    where file dialogs start when there is no better place; the home folder if it does not exist."""
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def case_insensitive_fs(platform: str | None = None) -> bool:
    """Whether the user's file system usually ignores case: NTFS on Windows and APFS/HFS+ on macOS do by
    default; Linux file systems do not."""
    return (platform or sys.platform) in ("win32", "darwin", "cygwin")


def same_path(a: str | os.PathLike[str], b: str | os.PathLike[str], platform: str | None = None) -> bool:
    """Whether two paths name the same file: the same inode when both exist; otherwise the same absolute path,
    ignoring case where the file system does (``C:\\Work\\A.pdk`` is ``c:\\work\\a.pdk`` on Windows)."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    left, right = os.path.abspath(os.fspath(a)), os.path.abspath(os.fspath(b))
    if case_insensitive_fs(platform):
        return os.path.normcase(left).casefold() == os.path.normcase(right).casefold()
    return left == right
