"""Running a long call off the UI thread and getting its result (or error) back on the UI thread.

How it stays safe (an import worker once crashed the process in CI):

- The work runs in a ``QRunnable`` on a dedicated ``QThreadPool``. The runnable is a plain object that never
  touches widgets or any Qt object owned by the UI thread; the function it runs gets only Python data (and a
  :class:`JobControl`), opens its own SQLAlchemy sessions and returns Python data, never Qt objects.
- The only Qt object the worker touches is one signal carrier, created on the UI thread and never destroyed (so
  no reference a worker holds can ever be the last one to a Qt object). The worker emits its private signal; a
  queued connection delivers it on the UI thread, where the job emits its public signals. Whatever a caller
  connects therefore always runs on the UI thread. ``fn`` must not capture Qt objects, nor return any.
- The job is kept alive by a module registry until its worker has finished, whatever happens to its owner. If
  the owner (``parent``) is destroyed first, the job is cancelled and its results are dropped.
- Python's cyclic garbage collector runs in whichever thread happens to allocate; if that is a worker, it can
  destroy a forgotten Qt widget from the wrong thread and crash the UI thread. While jobs run, automatic
  collection is switched off and a timer collects on the UI thread instead (pyqtgraph does the same). This was
  the CI crash: tests/contacts/test_import_jobs.py reproduces it with the old QThread job.
"""

from __future__ import annotations

import gc
import itertools
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

from partnerdesk.domain.errors import CancelledError

__all__ = ["BackgroundJob", "CancelledError", "JobControl", "error_message", "running_jobs", "wait_for_all"]


class JobControl:
    """Handed to the work function: report progress, and learn that the user cancelled.

    ``progress(done, total)`` raises :class:`CancelledError` once cancel was requested, so code that reports
    progress inside a transaction rolls it back simply by letting the exception propagate."""

    #: Progress signals are sent at most this often (seconds); the last step always goes through.
    INTERVAL = 0.05

    def __init__(self, send: Callable[[int, int], None]) -> None:
        self._send = send
        self._cancel = threading.Event()
        self._last = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise CancelledError()

    def progress(self, done: int, total: int) -> None:
        self.check()
        now = time.monotonic()
        if done >= total or now - self._last >= self.INTERVAL:
            self._last = now
            self._send(done, total)


class _Relay(QObject):
    """The one signal carrier between workers and the UI thread. Created on the UI thread and kept for the life of
    the process: a worker never holds the last reference to a Qt object."""

    message = Signal(object, str, object)  # job key, kind, payload

    def __init__(self) -> None:
        super().__init__()
        self.message.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, str, object)
    def _deliver(self, key: int, kind: str, payload: Any) -> None:
        job = _running.get(key)
        if job is None:
            return
        alive = shiboken6.isValid(job) and not job._orphaned  # deleteLater() may have been called meanwhile
        if kind == "progress":
            if alive:
                job.progressed.emit(*payload)
            return
        del _running[key]
        job._runnable = None
        try:
            if alive:
                job._finish(kind, payload)
        finally:
            _job_ended()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], key: int, relay: _Relay, finished: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the job owns it and drops it on the UI thread
        self._fn = fn
        self._key = key
        self._relay = relay  # lives as long as the process
        self._finished = finished

    def run(self) -> None:
        try:
            result = self._fn()
        except CancelledError:
            kind, payload = "cancelled", None
        except Exception as exc:  # reported to the UI thread, which shows it
            kind, payload = "failed", exc
        else:
            kind, payload = "succeeded", result
        self._fn = None  # type: ignore[assignment]  # free the closure now, before the handover
        self._finished.set()
        self._relay.message.emit(self._key, kind, payload)


# -- registry, thread pool and garbage collection -------------------------------------------------------------
_running: dict[int, BackgroundJob] = {}
_keys = itertools.count(1)
_relay_instance: _Relay | None = None
_pool: QThreadPool | None = None
_gc_timer: QTimer | None = None
_gc_was_enabled = True
_gc_holds = 0  # jobs started and not yet delivered


def _relay() -> _Relay:
    global _relay_instance
    if _relay_instance is None:
        _relay_instance = _Relay()
    return _relay_instance


def _thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
        _pool.setExpiryTimeout(2000)
    return _pool


