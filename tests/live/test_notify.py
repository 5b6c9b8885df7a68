"""Live updates, store side (issue 18): what a committed write tells the other clients of a team workspace, a
listener that survives a killed connection and a server restart, and writes refused while the server is gone."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import set_language
from partnerdesk.services.base import ConnectionLostError, Service
from partnerdesk.store import notify
from partnerdesk.store.models import Partner
from tests.live.helpers import pgcluster, restart, start_server, stop_server, terminate_listeners, wait_until


class _RawWorkspace:
    """Just enough of a server Workspace for the unit of work: an engine on a database with one table."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), pool_pre_ping=True)
        with self.engine.begin() as con:
            con.exec_driver_sql("CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text NOT NULL)")
        self.read_only = False
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.session_factory()

    def close(self) -> None:
        self.engine.dispose()


class _Notes(Service):
    def __init__(self, workspace: Any) -> None:
        super().__init__(workspace, actor_id=0)

    def add(self, body: str, fail: bool = False) -> int:
        with self.unit_of_work() as (s, changes):
            note_id = int(s.execute(text("INSERT INTO notes (body) VALUES (:b) RETURNING id"), {"b": body}).scalar_one())
            changes.add("created", "note", note_id)
            if fail:
                raise ValueError("refused after the insert")
            return note_id


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[notify.Message] = []
        self.events: list[str] = []

    def message(self, message: notify.Message) -> None:
        self.messages.append(message)
        self.events.append("message")

    def lost(self) -> None:
        self.events.append("lost")

    def back(self) -> None:
        self.events.append("back")


@pytest.fixture
def raw_ws(pg_database: str) -> Iterator[_RawWorkspace]:
    ws = _RawWorkspace(pg_database)
    yield ws
    ws.close()


def _listen(ws: Any, inbox: _Inbox) -> notify.Listener:
    listener = notify.Listener.for_workspace(ws, inbox.message, on_lost=inbox.lost, on_back=inbox.back)
    listener.start()
    assert listener.wait_listening(10)
    return listener


def test_payload_names_the_ids_or_only_the_kinds_when_too_long() -> None:
    payload = notify.encode("me", {"created": {"work_item": {3, 1}}, "updated": {"partner": [7]}, "deleted": {}})
    assert json.loads(payload) == {"origin": "me", "created": {"work_item": [1, 3]}, "updated": {"partner": [7]}}
    message = notify.decode(payload)
    assert message is not None and message.complete
    assert message.created == {"work_item": {1, 3}} and message.kinds == {"work_item", "partner"}

    huge = notify.encode("me", {"updated": {"contact": range(100_000, 103_000)}, "deleted": {"event": [4]}})
    assert len(huge.encode()) <= notify.MAX_PAYLOAD
    message = notify.decode(huge)
    assert message is not None and not message.complete and message.kinds == {"contact", "event"}
    assert notify.decode("not json") is None and notify.decode('{"no": "origin"}') is None


def test_a_committed_change_reaches_a_listener_and_a_rolled_back_one_does_not(raw_ws: _RawWorkspace) -> None:
    inbox = _Inbox()
    listener = _listen(raw_ws, inbox)
    try:
        with pytest.raises(ValueError):
            _Notes(raw_ws).add("never", fail=True)
        started = time.monotonic()
        note_id = _Notes(raw_ws).add("hello")
        assert wait_until(lambda: inbox.messages, timeout=2) < 2
        assert time.monotonic() - started < 2
        time.sleep(0.3)  # the rolled-back write would have arrived first
        assert len(inbox.messages) == 1
        message = inbox.messages[0]
        assert message.created == {"note": {note_id}} and message.complete
        assert message.origin == notify.origin(raw_ws)  # the writer recognises its own notification
        assert notify.origin(raw_ws) != notify.origin(_RawWorkspace.__new__(_RawWorkspace))
    finally:
        started = time.monotonic()
        listener.stop()
        assert time.monotonic() - started < 1.5 and not listener.running


def test_sqlite_workspaces_publish_nothing(workspace) -> None:  # type: ignore[no-untyped-def]
    assert not notify.supported(workspace)
    with workspace.transaction() as s:
        s.add(Partner(name="Atlas", kind=PartnerKind.AGENCY))
        notify.publish(s, workspace, {"created": {"partner": [1]}})  # no pg_notify on SQLite: nothing raised


def test_the_listener_reports_a_killed_connection_and_comes_back(raw_ws: _RawWorkspace, pg_database: str) -> None:
    inbox = _Inbox()
    listener = _listen(raw_ws, inbox)
    try:
        assert terminate_listeners(pg_database) == 1
        wait_until(lambda: "back" in inbox.events, timeout=10)
        assert inbox.events[:2] == ["lost", "back"]
        assert listener.wait_listening(5)
        note_id = _Notes(raw_ws).add("after the kill")
        wait_until(lambda: inbox.messages, timeout=2)
        assert inbox.messages[-1].created == {"note": {note_id}}
    finally:
        listener.stop()


def test_a_server_restart_is_reported_and_writes_meanwhile_are_refused_with_a_clear_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cluster = pgcluster().start(tmp_path / "cluster")
    try:
        url = cluster.url.rsplit("/", 1)[0] + "/postgres"
        ws = _RawWorkspace(url)
        inbox = _Inbox()
        listener = _listen(ws, inbox)
        try:
            restart(cluster)
            wait_until(lambda: inbox.events.count("back") == 1, timeout=15)
            assert inbox.events == ["lost", "back"]
            assert listener.wait_listening(5)
            _Notes(ws).add("after the restart")  # the engine's pool reconnects by itself
            wait_until(lambda: inbox.messages, timeout=2)

            stop_server(cluster)
            wait_until(lambda: inbox.events[-1] == "lost", timeout=10)
            with pytest.raises(ConnectionLostError) as err:
                _Notes(ws).add("while the server is down")
            assert isinstance(err.value, PartnerDeskError)  # every caller shows its translated message
            set_language("pt")
            assert "conexão" in err.value.message
            set_language("en")
            start_server(cluster)
            wait_until(lambda: inbox.events[-1] == "back", timeout=20)
            _Notes(ws).add("back again")
            with psycopg.connect(url) as con:
                bodies = [r[0] for r in con.execute("SELECT body FROM notes ORDER BY id")]
            assert bodies == ["after the restart", "back again"]  # nothing of the refused write
        finally:
            listener.stop()
            ws.close()
    finally:
        cluster.stop()


def test_a_workspace_marked_offline_refuses_every_write(workspace) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.services.partners import PartnerService

    notify.set_offline(workspace, True)
    try:
        with pytest.raises(ConnectionLostError) as err:
            PartnerService(workspace).create(name="Atlas", kind=PartnerKind.AGENCY)
        set_language("ja")
        assert err.value.message != ConnectionLostError.template
    finally:
        notify.set_offline(workspace, False)
    with workspace.session() as s:
        assert s.query(Partner).count() == 0
    PartnerService(workspace).create(name="Atlas", kind=PartnerKind.AGENCY)
