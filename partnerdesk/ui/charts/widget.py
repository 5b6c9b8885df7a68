"""A widget that shows one chart from ``ui.charts.painting`` and can paint it again on a printer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

Painter = Callable[[QPainter, QRectF, bool], None]  # (painter, rect, rtl)


class ChartWidget(QWidget):
    """Holds a paint function; ``set_chart(fn)`` replaces it. The time axis follows the widget's direction."""

    def __init__(self, parent: QWidget | None = None, minimum_height: int = 180) -> None:
        super().__init__(parent)
        self._paint: Painter | None = None
        self._minimum_height = minimum_height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_chart(self, paint: Painter | None) -> None:
        self._paint = paint
        self.update()

    def has_chart(self) -> bool:
        return self._paint is not None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(480, self._minimum_height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(200, self._minimum_height)

    def render_into(self, painter: QPainter, rect: QRectF) -> None:
        """Paint the chart into any rectangle of any device (printing)."""
        if self._paint is not None:
            self._paint(painter, rect, self.isRightToLeft())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        try:
            self.render_into(painter, QRectF(self.rect()).adjusted(6, 6, -6, -6))
        finally:
            painter.end()
