"""Live updates between the clients of a team workspace (PostgreSQL LISTEN/NOTIFY), and connection loss.

``publish`` runs inside a writing transaction, just before its commit: ``pg_notify`` queues a message that the
server delivers to every listening client when (and only if) the transaction commits. The message is JSON::

    {"origin": "<client id>", "created": {"work_item": [12]}, "updated": {...}, "deleted": {...}}

and, when that would be over :data:`MAX_PAYLOAD` bytes (PostgreSQL refuses 8000), the kinds only::

    {"origin": "<client id>", "kinds": ["contact", "partner"]}

``Listener`` keeps its own connection, LISTENs, and hands each message to a callback from a daemon thread; it
reconnects with a growing pause and reports the connection lost and back. On SQLite (one file, one client) all of
this is a no-op. Qt-free: the UI bridges the callbacks onto its own thread (ui/live.py).

The state a client keeps per open workspace (its origin id, whether the server is unreachable) lives here, keyed
by the workspace object, so that the services can refuse to write while the connection is lost without knowing
which engine they run on.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_

CHANNEL = "partnerdesk_changes"
MAX_PAYLOAD = 7900  # bytes; pg_notify refuses payloads of 8000 bytes and more
BUCKETS = ("created", "updated", "deleted")

log = logging.getLogger(__name__)


class ConnectionLostError(PartnerDeskError):
    """The team workspace's server cannot be reached, or dropped the connection: nothing was read or saved."""

    template = N_("The connection to the team workspace is lost; nothing was saved. PartnerDesk reconnects by "
                  "itself, and editing resumes when the server is back.")


# --- per-workspace client state ----------------------------------------------------------------------------------

@dataclass
class _ClientState:
    origin: str = field(default_factory=lambda: uuid.uuid4().hex)
    offline: bool = False


_clients: weakref.WeakKeyDictionary[Any, _ClientState] = weakref.WeakKeyDictionary()
_clients_lock = threading.Lock()


_watched_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def _state(workspace: Any) -> _ClientState:
    with _clients_lock:
        state = _clients.get(workspace)
        if state is None:
            state = _clients[workspace] = _ClientState()
            watch(workspace)
        return state


def watch(workspace: Any) -> None:
    """From now on, a lost server shows as :class:`ConnectionLostError` (translated) from any query of
    ``workspace``, reads included, instead of the driver's error. Only for an opened server workspace: the errors
    of opening one are translated by store/server.py."""
    engine = getattr(workspace, "engine", None)
    if engine is not None and engine.dialect.name == "postgresql":
        _watched_engines.add(engine)


@event.listens_for(Engine, "handle_error")
def _connection_lost(context: Any) -> None:
    if context.is_pre_ping or context.engine not in _watched_engines:
        return  # a pre-ping failure makes the pool reconnect: not an error
    if is_connection_lost(context.sqlalchemy_exception or context.original_exception):
        raise ConnectionLostError() from context.original_exception


def origin(workspace: Any) -> str:
    """This client's id on ``workspace``, carried by its notifications so that it can ignore its own."""
    return _state(workspace).origin


def supported(workspace: Any) -> bool:
    """Whether other clients can change ``workspace`` (a server workspace): live updates apply."""
    return _dialect(workspace) == "postgresql"


def set_offline(workspace: Any, offline: bool) -> None:
    """Mark the server as unreachable (the UI does, from the listener's reports); services then refuse to write."""
    _state(workspace).offline = offline


def is_offline(workspace: Any) -> bool:
    with _clients_lock:
        state = _clients.get(workspace)
    return state is not None and state.offline


def is_connection_lost(exc: BaseException) -> bool:
    """Whether a database error (SQLAlchemy's, or the driver's) means the server could not be reached or dropped
    the connection, as opposed to an error in the statement (a constraint, a lock, a serialization failure)."""
    if getattr(exc, "connection_invalidated", False):
        return True
    orig = getattr(exc, "orig", exc)
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    if isinstance(orig, psycopg.InterfaceError):  # "the connection is closed"
        return True
    if not isinstance(orig, psycopg.OperationalError):
        return False
    state = getattr(orig, "sqlstate", None)
    # None: raised by the client (connection refused, reset, timed out); 08: connection exception;
    # 57P01-57P03: the server is shutting down or starting up.
    return state is None or state.startswith("08") or state in ("57P01", "57P02", "57P03")


def _dialect(workspace: Any) -> str:
    engine = getattr(workspace, "engine", None)
    return str(engine.dialect.name) if engine is not None else ""


# --- publishing ------------------------------------------------------------------------------------------------

def encode(origin_id: str, changes: Mapping[str, Mapping[str, Iterable[int]]]) -> str:
    """The JSON payload for ``changes`` ({bucket: {kind: ids}}), the kinds only when too long."""
    message: dict[str, Any] = {"origin": origin_id}
    for bucket in BUCKETS:
        kinds = {kind: sorted(int(i) for i in ids) for kind, ids in (changes.get(bucket) or {}).items() if ids}
        if kinds:
            message[bucket] = kinds
    payload = json.dumps(message, separators=(",", ":"), sort_keys=True)
    if len(payload.encode("utf-8")) <= MAX_PAYLOAD:
        return payload
    kinds_only = sorted({kind for bucket in BUCKETS for kind in (changes.get(bucket) or {})})
    return json.dumps({"origin": origin_id, "kinds": kinds_only}, separators=(",", ":"))


def publish(session: Session, workspace: Any, changes: Mapping[str, Mapping[str, Iterable[int]]]) -> None:
    """Queue the notification of ``changes`` in ``session``'s transaction (delivered on commit, dropped on
    rollback). A no-op on SQLite and when nothing changed."""
    if not any(changes.get(bucket) for bucket in BUCKETS):
        return
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": encode(origin(workspace), changes)})


