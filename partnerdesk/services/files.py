"""Files the user asks for (packets, .ics exports): safe names, and writing completely or not at all."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
# Device names Windows reserves in every folder, whatever the extension ("NUL.pdf" is the null device);
# Windows 11 also reserves COM¹²³ and LPT¹²³.
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


class FileWriteError(PartnerDeskError):
    template = N_("“{path}” could not be written: {reason}")


def safe_file_name(text: str, fallback: str, limit: int = 120) -> str:
    """A file name that works on Windows, macOS and Linux (letters of every script are kept)."""
    name = " ".join(_UNSAFE.sub("_", text).split()).strip(" .")
    name = name[:limit].rstrip(" .") or fallback
    if name.split(".")[0].rstrip(" ").upper() in _RESERVED:
        name = "_" + name
    return name


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
    the target (an existing file stays intact until the new one is complete). Raises FileWriteError."""
    mode = _mode_for(path)
    try:  # a missing or read-only folder fails here, with the same clear error
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:40]}-", suffix=".part")
    except OSError as exc:
        raise FileWriteError(path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise FileWriteError(path=str(path), reason=exc.strerror or str(exc)) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
