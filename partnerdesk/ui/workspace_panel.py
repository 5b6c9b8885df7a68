"""The page shown instead of the views while no workspace is open: first run, opening, or an error."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _


class WorkspacePanel(QWidget):
    """Non-modal: the menus stay usable while it is shown."""

    start_demo = Signal()
    start_empty = Signal()
    open_other = Signal()
    create_new = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "loading"
        self.error: PartnerDeskError | None = None
        self.path = ""
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()  # busy bar while a workspace takes long to open
        self.progress.setObjectName("openingProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(360)
        self.progress.hide()
        self.demo_button = QPushButton()
        self.empty_button = QPushButton()
        self.open_button = QPushButton()
        self.new_button = QPushButton()
        self.demo_button.clicked.connect(self.start_demo)
        self.empty_button.clicked.connect(self.start_empty)
        self.open_button.clicked.connect(self.open_other)
        self.new_button.clicked.connect(self.create_new)
        buttons = QHBoxLayout()
        for button in (self.demo_button, self.empty_button, self.open_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.message)
        box.addWidget(self.progress)
        box.addSpacing(12)
        box.addLayout(buttons)
        box.addStretch(2)
        box.setContentsMargins(48, 24, 48, 24)
        self.retranslate_ui()

    def show_loading(self, path: str) -> None:
        self.mode, self.path, self.error = "loading", path, None
        self.retranslate_ui()

    def show_progress(self, busy: bool) -> None:
        self.progress.setVisible(busy and self.mode == "loading")

    def show_first_run(self, path: str) -> None:
        self.mode, self.path, self.error = "first_run", path, None
        self.retranslate_ui()

    def show_error(self, error: PartnerDeskError, path: str) -> None:
        self.mode, self.path, self.error = "error", path, error
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        first, error = self.mode == "first_run", self.mode == "error"
        self.demo_button.setVisible(first)
        if self.mode != "loading":
            self.progress.hide()
        self.empty_button.setVisible(first)
        self.open_button.setVisible(first or error)
        self.new_button.setVisible(error)
        self.demo_button.setText(_("Start with &Demo Data"))
        self.empty_button.setText(_("Start &Empty"))
        self.open_button.setText(_("&Open Another File…") if error else _("&Open a File…"))
        self.new_button.setText(_("&Create a New Workspace…"))
        if first:
            self.title.setText(_("Welcome to PartnerDesk"))
            self.message.setText(_(
                "There is no workspace yet. Start with demo data to explore PartnerDesk with realistic "
                "partners, contacts, work items and events, or start with an empty workspace.\n\n"
                "The workspace will be saved in “{path}”.").format(path="\u2066" + self.path + "\u2069"))
        elif error and self.error is not None:
            self.title.setText(_("The workspace could not be opened"))
            self.message.setText(self.error.message + "\n\n" + _(
                "Open another file, or create a new workspace. Nothing was overwritten."))
        else:
            self.title.setText(_("Opening workspace…"))
            self.message.setText(self.path)
