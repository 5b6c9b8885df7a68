"""Files of the .ics dialogs: default names, the last folder used, and writing a file completely or not at all."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from partnerdesk.l10n import _
from partnerdesk.services import files
from partnerdesk.services.files import FileWriteError, write_atomically  # noqa: F401 - re-exported for the dialogs
from partnerdesk.store.paths import documents_dir

ICS_SUFFIX = ".ics"
SETTINGS_KEY = "files/ics_folder"


IcsWriteError = FileWriteError  # the name the dialogs and tests know


def ics_filter() -> str:
    return _("iCalendar files ({pattern})").format(pattern="*.ics") + ";;" + _("All files ({pattern})").format(
        pattern="*")


def safe_file_name(text: str) -> str:
    """A file name every desktop system accepts, keeping letters of any script."""
    return files.safe_file_name(text, "events")


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
    return documents_dir()


def remember_folder(settings: Any, path: Path) -> None:
    settings.setValue(SETTINGS_KEY, str(path.parent))
