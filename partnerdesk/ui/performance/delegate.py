"""Paints a matrix cell (traffic light, value, change, sparkline) and a profile tile, from the model's tile."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from partnerdesk.ui.performance.model import TILE_ROLE

CELL_SIZE = QSize(150, 46)
TILE_SIZE = QSize(280, 150)


class TileDelegate(QStyledItemDelegate):
    """``compact`` for the matrix; full tiles for the profile tab. ``compare_last_year`` is read from the model."""

    def __init__(self, parent: object = None, compact: bool = True) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.compact = compact

    def sizeHint(self, _option: QStyleOptionViewItem, _index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return CELL_SIZE if self.compact else TILE_SIZE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        from partnerdesk.ui.performance.tile_paint import paint_tile

        tile = index.data(TILE_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = QRectF(option.rect)
        palette = option.palette
        if self.compact and selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(170))
        if tile is None:
            return
        model = index.model()
        compare = bool(getattr(model, "compare_last_year", False))
        rtl = option.direction.name == "RightToLeft"
        paint_tile(painter, rect if self.compact else rect.adjusted(4, 4, -4, -4), tile, compact=self.compact,
                   compare_last_year=compare, rtl=rtl, selected=selected,
                   base=palette.color(QPalette.ColorRole.Base), text=palette.color(QPalette.ColorRole.Text))
