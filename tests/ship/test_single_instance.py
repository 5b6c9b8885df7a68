"""One running window: a second launch hands its workspace over (QLocalServer) and exits."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from partnerdesk.ui.single_instance import InstanceServer, hand_over, server_name

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def running(qtbot, isolated_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The first PartnerDesk: a main window on a workspace, listening like run_gui makes it."""
    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.jobs import wait_for_all

    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / f"data-{uuid.uuid4().hex[:8]}"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))
    win = build_main_window(tmp_path / "first.pdk", "en")
    qtbot.addWidget(win)
    server = InstanceServer(win)
    assert server.listen()
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.context.workspace is not None)
    yield win
    server.close()
    wait_for_all(10_000)
    win.close()
    if win.context.workspace is not None:
        win.context.workspace.close()


def _second_launch(args: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PARTNERDESK_NO_CRASH_DIALOG="1")
    return subprocess.Popen([sys.executable, "-m", "partnerdesk", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_second_launch_with_another_workspace_opens_it_in_the_running_window(running, qtbot,  # type: ignore[no-untyped-def]
                                                                              tmp_path: Path) -> None:
    from partnerdesk.store.workspace import open_workspace

    other = tmp_path / "second.pdk"
    open_workspace(other, create=True).close()
    proc = _second_launch(["--db", str(other)])
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    qtbot.waitUntil(lambda: Path(running.context.workspace.path) == other.resolve())


def test_second_launch_with_the_open_workspace_keeps_it(running, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    same = Path(running.context.workspace.path)
    opened: list[str] = []
    running.workspace_opened.connect(opened.append)
    running.showMinimized()
    qtbot.waitUntil(running.isMinimized)
    proc = _second_launch(["--db", str(same)])
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    assert proc.returncode == 0
    qtbot.waitUntil(lambda: not running.isMinimized())  # brought back to the front
    assert Path(running.context.workspace.path) == same and opened == []  # not reopened


def test_without_a_running_partnerdesk_nothing_is_handed_over(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert hand_over(tmp_path / "x.pdk", name=f"PartnerDesk-test-{uuid.uuid4().hex}") is False


def test_server_name_differs_per_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path / "a"))
    first = server_name()
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path / "b"))
    assert server_name() != first and first.startswith("PartnerDesk-")
