"""The page shown instead of the views while no workspace is open: first run, opening, or an error."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _
from partnerdesk.ui.icons import theme_icon

FEATURE_ICONS = ("welcome-partners", "view-list-details", "x-office-calendar", "x-office-document")


def _feature_lines() -> list[str]:
    return [
        _("Partners and their people: stage, owners, contracts, who does what, and everyone's local time."),
        _("A board for deliverables and issues, from Pending to Done, with due dates and owners."),
        _("A calendar across time zones: meetings, due dates, contract reviews, payments and follow-ups."),
        _("Onboarding packets and brand guides as PDF, in each partner's language."),
    ]


class WorkspacePanel(QWidget):
    """Non-modal: the menus stay usable while it is shown."""

    start_demo = Signal()
    start_empty = Signal()
    open_other = Signal()
    create_new = Signal()
    connect_team = Signal()  # File → Connect to Team Workspace… (issue 18)

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
        self.team_button = QPushButton()
        self.team_button.setObjectName("panelConnectTeam")
        self.team_button.clicked.connect(self.connect_team)
        self.demo_button.clicked.connect(self.start_demo)
        self.empty_button.clicked.connect(self.start_empty)
        self.open_button.clicked.connect(self.open_other)
        self.new_button.clicked.connect(self.create_new)
        buttons = QHBoxLayout()
        for button in (self.demo_button, self.empty_button, self.open_button, self.new_button, self.team_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.demo_button.setDefault(True)
        # First run: what PartnerDesk does, one line per area, each with its icon.
        self.features = QWidget()
        self.features.setObjectName("welcomeFeatures")
        grid = QGridLayout(self.features)
        grid.setContentsMargins(0, 8, 0, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        self.feature_labels: list[tuple[QLabel, QLabel]] = []
        for row, icon in enumerate(FEATURE_ICONS):
            picture, text = QLabel(), QLabel()
            picture.setPixmap(theme_icon(icon).pixmap(32, 32))
            text.setWordWrap(True)
            grid.addWidget(picture, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            self.feature_labels.append((picture, text))
        grid.setColumnStretch(1, 1)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet("color: #52606D")
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.subtitle)
        box.addWidget(self.features)
        box.addWidget(self.message)
        box.addWidget(self.progress)
        box.addSpacing(12)
        box.addLayout(buttons)
        box.addStretch(2)
        box.setContentsMargins(48, 24, 48, 24)
        self.setMaximumWidth(16777215)
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
        self.team_button.setVisible(first or error)
        self.features.setVisible(first)
        self.subtitle.setVisible(first)
        self.demo_button.setIcon(theme_icon("welcome-demo"))
        self.empty_button.setIcon(theme_icon("document-new"))
        self.open_button.setIcon(theme_icon("document-open"))
        self.new_button.setIcon(theme_icon("document-new"))
        self.team_button.setIcon(theme_icon("system-users"))
        self.subtitle.setText(_("Your e-commerce partnerships in one place, offline, in your partners' "
                                "languages."))
        for (_picture, text), line in zip(self.feature_labels, _feature_lines(), strict=True):
            text.setText(line)
        self.demo_button.setText(_("Start with &Demo Data"))
        self.empty_button.setText(_("Start &Empty"))
        self.open_button.setText(_("&Open Another File…") if error else _("&Open a File…"))
        self.new_button.setText(_("&Create a New Workspace…"))
        self.team_button.setText(_("Connect to a &Team Workspace…"))
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
