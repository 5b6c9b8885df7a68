"""The card dialog: every field of a work item plus its checklist; saving is one undoable command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import Priority
from partnerdesk.domain.errors import EditConflictError, PartnerDeskError
from partnerdesk.l10n import _, format_datetime
from partnerdesk.services.base import ChangeSet
from partnerdesk.services.board_query import BoardQuery, CardHistory
from partnerdesk.ui.conflicts import resolve_conflict
from partnerdesk.ui.kanban.commands import EditCard, MoveCards, push
from partnerdesk.ui.qt_i18n import qt_date_format, qt_time_format

if TYPE_CHECKING:
    from partnerdesk.ui.kanban.view import KanbanView


def split_tags(text: str) -> list[str]:
    return sorted({t.strip() for t in text.replace("،", ",").replace("、", ",").split(",") if t.strip()})


class CardDialog(QDialog):
    def __init__(self, query: BoardQuery, values: dict[str, Any], checklist: list[tuple[str, bool]],
                 parent: QWidget | None = None, history: CardHistory | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit card"))
        self.setMinimumWidth(520)
        self.original = dict(values)
        # Saves the card when OK is pressed; False (the reason shown) keeps the dialog open with what was typed.
        self.save_hook: Callable[[], bool] | None = None
        self.title = QLineEdit(values.get("title", ""))
        self.description = QPlainTextEdit(values.get("description", "") or "")
        self.description.setTabChangesFocus(True)
        self.partner = QComboBox()
        self.partner.addItem(_("No partner"), None)
        for pid, name in query.partners():
            self.partner.addItem(name, pid)
        self.partner.setCurrentIndex(max(0, self.partner.findData(values.get("partner_id"))))
        self.responsible = QComboBox()
        self.responsible.addItem(_("Unassigned"), None)
        for mid, name in query.members():
            self.responsible.addItem(name, mid)
        self.responsible.setCurrentIndex(max(0, self.responsible.findData(values.get("responsible_member_id"))))
        self.status = QComboBox()
        self.status.setObjectName("cardStatus")
        for sid, name in query.statuses():
            self.status.addItem(name, sid)
        self.original_status = history.status_id if history is not None else None
        self.status.setCurrentIndex(max(0, self.status.findData(self.original_status)))
        self.status.setEnabled(history is not None)
        self.priority = QComboBox()
        for level in Priority:
            self.priority.addItem(level.label, level.value)
        self.priority.setCurrentIndex(max(0, self.priority.findData(values.get("priority", "normal"))))
        self.has_due, self.has_time = QCheckBox(_("Due")), QCheckBox(_("at"))
        self.due_date, self.due_time = QDateEdit(), QTimeEdit()
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat(qt_date_format())
        self.due_time.setDisplayFormat(qt_time_format())
        for edit in (self.due_date, self.due_time):  # dates and times read left to right, also in Arabic
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        due: dt.datetime | None = values.get("due_at")
        local = due.astimezone() if due is not None else dt.datetime.now().astimezone() + dt.timedelta(days=7)
        self.due_date.setDate(QDate(local.year, local.month, local.day))
        self.due_time.setTime(QTime(local.hour, local.minute) if due is not None and values.get("due_has_time")
                              else QTime(17, 0))
        self.has_due.setChecked(due is not None)
        self.has_time.setChecked(bool(due is not None and values.get("due_has_time")))
        for box in (self.has_due, self.has_time):
            box.toggled.connect(self._sync_due)
        due_row = QHBoxLayout()
        for widget in (self.has_due, self.due_date, self.has_time, self.due_time):
            due_row.addWidget(widget)
        due_row.addStretch(1)
        self.tags = QLineEdit(", ".join(values.get("tags") or []))
        self.tags.setPlaceholderText(_("Comma-separated, e.g. billing, launch"))
        self.tags.setCompleter(QCompleter(query.tags(), self.tags))
        # Checklist: tick to mark done, double-click to edit the text.
        self.checklist = QListWidget()
        for text, done in checklist:
            self._add_item(text, done)
        self.new_item = QLineEdit()
        self.new_item.setPlaceholderText(_("New checklist item, then Enter"))
        self.new_item.installEventFilter(self)  # Enter adds the item instead of saving the dialog
        add, remove = QPushButton(_("Add")), QPushButton(_("Remove"))
        add.clicked.connect(self.add_checklist_item)
        remove.clicked.connect(self.remove_checklist_item)
        add.setAutoDefault(False)
        remove.setAutoDefault(False)
        check_row = QHBoxLayout()
        check_row.addWidget(self.new_item, 1)
        check_row.addWidget(add)
        check_row.addWidget(remove)
        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow(_("Description"), self.description)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Partner"), self.partner)
        form.addRow(_("Responsible"), self.responsible)
        form.addRow(_("Priority"), self.priority)
        form.addRow(_("Due date"), due_row)
        form.addRow(_("Tags"), self.tags)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Checklist")))
        layout.addWidget(self.checklist)
        layout.addLayout(check_row)
        self.history = self._history_box(history)
        layout.addWidget(self.history)
        layout.addWidget(buttons)
        self._sync_due()

    def _history_box(self, history: CardHistory | None) -> QWidget:
        """Created and last changed, then who did what to the card (newest first), folded away by default."""
        box = QGroupBox(_("History"))
        box.setObjectName("cardHistory")
        box.setCheckable(True)
        box.setChecked(False)
        inner = QVBoxLayout(box)
        self.dates = QLabel()
        self.dates.setObjectName("cardDates")
        self.log = QListWidget()
        self.log.setObjectName("cardLog")
        self.log.setMaximumHeight(110)
        inner.addWidget(self.dates)
        inner.addWidget(self.log)
        if history is not None and history.created_at is not None:
            created = format_datetime(history.created_at, "short")
            updated = format_datetime(history.updated_at or history.created_at, "short")
            self.dates.setText(_("Created {created} · last changed {updated}").format(created=created,
                                                                                  updated=updated))
            for at, who, action, summary in history.entries:
                text = " · ".join(x for x in (format_datetime(at, "short"), who, action, summary) if x)
                self.log.addItem(text)
        if not self.log.count():
            self.log.hide()
        def show_history(on: bool) -> None:
            self.dates.setVisible(on)
            self.log.setVisible(on and self.log.count() > 0)

        box.toggled.connect(show_history)
        self.dates.setVisible(False)
        self.log.setVisible(False)
        return box

    def chosen_status(self) -> int | None:
        """The column picked in the dialog, when it differs from the card's."""
        sid = self.status.currentData()
        return sid if sid is not None and sid != self.original_status else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.new_item and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_checklist_item()
            return True
        return super().eventFilter(watched, event)

    def _sync_due(self) -> None:
        self.due_date.setEnabled(self.has_due.isChecked())
        self.has_time.setEnabled(self.has_due.isChecked())
        self.due_time.setEnabled(self.has_due.isChecked() and self.has_time.isChecked())

    def _add_item(self, text: str, done: bool) -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        self.checklist.addItem(item)

    def add_checklist_item(self) -> None:
        if self.new_item.text().strip():
            self._add_item(self.new_item.text().strip(), False)
            self.new_item.clear()

    def remove_checklist_item(self) -> None:
        for item in self.checklist.selectedItems() or ([self.checklist.currentItem()]
                                                        if self.checklist.currentItem() else []):
            self.checklist.takeItem(self.checklist.row(item))

    def checklist_entries(self) -> list[tuple[str, bool]]:
        items = [self.checklist.item(i) for i in range(self.checklist.count())]
        return [(i.text().strip(), i.checkState() == Qt.CheckState.Checked) for i in items if i.text().strip()]

    def values(self) -> dict[str, Any]:
        due: dt.datetime | None = None
        if self.has_due.isChecked():
            d = self.due_date.date()
            t = self.due_time.time() if self.has_time.isChecked() else QTime(23, 59)  # a date: due by its end
            due = dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()).astimezone().astimezone(dt.UTC)
        return {"title": self.title.text().strip(), "description": self.description.toPlainText(),
                "partner_id": self.partner.currentData(), "responsible_member_id": self.responsible.currentData(),
                "priority": self.priority.currentData(), "due_at": due,
                "due_has_time": bool(due is not None and self.has_time.isChecked()),
                "tags": split_tags(self.tags.text())}

    def accept(self) -> None:
        if not self.title.text().strip():
            QMessageBox.warning(self, _("Edit card"), _("A card needs a title."))
            self.title.setFocus()
            return
        if self.save_hook is not None and not self.save_hook():
            return  # not saved (the connection is lost, a conflict…): nothing typed is lost
        super().accept()


