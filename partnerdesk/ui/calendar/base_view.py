"""What the month and week grids share: an item view over CalendarModel whose entries sit in computed
rectangles (no widget per entry), painted by the entry delegate, with mirrored geometry in right-to-left.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QMouseEvent, QPainter, QRegion
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QWidget

from partnerdesk.domain.occurrence import Occurrence, SourceKind
from partnerdesk.ui import theme
from partnerdesk.ui.calendar import accessible
from partnerdesk.ui.calendar.model import CalendarModel

Index = QModelIndex | QPersistentModelIndex
_ENABLED = QStyle.StateFlag.State_Enabled
_SELECTED = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Selected
DRAG_DISTANCE = 4


class CalendarGridView(QAbstractItemView):
    """Base of MonthView and WeekView. Subclasses fill ``placed`` in ``relayout()`` and paint the background."""

    create_requested = Signal(object, object, bool)  # start, end (aware UTC), all-day
    move_requested = Signal(object, object, object)  # occurrence, new start, new end (aware UTC)
    open_requested = Signal(object)  # occurrence
    day_requested = Signal(object)  # date: show this day in more detail
    delete_requested = Signal(object)  # occurrence (Delete key)

    def __init__(self, tz: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.first_weekday = 0
        self.today = dt.datetime.now(tz).date()
        self.placed: list[tuple[QRect, int]] = []  # (rectangle in viewport coordinates, model row)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        accessible.install()

    # --- model --------------------------------------------------------------------------------------------
    def calendar_model(self) -> CalendarModel:
        model = self.model()
        assert isinstance(model, CalendarModel)
        return model

    def setModel(self, model: Any) -> None:  # noqa: N802 - Qt API
        super().setModel(model)
        model.modelReset.connect(self.refresh)
        model.dataChanged.connect(lambda *_a: self.refresh())

    def refresh(self) -> None:
        """Lay out and repaint; a hidden view waits until it is shown (see showEvent)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.relayout()
        self.viewport().update()
        accessible.announce_layout(self)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self.viewport().update()

    def currentChanged(self, current: Index, previous: Index) -> None:  # noqa: N802 - Qt API
        super().currentChanged(current, previous)
        self.viewport().update()  # the focus frame moves with the current entry
        accessible.announce_current(self)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if getattr(self, "_stale", True):
            self.refresh()

    def relayout(self) -> None:
        raise NotImplementedError

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.relayout()

    # --- geometry helpers ---------------------------------------------------------------------------------
    @property
    def rtl(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def mirrored(self, rect: QRect) -> QRect:
        """A rectangle laid out left-to-right, mirrored inside the viewport when the view is right-to-left."""
        if not self.rtl:
            return rect
        width = self.viewport().width()
        return QRect(width - rect.x() - rect.width(), rect.y(), rect.width(), rect.height())

    def rects_of(self, key: tuple[str, int, str]) -> list[QRect]:
        model = self.calendar_model()
        return [rect for rect, row in self.placed if model.rows[row].key == key]

    def entry_at(self, pos: QPoint) -> Occurrence | None:
        index = self.indexAt(pos)
        return self.calendar_model().rows[index.row()] if index.isValid() else None

    @staticmethod
    def editable(occ: Occurrence) -> bool:
        return occ.source == SourceKind.EVENT

    # --- painting: the views draw the same way on screen and on a printer page ------------------------------
    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self.viewport())
        self.paint_all(painter)
        painter.end()

    def paint_all(self, painter: QPainter) -> None:
        raise NotImplementedError

    def paint_grid(self, painter: QPainter) -> None:
        raise NotImplementedError

    def paint_background(self, painter: QPainter) -> None:
        """What every grid paints first: font, shared entry style, white page, the grid lines and labels."""
        painter.setFont(self.font())
        self.begin_entries()
        painter.fillRect(self.viewport().rect(), theme.color("surface"))
        self.paint_grid(painter)

    def begin_entries(self) -> None:
        """Set up what every entry painted next shares (one style option, the selected row, the delegate)."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.direction = self.layoutDirection()
        option.font = self.font()
        self._option = option
        self._delegate = self.itemDelegate()
        selection = self.selectionModel()
        current = self.currentIndex()
        self._selected_row = current.row() if current.isValid() and selection is not None and \
            selection.isSelected(current) else -1
        self._focus_row = current.row() if current.isValid() and self.hasFocus() else -1

    def paint_entry(self, painter: QPainter, rect: QRect, row: int) -> None:
        option = self._option
        option.rect = rect
        option.state = _SELECTED if row == self._selected_row else _ENABLED
        self._delegate.paint(painter, option, self.model().index(row, 0))
        if row == getattr(self, "_focus_row", -1):
            theme.paint_focus_frame(painter, QRectF(rect))

    def select_row(self, row: int) -> None:
        if row < 0:
            self.clearSelection()
            return
        self.selectionModel().setCurrentIndex(self.model().index(row, 0),
                                              QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.viewport().update()

    def selected_occurrence(self) -> Occurrence | None:
        index = self.currentIndex()
        model = self.calendar_model()
        if index.isValid() and self.selectionModel().isSelected(index) and index.row() < len(model.rows):
            return model.rows[index.row()]
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        occ = self.entry_at(event.position().toPoint())
        if occ is not None:
            self.open_requested.emit(occ)
            event.accept()
            return
        self.double_click_empty(event.position().toPoint())

    def double_click_empty(self, pos: QPoint) -> None:
        """Subclasses: create an entry at ``pos``."""

    # --- QAbstractItemView API ----------------------------------------------------------------------------
    def visualRect(self, index: Index) -> QRect:  # noqa: N802 - Qt API
        for rect, row in self.placed:
            if row == index.row():
                return rect
        return QRect()

    def indexAt(self, point: QPoint) -> QModelIndex:  # noqa: N802 - Qt API
        for rect, row in reversed(self.placed):  # the last painted is on top
            if rect.contains(point):
                return self.model().index(row, 0)
        return QModelIndex()

    def scrollTo(self, index: Index, hint: Any = None) -> None:  # noqa: N802 - Qt API
        return

    def moveCursor(self, action: Any, modifiers: Any) -> QModelIndex:  # noqa: N802 - Qt API
        """Tab/arrow keys walk the entries in time order."""
        rows = self.model().rowCount()
        if not rows:
            return QModelIndex()
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        forward = action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MoveDown,
                             QAbstractItemView.CursorAction.MoveRight)
        if self.rtl and action in (QAbstractItemView.CursorAction.MoveLeft,
                                   QAbstractItemView.CursorAction.MoveRight):
            forward = not forward
        row = min(rows - 1, current + 1) if forward else max(0, current - 1)
        return self.model().index(row, 0)

    def horizontalOffset(self) -> int:  # noqa: N802 - Qt API
        return 0

    def verticalOffset(self) -> int:  # noqa: N802 - Qt API
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: Index) -> bool:  # noqa: N802 - Qt API
        return not any(row == index.row() for _rect, row in self.placed)

    def setSelection(self, rect: QRect, flags: Any) -> None:  # noqa: N802 - Qt API
        index = self.indexAt(rect.center())
        if index.isValid():
            self.selectionModel().select(index, flags)

    def visualRegionForSelection(self, selection: Any) -> QRegion:  # noqa: N802 - Qt API
        region = QRegion()
        for index in selection.indexes():
            for rect, row in self.placed:
                if row == index.row():
                    region = region.united(QRegion(rect))
        return region

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        occ = self.selected_occurrence()
        if occ is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(occ)
            return
        if occ is not None and event.matches(QKeySequence.StandardKey.Delete):
            self.delete_requested.emit(occ)
            return
        super().keyPressEvent(event)
