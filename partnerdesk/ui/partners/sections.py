"""Profile sections that list records: scope, contract, responsibilities matrix, interactions, activity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import or_, select

from partnerdesk.domain.enums import Channel, Frequency, Phase, ScopeStatus
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_, _, format_date, format_datetime
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.models import ActivityLog, Interaction, Responsibility, ScopeItem, TeamMember
from partnerdesk.ui.partners import section_commands as commands
from partnerdesk.ui.partners.activity_text import changes_text
from partnerdesk.ui.undo import push


class Section(QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.partner_id: int | None = None

    def service(self) -> PartnerService:
        return PartnerService(self.context.ws)

    def push(self, command: Any) -> bool:
        """Do an undoable change; a refused one shows a translated error, keeps the input and adds no step."""
        try:
            push(self.context.undo_stack, command)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Partner"), exc.message)
            return False
        return True

    def push_versioned(self, make: Callable[[int | None], Any], start_version: int | None,
                       mine: dict[str, Any], *, on_saved: Callable[[Any], None] | None = None,
                       reload: Callable[[], None] | None = None) -> Any:
        """``push`` for a save from the version the section loaded: a conflict opens the conflict dialog (Reload
        shows theirs, Re-apply mine saves over it knowingly). ``on_saved(command)`` follows a save done now or
        re-applied. Returns the command when done now."""
        from partnerdesk.ui.conflicts import push_edit

        return push_edit(self, self.context, make, start_version, mine, on_saved=on_saved, reload=reload,
                         on_error=lambda exc: QMessageBox.warning(self, _("Partner"), getattr(exc, "message", str(exc))))

    def retranslate_ui(self) -> None:
        pass


class ScopeSection(Section):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.text = QLineEdit()
        self.phase, self.in_scope = QComboBox(), QCheckBox()
        self.in_scope.setChecked(True)
        self.add, self.remove, self.expand = QPushButton(), QPushButton(), QPushButton()
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.DoubleClicked | QTreeWidget.EditTrigger.EditKeyPressed)
        self.tree.itemChanged.connect(self._edited)
        self.text.returnPressed.connect(self._add)
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.expand.clicked.connect(self._expand)
        for w in (self.text, self.phase, self.in_scope, self.add, self.remove, self.expand):
            row.addWidget(w, 1 if w is self.text else 0)
        layout.addLayout(row)

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([_("Item"), _("In scope"), _("Status")])
        self.text.setPlaceholderText(_("New scope item…"))
        self.in_scope.setText(_("In scope"))
        self.add.setText(_("Add"))
        self.remove.setText(_("Remove"))
        self.expand.setText(_("Decide expansion…"))
        self.phase.clear()
        for phase in Phase:
            self.phase.addItem(phase.label, phase)

    def load(self, session: Any) -> None:
        self.tree.blockSignals(True)
        try:
            self._fill(session)
        finally:
            self.tree.blockSignals(False)

    def _fill(self, session: Any) -> None:
        self.tree.clear()
        items = list(session.scalars(select(ScopeItem).where(ScopeItem.partner_id == self.partner_id)
                                     .order_by(ScopeItem.position)))
        for phase in Phase:
            parent = QTreeWidgetItem([phase.label])
            self.tree.addTopLevelItem(parent)
            for item in (i for i in items if i.phase == phase):
                child = QTreeWidgetItem([item.description, _("yes") if item.in_scope else _("no"), item.status.label])
                child.setData(0, Qt.ItemDataRole.UserRole, item.id)
                # the description is edited in place (double-click or F2); the box moves it in or out of scope
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(1, Qt.CheckState.Checked if item.in_scope else Qt.CheckState.Unchecked)
                parent.addChild(child)
            parent.setExpanded(True)
        self.tree.resizeColumnToContents(0)

    def _add(self) -> None:
        if self.partner_id is not None and self.text.text().strip():
            if self.push(commands.add_scope_item(self.context, self.partner_id, self.text.text(),
                                                 phase=self.phase.currentData(), in_scope=self.in_scope.isChecked(),
                                                 status=ScopeStatus.PROPOSED)):
                self.text.clear()

    def _edited(self, item: QTreeWidgetItem, column: int) -> None:
        item_id = item.data(0, Qt.ItemDataRole.UserRole)
        if not item_id or column not in (0, 1):
            return
        values: dict[str, Any] = ({"description": item.text(0).strip()} if column == 0
                                  else {"in_scope": item.checkState(1) == Qt.CheckState.Checked})
        # The change reloads the tree; do it once Qt has finished with the edited item.
        QTimer.singleShot(0, self, lambda: self._save_edit(item_id, values))

    def _save_edit(self, item_id: int, values: dict[str, Any]) -> None:
        command = commands.EditScopeItemCommand(self.context, item_id, values)
        if not command.new or not self.push(command):  # unchanged or refused: show the stored values again
            with self.context.ws.session() as s:
                self.load(s)

    def _remove(self) -> None:
        item = self.tree.currentItem()
        item_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if item_id:
            self.push(commands.remove_scope_item(self.context, item_id))

    def _expand(self) -> None:
        if self.partner_id is None:
            return
        rationale, ok = QInputDialog.getMultiLineText(
            self, _("Decide expansion"), _("Why does the partnership move from the pilot to expansion?"))
        if not ok:
            return
        pilot = self.tree.topLevelItem(0)
        ids = [item.data(0, Qt.ItemDataRole.UserRole) for i in range(pilot.childCount())
               if (item := pilot.child(i)) is not None] if pilot else []
        self.push(commands.DecideExpansionCommand(self.context, self.partner_id, rationale, ids))


class ResponsibilitiesModel(QAbstractTableModel):
    """task | responsible | frequency | deadline, edited in place through the partner service."""

    HEADERS = (N_("Task"), N_("Responsible"), N_("Frequency"), N_("Deadline"))

    def __init__(self, section: ResponsibilitiesSection) -> None:
        super().__init__(section)
        self.section = section
        self.rows: list[Responsibility] = []
        self.people: list[tuple[str, int | None, int | None]] = []  # (label, member_id, contact_id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def who(self, r: Responsibility) -> str:
        for label, member, contact in self.people:
            if (member and member == r.member_id) or (contact and contact == r.contact_id):
                return label
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if col == 0:
            return r.task
        if col == 1:
            return self.who(r)
        if col == 2:
            return r.frequency.label if role == Qt.ItemDataRole.DisplayRole else r.frequency.value
        if col == 3:
            if role == Qt.ItemDataRole.EditRole:
                return r.deadline.isoformat() if r.deadline else ""
            return format_date(r.deadline) if r.deadline else ""
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        r = self.rows[index.row()]
        col = index.column()
        values: dict[str, Any] = {}
        if col == 0:
            values["task"] = str(value)
        elif col == 1:
            match = next((p for p in self.people if p[0] == value), None)
            values["member_id"], values["contact_id"] = (match[1], match[2]) if match else (None, None)
        elif col == 2:
            values["frequency"] = next((f for f in Frequency if value in (f.value, f.label)), r.frequency)
        elif col == 3:
            try:
                values["deadline"] = dt.date.fromisoformat(str(value)) if str(value).strip() else None
            except ValueError:
                QMessageBox.warning(self.section, _("Responsibilities"), _("Dates look like 2026-12-31."))
                return False
        command = commands.EditResponsibilityCommand(self.section.context, r.id, values)
        return not command.new or self.section.push(command)


class ResponsibilitiesSection(Section):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.model = ResponsibilitiesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        # Dates, names and headers take the width they need in every language; the title gets the rest.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.task, self.frequency, self.add, self.remove = QLineEdit(), QComboBox(), QPushButton(), QPushButton()
        self.task.returnPressed.connect(self._add)
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        for w in (self.task, self.frequency, self.add, self.remove):
            row.addWidget(w, 1 if w is self.task else 0)
        layout.addLayout(row)

    def retranslate_ui(self) -> None:
        self.task.setPlaceholderText(_("New task…"))
        self.add.setText(_("Add"))
        self.remove.setText(_("Remove"))
        self.frequency.clear()
        for f in Frequency:
            if f != Frequency.ONE_OFF:
                self.frequency.addItem(f.label, f)

    def load(self, session: Any) -> None:
        from partnerdesk.store.models import Contact

        self.model.beginResetModel()
        self.model.rows = list(session.scalars(select(Responsibility).where(
            Responsibility.partner_id == self.partner_id).order_by(Responsibility.position)))
        people: list[tuple[str, int | None, int | None]] = []
        for m in session.scalars(select(TeamMember).order_by(TeamMember.name)):
            people.append((m.name, m.id, None))
        for c in session.scalars(select(Contact).where(Contact.partner_id == self.partner_id)):
            people.append((c.display_name, None, c.id))
        self.model.people = people
        self.model.endResetModel()

    def _add(self) -> None:
        if self.partner_id is not None and self.task.text().strip():
            if self.push(commands.add_responsibility(self.context, self.partner_id, self.task.text(),
                                                     self.frequency.currentData())):
                self.task.clear()

    def _remove(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.push(commands.remove_responsibility(self.context, self.model.rows[index.row()].id))


class InteractionsSection(Section):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        quick = QHBoxLayout()
        self.channel, self.summary = QComboBox(), QLineEdit()
        self.follow, self.follow_on = QCheckBox(), QDateEdit(QDate.currentDate().addDays(3))
        self.follow_on.setCalendarPopup(True)
        self.add = QPushButton()
        self.summary.returnPressed.connect(self._add)
        self.add.clicked.connect(self._add)
        # Keyboard only: type, Tab, pick a date (which ticks "Follow up on" by itself), Enter adds.
        self.follow_on.dateChanged.connect(lambda _d: self.follow.setChecked(True))
        self.follow_on.installEventFilter(self)
        for w in (self.channel, self.summary, self.follow, self.follow_on, self.add):
            quick.addWidget(w, 1 if w is self.summary else 0)
        layout.addLayout(quick)
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setColumnCount(4)  # the resize modes below only apply to columns that exist
        self.timeline.header().setStretchLastSection(False)
        self.timeline.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.timeline, 1)

    def retranslate_ui(self) -> None:
        self.summary.setPlaceholderText(_("What was said? Press Enter to add."))
        self.follow.setText(_("&Follow up on"))
        self.add.setText(_("Add"))
        self.timeline.setHeaderLabels([_("When"), _("Channel"), _("Summary"), _("Follow-up")])
        self.channel.clear()
        for c in Channel:
            self.channel.addItem(c.label, c)

    def load(self, session: Any) -> None:
        self.timeline.clear()
        for i in session.scalars(select(Interaction).where(Interaction.partner_id == self.partner_id)
                                 .order_by(Interaction.occurred_at.desc()).limit(500)):
            follow = format_date(i.follow_up_on) if i.follow_up_on else ""
            self.timeline.addTopLevelItem(QTreeWidgetItem([format_datetime(i.occurred_at, "short"), i.channel.label,
                                                           i.summary, follow]))
        for column in (0, 1, 3):
            self.timeline.resizeColumnToContents(column)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        if (watched is self.follow_on and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._add()
            return True
        return super().eventFilter(watched, event)

    def _add(self) -> None:
        if self.partner_id is None or not self.summary.text().strip():
            self.summary.setFocus()
            return
        follow = self.follow_on.date().toPython() if self.follow.isChecked() else None
        if self.push(commands.add_interaction(self.context, self.partner_id, self.channel.currentData(),
                                              self.summary.text(), follow_up_on=follow)):
            self.summary.clear()
            self.follow.setChecked(False)
            self.follow_on.blockSignals(True)
            self.follow_on.setDate(QDate.currentDate().addDays(3))
            self.follow_on.blockSignals(False)
            self.summary.setFocus()


def without_actor(summary: str, who: str) -> str:
    """"Created the partner…" for "Marta Sousa: Created the partner…" when Marta is already in the Who column."""
    if who and summary.startswith(f"{who}: "):
        return summary[len(who) + 2:]
    return summary


class ActivitySection(Section):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.log = QTreeWidget()
        self.log.setRootIsDecorated(False)
        self.log.header().setStretchLastSection(True)
        layout.addWidget(self.log)

    def retranslate_ui(self) -> None:
        self.log.setHeaderLabels([_("When"), _("Who"), _("Action"), _("What"), _("Changes")])

    def load(self, session: Any) -> None:
        self.log.clear()
        members = dict(session.execute(select(TeamMember.id, TeamMember.name)).all())
        rows = session.scalars(select(ActivityLog).where(or_(
            ActivityLog.partner_id == self.partner_id,
            (ActivityLog.entity == "partner") & (ActivityLog.entity_id == self.partner_id)))
            .order_by(ActivityLog.at.desc()).limit(300))
        any_changes = False
        for a in rows:
            changes = changes_text(a.changes, members, self.isRightToLeft())
            who = members.get(a.member_id, "")
            any_changes = any_changes or bool(changes)
            self.log.addTopLevelItem(QTreeWidgetItem([format_datetime(a.at, "short"), who, a.action.label,
                                                      without_actor(a.summary, who), changes]))
        self.log.setColumnHidden(4, not any_changes)  # no entry recorded field changes: no empty column
        for column in (0, 1, 2, 3):
            self.log.resizeColumnToContents(column)