def changed_values(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the user changed (so an undo restores exactly those)."""
    out = {k: v for k, v in after.items() if before.get(k) != v}
    if out.get("responsible_member_id") is not None:
        out["responsible_contact_id"] = None  # a card has one responsible
    return out


def open_card_dialog(view: KanbanView, item_id: int) -> None:
    service = view.service
    try:
        values, checklist, version = service.snapshot_at(item_id)
    except PartnerDeskError as exc:
        QMessageBox.warning(view, _("Edit card"), exc.message)
        return
    query = BoardQuery(view.context.ws)
    dialog = CardDialog(query, values, checklist, view, history=query.history(item_id))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def save() -> bool:
        after = dialog.values()
        new_values = changed_values(values, after)
        new_checklist = dialog.checklist_entries()
        status = dialog.chosen_status()
        if not new_values and new_checklist == checklist and status is None:
            return True
        # Only what the user changed (the checklist too): a save never rewrites fields someone else edited.
        return save_card(view, item_id, new_values, new_checklist if new_checklist != checklist else None, status,
                         version, title=after["title"], parent=dialog)

    dialog.save_hook = save
    view.card_dialog = dialog
    dialog.open()


def save_card(view: KanbanView, item_id: int, values: dict[str, Any], checklist: list[tuple[str, bool]] | None,
              status: int | None, expected_version: int | None, title: str = "",
              parent: QWidget | None = None) -> bool:
    """Save the card dialog as one undoable step (fields, checklist, column) from the card's version
    ``expected_version``. If someone else saved the card since, the conflict dialog offers to reload (the card
    dialog reopens with their version) or to re-apply mine at the version now there.

    False when it could not be saved and no conflict dialog took over: the error was shown over ``parent`` (the
    card dialog, which then stays open with what the user typed)."""
    service = view.service
    stack = view.context.undo_stack
    commands: list[Any] = []
    if values or checklist is not None:
        commands.append(EditCard(service, view.context.hub, item_id, values, checklist, expected_version,
                                 title=title))
    if status is not None:
        commands.append(MoveCards(service, view.context.hub, [item_id], status, None))

    took_over = False

    def conflict(error: EditConflictError) -> None:
        nonlocal took_over
        took_over = True
        mine = dict(values)
        if checklist is not None:
            mine["checklist"] = [text for text, _done in checklist]
        if status is not None:
            mine["status_id"] = status

        def reload() -> None:
            view.context.hub.announce(_seen(error))
            open_card_dialog(view, item_id)

        def reapply(current: int | None) -> None:
            save_card(view, item_id, values, checklist, status, current, title)

        resolve_conflict(view, error, view.context.ws, mine, reload=reload, reapply=reapply)

    shown_over = parent if parent is not None else view
    if len(commands) == 1:
        return push(shown_over, stack, commands[0], conflict) or took_over
    done = True
    stack.beginMacro(_("Edit card"))  # fields and column: one step to undo
    try:
        for command in commands:
            if not push(shown_over, stack, command, conflict):
                done = False
                break
    finally:
        stack.endMacro()
    return done or took_over


def _seen(error: EditConflictError) -> ChangeSet:
    """Their change, announced so that every view shows the card as it is now."""
    changes = ChangeSet()
    changes.add("updated", error.entity, error.entity_id)
    return changes
