"""File → Connect to Team Workspace…: the server's address, the password (kept in the system keyring only if the
user agrees) and TLS. The dialog only collects and shows; :mod:`partnerdesk.ui.team.connector` connects and
reports back here, so an error leaves the dialog open with everything typed and the current workspace open."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.l10n import N_, _, fill

if TYPE_CHECKING:
    from partnerdesk.store.server import ServerAddress

DEFAULT_PORT = 5432
#: The TLS choices offered (libpq's sslmode) and what each means; other modes from a URL are kept as they are.
TLS_MODES: tuple[tuple[str, str], ...] = (
    ("prefer", N_("Use TLS when the server offers it")),
    ("require", N_("Always use TLS")),
    ("verify-full", N_("Always use TLS and verify the server's certificate")),
)


class ConnectDialog(QDialog):
    """Emits ``connect_requested(address, password, remember)``; the connector answers with :meth:`show_error`
    (the dialog stays open) or closes it."""

    connect_requested = Signal(object, object, bool)  # ServerAddress, password (str | None), remember

    def __init__(self, parent: QWidget | None = None, address: ServerAddress | None = None,
                 keyring_ok: bool = True, remembered: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("connectTeamDialog")
        self.keyring_ok = keyring_ok
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setObjectName("connectHost")
        self.port = QSpinBox()
        self.port.setObjectName("connectPort")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.database = QLineEdit()
        self.database.setObjectName("connectDatabase")
        self.user = QLineEdit()
        self.user.setObjectName("connectUser")
        self.password = QLineEdit()
        self.password.setObjectName("connectPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox()
        self.remember.setObjectName("connectRemember")
        self.remember.setChecked(remembered and keyring_ok)
        self.remember.setEnabled(keyring_ok)
        self.tls = QComboBox()
        self.tls.setObjectName("connectTls")
        for mode, _label in TLS_MODES:
            self.tls.addItem("", mode)
        for edit in (self.host, self.database, self.user):
            edit.setMinimumWidth(260)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows: list[tuple[QWidget, QLabel, str]] = []
        for widget, text in ((self.host, N_("&Server:")), (self.port, N_("P&ort:")),
                             (self.database, N_("&Database:")), (self.user, N_("&User name:")),
                             (self.password, N_("&Password:")), (self.tls, N_("&TLS:"))):
            label = QLabel()
            label.setBuddy(widget)  # the field's accessible name, and Alt+letter focuses it
            self.form.addRow(label, widget)
            self.rows.append((widget, label, text))
        self.form.addRow(self.remember)
        self.message = QLabel()
        self.message.setObjectName("connectMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B42318")
        self.message.hide()
        self.busy = QProgressBar()
        self.busy.setObjectName("connectBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.request_connection)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addLayout(self.form)
        box.addWidget(self.message)
        box.addWidget(self.busy)
        box.addWidget(self.buttons)
        if address is not None:
            self.set_address(address)
        self.retranslate_ui()
        self._focus_first_empty()

    # --- contents ----------------------------------------------------------------------------------------
    def set_address(self, address: ServerAddress) -> None:
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        index = self.tls.findData(address.sslmode)
        if index < 0:  # a mode the dialog does not offer (from a URL): kept, under its own name
            self.tls.addItem(address.sslmode, address.sslmode)
            index = self.tls.count() - 1
        self.tls.setCurrentIndex(index)

    def address(self) -> ServerAddress:
        from partnerdesk.store.server import ServerAddress

        return ServerAddress(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                             self.user.text().strip(), str(self.tls.currentData()))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Connect to Team Workspace"))
        self.intro.setText(_("A team workspace lives in a PostgreSQL database on a server, shared by everyone "
                             "on the team. Ask its administrator for these details."))
        for widget, label, text in self.rows:
            label.setText(_(text))
            widget.setAccessibleName(re.sub(r"\(&.\)|&", "", label.text()).rstrip(":：").strip())
        self.remember.setText(_("&Remember the password in the system keyring"))
        self.remember.setToolTip("" if self.keyring_ok else _(
            "No system keyring is available on this computer: the password will be asked for each time."))
        for row, (_mode, mode_text) in enumerate(TLS_MODES):
            self.tls.setItemText(row, _(mode_text))
        self.host.setPlaceholderText(_("for example db.example.com"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("C&onnect"))

    def _focus_first_empty(self) -> None:
        for edit in (self.host, self.database, self.user, self.password):
            if not edit.text():
                edit.setFocus()
                return
        self.password.setFocus()

    # --- connecting --------------------------------------------------------------------------------------
    def missing_field(self) -> str | None:
        """The message for the first required field left empty, None when all are there."""
        if not self.host.text().strip():
            self.host.setFocus()
            return _("Type the name or address of the server.")
        if not self.database.text().strip():
            self.database.setFocus()
            return _("Type the name of the database.")
        if not self.user.text().strip():
            self.user.setFocus()
            return _("Type your user name on the server.")
        return None

    def request_connection(self) -> None:
        problem = self.missing_field()
        if problem is not None:
            self.show_error(problem)
            return
        self.message.hide()
        password = self.password.text() or None
        self.connect_requested.emit(self.address(), password, self.remember.isChecked())

    def set_busy(self, busy: bool, server: str = "") -> None:
        """While connecting: the fields are locked and a busy bar says so; Cancel stays available."""
        for widget, _label, _text in self.rows:
            widget.setEnabled(not busy)
        self.remember.setEnabled(not busy and self.keyring_ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        self.busy.setVisible(busy)
        if busy:
            self.message.setStyleSheet("")
            self.message.setText(fill(_("Connecting to “{server}”…"), server=server))
            self.message.show()

    def show_error(self, message: str, password_problem: bool = False) -> None:
        """Show why it failed; a password problem empties the password field and asks for it again."""
        self.set_busy(False)
        self.message.setStyleSheet("color: #B42318")
        self.message.setText(message)
        self.message.show()
        if password_problem:
            self.password.clear()
            self.password.setFocus()
