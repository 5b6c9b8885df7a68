"""File ▸ Restore from Backup…: the workspace's snapshots (date, size, partners/cards/contacts); Back Up Now;
Restore, which the main window carries out (it must close the workspace first)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.l10n import _
from partnerdesk.l10n.formats import format_datetime, format_number
from partnerdesk.services.backups import BackupInfo, list_backups
from partnerdesk.store.backup import Reason, backup_folder

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def reason_label(reason: Reason) -> str:
    return {
        Reason.AUTOMATIC: _("Automatic"),
        Reason.IMPORT: _("Before an import"),
        Reason.MIGRATION: _("Before an update"),
        Reason.RESTORE: _("Before a restore"),
        Reason.MANUAL: _("Made by you"),
    }[reason]


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=format_number(round(size / (1024 * 1024), 1)))
    return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))


def _count(value: int | None) -> str:
    return "—" if value is None else format_number(value)


class RestoreDialog(QDialog):
    """Lists the snapshots; ``restore(path)`` is called with the chosen one after the user confirms."""

    def __init__(self, workspace_path: Path, restore: Callable[[Path], object],
                 back_up_now: Callable[[], None] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore from Backup"))
        self.resize(720, 420)
        self.workspace_path = workspace_path
        self._restore = restore
        self._back_up_now = back_up_now
        layout = QVBoxLayout(self)
        self.intro = QLabel(_("Backups of “{name}” are kept in {folder}. Restoring one first backs up the current "
                              "file, so it can be restored too.").format(
            name=workspace_path.stem, folder="\u2066" + str(backup_folder(workspace_path)) + "\u2069"))
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.intro)
        self.table = QTableView()
        self.table.setObjectName("backupTable")
        self.model = QStandardItemModel(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.confirm_restore())
        layout.addWidget(self.table, 1)
        self.empty = QLabel(_("There are no backups of this workspace yet."))
        layout.addWidget(self.empty)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(_("Restore…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.confirm_restore)
        self.back_up_button = self.buttons.addButton(_("Back Up Now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.back_up_button.setObjectName("backUpNowButton")
        self.back_up_button.setVisible(back_up_now is not None)
        self.back_up_button.clicked.connect(self._back_up)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.confirm_box: QMessageBox | None = None
        self.reload()

    def reload(self) -> None:
        backups = list_backups(self.workspace_path)
        self.model.clear()
        self.model.setHorizontalHeaderLabels([_("Date"), _("Kind"), _("Size"), _("Partners"), _("Work items"),
                                              _("Contacts")])
        for info in backups:
            self.model.appendRow(self._row(info))
        for column in range(self.model.columnCount()):
            self.table.resizeColumnToContents(column)
        self.empty.setVisible(not backups)
        self.table.setVisible(bool(backups))
        if backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(backups))

    @staticmethod
    def _row(info: BackupInfo) -> list[QStandardItem]:
        taken = format_datetime(info.snapshot.taken_at.astimezone())
        cells = [QStandardItem(taken), QStandardItem(reason_label(info.snapshot.reason)),
                 QStandardItem(size_label(info.snapshot.size)), QStandardItem(_count(info.partners)),
                 QStandardItem(_count(info.work_items)), QStandardItem(_count(info.contacts))]
        cells[0].setData(str(info.path), PATH_ROLE)
        for cell in cells[2:]:
            cell.setTextAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return cells

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(self.model.item(rows[0].row(), 0).data(PATH_ROLE))

    def confirm_restore(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        row = self.table.selectionModel().selectedRows()[0].row()
        box = QMessageBox(QMessageBox.Icon.Question, _("Restore from Backup"), _(
            "Replace the workspace with the backup of {date}? The current file is backed up first.").format(
            date=self.model.item(row, 0).text()), QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmRestoreBox")
        yes = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box

        def answered(button: object) -> None:
            if button is yes:
                self.accept()
                self._restore(chosen)

        box.buttonClicked.connect(answered)
        box.open()

    def _back_up(self) -> None:
        if self._back_up_now is not None:
            self._back_up_now()
            self.reload()
