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


def test_smoke_flow_opens_everything_offline(blocked_network: list[str], qapp,  # type: ignore[no-untyped-def]
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The smoke test is a real launch (run_gui), here in this process so the network guard sees it."""
    from partnerdesk.cli import main
    from partnerdesk.ui.crash import uninstall_crash_hook

    monkeypatch.setenv("PARTNERDESK_DATA_DIR", "")  # the smoke run points it at its temporary folder
    try:
        status = main(["--smoke-test", "--no-crash-dialog"])
    finally:
        uninstall_crash_hook()
    out = capsys.readouterr().out
    assert status == 0, out
    assert "FAIL" not in out
    assert "launch: the main window shows the workspace" in out
    for key, *_ in VIEWS:
        assert f"open view “{key}” (ar)" in out
    assert blocked_network == []
