"""KanbanView: status columns side by side (mirrored in Arabic), drag and drop, keyboard moves, undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partnerdesk.domain.enums import DEFAULT_STATUSES
from partnerdesk.l10n import _
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import WorkStatus
from partnerdesk.ui.context import AppContext
from partnerdesk.ui.kanban.commands import MoveCards
from partnerdesk.ui.kanban.delegate import CardDelegate
from partnerdesk.ui.kanban.model import ColumnModel, IdRole

_BUILTIN = {key: label for key, label, _cat in DEFAULT_STATUSES}


class BoardColumn(QWidget):
    def __init__(self, model: ColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.header = QLabel()
        self.header.setObjectName("columnHeader")
        self.list = QListView()
        self.list.setModel(model)
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setDropIndicatorShown(True)
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMinimumWidth(230)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.list.selectionModel().selectedIndexes())
        return [self.model.index(r).data(IdRole) for r in rows]


class KanbanView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.columns: list[BoardColumn] = []
        self.statuses: list[tuple[int, str, str, int | None]] = []
        self.title = QLabel()
        self.title.setObjectName("viewTitle")
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self._reload_cards())
        # Columns scroll sideways on a small screen instead of forcing the window wider.
        surface = QWidget()
        self.board = QHBoxLayout(surface)
        self.board.setSpacing(6)
        self.board.setContentsMargins(0, 0, 0, 0)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setWidget(surface)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.filter)
        layout.addWidget(self.scroller, 1)
        context.hub.changed.connect(self._on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        self.retranslate_ui()
        self.reload()

    @property
    def service(self) -> WorkItemService:
        return WorkItemService(self.context.ws)

    def reload(self) -> None:
        for column in self.columns:
            self.board.removeWidget(column)
            column.deleteLater()
        self.columns = []
        if self.context.workspace is None:
            return
        with self.context.ws.session() as s:
            self.statuses = [(st.id, st.key, st.name, st.wip_limit) for st in
                             s.scalars(select(WorkStatus).order_by(WorkStatus.position, WorkStatus.id))]
        service = self.service
        for status_id, *_rest in self.statuses:
            column = BoardColumn(ColumnModel(service, status_id, self))
            column.model.cards_dropped.connect(self._drop)
            column.list.installEventFilter(self)
            self.board.addWidget(column, 1)
            self.columns.append(column)
        self._reload_cards()

    def _reload_cards(self) -> None:
        for column in self.columns:
            column.model.reload(self.filter.text())
        self._update_headers()

    def _update_headers(self) -> None:
        counts = self.service.counts_per_column() if self.context.workspace is not None else {}
        for column, (status_id, key, name, limit) in zip(self.columns, self.statuses, strict=True):
            label = name or _(_BUILTIN.get(key, key))
            count = counts.get(status_id, 0)
            over = limit is not None and count > limit
            shown = f"{count}/{limit}" if limit else str(count)
            column.header.setText(f"<b>{label}</b> &nbsp; {shown}" + (" ⚠" if over else ""))
            column.header.setToolTip(_("Work-in-progress limit exceeded") if over else "")
            column.header.setStyleSheet("color: #C62828;" if over else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Ctrl+Left/Right inside a column moves the selected cards (list views eat these keys otherwise)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier \
                and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.move_selected(1 if event.key() == Qt.Key.Key_Right else -1)
            return True
        return super().eventFilter(watched, event)

    def _on_changed(self, changes: Any) -> None:
        if "work_item" in changes.entities() or "work_status" in changes.entities():
            self._reload_cards()

    def _drop(self, ids: list[int], status_id: int, before: int | None) -> None:
        self.context.undo_stack.push(MoveCards(self.service, self.context.hub, ids, status_id, before))

    def move_selected(self, step: int) -> None:
        """Ctrl+Right/Left: move the selected cards to the visual neighbour column (mirrored in Arabic)."""
        if self.isRightToLeft():
            step = -step
        candidates = [(i, c) for i, c in enumerate(self.columns) if c.selected_ids()]
        focused = [(i, c) for i, c in candidates if c.list.hasFocus()]
        for index, column in (focused or candidates)[:1]:
            target = index + step
            if 0 <= target < len(self.columns):
                ids = column.selected_ids()
                self._drop(ids, self.columns[target].model.status_id, None)
                self._select(self.columns[target], ids)

    @staticmethod
    def _select(column: BoardColumn, ids: list[int]) -> None:
        column.list.setFocus()
        selection = column.list.selectionModel()
        selection.clear()
        for wid in ids:
            if wid in column.model.ids:
                index = column.model.index(column.model.ids.index(wid))
                selection.select(index, selection.SelectionFlag.Select)

    def retranslate_ui(self) -> None:
        self.title.setText(f"<h2>{_('Board')}</h2>")
        self.filter.setPlaceholderText(_("Filter cards…"))
        if self.columns:
            self._update_headers()
