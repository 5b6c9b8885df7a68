"""Team mode in the main window: File → Connect to Team Workspace… and Change Who I Am…, opening a
``postgresql://`` address (command line, Open Recent, the last session) with the keyring's password or by asking,
and the status bar's "Team workspace: … · you are …".

Connecting runs off the UI thread (an unreachable server takes seconds to say so); until it succeeds nothing
changes: the current workspace stays open and the dialog keeps what was typed, with the reason shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_, _, fill
from partnerdesk.ui.modal import open_modal
from partnerdesk.ui.team import identity, passwords

if TYPE_CHECKING:
    from partnerdesk.store.server import ServerAddress
    from partnerdesk.store.workspace import Workspace
    from partnerdesk.ui.main_window import MainWindow
    from partnerdesk.ui.team.connect_dialog import ConnectDialog
    from partnerdesk.ui.team.who_am_i import WhoAmIDialog


class NotConnectedError(PartnerDeskError):
    template = N_("You are not connected to the team workspace “{location}”. Connect again, or open a "
                  "workspace file.")


def server_location(address: ServerAddress) -> str:
    """``partners on db.example.com:5432``, translated, each part isolated (a Latin name in Arabic text)."""
    return fill(_("{database} on {server}"), database=address.database, server=address.server)


def workspace_address(workspace: Any) -> ServerAddress | None:
    """The server address of a team workspace (from its key: the URL without password), None for a file."""
    if not getattr(workspace, "is_server", False):
        return None
    from partnerdesk.store.server import ServerAddress

    try:
        return ServerAddress.parse(str(workspace.key))
    except PartnerDeskError:
        return None


def display_name(workspace: Any) -> str:
    """What the window calls the workspace: the file's name, or "partners on db.example.com:5432"."""
    address = workspace_address(workspace)
    if address is not None:
        return server_location(address)
    return str(getattr(workspace, "location", "") or workspace.path)


