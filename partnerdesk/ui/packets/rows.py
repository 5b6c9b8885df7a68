"""A small editable table (model/view) with Add, Remove, Move up and Move down, for the packet editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.l10n import _

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class RowsModel(QAbstractTableModel):
    """Rows of strings. ``headers`` are English, translated when shown; ``decorate(row, column)`` may return
    a role -> value mapping (colour swatches, warnings)."""

    edited = Signal()

    def __init__(self, headers: list[str], parent: Any = None,
                 decorate: Callable[[list[str], int], dict[int, Any]] | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = []
        self.decorate = decorate

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.rows = [list(r) + [""] * (len(self.headers) - len(r)) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return _(self.headers[section])
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value
        if self.decorate is not None:
            return self.decorate(self.rows[index.row()], index.column()).get(role)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.rows[index.row()][index.column()] = str(value)
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def insert(self, row: int, values: list[str] | None = None) -> int:
        row = max(0, min(row, len(self.rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, list(values or [""] * len(self.headers)))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            self.edited.emit()

    def move(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self.rows) and 0 <= target < len(self.rows)):
            return row
        # beginMoveRows wants the destination "before which" row, in the old numbering.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if delta > 0 else target)
        self.rows.insert(target, self.rows.pop(row))
        self.endMoveRows()
        self.edited.emit()
        return target


def focus_shortcut(owner: QWidget, keys: str, slot: Callable[[], None]) -> QShortcut:
    """A shortcut active while the focus is inside `owner`."""
    shortcut = QShortcut(QKeySequence(keys), owner, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class RowsEditor(QWidget):
    """A RowsModel in a table with the four row buttons (and Alt+Up/Alt+Down to move the current row)."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        # Several editors share one window: the keys act on the editor holding the focus (a window-wide button
        # shortcut would be ambiguous and do nothing).
        focus_shortcut(self, "Alt+Up", self.up_button.click)
        focus_shortcut(self, "Alt+Down", self.down_button.click)
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        model.modelReset.connect(self._update_buttons)
        model.rowsInserted.connect(lambda *_a: self._update_buttons())
        model.rowsRemoved.connect(lambda *_a: self._update_buttons())
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))
        self.up_button.setToolTip(_("Move up (Alt+Up)"))
        self.down_button.setToolTip(_("Move down (Alt+Down)"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1))

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select(self, row: int, column: int = 0) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._update_buttons()

    def add_row(self, values: list[str] | None = None) -> int:
        row = self.model.insert(self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount(),
                                values if isinstance(values, list) else None)
        self.select(row)
        if not isinstance(values, list):
            self.table.edit(self.model.index(row, 0))
        return row

    def remove_row(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.remove(row)
            self.select(min(row, self.model.rowCount() - 1))

    def move_row(self, delta: int) -> None:
        row = self.current_row()
        if row >= 0:
            self.select(self.model.move(row, delta), self.table.currentIndex().column())

    def _update_buttons(self) -> None:
        row, count = self.current_row(), self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
