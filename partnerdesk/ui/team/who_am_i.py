"""“Who are you on this team workspace?”: each person picks their team member once per workspace; every change
they make is then recorded under that name in the activity log."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, fill
from partnerdesk.services.team_members import MemberChoice, TeamMemberService, active_members
from partnerdesk.store.workspace import Workspace


class WhoAmIDialog(QDialog):
    """Lists the active team members ("I am Marta Sousa"); someone not on the list can add themselves."""

    chosen = Signal(int, str)  # member id, name
    member_added = Signal(object)  # ChangeSet of the new member

    def __init__(self, workspace: Workspace, location: str, current: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoAmIDialog")
        self.workspace = workspace
        self.location = location
        self.heading = QLabel()
        self.heading.setObjectName("whoAmIHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.members = QListWidget()
        self.members.setObjectName("whoAmIMembers")
        self.members.itemDoubleClicked.connect(lambda _item: self.accept())
        self.members.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.new_label = QLabel()
        self.new_name = QLineEdit()
        self.new_name.setObjectName("whoAmINewName")
        self.new_name.textChanged.connect(lambda _text: self._update_buttons())
        self.add_button = QPushButton()
        self.add_button.setObjectName("whoAmIAdd")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_me)
        self.new_label.setBuddy(self.new_name)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        self.message = QLabel()
        self.message.setObjectName("whoAmIMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B42318")
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.explanation)
        box.addWidget(self.members, 1)
        box.addWidget(self.new_label)
        box.addLayout(add_row)
        box.addWidget(self.message)
        box.addWidget(self.buttons)
        self.fill(current)
        self.retranslate_ui()
        self.resize(max(self.sizeHint().width(), 460), max(self.sizeHint().height(), 420))

    def fill(self, current: int | None = None) -> None:
        self.choices: list[MemberChoice] = active_members(self.workspace)
        self.members.clear()
        for choice in self.choices:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            self.members.addItem(item)
        self._set_item_texts()
        ids = [c.id for c in self.choices]
        if current in ids:
            self.members.setCurrentRow(ids.index(current))
        self._update_buttons()

    def _set_item_texts(self) -> None:
        for row, choice in enumerate(self.choices):
            item = self.members.item(row)
            item.setText(fill(_("I am {name}"), name=choice.name))
            item.setToolTip(choice.role)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Who Are You?"))
        self.heading.setText(_("Who are you on this team workspace?"))
        self.explanation.setText(fill(_(
            "Everything you change in “{workspace}” is recorded under your name in the activity log. This "
            "computer remembers your choice; change it later with File → Change Who I Am…"),
            workspace=self.location))
        self.new_label.setText(_("Not on the list? Add yourself to the &team:"))
        self.new_name.setPlaceholderText(_("Your name"))
        self.add_button.setText(_("&Add Me"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Continue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Not Now"))
        self._set_item_texts()

    def _update_buttons(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.members.currentRow() >= 0)
        self.add_button.setEnabled(bool(self.new_name.text().strip()))

    def chosen_id(self) -> int | None:
        item = self.members.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def choose(self, name: str) -> None:
        """Select the member called ``name`` (tests, and after adding oneself)."""
        for row, choice in enumerate(self.choices):
            if choice.name == name:
                self.members.setCurrentRow(row)
                return
        raise LookupError(name)

    def add_me(self) -> None:
        name = self.new_name.text()
        try:
            member_id, changes = TeamMemberService(self.workspace).add(name)
        except PartnerDeskError as exc:
            self.message.setText(exc.message)
            self.message.show()
            return
        self.message.hide()
        self.new_name.clear()
        self.member_added.emit(changes)
        self.fill(member_id)
        self.members.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Enter in the name field adds that person and nothing more: it must not also press Continue and choose
        whoever happens to be selected."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is self.new_name:
            event.accept()
            if self.new_name.text().strip():
                self.add_me()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        member = self.chosen_id()
        if member is None:
            return
        name = next(c.name for c in self.choices if c.id == member)
        super().accept()
        self.chosen.emit(member, name)
