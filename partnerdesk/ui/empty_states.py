"""Empty states: a view with nothing to show says so and offers the next step (add a partner, import contacts,
import events, load the demo) instead of a blank board, calendar or table.

The page lies over the view (a child covering it) while the view's records are missing, and goes away by
itself once the first record arrives. The main window only creates ``EmptyStates(window)``; views are found
when the window shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from partnerdesk.l10n import _
from partnerdesk.ui.icons import theme_icon
from partnerdesk.ui.views_registry import VIEWS

Action = tuple[str, str, Callable[[], None]]  # text, icon name, what it does


class EmptyPage(QFrame):
    """Icon, title, a sentence and the buttons of the next steps, centred over the view."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setAutoFillBackground(True)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setObjectName("emptyStateTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setFixedWidth(520)  # wrapped lines at a comfortable length
        self.message.setStyleSheet("color: #52606D")
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addStretch(2)
        box.addWidget(self.icon)
        box.addSpacing(8)
        box.addWidget(self.title)
        box.addWidget(self.message, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(16)
        box.addLayout(self.buttons)
        box.addStretch(3)
        self.action_buttons: list[QPushButton] = []

    def set_content(self, icon: str, title: str, message: str, actions: list[Action]) -> None:
        self.icon.setPixmap(theme_icon(icon).pixmap(64, 64))
        self.title.setText(title)
        self.message.setText(message)
        self.message.setMinimumHeight(self.message.heightForWidth(self.message.width()))
        for button in self.action_buttons:
            self.buttons.removeWidget(button)
            button.deleteLater()
        self.action_buttons = []
        for n, (text, icon_name, slot) in enumerate(actions):
            button = QPushButton(theme_icon(icon_name), text)
            button.setDefault(n == 0)
            button.clicked.connect(slot)
            self.buttons.insertWidget(1 + n, button)
            self.action_buttons.append(button)


@dataclass
class _Attached:
    key: str
    view: QWidget
    page: EmptyPage


class EmptyStates(QObject):
    """Watches the window's views and the workspace's counts; shows or hides each view's empty page."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.attached: dict[int, _Attached] = {}
        self.counts: dict[str, int] = {}
        window.stack.currentChanged.connect(lambda _i: self._attach_current())
        hub = window.context.hub
        hub.changed.connect(lambda _changes: self.refresh())
        hub.workspace_replaced.connect(self.refresh)
        hub.reload_requested.connect(self.refresh)
        hub.language_changed.connect(lambda _lang: self.refresh())

    def _attach_current(self) -> None:
        current = self.window.stack.currentWidget()
        for index, view in self.window.views.items():
            if view is current and index not in self.attached:
                key = VIEWS[index][0]
                if key in CONTENT:
                    page = EmptyPage(view)
                    page.hide()
                    view.installEventFilter(self)
                    self.attached[index] = _Attached(key, view, page)
                    self.refresh()
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            for item in self.attached.values():
                if item.view is watched:
                    item.page.setGeometry(item.view.rect())
        return False

    def refresh(self) -> None:
        ws = self.window.context.workspace
        if ws is None or not self.attached:
            return
        from partnerdesk.services.listing import counts

        self.counts = counts(ws)
        for item in self.attached.values():
            content = CONTENT[item.key](self)
            if content is None:
                item.page.hide()
                continue
            item.page.set_content(*content)
            item.page.setGeometry(item.view.rect())
            item.page.show()
            item.page.raise_()

    # --- what each view says ----------------------------------------------------------------------------------
    @property
    def workspace_empty(self) -> bool:
        return not any(self.counts.values())

    def common(self) -> list[Action]:
        actions: list[Action] = []
        if self.workspace_empty:
            actions.append((_("Load Demo Data"), "welcome-demo", self.load_demo))
        return actions

    def view(self, key: str) -> Any:
        keys = [k for k, *_rest in VIEWS]
        return self.window.views.get(keys.index(key))

    def switch(self, key: str) -> Any:
        keys = [k for k, *_rest in VIEWS]
        self.window.show_view(keys.index(key))
        return self.window.views.get(keys.index(key))

    def load_demo(self) -> None:
        self.window._populate_demo()

    def add_partner(self) -> None:
        self.switch("partners").add_partner()

    def add_card(self) -> None:
        board = self.view("kanban")
        if board is None or not board.board_columns:
            return
        title, ok = QInputDialog.getText(board, _("New card"), _("Title of the card:"))
        if ok and title.strip():
            board.quick_add(board.board_columns[0].status_id, title.strip())


def _partners(states: EmptyStates) -> tuple[str, str, str, list[Action]] | None:
    if states.counts.get("partner", 0):
        return None
    return ("welcome-partners", _("No partners yet"),
            _("Add the agencies, marketplaces and providers you work with: their stage, owners, contract and "
              "working hours live here."),
            [(_("Add a Partner…"), "list-add", lambda: states.view("partners").add_partner()), *states.common()])


def _contacts(states: EmptyStates) -> tuple[str, str, str, list[Action]] | None:
    if states.counts.get("contact", 0):
        return None
    return ("x-office-address-book", _("No contacts yet"),
            _("Import the people you work with from a vCard or CSV file (Outlook, Google, Apple), or add them "
              "one by one."),
            [(_("Import Contacts…"), "document-import", lambda: states.view("contacts").import_contacts()),
             (_("Add a Contact…"), "list-add", lambda: states.view("contacts").add_contact()),
             *states.common()])


def _calendar(states: EmptyStates) -> tuple[str, str, str, list[Action]] | None:
    if states.counts.get("event", 0) or states.counts.get("work_item", 0):
        return None
    return ("x-office-calendar", _("Nothing on the calendar yet"),
            _("Import your meetings from Outlook, Google, Apple or Thunderbird (.ics), or plan a new event. "
              "Due dates, contract reviews and payments appear here by themselves."),
            [(_("Import Events…"), "document-import", states.window.actions_.ics.import_events.trigger),
             (_("New Event…"), "appointment-new", lambda: states.view("calendar").editor.new_event()),
             *states.common()])


def _kanban(states: EmptyStates) -> tuple[str, str, str, list[Action]] | None:
    if states.counts.get("work_item", 0):
        return None
    actions: list[Action] = [(_("Add a Card…"), "list-add", states.add_card)]
    if not states.counts.get("partner", 0):
        actions.append((_("Add a Partner…"), "system-users", states.add_partner))
    return ("view-list-details", _("The board is empty"),
            _("Deliverables and issues for your partners go on the board, from Pending to Done. Add the first "
              "card, then drag it along as the work moves."),
            actions + states.common())


CONTENT: dict[str, Callable[[EmptyStates], tuple[str, str, str, list[Action]] | None]] = {
    "partners": _partners, "contacts": _contacts, "calendar": _calendar, "kanban": _kanban,
}
