"""Painted ledger cells: the partner's colour dot before its name, and the status as a coloured pill."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from partnerdesk.domain.aging import PaymentStatus
from partnerdesk.ui.payments.model import PARTNER, ROW_ROLE, STATUS, STATUS_ROLE

#: Pill colours (background, text) per status; overdue in red, paid late in amber, paid in green.
STATUS_COLORS: dict[PaymentStatus, tuple[str, str]] = {
    PaymentStatus.SCHEDULED: ("#E8EDF5", "#2D3E57"),
    PaymentStatus.DUE_SOON: ("#FFF3D6", "#7A5300"),
    PaymentStatus.DUE_TODAY: ("#FFE2B8", "#7A3E00"),
    PaymentStatus.OVERDUE: ("#FBD9D7", "#9B1C1C"),
    PaymentStatus.PAID: ("#DDF2E3", "#1E6B3A"),
    PaymentStatus.PAID_LATE: ("#F6E7CF", "#7A4B00"),
}
_COLORS: dict[str, QColor] = {}


def _color(name: str) -> QColor:
    color = _COLORS.get(name)
    if color is None:
        color = _COLORS[name] = QColor(name)
    return color


class LedgerDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if index.column() in (PARTNER, STATUS):
            size.setWidth(size.width() + 24)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        column = index.column()
        if column not in (PARTNER, STATUS):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rtl = opt.direction == Qt.LayoutDirection.RightToLeft
        rect = QRectF(opt.rect).adjusted(6, 3, -6, -3)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(opt.font)
        text_color = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        align = (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) | \
            Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        if column == PARTNER:
            row = index.data(ROW_ROLE)
            size = 10.0
            x = rect.right() - size if rtl else rect.left()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_color(row.partner_color if row is not None else "#8A94A6"))
            painter.drawEllipse(QRectF(x, rect.center().y() - size / 2, size, size))
            text_rect = rect.adjusted(0, 0, -(size + 6), 0) if rtl else rect.adjusted(size + 6, 0, 0, 0)
            painter.setPen(text_color)
            painter.drawText(text_rect, int(align), opt.fontMetrics.elidedText(
                text, Qt.TextElideMode.ElideRight, int(text_rect.width())))
        else:
            status = index.data(STATUS_ROLE)
            back, fore = STATUS_COLORS.get(status, ("#E8EDF5", "#2D3E57"))
            width = min(rect.width(), opt.fontMetrics.horizontalAdvance(text) + 16)
            pill = QRectF(rect.right() - width if rtl else rect.left(), rect.top(), width, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_color(back))
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(_color(fore))
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), opt.fontMetrics.elidedText(
                text, Qt.TextElideMode.ElideRight, int(pill.width() - 8)))
        painter.restore()
