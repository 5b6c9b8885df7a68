"""Files of the .ics dialogs: default names, the last folder used, and writing a file completely or not at all."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_, _

ICS_SUFFIX = ".ics"
SETTINGS_KEY = "files/ics_folder"
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


class IcsWriteError(PartnerDeskError):
    template = N_("“{path}” could not be written: {reason}")


def ics_filter() -> str:
    return _("iCalendar files ({pattern})").format(pattern="*.ics") + ";;" + _("All files ({pattern})").format(
        pattern="*")


def safe_file_name(text: str, limit: int = 120) -> str:
    """A file name every desktop system accepts, keeping letters of any script."""
    name = " ".join(_UNSAFE.sub("_", text).split()).strip(" .")
    return name[:limit].rstrip(" .") or "events"


def default_export_name(partner: str | None = None, start: dt.date | None = None,
                        end: dt.date | None = None) -> str:
    """“Events – Loja Azul.ics”, “Events 2026-03-01 – 2026-05-31.ics” or “PartnerDesk events.ics”, translated."""
    if partner:
        title = _("Events – {partner}").format(partner=partner)
    elif start is not None and end is not None:
        title = _("Events {start} – {end}").format(start=start.isoformat(), end=end.isoformat())
    else:
        title = _("PartnerDesk events")
    return safe_file_name(title) + ICS_SUFFIX


def with_ics_suffix(path: Path) -> Path:
    return path if path.suffix else path.with_suffix(ICS_SUFFIX)


def dialog_folder(settings: Any, workspace_path: str | os.PathLike[str] | None) -> Path:
    """The folder the last .ics was read from or written to; else the workspace's folder; else home."""
    last = settings.value(SETTINGS_KEY, "", type=str)
    if last and Path(last).is_dir():
        return Path(last)
    if workspace_path:
        return Path(workspace_path).parent
    return Path.home()


def remember_folder(settings: Any, path: Path) -> None:
    settings.setValue(SETTINGS_KEY, str(path.parent))


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions; a new one gets the usual ones (not mkstemp's owner-only 0600)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``path`` completely or not at all: a temporary file in the same folder, flushed, then renamed over
    the target (an existing file stays intact until the new one is complete)."""
    mode = _mode_for(path)
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:40]}-", suffix=".part")
    except OSError as exc:
        raise IcsWriteError(path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise IcsWriteError(path=str(path), reason=exc.strerror or str(exc)) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
