"""A main window whose X window is destroyed by another program (not closed through the window manager) gets no
close event from Qt, and Qt does not see its last window go: the process would live on with no window, holding
the workspace lock. Watch for the X DestroyNotify of our own top-level window; then close the window (settings
saved) and end the event loop, so the session ends as after a close."""

from __future__ import annotations

import ctypes
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QMetaObject,
    QObject,
    Qt,
    Slot,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

XCB_DESTROY_NOTIFY = 17  # xcb_destroy_notify_event_t: response_type, pad, sequence, event (u32), window (u32)
_WINDOW_OFFSET = 8


class _Ender(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window

    @Slot()
    def end(self) -> None:
        if shiboken6.isValid(self.window) and not self.window.close():
            return  # refused (never today; a future "unsaved changes" question would land here)
        QCoreApplication.quit()


class WindowGoneFilter(QAbstractNativeEventFilter):
    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window_id = int(window.winId())
        self.ender = _Ender(window)

    def nativeEventFilter(  # noqa: N802
            self, event_type: QByteArray | bytes | bytearray | memoryview, message: Any) -> tuple[bool, int]:
        address = int(message)  # a shiboken VoidPtr (of size 0, so falsy even when set)
        if bytes(event_type.data() if isinstance(event_type, QByteArray) else event_type) == b"xcb_generic_event_t" \
                and address:
            kind = ctypes.c_uint8.from_address(address).value & 0x7F
            if kind == XCB_DESTROY_NOTIFY:
                gone = ctypes.c_uint32.from_address(address + _WINDOW_OFFSET).value
                if gone == self.window_id:  # queued: Qt is still handling the X event
                    QMetaObject.invokeMethod(self.ender, "end", Qt.ConnectionType.QueuedConnection)
        return False, 0


def watch_window_destruction(window: QWidget) -> WindowGoneFilter | None:
    """On X11 only (elsewhere nothing outside the window system destroys our window without a close)."""
    if QGuiApplication.platformName() != "xcb":
        return None
    watcher = WindowGoneFilter(window)
    app = QCoreApplication.instance()
    if app is not None:
        app.installNativeEventFilter(watcher)
    return watcher
