"""CLI output reaches the user: a windowed Windows exe (no stdout) and legacy code pages (cp1252, cp932)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnerdesk import __version__
from partnerdesk.cli import console, main

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], encoding: str, tmp_path: Path) -> tuple[int, bytes, bytes]:
    env = dict(os.environ, PYTHONIOENCODING=encoding, PYTHONUTF8="0", QT_QPA_PLATFORM="offscreen",
               PARTNERDESK_DATA_DIR=str(tmp_path / "data"))
    out = tmp_path / "out.txt"
    with out.open("wb") as fh:
        proc = subprocess.run([sys.executable, "-m", "partnerdesk", *args], cwd=ROOT, env=env, stdout=fh,
                              stderr=subprocess.PIPE, timeout=60)
    return proc.returncode, out.read_bytes(), proc.stderr


@pytest.mark.parametrize("code_page", ["cp1252", "cp932", "ascii"])
def test_japanese_help_redirected_under_a_legacy_code_page(tmp_path: Path, code_page: str) -> None:
    rc, out, err = _run(["--lang", "ja", "--help"], code_page, tmp_path)
    assert rc == 0, err.decode("utf-8", "replace")
    assert b"Traceback" not in err
    text = out.decode("utf-8")  # redirected output is written as UTF-8, every script intact
    assert "ワークスペース" in text or "言語" in text, text[:400]


def test_arabic_error_message_on_a_cp1252_stderr(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PYTHONUTF8="0", PARTNERDESK_DATA_DIR=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "partnerdesk", "--lang", "ar", "info", "--db",
                           str(tmp_path / "missing" / "nothing.pdk")],
                          cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")


def test_windowed_exe_writes_to_the_console_it_was_started_from(monkeypatch: pytest.MonkeyPatch) -> None:
    """PartnerDesk.exe (console=False) starts with sys.stdout = sys.stderr = None."""
    attached = io.StringIO()
    opened: list[str] = []
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(console, "_attach_parent_console", lambda: True)
    monkeypatch.setattr(console, "_open_console", lambda name: opened.append(name) or attached)
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert opened == ["CONOUT$", "CONOUT$"]
    assert f"PartnerDesk {__version__}" in attached.getvalue()


def test_windowed_exe_without_a_console_does_not_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """Started from Explorer with a CLI argument: nothing to attach to, output is dropped, no crash."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(console, "_attach_parent_console", lambda: False)
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert sys.stdout is not None and sys.stdout.name == os.devnull


def test_attach_asks_windows_for_the_parent_console(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    calls: list[int] = []

    class Kernel32:
        def AttachConsole(self, pid: int) -> int:  # noqa: N802 - Windows API
            calls.append(pid)
            return 1

    monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": Kernel32()})(), raising=False)
    assert console._attach_parent_console() is True
    assert calls == [-1]  # ATTACH_PARENT_PROCESS
