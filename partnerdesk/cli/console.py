"""Command-line output that reaches the user on every OS.

- A windowed Windows executable (PartnerDesk.exe, built with console=False) starts with ``sys.stdout`` and
  ``sys.stderr`` set to None: ``--version`` or ``info`` would print nothing. When it was started from a console
  (cmd, PowerShell), attach to that console and write there; otherwise keep the output in a null sink so
  nothing fails. The console build, ``partnerdesk-cli.exe``, never needs this.
- Output redirected to a file or a pipe under a legacy code page (cp1252, cp932) cannot encode Japanese,
  Greek or Arabic and raises UnicodeEncodeError: such streams are switched to UTF-8. A terminal that cannot
  show a character gets a replacement character instead of a traceback.
"""

from __future__ import annotations

import codecs
import ctypes
import io
import os
import sys
from typing import TextIO

ATTACH_PARENT_PROCESS = -1


def _attach_parent_console() -> bool:
    """Windows: attach to the console of the process that started us (cmd.exe, PowerShell)."""
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return False
    try:
        return bool(windll.kernel32.AttachConsole(ATTACH_PARENT_PROCESS))
    except (AttributeError, OSError):
        return False


def _open_console(name: str) -> TextIO | None:
    try:
        return open(name, "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115 - lives as long as the process
    except OSError:
        return None


def _is_utf(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _fix_encoding(stream: TextIO) -> None:
    if _is_utf(stream) or not isinstance(stream, io.TextIOWrapper):
        return
    try:
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:  # a file or a pipe: write every script, as UTF-8
            stream.reconfigure(encoding="utf-8", errors="replace")
    except (ValueError, OSError):
        pass


def prepare_streams() -> None:
    """Make ``sys.stdout``/``sys.stderr`` usable for CLI output (call first thing in ``main``)."""
    if sys.stdout is None or sys.stderr is None:
        console = _attach_parent_console()
        for name in ("stdout", "stderr"):
            if getattr(sys, name) is None:
                stream = _open_console("CONOUT$") if console else None
                setattr(sys, name, stream or open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        _fix_encoding(stream)
