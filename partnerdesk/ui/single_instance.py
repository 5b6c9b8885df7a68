"""One running PartnerDesk per user: a second launch hands its workspace to the running window and exits.

The running app listens on a QLocalServer (a named pipe on Windows, a Unix socket elsewhere) whose name is
derived from the user and the data folder. A second ``partnerdesk FILE.pdk`` (a double-click in the file
manager) connects, sends the absolute path (or nothing) and waits for "ok". The running window opens that
workspace, or, if it is the one already open, comes to the front.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from partnerdesk.store.paths import data_dir

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow

TIMEOUT_MS = 2000


def server_name() -> str:
    """Per user and per data folder (tests and portable set-ups with another data folder do not meet)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha1(f"{user}\0{data_dir()}".encode()).hexdigest()[:12]
    return f"PartnerDesk-{digest}"


def hand_over(path: Path | str | None, name: str | None = None) -> bool:
    """Give ``path`` to a running PartnerDesk; True when one took it (this process should then exit)."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(TIMEOUT_MS // 4):
        return False
    from partnerdesk.store.targets import is_server_url as is_server_target

    if is_server_target(path):
        payload = str(path).strip()  # a team workspace's address, as given
    else:
        payload = str(Path(path).expanduser().resolve()) if path else ""
    socket.write(payload.encode("utf-8") + b"\n")
    socket.flush()
    ok = socket.waitForReadyRead(TIMEOUT_MS) and bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return ok


class InstanceServer(QObject):
    """Listens for later launches and passes their workspace to ``window``."""

    def __init__(self, window: MainWindow, name: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        # A server left behind by a crashed PartnerDesk (Unix sockets outlive their process): nobody answers.
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        text = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
        socket.write(b"ok\n")
        socket.flush()
        self.bring_forward(text or None)

    def bring_forward(self, path: str | None) -> None:
        window = self.window
        if path:
            window.open_path(path)  # the open workspace itself is recognised and kept (a file, or an address)
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
