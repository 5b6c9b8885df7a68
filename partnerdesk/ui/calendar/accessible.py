"""What a screen reader hears from the calendar: each entry of the month and week grids as an accessible list
item (title and time as its name; date, partner and kind as its description), in reading order, with focus and
selection; the agenda gives the same words through its model's accessible roles.

The grids paint their entries (no widget per entry), so Qt has no accessible object for them: a factory gives each
grid an interface whose children are its placed entries, read live from the view, so they never go stale.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface, QWindow
from PySide6.QtWidgets import QAccessibleWidget

from partnerdesk.domain.occurrence import Occurrence
from partnerdesk.l10n import _, format_date
from partnerdesk.ui.calendar.model import time_range_text


def spoken_name(occ: Occurrence, tz: dt.tzinfo) -> str:
    """Title, then when: 'Quarterly review, 10:00–11:00'."""
    return _("{title}, {when}").format(title=occ.title, when=time_range_text(occ, tz))


def spoken_description(occ: Occurrence, tz: dt.tzinfo) -> str:
    """The day, the partner (if any) and the kind of entry."""
    day = format_date(occ.start.astimezone(tz).date(), "full") if not occ.all_day else ""
    parts = [day] if day else []
    if occ.partner_name:
        parts.append(_("Partner: {name}").format(name=occ.partner_name))
    parts.append(occ.source.label)
    return "; ".join(parts)


class EntryAccessible(QAccessibleInterface):
    """Entry number ``position`` (reading order) of a calendar grid."""

    def __init__(self, grid: GridAccessible, position: int) -> None:
        super().__init__()
        self.grid = grid
        self.position = position

    def _placed(self) -> tuple[QRect, int] | None:
        placed = self.grid.view().placed
        return placed[self.position] if 0 <= self.position < len(placed) else None

    def _occurrence(self) -> Occurrence | None:
        placed = self._placed()
        if placed is None:
            return None
        rows = self.grid.view().calendar_model().rows
        return rows[placed[1]] if 0 <= placed[1] < len(rows) else None

    def isValid(self) -> bool:  # noqa: N802 - Qt API
        return self._occurrence() is not None

    def object(self) -> QObject | None:  # type: ignore[override]  # Qt returns nullptr; PySide6's stubs omit None
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]  # Qt returns nullptr; PySide6's stubs omit None
        return self.grid.window()

    def parent(self) -> QAccessibleInterface:
        return self.grid

    def child(self, _index: int) -> None:  # type: ignore[override]  # Qt returns nullptr; PySide6's stubs omit None
        return None

    def childCount(self) -> int:  # noqa: N802 - Qt API
        return 0

    def indexOfChild(self, _child: Any) -> int:  # noqa: N802 - Qt API
        return -1

    def childAt(self, _x: int, _y: int) -> None:  # type: ignore[override]  # noqa: N802 - Qt API; Qt returns nullptr, PySide6 stubs omit None
        return None

    def focusChild(self) -> None:  # type: ignore[override]  # noqa: N802 - Qt API; Qt returns nullptr, PySide6 stubs omit None
        return None

    def relations(self, _match: Any = None) -> list[Any]:
        return []

    def text(self, kind: QAccessible.Text) -> str:
        occ = self._occurrence()
        if occ is None:
            return ""
        if kind == QAccessible.Text.Name:
            return spoken_name(occ, self.grid.view().tz)
        if kind == QAccessible.Text.Description:
            return spoken_description(occ, self.grid.view().tz)
        return ""

    def setText(self, _kind: Any, _text: str) -> None:  # noqa: N802 - Qt API
        pass

    def rect(self) -> QRect:
        placed = self._placed()
        if placed is None:
            return QRect()
        viewport = self.grid.view().viewport()
        return QRect(viewport.mapToGlobal(placed[0].topLeft()), placed[0].size())

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.focusable = True
        state.selectable = True
        placed = self._placed()
        view = self.grid.view()
        if placed is not None:
            current = view.currentIndex()
            if current.isValid() and current.row() == placed[1]:
                state.selected = True
                state.focused = view.hasFocus()
        return state


class GridAccessible(QAccessibleWidget):
    """The month or week grid: a list whose items are the entries it shows."""

    def __init__(self, view: Any) -> None:
        super().__init__(view, QAccessible.Role.List)
        self._entries: dict[int, EntryAccessible] = {}

    def view(self) -> Any:
        return self.widget()

    def childCount(self) -> int:  # noqa: N802 - Qt API
        return len(self.view().placed)

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt returns nullptr; PySide6's stubs omit None
        if not 0 <= index < self.childCount():
            return None
        entry = self._entries.get(index)
        if entry is None:
            entry = self._entries[index] = EntryAccessible(self, index)
            QAccessible.registerAccessibleInterface(entry)
        return entry

    def indexOfChild(self, child: Any) -> int:  # noqa: N802 - Qt API
        return child.position if isinstance(child, EntryAccessible) and child.grid is self else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802 - Qt API; Qt returns nullptr, PySide6 stubs omit None
        point = self.view().viewport().mapFromGlobal(QPoint(x, y))
        for position, (rect, _row) in enumerate(self.view().placed):
            if rect.contains(point):
                return self.child(position)
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802 - Qt API; Qt returns nullptr, PySide6 stubs omit None
        position = current_position(self.view())
        return self.child(position) if position >= 0 else None


def current_position(view: Any) -> int:
    """Reading-order position of the view's current entry, or -1."""
    current = view.currentIndex()
    if not current.isValid():
        return -1
    return next((n for n, (_rect, row) in enumerate(view.placed) if row == current.row()), -1)


def announce_current(view: Any) -> None:
    """Tell assistive technology that the current entry changed (focus and selection)."""
    if not QAccessible.isActive():
        return
    position = current_position(view)
    if position < 0:
        return
    for kind in (QAccessible.Event.Focus, QAccessible.Event.Selection):
        event = QAccessibleEvent(view, kind)
        event.setChild(position)
        QAccessible.updateAccessibility(event)


def announce_layout(view: Any) -> None:
    """The entries were laid out anew: their list changed."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleEvent(view, QAccessible.Event.ObjectReorder))


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    from partnerdesk.ui.calendar.base_view import CalendarGridView

    return GridAccessible(obj) if isinstance(obj, CalendarGridView) else None


_INSTALLED = False


def install() -> None:
    """Register the factory once per process."""
    global _INSTALLED
    if not _INSTALLED:
        QAccessible.installFactory(_factory)
        _INSTALLED = True
