"""Run a function off the UI thread and report back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from partnerdesk.domain.errors import PartnerDeskError


class Job(QThread):
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except PartnerDeskError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # report any failure instead of losing it in a thread
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.succeeded.emit(result)
