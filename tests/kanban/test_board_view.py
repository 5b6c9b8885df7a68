"""The board a user sees: columns in workflow order (mirrored in Arabic), moves by keyboard and drop, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import WorkItem, WorkStatus
from partnerdesk.store.workspace import open_workspace
from partnerdesk.ui.context import AppContext, ChangeHub
from partnerdesk.ui.kanban.model import IdRole
from partnerdesk.ui.kanban.view import KanbanView


def _board(qtbot, path: Path):  # type: ignore[no-untyped-def]
    ws = open_workspace(path)
    context = AppContext(ws, QUndoStack(), ChangeHub(), QSettings(str(path) + ".ini", QSettings.Format.IniFormat))
    view = KanbanView(context)
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    return view


def _status(ws, key: str) -> int:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        return s.scalar(select(WorkStatus.id).where(WorkStatus.key == key))


def _titles(column) -> list[str]:  # type: ignore[no-untyped-def]
    return [column.model.index(r).data() for r in range(column.model.rowCount())]


def test_keyboard_move_persists_and_undoes(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "b.pdk"
    view = _board(qtbot, path)
    ws = view.context.ws
    svc = WorkItemService(ws)
    pending = _status(ws, "pending")
    svc.create(pending, "Send brand guide to Kyma Hotels",
               due_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    svc.create(pending, "Book onboarding call")
    view.reload()
    first, second = view.columns[0], view.columns[1]
    assert _titles(first) == ["Book onboarding call", "Send brand guide to Kyma Hotels"]
    assert "Pending" in first.header.text() and "2" in first.header.text()

    first.list.setFocus()
    first.list.selectionModel().select(first.model.index(1), first.list.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(first.list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _titles(second) == ["Send brand guide to Kyma Hotels"]
    assert _titles(first) == ["Book onboarding call"]
    assert "Move card" in view.context.undo_stack.undoText()

    view.context.undo_stack.undo()
    assert _titles(first) == ["Book onboarding call", "Send brand guide to Kyma Hotels"]
    view.context.undo_stack.redo()
    assert _titles(second) == ["Send brand guide to Kyma Hotels"]
    ws.close()

    with open_workspace(path) as again, again.session() as s:
        moved = s.scalar(select(WorkItem).where(WorkItem.title == "Send brand guide to Kyma Hotels"))
        assert moved.status.key == "in_progress"


def test_dropping_cards_moves_them_before_the_target(qtbot, tmp_path: Path) -> None:
    view = _board(qtbot, tmp_path / "d.pdk")
    ws = view.context.ws
    svc = WorkItemService(ws)
    pending, done = _status(ws, "pending"), _status(ws, "done")
    a, _ = svc.create(pending, "A")
    svc.create(done, "Z")
    view.reload()
    source, target = view.columns[0], view.columns[4]
    mime = source.model.mimeData([source.model.index(0)])
    # The model reports False so Qt does not delete rows itself; the board reloads from the database.
    target.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, target.model.index(0).parent())
    assert _titles(target) == ["A", "Z"] and _titles(source) == []
    assert target.model.index(0).data(IdRole) == a
    ws.close()


def test_arabic_board_puts_the_first_column_on_the_right(qtbot, tmp_path: Path) -> None:
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        view = _board(qtbot, tmp_path / "r.pdk")
        qtbot.waitExposed(view)
        xs = [c.mapTo(view, c.rect().topLeft()).x() for c in view.columns]
        assert xs == sorted(xs, reverse=True)  # Pending (first) is right-most
        view.context.ws.close()
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
