"""SIGTERM (a session logging out, `kill`) and SIGINT (Ctrl+C in a terminal) close the window like its close
button: settings saved, workspace closed, exit status 0. Python runs signal handlers only when it gets control,
so the C-level handler's wake-up byte is watched by a QSocketNotifier on the event loop."""

from __future__ import annotations

import signal
import socket
from types import FrameType

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QWidget


class TerminationWatcher(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__()  # not the window's child: it outlives a destroyed window until restore()
        self.window = window
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._requested = False
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._handle)

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        self._requested = True

    def _drain(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            pass
        if self._requested:
            self._requested = False
            if shiboken6.isValid(self.window):
                self.window.close()

    def restore(self) -> None:
        """Back to Python's defaults (after the event loop has ended)."""
        signal.set_wakeup_fd(self._previous_fd)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def close_on_termination(window: QWidget) -> TerminationWatcher:
    return TerminationWatcher(window)
