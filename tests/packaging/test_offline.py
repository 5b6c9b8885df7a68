"""PartnerDesk never talks to the network: the main flows run with every outgoing connection blocked."""

from __future__ import annotations

import importlib
import importlib.util
import json
import socket
from pathlib import Path

import pytest

from partnerdesk.ui.views_registry import VIEWS


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def blocked_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every outgoing connection or name lookup raise, and record it."""
    attempts: list[str] = []

    def refuse(what: str):  # type: ignore[no-untyped-def]
        def _refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
            target = args[1] if what == "connect" and len(args) > 1 else (args[0] if args else kwargs)
            attempts.append(f"{what}: {target!r}")
            raise NetworkAttempt(f"network access attempted: {what} {target!r}")

        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def test_the_guard_catches_connections(blocked_network: list[str]) -> None:
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("example.org", 443), timeout=1)
    with socket.socket() as sock, pytest.raises(NetworkAttempt):
        sock.connect(("93.184.216.34", 80))
    assert len(blocked_network) == 2


def test_cli_info_and_workspace_stay_offline(blocked_network: list[str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from partnerdesk.cli import main
    from partnerdesk.store.workspace import open_workspace

    db = tmp_path / "offline.pdk"
    ws = open_workspace(db)
    if _module_exists("partnerdesk.services.demo"):
        importlib.import_module("partnerdesk.services.demo").populate_demo(ws)
    ws.close()
    assert main(["info", "--db", str(db), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["schema_version"]
    assert blocked_network == []


def test_packet_build_stays_offline(blocked_network: list[str], tmp_path: Path) -> None:
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.workspace import open_workspace
    from partnerdesk.ui.smoke import build_packet_pdf

    ws = open_workspace(tmp_path / "packet.pdk")
    try:
        populate_demo(ws)
        for lang in ("ar", "ja", "el"):
            assert build_packet_pdf(ws, lang).startswith(b"%PDF-")
    finally:
        ws.close()
    assert blocked_network == []


GUARD = """
import socket
_LOG = {log!r}

def _refuse(what):
    def refuse(*args, **kwargs):
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{{what}}: {{args[1:] if what == 'connect' else args!r}}\\n")
        raise OSError(f"network access attempted: {{what}}")
    return refuse

socket.socket.connect = _refuse("connect")
socket.socket.connect_ex = _refuse("connect")
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")
"""


def test_smoke_flow_opens_everything_offline(tmp_path: Path) -> None:
    """The smoke test is a real launch (run_gui): run as users do, in its own process, with every Python-level
    network call refused and recorded by a sitecustomize guard (in-process, its finished Qt session disturbed the
    tests that ran after it)."""
    import os
    import subprocess
    import sys

    guard = tmp_path / "guard"
    guard.mkdir()
    log = tmp_path / "network.log"
    (guard / "sitecustomize.py").write_text(GUARD.format(log=str(log)), encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(guard), str(root)]), QT_QPA_PLATFORM="offscreen",
               PARTNERDESK_DATA_DIR=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-m", "partnerdesk", "--smoke-test", "--no-crash-dialog"], env=env,
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr[-2000:]
    assert "FAIL" not in out
    assert "launch: the main window shows the workspace" in out
    for key, *_ in VIEWS:
        assert f"open view “{key}” (ar)" in out
    assert not log.exists(), log.read_text(encoding="utf-8")
