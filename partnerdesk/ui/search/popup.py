"""Global search (Ctrl+K): a line edit with results as you type over partners, contacts, work items, events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QFrame, QLineEdit, QListView, QVBoxLayout, QWidget

from partnerdesk.l10n import N_, _

if TYPE_CHECKING:
    from partnerdesk.store.search import SearchHit

KIND_LABELS = {"partner": N_("Partner"), "contact": N_("Contact"), "work_item": N_("Work item"),
               "event": N_("Event")}


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = _(KIND_LABELS[hit.kind])
            return f"{hit.title}  —  {kind}" + (f" · {hit.subtitle}" if hit.subtitle else "")
        if role == Qt.ItemDataRole.UserRole:
            return hit
        return None


class SearchPopup(QWidget):
    """The search field with its results list. Emits ``activated(kind, id)`` when a result is chosen; the main
    window hosts it and owns the Ctrl+K action (ui/search/opener.py)."""

    activated = Signal(str, int)

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        layout.addWidget(self.edit)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setWindowFlags(Qt.WindowType.Popup)
        self.results.setFrameShape(QFrame.Shape.StyledPanel)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setMouseTracking(True)
        self.results.clicked.connect(self._choose)
        self.results.installEventFilter(self)
        self.edit.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self.run_query)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(lambda: self._choose(self.results.currentIndex()))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText(_("Search everything (Ctrl+K)"))

    def focus_search(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def run_query(self) -> None:
        text = self.edit.text()
        if not text.strip() or self.context.workspace is None:
            self.model.set_hits([])
            self.results.hide()
            return
        from partnerdesk.store.search import search  # SQLAlchemy: not before the window has shown

        with self.context.ws.session() as s:
            hits = search(s, text, limit=30)
        self.model.set_hits(hits)
        if not hits:
            self.results.hide()
            return
        self.results.setCurrentIndex(self.model.index(0))
        if self.isVisible():
            self.results.setFixedWidth(max(self.edit.width(), 420))
            self.results.setFixedHeight(min(24 * len(hits) + 8, 360))
            self.results.move(self.popup_position())
            self.results.show()
            self.edit.setFocus()

    def popup_position(self) -> QPoint:
        """Under the field, kept inside the window: a field at the window's edge opens its list inwards."""
        below = self.edit.mapToGlobal(self.edit.rect().bottomLeft())
        width = self.results.width()
        area = self.window().frameGeometry()
        x = below.x()
        if x + width > area.right():
            x = self.edit.mapToGlobal(self.edit.rect().bottomRight()).x() - width + 1
        return QPoint(max(area.left(), x), below.y())

    def _choose(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        hit: SearchHit = self.model.data(index, Qt.ItemDataRole.UserRole)
        self.results.hide()
        self.activated.emit(hit.kind, hit.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = self.results.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                row = max(0, min(self.model.rowCount() - 1, row))
                self.results.setCurrentIndex(self.model.index(row))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched is self.results:
                self._choose(self.results.currentIndex())
                return True
            if key == Qt.Key.Key_Escape:
                self.results.hide()
                return watched is self.results
            if watched is self.results:
                self.edit.event(event)
                return True
        return super().eventFilter(watched, event)
