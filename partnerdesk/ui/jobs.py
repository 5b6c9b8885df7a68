"""Running a long call off the UI thread and getting its result (or error) back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal


class BackgroundJob(QThread):
    """Runs ``fn()`` in a worker thread; ``succeeded(result)`` or ``failed(exception)`` arrive queued."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the UI thread, which shows it
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


def error_message(exc: BaseException) -> str:
    """What to tell the user about a failed job: the translated message of our errors, else the text."""
    from partnerdesk.domain.errors import PartnerDeskError

    if isinstance(exc, PartnerDeskError):
        return exc.message
    return str(exc) or type(exc).__name__