class EllipsisLabel(QLabel):
    """A status bar label that shortens its text in the middle rather than widening the window (a long
    database, host or name on a laptop screen); the whole text is on hover."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 160), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, rect.width())
        painter = QPainter(self)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading), text)


class TeamActions(QObject):
    """Owns the team actions, the connect and who-am-I dialogs, and the status bar's team label."""

    def __init__(self, window: MainWindow, menu: QMenu, before: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.connect_action = QAction(window)
        self.connect_action.setObjectName("connectTeamAction")
        self.connect_action.triggered.connect(lambda: self.show_connect_dialog())
        self.who_action = QAction(window)
        self.who_action.setObjectName("changeWhoAmIAction")
        self.who_action.triggered.connect(lambda: self.ask_who_am_i())
        self.who_action.setEnabled(False)
        menu.insertAction(before, self.connect_action)
        menu.insertAction(before, self.who_action)
        self.label = EllipsisLabel()
        self.label.setObjectName("teamStatus")
        self.label.setContentsMargins(8, 0, 8, 0)  # apart from the counts beside it
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.dialog: ConnectDialog | WhoAmIDialog | None = None
        self.job: Any = None
        self.member_name = ""
        self.last_error = ""  # the latest connection problem (tests)
        self._file_tips: dict[QAction, str] = {}  # status tips of the file-only commands, while replaced

    def retranslate_ui(self) -> None:
        self.connect_action.setText(_("Connect to &Team Workspace…"))
        self.connect_action.setStatusTip(_("Open a workspace shared by your team on a PostgreSQL server"))
        self.who_action.setText(_("Change &Who I Am…"))
        self.who_action.setStatusTip(_("Choose the team member your changes are recorded under"))
        dialog = self.dialog
        if dialog is not None:
            dialog.retranslate_ui()
        self._back_up_tips()
        self.update_status()

    # --- connecting --------------------------------------------------------------------------------------
    def show_connect_dialog(self, address: ServerAddress | None = None, message: str = "",
                            password_problem: bool = False) -> ConnectDialog:
        from partnerdesk.ui.team.connect_dialog import ConnectDialog

        if self.dialog is not None:
            self.dialog.close()
        if address is None:
            address = workspace_address(self.window.context.workspace)
        remembered = address is not None and passwords.stored_password(address.url()) is not None
        dialog = ConnectDialog(self.window, address, keyring_ok=passwords.keyring_available(),
                               remembered=remembered)
        dialog.connect_requested.connect(lambda addr, password, remember: self.connect_to(
            addr, password, remember, dialog))
        dialog.rejected.connect(lambda: self._dialog_cancelled(dialog))
        open_modal(self, dialog)
        if message:
            dialog.show_error(message, password_problem)
        return dialog

    def open_url(self, url: str) -> None:
        """Open a ``postgresql://`` address (command line, Open Recent, the last session): with the password in
        the URL or the keyring, else (or when the server refuses it) by asking in the connect dialog."""
        from partnerdesk.store.server import ServerAddress, url_password

        try:
            address = ServerAddress.parse(url)
            password = url_password(url)
        except PartnerDeskError as exc:
            self._failed_without_dialog(exc.message)
            return
        current = self.window.context.workspace
        if current is not None and getattr(current, "key", None) == address.url():
            return  # already open
        if password is None:
            password = passwords.stored_password(address.url())
        self.connect_to(address, password, remember=False, dialog=None)

    def connect_to(self, address: ServerAddress, password: str | None, remember: bool,
                   dialog: ConnectDialog | None) -> None:
        from partnerdesk.ui.jobs import BackgroundJob

        if self.job is not None:
            return  # one connection at a time
        url = address.url()
        location = server_location(address)
        if dialog is not None:
            dialog.set_busy(True, location)
        elif self.window.context.workspace is None:
            self.window.panel.show_loading(location)
            self.window.stack.setCurrentWidget(self.window.panel)
        self.window.statusBar().showMessage(fill(_("Connecting to “{server}”…"), server=location))

        def work(url: str = url, password: str | None = password) -> Any:
            from sqlalchemy.orm import configure_mappers

            from partnerdesk.store.workspace import open_workspace

            workspace = open_workspace(url, password=password, create=True)
            configure_mappers()
            return workspace

        job = BackgroundJob(work, self.window)
        self.job = job
        remember_it = remember if dialog is not None else None  # None: leave the keyring as it is
        job.succeeded.connect(lambda ws: self._connected(ws, address, password, remember_it, dialog))
        job.failed.connect(lambda exc: self._connect_failed(exc, address, dialog))
        job.start()

    def _connected(self, workspace: Workspace, address: ServerAddress, password: str | None,
                   remember: bool | None, dialog: ConnectDialog | None) -> None:
        self.job = None
        self.window.statusBar().clearMessage()
        key = address.url()
        if remember is True and password:
            passwords.store_password(key, password)
        elif remember is False:
            passwords.forget_password(key)
        if dialog is not None:
            if not self._still_open(dialog):  # cancelled while connecting: nothing changes
                workspace.close()
                return
            dialog.accept()
        self.window.adopt_workspace(workspace, key)

    def _connect_failed(self, exc: BaseException, address: ServerAddress, dialog: ConnectDialog | None) -> None:
        from partnerdesk.store.server import ServerPasswordError
        from partnerdesk.store.workspace import WorkspaceError

        self.job = None
        self.window.statusBar().clearMessage()
        if isinstance(exc, PartnerDeskError):
            message = exc.message
        else:  # an unexpected failure: told in words, never as a traceback
            message = fill(_("The team workspace could not be opened: {reason}"), reason=str(exc) or
                           type(exc).__name__)
        password_problem = isinstance(exc, ServerPasswordError)
        if password_problem and getattr(exc, "password_missing", False):
            message = fill(_("Type the password of the user “{user}” on “{server}”."), user=address.user,
                           server=address.server)
        self.last_error = message
        self.window.workspace_failed.emit(message)
        if self.window.context.workspace is None:
            self._show_not_connected(address, exc if isinstance(exc, WorkspaceError) else None)
        if dialog is not None:
            if self._still_open(dialog):
                dialog.show_error(message, password_problem)
            return  # else cancelled meanwhile: not asked again
        self.show_connect_dialog(address, message, password_problem)

    def _still_open(self, dialog: ConnectDialog) -> bool:
        return self.dialog is dialog and shiboken6.isValid(dialog) and dialog.isVisible()

    def _show_not_connected(self, address: ServerAddress | None, error: PartnerDeskError | None = None) -> None:
        """No workspace is open and the team workspace was not reached: the panel says so and offers to connect
        again, or to open or create a file."""
        location = server_location(address) if address is not None else ""
        panel = self.window.panel
        panel.show_error(error or NotConnectedError(location=location), location)
        self.window.stack.setCurrentWidget(panel)
        self.window.set_workspace_ui_enabled(False)
        self.window.update_status()

    def _dialog_cancelled(self, dialog: ConnectDialog) -> None:
        if self.window.context.workspace is None and self.window.panel.mode != "error":
            address = None
            try:
                address = dialog.address()
            except PartnerDeskError:
                pass
            self._show_not_connected(address)

    def _failed_without_dialog(self, message: str) -> None:
        self.last_error = message
        self.window.workspace_failed.emit(message)
        if self.window.context.workspace is None:
            self._show_not_connected(None)
        box = QMessageBox(QMessageBox.Icon.Warning, _("The workspace could not be opened"), message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("workspaceErrorBox")
        box.open()

    def set_file_actions(self, enabled: bool) -> None:
        """Back Up… works on workspace files: for a team workspace it is disabled and says why (pg_dump)."""
        ws = self.window.context.workspace
        server = ws is not None and getattr(ws, "is_server", False)
        back_up = self.window.actions_.back_up
        back_up.setEnabled(enabled and not server)
        self._back_up_tips()

    def _back_up_tips(self) -> None:
        ws = self.window.context.workspace
        server = ws is not None and getattr(ws, "is_server", False)
        tip = _("A team workspace is backed up on its server with pg_dump: see “Team mode” in the "
                "documentation.") if server else ""
        for action in (self.window.actions_.back_up, self.window.actions_.backups.restore):
            action.setToolTip(tip)  # empty: Qt's default, the command's text
            if server:
                if action.statusTip() != tip:
                    self._file_tips[action] = action.statusTip()
                action.setStatusTip(tip)
            elif action in self._file_tips:
                action.setStatusTip(self._file_tips.pop(action))

    # --- who am I ----------------------------------------------------------------------------------------
    def prepare(self, workspace: Workspace) -> None:
        """Before the views of a newly opened workspace are built: who I am on it, if this computer remembers
        it (and that member is still active), so that the first view already knows "me"."""
        self.member_name = ""
        if not workspace.is_server:
            return
        from partnerdesk.services.team_members import active_member_name

        remembered = identity.remembered_member(self.window.context.settings, workspace.key)
        name = active_member_name(workspace, remembered) if remembered is not None else None
        if remembered is not None and name is not None:
            workspace.member_id = remembered
            self.member_name = name

    def workspace_opened(self) -> None:
        """After a workspace became the window's: on a team workspace whose person is not known, ask."""
        ws = self.window.context.workspace
        is_server = bool(ws is not None and ws.is_server)
        self.who_action.setEnabled(is_server)
        self.update_status()
        if ws is not None and is_server and ws.member_id is None:
            self.ask_who_am_i()

    def ask_who_am_i(self) -> WhoAmIDialog | None:
        from partnerdesk.ui.team.who_am_i import WhoAmIDialog

        ws = self.window.context.workspace
        if ws is None or not getattr(ws, "is_server", False):
            return None
        if self.dialog is not None:
            self.dialog.close()
        dialog = WhoAmIDialog(ws, display_name(ws), ws.member_id, self.window)
        dialog.chosen.connect(lambda member, name: self._chosen(ws, member, name))
        dialog.member_added.connect(self.window.context.hub.announce)
        open_modal(self, dialog)
        return dialog

    def _chosen(self, workspace: Workspace, member_id: int, name: str) -> None:
        if workspace is not self.window.context.workspace:
            return
        identity.remember_member(self.window.context.settings, workspace.key, member_id)
        self.set_member(member_id, name)

    def set_member(self, member_id: int, name: str) -> None:
        ws = self.window.context.ws
        changed = ws.member_id != member_id
        ws.member_id = member_id
        self.member_name = name
        self.update_status()
        if changed and self.window.views:  # "only mine", my time zone and working hours follow who I am
            self.window.drop_views()
            self.window.show_view(self.window.current_index)

    # --- status bar --------------------------------------------------------------------------------------
    def update_status(self) -> None:
        ws = self.window.context.workspace
        address = workspace_address(ws)
        if ws is None or address is None:
            self.label.hide()
            self.label.setText("")
            return
        location = server_location(address)
        if self.member_name:
            text = fill(_("Team workspace: {location} · you are {name}"), location=location, name=self.member_name)
        else:
            text = fill(_("Team workspace: {location} · choose who you are in the File menu"), location=location)
        self.label.setText(text)
        self.label.setToolTip(text + "\n" + fill(_("Connected as the server user “{user}”"), user=address.user))
        self.label.show()
