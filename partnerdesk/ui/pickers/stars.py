"""A 1–5 star rating (0: not rated), by mouse or keyboard: ←/→ (mirrored in Arabic), 1–5, 0 or Delete to clear."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from partnerdesk.l10n import _, format_number

STARS = 5
SIZE = 20
GAP = 4
GOLD, EMPTY, EDGE = QColor("#E0A800"), QColor("#D9E2EC"), QColor("#9AA5B1")


def _star(rect: QRectF) -> QPainterPath:
    import math

    path = QPainterPath()
    cx, cy, outer = rect.center().x(), rect.center().y(), rect.width() / 2
    inner = outer * 0.45
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        path.moveTo(point) if i == 0 else path.lineTo(point)
    path.closeSubpath()
    return path


class StarRating(QWidget):
    valueChanged = Signal(int)  # noqa: N815 - the QSpinBox name, so it drops in for one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._update_texts()

    # The QSpinBox interface the overview used.
    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:  # noqa: N802 - Qt naming
        value = max(0, min(STARS, int(value or 0)))
        if value != self._value:
            self._value = value
            self._update_texts()
            self.update()
            self.valueChanged.emit(value)

    def _update_texts(self) -> None:
        text = (_("{stars} of {total} stars").format(stars=format_number(self._value), total=format_number(STARS))
                if self._value else _("not rated"))
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(STARS * SIZE + (STARS - 1) * GAP + 4, SIZE + 6)

    def _star_rect(self, n: int) -> QRectF:
        x = 2 + n * (SIZE + GAP)
        if self.isRightToLeft():
            x = self.width() - 2 - SIZE - n * (SIZE + GAP)
        return QRectF(x, 3, SIZE, SIZE)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for n in range(STARS):
            painter.setPen(QPen(EDGE if n >= self._value else GOLD.darker(115), 1))
            painter.setBrush(GOLD if n < self._value else EMPTY)
            painter.drawPath(_star(self._star_rect(n)))
        if self.hasFocus():
            painter.setPen(QPen(QColor("#3D6FB6"), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        for n in range(STARS):
            if self._star_rect(n).adjusted(-GAP / 2, -3, GAP / 2, 3).contains(event.position()):
                self.setValue(0 if self._value == n + 1 else n + 1)  # clicking the current star clears
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        forward, back = (Qt.Key.Key_Left, Qt.Key.Key_Right) if self.isRightToLeft() else \
            (Qt.Key.Key_Right, Qt.Key.Key_Left)
        if key in (forward, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self.setValue(self._value + 1)
        elif key in (back, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self.setValue(self._value - 1)
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_5:
            self.setValue(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.setValue(0)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self.update()
