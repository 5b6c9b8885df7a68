"""Background jobs that report progress and can be asked to stop (batch builds, printing)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal

from partnerdesk.ui.jobs import BackgroundJob


class ProgressJob(BackgroundJob):
    """``fn(job)`` runs in a worker thread; it calls ``job.report()`` and checks ``job.is_cancelled()``.

    The worker never touches widgets: it gets plain values and reports through queued signals.
    """

    progress = Signal(int, int, str)  # done, total, what is being worked on

    def __init__(self, fn: Callable[[ProgressJob], Any], parent: Any = None) -> None:
        super().__init__(lambda: fn(self), parent)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, text: str = "") -> None:
        self.progress.emit(done, total, text)