def _collect() -> None:
    """Young generations only while jobs run (cheap); the full collection follows when the last one ends."""
    if gc.get_count()[0] > gc.get_threshold()[0]:
        gc.collect(1)


def _job_started() -> None:
    """Count one more job whose worker may run; the first switches automatic collection off."""
    global _gc_timer, _gc_was_enabled, _gc_holds
    if _gc_holds == 0:
        _gc_was_enabled = gc.isenabled()
        gc.disable()
        if _gc_timer is None:
            _gc_timer = QTimer()
            _gc_timer.setInterval(200)
            _gc_timer.timeout.connect(_collect)
        _gc_timer.start()
    _gc_holds += 1


def _job_ended() -> None:
    """One job fewer (its result was delivered); after the last, collection runs as before. A counter, not the
    registry: a job started from another's result handler overlaps its predecessor's bookkeeping."""
    global _gc_holds
    _gc_holds -= 1
    if _gc_holds > 0:
        return
    if _gc_timer is not None:
        _gc_timer.stop()
    gc.collect(1)  # the young generations now; the old one when Python's own thresholds say (UI thread only)
    if _gc_was_enabled:
        gc.enable()


def running_jobs() -> int:
    return len(_running)


def wait_for_all(timeout_ms: int = -1) -> bool:
    """Cancel every job and wait for the workers (before the workspace closes or the app quits)."""
    for job in list(_running.values()):
        job.cancel()
    return _pool.waitForDone(timeout_ms) if _pool is not None else True


class BackgroundJob(QObject):
    """Runs ``fn()`` (or ``fn(control)`` with ``with_control=True``) in a worker thread.

    Signals, always emitted on the UI thread: ``progressed(done, total)``, then exactly one of
    ``succeeded(result)``, ``failed(exception)`` or ``cancelled()``, then ``finished()``.
    ``parent`` is the owner: if it is destroyed while the job runs, the job is cancelled and nothing is emitted.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, fn: Callable[..., Any], parent: QObject | None = None, *, with_control: bool = False) -> None:
        super().__init__()  # never a Qt child: the owner's destruction must not delete a job under its worker
        relay, key = _relay(), next(_keys)
        self._key = key
        self._done = threading.Event()
        self.control = JobControl(lambda done, total: relay.message.emit(key, "progress", (done, total)))
        control = self.control
        work: Callable[[], Any] = (lambda: fn(control)) if with_control else fn
        self._runnable: _Runnable | None = _Runnable(work, key, relay, self._done)
        self._started = False
        self._orphaned = False
        if parent is not None:
            parent.destroyed.connect(self._owner_gone)

    # -- control (UI thread) ------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._started:
            raise RuntimeError("a BackgroundJob runs once")
        self._started = True
        _job_started()
        _running[self._key] = self
        assert self._runnable is not None  # dropped only once the job has run
        _thread_pool().start(self._runnable)

    def cancel(self) -> None:
        """Ask the work to stop; it does at its next progress report (``cancelled`` follows)."""
        self.control.cancel()

    def isRunning(self) -> bool:  # noqa: N802 - same name as QThread's, which this class replaced
        return self._started and self._key in _running

    def isFinished(self) -> bool:  # noqa: N802 - QThread's name
        """True once the result (or error, or cancellation) has been delivered on the UI thread."""
        return self._started and self._key not in _running

    def wait(self, timeout_ms: int | None = None) -> bool:
        """Block until the worker returns (its signals are still delivered later, by the event loop)."""
        if not self._started:
            return True
        return self._done.wait(None if timeout_ms is None else timeout_ms / 1000)

    @Slot()
    def _owner_gone(self) -> None:
        self._orphaned = True
        self.cancel()

    def _finish(self, kind: str, payload: Any) -> None:
        if kind == "succeeded":
            self.succeeded.emit(payload)
        elif kind == "failed":
            self.failed.emit(payload)
        else:
            self.cancelled.emit()
        self.finished.emit()


def error_message(exc: BaseException) -> str:
    """What to tell the user about a failed job: the translated message of our errors, else the text."""
    from partnerdesk.domain.errors import PartnerDeskError

    if isinstance(exc, PartnerDeskError):
        return exc.message
    return str(exc) or type(exc).__name__
