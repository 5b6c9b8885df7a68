"""Starting PartnerDesk's real entry points as processes, the way users do, and watching them from outside.

Offscreen by default (``make test``); on a real X server when ``PARTNERDESK_LAUNCH_ON_X=1`` and ``DISPLAY`` are
set (``.ci/run`` runs this folder under Xvfb), where the main window must also be mapped (``xwininfo``).
The app reports its start-up events to the file named by ``PARTNERDESK_STARTUP_TRACE`` (ui/startup_trace.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ON_X = os.environ.get("PARTNERDESK_LAUNCH_ON_X") == "1" and bool(os.environ.get("DISPLAY"))
STAY_UP_S = 2.0  # the window must still be there this long after it showed its content


def entry_point(name: str) -> list[str]:
    """``partnerdesk`` (the installed console script) or ``python -m partnerdesk``."""
    if name == "script":
        return [str(BIN / "partnerdesk")]
    return [sys.executable, "-m", "partnerdesk"]


@dataclass
class Launch:
    """One running PartnerDesk process and its start-up trace."""

    home: Path
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None
    stdout: str = ""
    stderr: str = ""

    @property
    def trace_path(self) -> Path:
        return self.home / "startup-trace.txt"

    def start(self) -> Launch:
        self.trace_path.unlink(missing_ok=True)  # one trace per launch
        self.process = subprocess.Popen(self.argv, env=self.env, cwd=self.home, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        return self

    def events(self) -> dict[str, str]:
        """event → detail, first occurrence of each."""
        found: dict[str, str] = {}
        if self.trace_path.exists():
            for line in self.trace_path.read_text(encoding="utf-8").splitlines():
                name, _, rest = line.partition(" ")
                _stamp, _, detail = rest.partition(" ")
                found.setdefault(name, detail)
        return found

    def wait_for(self, *names: str, timeout: float = 60.0) -> tuple[str, str]:
        """Wait until one of ``names`` is in the trace; fail if the process ends first."""
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            events = self.events()
            for name in names:
                if name in events:
                    return name, events[name]
            if self.process.poll() is not None:
                self.communicate()
                raise AssertionError(f"PartnerDesk exited with {self.process.returncode} before {names}:\n"
                                     f"{self.stderr[-3000:]}")
            time.sleep(0.05)
        raise AssertionError(f"no {names} within {timeout} s; trace: {self.events()}")

    def stays_up(self, seconds: float = STAY_UP_S) -> None:
        assert self.process is not None
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            assert self.process.poll() is None, f"PartnerDesk exited early: {self.communicate()[1][-3000:]}"
            time.sleep(0.1)
        if ON_X:
            assert self.mapped_window_titles(), "no PartnerDesk window is mapped on the X server"

    def mapped_window_titles(self) -> list[str]:
        """Titles of mapped top-level windows of class PartnerDesk (xwininfo, as a desktop would see them)."""
        tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, timeout=10).stdout
        titles = []
        for line in tree.splitlines():
            if ' "PartnerDesk")' not in line:  # WM_CLASS (instance, class)
                continue
            window_id = line.split()[0]
            info = subprocess.run(["xwininfo", "-id", window_id], capture_output=True, text=True, timeout=10).stdout
            if "Map State: IsViewable" in info:
                titles.append(line.strip())
        return titles

    def close(self, timeout: float = 30.0) -> int:
        """Close the window as a session logout does (SIGTERM → the window's close); returns the exit status."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.communicate(timeout)
        return self.process.returncode

    def communicate(self, timeout: float = 30.0) -> tuple[str, str]:
        assert self.process is not None
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        self.stdout += out or ""
        self.stderr += err or ""
        return self.stdout, self.stderr

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.communicate()


def isolated_env(home: Path, *, dialog: bool = False) -> dict[str, str]:
    """A user with an empty home: own data, config and cache folders; English unless the test says."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PARTNERDESK_", "XDG_", "QT_")) and key not in {"HOME", "LANG", "LANGUAGE"}}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), LANG="C.UTF-8", LANGUAGE="en",
               PARTNERDESK_STARTUP_TRACE=str(home / "startup-trace.txt"), PYTHONPATH=str(ROOT))
    if not dialog:
        env["PARTNERDESK_NO_CRASH_DIALOG"] = "1"
    if not ON_X:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def launch(home: Path, entry: str, args: Sequence[str] = (), *, dialog: bool = False) -> Launch:
    home.mkdir(parents=True, exist_ok=True)
    return Launch(home, entry_point(entry) + list(args), isolated_env(home, dialog=dialog)).start()


# -- a driver: the real `partnerdesk` main() with a scripted user in the same process --------------------------

DRIVER = r'''
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import partnerdesk.ui.app as ui_app

_create = ui_app.create_application
_state = {"started": False}

def _window():
    from partnerdesk.ui.main_window import MainWindow
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None

def _poll():
    window = _window()
    if window is None or not window.views:
        QTimer.singleShot(50, _poll)
        return
    user(window, QApplication.instance())

def create_application(argv=None):
    app = _create(argv)
    if not _state["started"]:
        _state["started"] = True
        QTimer.singleShot(0, _poll)
    return app

ui_app.create_application = create_application

{user}

from partnerdesk.cli import main
raise SystemExit(main(sys.argv[1:]))
'''


def drive(home: Path, user_code: str, args: Sequence[str] = (), *, dialog: bool = False) -> Launch:
    """Run the real `partnerdesk` main() with ``user_code`` (defining ``user(window, app)``) called once the
    window shows its first view: the user's actions go through the running event loop."""
    home.mkdir(parents=True, exist_ok=True)
    code = DRIVER.replace("{user}", user_code)
    return Launch(home, [sys.executable, "-c", code, *args], isolated_env(home, dialog=dialog)).start()


def tracebacks(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "Traceback" in line or "Error:" in line]
