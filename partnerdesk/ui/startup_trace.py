"""Start-up events for benchmarks and launch tests, written only when ``PARTNERDESK_STARTUP_TRACE`` names a file.

One line per event, ``<event> <unix time> <detail>``: ``shown``, ``exposed`` (the window system mapped and exposed
the window), ``painted`` (the first frame), then ``data`` (the first view has its rows; detail: the window title),
``first_run`` (the first-run panel, detail: the offered path) or ``error`` (detail: the message).
A process outside can time a real launch, or wait for it, without looking inside.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QEvent, QObject

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow

ENV_TRACE = "PARTNERDESK_STARTUP_TRACE"


class StartupTrace(QObject):
    def __init__(self, path: Path, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._file: TextIO = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives with the window
        self._exposed = False
        window.first_painted.connect(self._painted)
        window.data_shown.connect(lambda: self.record("data", window.windowTitle()))
        window.workspace_failed.connect(lambda message: self.record("error", message.replace("\n", " ")))
        window.destroyed.connect(self._file.close)

    def record(self, event: str, detail: str = "") -> None:
        if not self._file.closed:
            self._file.write(f"{event} {time.time():.6f} {detail}".rstrip() + "\n")

    def watch_exposure(self) -> None:
        handle = self.window.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self._exposed and event.type() == QEvent.Type.Expose:
            handle = self.window.windowHandle()
            if handle is not None and handle.isExposed():
                self._exposed = True
                self.record("exposed")
        return False

    def _painted(self) -> None:
        self.record("painted")
        if self.window.panel.mode == "first_run":  # decided by MainWindow.launch, connected before us
            self.record("first_run", self.window.panel.path)


def install(window: MainWindow) -> StartupTrace | None:
    """Call right after ``window.show()`` and ``window.launch()``."""
    target = os.environ.get(ENV_TRACE)
    if not target:
        return None
    trace = StartupTrace(Path(target), window)
    trace.record("shown")
    trace.watch_exposure()
    return trace