@dataclass(frozen=True)
class Message:
    """A received notification. ``complete`` is False for a kinds-only message (reload those kinds)."""

    origin: str
    created: dict[str, set[int]]
    updated: dict[str, set[int]]
    deleted: dict[str, set[int]]
    kinds: frozenset[str]
    complete: bool


def decode(payload: str) -> Message | None:
    """Parse a payload; None when it is not one of ours (another program on the channel, a damaged message)."""
    try:
        data = json.loads(payload)
        if not isinstance(data, dict) or not isinstance(data.get("origin"), str):
            return None
        buckets: dict[str, dict[str, set[int]]] = {}
        for bucket in BUCKETS:
            raw = data.get(bucket) or {}
            buckets[bucket] = {str(kind): {int(i) for i in ids} for kind, ids in raw.items()}
        if "kinds" in data:
            kinds = frozenset(str(k) for k in data["kinds"])
            complete = False
        else:
            kinds = frozenset(k for b in buckets.values() for k in b)
            complete = True
    except (ValueError, TypeError, AttributeError):
        return None
    return Message(data["origin"], buckets["created"], buckets["updated"], buckets["deleted"], kinds, complete)


# --- listening -------------------------------------------------------------------------------------------------

def connect_args(workspace: Any) -> tuple[list[Any], dict[str, Any]]:
    """What the workspace's engine passes to psycopg.connect (host, port, database, user, password, TLS)."""
    engine = workspace.engine
    cargs, cparams = engine.dialect.create_connect_args(engine.url)
    cparams = dict(cparams)
    sslmode = getattr(getattr(workspace, "address", None), "sslmode", None)  # given to the engine apart
    if sslmode:
        cparams.setdefault("sslmode", sslmode)
    cparams.setdefault("application_name", "PartnerDesk live updates")
    return list(cargs), cparams


class Listener:
    """LISTEN on :data:`CHANNEL` over a connection of its own, in a daemon thread.

    ``on_message(Message)``, ``on_lost()`` and ``on_back()`` are called from that thread. ``on_lost`` is called
    once when the connection drops (or the first connection fails), ``on_back`` once when it is listening again
    (messages sent meanwhile were missed: reload). Reconnects after ``min_delay`` seconds, doubling up to
    ``max_delay``. ``stop()`` returns within about ``poll`` seconds.
    """

    def __init__(self, connect: Callable[[], Any], on_message: Callable[[Message], None], *,
                 on_lost: Callable[[], None] | None = None, on_back: Callable[[], None] | None = None,
                 channel: str = CHANNEL, poll: float = 0.25, health_every: float = 5.0,
                 min_delay: float = 0.25, max_delay: float = 5.0) -> None:
        self._connect = connect
        self.on_message = on_message
        self.on_lost = on_lost
        self.on_back = on_back
        self.channel = channel
        self.poll = poll
        self.health_every = health_every
        self.min_delay = min_delay
        self.max_delay = max_delay
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread: threading.Thread | None = None
        self.lost = False  # reported lost and not back yet

    @classmethod
    def for_workspace(cls, workspace: Any, on_message: Callable[[Message], None], **kwargs: Any) -> Listener:
        """A listener on the server of ``workspace`` (same address, user, password and TLS as its engine)."""
        import psycopg

        cargs, cparams = connect_args(workspace)
        cparams.setdefault("connect_timeout", 5)
        # A server that vanishes without closing the connection (network gone) is noticed by TCP keepalives
        # and by the periodic health check.
        for key, value in (("keepalives", 1), ("keepalives_idle", 10), ("keepalives_interval", 3),
                           ("keepalives_count", 3)):
            cparams.setdefault(key, value)

        def connect() -> Any:
            return psycopg.connect(*cargs, **{**cparams, "autocommit": True})

        return cls(connect, on_message, **kwargs)

    # --- life cycle ---
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="partnerdesk-listener", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def listening(self) -> bool:
        return self._listening.is_set()

    def wait_listening(self, timeout: float) -> bool:
        """Block until LISTEN is in place (tests; a notification sent before that is not received)."""
        return self._listening.wait(timeout)

    # --- the thread ---
    def _run(self) -> None:
        delay = self.min_delay
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except Exception as exc:  # noqa: BLE001 - any failure to connect: report, wait, retry
                log.info("listener: cannot connect: %s", exc)
                self._report_lost()
                self._stop.wait(delay)
                delay = min(delay * 2, self.max_delay)
                continue
            try:
                from psycopg import sql

                conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                delay = self.min_delay
                self._listening.set()
                if self.lost:
                    self.lost = False
                    self._call(self.on_back)
                self._listen(conn)
            except Exception as exc:  # noqa: BLE001 - the connection broke: reconnect
                log.info("listener: connection lost: %s", exc)
            finally:
                self._listening.clear()
                try:
                    conn.close()
                except Exception:  # noqa: BLE001 - already broken
                    pass
            if not self._stop.is_set():
                self._report_lost()
                # The first attempt is immediate (a killed connection on a server that is up comes straight back).

    def _listen(self, conn: Any) -> None:
        checked = time.monotonic()
        while not self._stop.is_set():
            for notify in conn.notifies(timeout=self.poll):
                message = decode(notify.payload)
                if message is not None:
                    self._call(self.on_message, message)
                if self._stop.is_set():
                    return
            if time.monotonic() - checked >= self.health_every:
                conn.execute("SELECT 1")
                checked = time.monotonic()

    def _report_lost(self) -> None:
        if not self.lost:
            self.lost = True
            self._call(self.on_lost)

    @staticmethod
    def _call(callback: Callable[..., None] | None, *args: Any) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:  # a receiver's bug must not end the listening thread
            log.exception("listener callback failed")
