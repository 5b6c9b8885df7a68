"""Small board dialogs: the trash (restore deleted cards) and the board settings (stale and archive days)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, format_datetime, ngettext
from partnerdesk.services.board_settings import BoardSettingsService
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.ui.context import AppContext
from partnerdesk.ui.kanban.commands import TrashCards, push


class TrashDialog(QDialog):
    """Deleted cards, newest first; Restore puts the selected ones back where they were (undoable)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Trash"))
        self.resize(620, 420)
        self.list = QTreeWidget()
        self.list.setHeaderLabels([_("Card"), _("Partner"), _("Deleted")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda _item, _col: self.restore_selected())
        self.empty = QLabel(_("The trash is empty."))
        self.restore = QPushButton(_("Restore"))
        self.restore.clicked.connect(self.restore_selected)
        self.purge = QPushButton(_("Delete for good…"))
        self.purge.clicked.connect(lambda: self.purge_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.purge, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Deleted cards stay here until you restore them.")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        context.hub.changed.connect(self._changed)
        context.hub.reload_requested.connect(self.reload)
        self.reload()

    def _changed(self, changes: object) -> None:
        if "work_item" in getattr(changes, "entities", lambda: set())():
            self.reload()

    def reload(self) -> None:
        self.list.clear()
        for wid, title, partner, when in WorkItemService(self.context.ws).trashed():
            item = QTreeWidgetItem([title, partner, format_datetime(when.astimezone(), "short")])
            item.setData(0, Qt.ItemDataRole.UserRole, wid)
            self.list.addTopLevelItem(item)
        for col in range(3):
            self.list.resizeColumnToContents(col)
        self.empty.setVisible(self.list.topLevelItemCount() == 0)
        self.restore.setEnabled(self.list.topLevelItemCount() > 0)
        self.purge.setEnabled(self.list.topLevelItemCount() > 0)

    def _items(self) -> list[QTreeWidgetItem]:
        return [item for i in range(self.list.topLevelItemCount()) if (item := self.list.topLevelItem(i)) is not None]

    def titles(self) -> list[str]:
        return [item.text(0) for item in self._items()]

    def select_titles(self, titles: list[str]) -> None:
        for item in self._items():
            item.setSelected(item.text(0) in titles)

    def restore_selected(self) -> None:
        ids = [item.data(0, Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]
        if not ids:
            QMessageBox.information(self, _("Trash"), _("Select the cards to restore."))
            return
        push(self, self.context.undo_stack, TrashCards(WorkItemService(self.context.ws), self.context.hub, ids,
                                                     restore=True))


    def purge_selected(self, confirm: bool = True) -> None:
        """Delete the selected cards for good, after a confirmation (this cannot be undone)."""
        ids = [item.data(0, Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]
        if not ids:
            QMessageBox.information(self, _("Trash"), _("Select the cards to delete for good."))
            return
        if confirm and QMessageBox.question(
                self, _("Trash"), ngettext("Delete {n} card for good? This cannot be undone.",
                                           "Delete {n} cards for good? This cannot be undone.", len(ids))
                .format(n=len(ids))) != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = WorkItemService(self.context.ws).purge(ids)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Trash"), exc.message)
            return
        self.context.hub.announce(changes)


class BoardSettingsDialog(QDialog):
    """Per-workspace board settings."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Board settings"))
        service = BoardSettingsService(context.ws)
        self.stale, self.archive = QSpinBox(), QSpinBox()
        for box, key in ((self.stale, "kanban.stale_days"), (self.archive, "kanban.archive_days")):
            box.setRange(1, 3650)
            box.valueChanged.connect(lambda n, b=box: b.setSuffix(" " + ngettext("day", "days", n)))
            box.setValue(int(service.get_value(key)))
            box.setSuffix(" " + ngettext("day", "days", box.value()))
        form = QFormLayout()
        form.addRow(_("Mark cards stale after no update for"), self.stale)
        form.addRow(_("Archive Done cards after"), self.archive)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Archiving runs each time the board opens.")))
        layout.addWidget(buttons)

    def accept(self) -> None:
        service = BoardSettingsService(self.context.ws)
        try:
            changes = service.set_value("kanban.stale_days", self.stale.value())
            changes.merge(service.set_value("kanban.archive_days", self.archive.value()))
            changes.merge(WorkItemService(self.context.ws).archive_done(self.archive.value()))
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Board settings"), exc.message)
            return
        self.context.hub.announce(changes)
        super().accept()
