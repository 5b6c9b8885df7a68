"""Live updates and connection loss for a team workspace, in the main window.

While a server workspace is open, a :class:`~partnerdesk.store.notify.Listener` receives what the other clients
change; each change is announced through the window's ChangeHub on the GUI thread, like a local edit, so every
view refreshes those rows only (this client's own notifications are ignored: it announced them already).

When the listener loses the server, the window says so (a banner and the status bar), editing stops (the views
are hidden, the navigation, undo and redo disabled, the services refuse to write) and reminders pause. When it is
back, editing resumes and every view reloads: notifications sent meanwhile were missed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from partnerdesk.l10n import _, fill
from partnerdesk.ui import theme
from partnerdesk.ui.accessibility import announce

if TYPE_CHECKING:  # imported when a workspace opens: the window shows before SQLAlchemy is loaded
    from partnerdesk.store import notify
    from partnerdesk.ui.main_window import MainWindow

BACK_MESSAGE_MS = 8000


def workspace_label(workspace: Any) -> str:
    """What the user knows the workspace by ("partners on db.example.org:5432", or the file name)."""
    location = getattr(workspace, "location", None)
    if location:
        return str(location)
    path = getattr(workspace, "path", None)
    return path.name if path is not None else ""


class ConnectionBanner(QFrame):
    """A strip across the top of the window while the team workspace's server cannot be reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        theme.styled(self, lambda: (
            f"#connectionBanner {{ background: {theme.name('warning.surface')}; border-bottom: 1px solid"
            f" {theme.name('warning.border')}; }} #connectionBanner QLabel {{ color: {theme.name('text')}; }}"))
        self.label = QLabel()
        self.label.setObjectName("connectionBannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.label, 1)
        self.workspace = ""
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def retranslate_ui(self) -> None:
        self.label.setText(lost_message(self.workspace))


def lost_message(workspace: str) -> str:
    return fill(_("The connection to the team workspace “{workspace}” is lost. Editing is paused until it is "
                  "back; PartnerDesk keeps trying to reconnect."), workspace=workspace)


class LiveLink(QObject):
    """Follows the window's workspace: a listener while a server workspace is open, none otherwise."""

    # Emitted from the listener's thread, received on the GUI thread (queued): (listener, payload).
    message_arrived = Signal(object, object)
    connection_changed = Signal(object, bool)  # (listener, connected)
    offline_changed = Signal(bool)  # the window's editing paused (True) or resumed (False)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.listener: notify.Listener | None = None
        self.workspace: Any = None
        self.offline = False
        self.received = 0  # notifications from other clients announced (tests, diagnostics)
        self.banner = ConnectionBanner()
        window.banners.addWidget(self.banner)
        queued = Qt.ConnectionType.QueuedConnection
        self.message_arrived.connect(self._message, queued)
        self.connection_changed.connect(self._connection, queued)
        self.context.hub.workspace_replaced.connect(self.follow)
        self.context.hub.language_changed.connect(lambda _lang: self.retranslate_ui())

    # --- life cycle ---
    def follow(self) -> None:
        """The window's workspace may have changed: listen to the new one (if it is a server workspace)."""
        from partnerdesk.store import notify

        workspace = self.context.workspace
        if workspace is self.workspace:
            return
        self.stop()
        self.workspace = workspace
        if workspace is None or not notify.supported(workspace):
            return
        notify.watch(workspace)  # a lost server is a translated ConnectionLostError from every query
        listener: notify.Listener = notify.Listener.for_workspace(workspace, lambda _message: None)
        # Each report names its listener: one from a workspace since replaced is ignored.
        listener.on_message = lambda message: self.message_arrived.emit(listener, message)
        listener.on_lost = lambda: self.connection_changed.emit(listener, False)
        listener.on_back = lambda: self.connection_changed.emit(listener, True)
        self.listener = listener
        listener.start()

    def stop(self) -> None:
        """Stop listening (the workspace is closed or replaced); the window is editable again."""
        listener, self.listener = self.listener, None
        if listener is not None:
            # Not waiting long: a thread still trying to reach a lost server ends by itself, and what it reports
            # afterwards names a listener that is no longer this window's.
            listener.stop(timeout=0.5)
        if self.offline:
            self._set_offline(False)
        self.workspace = None

    # --- on the GUI thread ---
    def _message(self, listener: Any, message: notify.Message) -> None:
        from partnerdesk.services.base import ChangeSet
        from partnerdesk.store import notify

        if listener is not self.listener or self.offline or self.context.workspace is not self.workspace:
            return  # an old workspace's message, or one that the reload after reconnecting covers
        if message.origin == notify.origin(self.workspace):
            return  # ours: announced already when the service returned
        self.received += 1
        if message.complete:
            self.context.hub.announce(ChangeSet.from_dict(
                {"created": message.created, "updated": message.updated, "deleted": message.deleted}))
        else:
            self.context.hub.reload_all()

    def _connection(self, listener: Any, connected: bool) -> None:
        if listener is not self.listener:
            return
        if connected and self.offline:
            self._set_offline(False)
            self.window.statusBar().showMessage(
                _("The connection to the team workspace is back."), BACK_MESSAGE_MS)
            self.context.hub.reload_all()  # what the others changed meanwhile was never announced
        elif not connected and not self.offline:
            self._set_offline(True)

    def _set_offline(self, offline: bool) -> None:
        from partnerdesk.store import notify

        self.offline = offline
        workspace = self.workspace
        if workspace is not None:
            notify.set_offline(workspace, offline)
        window = self.window
        if offline:
            self.banner.workspace = workspace_label(workspace)
            self.banner.retranslate_ui()
            self.banner.show()
            window.statusBar().showMessage(_("Connection to the team workspace lost — editing is paused."))
            announce(self.banner, self.banner.text(), urgent=True)
        else:
            self.banner.hide()
            window.statusBar().clearMessage()
        if window.context.workspace is not None:
            window.set_workspace_ui_enabled(not offline)
        # A language switch rebuilds every view, which needs the server.
        window.actions_.language_menu.setEnabled(not offline)
        window.actions_.preferences.setEnabled(not offline)
        # The views show nothing while the server is gone: what they have not loaded yet cannot be read. Hidden,
        # not closed: anything typed in them is still there when the server is back.
        window.stack.setEnabled(not offline)
        window.stack.setVisible(not offline)
        stack = self.context.undo_stack
        window.actions_.undo.setEnabled(not offline and stack.canUndo())
        window.actions_.redo.setEnabled(not offline and stack.canRedo())
        reminders = window.reminders
        if reminders is not None:
            if offline:
                reminders.pause()
            else:
                reminders.resume()
        self.offline_changed.emit(offline)

    def retranslate_ui(self) -> None:
        if self.offline:
            self.banner.retranslate_ui()
            self.window.statusBar().showMessage(_("Connection to the team workspace lost — editing is paused."))
