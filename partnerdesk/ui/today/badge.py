"""Today's count badge in the navigation: items needing action, painted as a pill at the trailing end of the
Today entry. Kept current from the Today view when it is loaded, else from the attention service."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.ui.views_registry import VIEWS

BadgeRole = Qt.ItemDataRole.UserRole + 40
TODAY_KEY = "today"


class NavDelegate(QStyledItemDelegate):
    """The usual navigation entry, plus a count pill when the entry has a badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        count = index.data(BadgeRole)
        if not count:
            return
        text = str(count)
        font = QFont(option.font)
        font.setBold(True)
        metrics = QFontMetrics(font)
        width = max(metrics.height(), metrics.horizontalAdvance(text) + 10)
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        rect = QRectF(option.rect)
        x = rect.left() + 6 if rtl else rect.right() - width - 6
        pill = QRectF(x, rect.center().y() - metrics.height() / 2, width, metrics.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#C62828"))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class TodayBadge(QObject):
    """Owns the badge of the main window's Today entry and the reminders missed while the app was closed."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        keys = [key for key, *_rest in VIEWS]
        self.row = keys.index(TODAY_KEY) if TODAY_KEY in keys else -1
        self.count = 0
        self.missed: list[Any] = []
        self._connected: QWidget | None = None
        window.nav.setItemDelegate(NavDelegate(window.nav))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(50)  # after the Today view's own refresh (next event-loop turn)
        self.timer.timeout.connect(self.update)
        window.context.hub.changed.connect(lambda _changes: self.timer.start())
        window.context.hub.workspace_replaced.connect(self._workspace_replaced)
        window.context.hub.reload_requested.connect(self.timer.start)

    def _workspace_replaced(self) -> None:
        self.missed = []
        self.timer.start()

    def view(self) -> Any:
        return self.window.views.get(self.row) if self.row >= 0 else None

    def update(self) -> None:
        if self.row < 0:
            return
        ws = self.window.context.workspace
        view = self.view()
        if view is not None and view is not self._connected:
            view.count_changed.connect(self.set_count)
            self._connected = view
        if ws is None:
            self.set_count(0)
        elif view is not None:
            self.set_count(view.model.action_count)
        else:
            self.set_count(self._computed(ws))

    def _computed(self, ws: Any) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from partnerdesk.domain.attention import DEADLINE_HORIZON_DAYS
        from partnerdesk.services.attention import Options, brief
        from partnerdesk.ui.calendar.zones import user_zone_name
        from partnerdesk.ui.today.view import HORIZON_KEY, MINE_KEY

        settings = self.window.context.settings
        options = Options(zone=user_zone_name(ws, settings), mine=settings.value(MINE_KEY, False, type=bool),
                          horizon_days=settings.value(HORIZON_KEY, DEADLINE_HORIZON_DAYS, type=int))
        try:
            return brief(ws, options, self.missed).action_count
        except (PartnerDeskError, SQLAlchemyError):
            return 0

    def set_count(self, count: int) -> None:
        self.count = count
        item = self.window.nav.item(self.row)
        if item is not None:
            item.setData(BadgeRole, count or None)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, str(count) if count else "")

    def set_missed(self, reminders: list[Any]) -> None:
        """Reminders that fell due while PartnerDesk was closed: listed in Today."""
        self.missed = list(reminders)
        view = self.view()
        if view is not None:
            view.set_missed_reminders(self.missed)
        self.timer.start()
