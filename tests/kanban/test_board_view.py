"""Moving cards the way a user does: mouse drag and drop, keyboard, undo/redo, reopening, Arabic mirroring."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import ActivityLog, WorkItem
from partnerdesk.store.workspace import open_workspace
from tests.kanban.conftest import status_id, titles


def _drag_with_mouse(qtbot, monkeypatch, source, row: int, target, target_row: int | None) -> None:  # type: ignore[no-untyped-def]
    """Press on a card and move the mouse until Qt starts a drag (the board's own startDrag builds the QDrag).

    The offscreen platform has no drag-and-drop loop (QDrag.exec returns at once), so QDrag.exec is replaced
    by what the window system does: drag-enter, drag-move and drop events on the target list, carrying the
    QMimeData of the real QDrag.
    """
    viewport = target.viewport()
    if target_row is None:
        drop_at = QPoint(viewport.width() // 2, viewport.height() - 5)
    else:
        rect = target.visualRect(target.cell().index(target_row))
        drop_at = QPoint(rect.center().x(), rect.top() + 3)
    delivered: list[QMimeData] = []

    def fake_exec(drag: QDrag, *args: object) -> Qt.DropAction:
        mime = drag.mimeData()
        delivered.append(mime)
        actions = Qt.DropAction.MoveAction
        buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(viewport, QDragEnterEvent(drop_at, actions, mime, buttons, mods))
        QApplication.sendEvent(viewport, QDragMoveEvent(drop_at, actions, mime, buttons, mods))
        drop = QDropEvent(QPointF(drop_at), actions, mime, buttons, mods)
        QApplication.sendEvent(viewport, drop)
        return drop.dropAction()

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    start = source.visualRect(source.cell().index(row)).center()
    QTest.mousePress(source.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 40, 4):
        point = QPointF(start + QPoint(step, step))
        QApplication.sendEvent(source.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, point, source.viewport().mapToGlobal(point), Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
        if delivered:
            break
    QTest.mouseRelease(source.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    assert delivered, "the mouse gesture did not start a drag"


def test_mouse_drag_moves_a_card_to_another_column_and_is_logged(open_board, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    svc = WorkItemService(ws)
    a, _ = svc.create(status_id(ws, "pending"), "Send price list")
    svc.create(status_id(ws, "on_track"), "Kick-off call")
    svc.create(status_id(ws, "on_track"), "Logo files")
    view.reload()
    pending, on_track = view.columns[0], view.columns[2]
    assert titles(on_track) == ["Logo files", "Kick-off call"]

    _drag_with_mouse(qtbot, monkeypatch, pending, 0, on_track, 1)  # onto the top half of "Kick-off call"

    assert titles(pending) == []
    assert titles(on_track) == ["Logo files", "Send price list", "Kick-off call"]
    assert "Move card" in view.context.undo_stack.undoText()
    with ws.session() as s:
        assert s.scalar(select(ActivityLog.action).where(ActivityLog.entity_id == a)
                        .order_by(ActivityLog.id.desc())) == "move"
    view.context.undo_stack.undo()
    assert titles(pending) == ["Send price list"]
    assert titles(on_track) == ["Logo files", "Kick-off call"]


def test_mouse_drag_reorders_inside_a_column(open_board, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    svc = WorkItemService(ws)
    for title in ("C", "B", "A"):
        svc.create(status_id(ws, "pending"), title)
    view.reload()
    pending = view.columns[0]
    assert titles(pending) == ["A", "B", "C"]
    _drag_with_mouse(qtbot, monkeypatch, pending, 0, pending, None)  # A to the end
    assert titles(pending) == ["B", "C", "A"]


def test_several_selected_cards_move_together(open_board, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    svc = WorkItemService(ws)
    for title in ("Three", "Two", "One"):
        svc.create(status_id(ws, "pending"), title)
    view.reload()
    first, second = view.columns[0], view.columns[1]
    first.setFocus()
    QTest.mouseClick(first.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     first.visualRect(first.cell().index(0)).center())
    QTest.mouseClick(first.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     first.visualRect(first.cell().index(2)).center())
    qtbot.keyClick(first, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert titles(second) == ["One", "Three"] and titles(first) == ["Two"]
    assert view.context.undo_stack.undoText() == "Move 2 cards"
    assert second.selected_ids() and second.window().focusWidget() is second  # the selection follows


def test_keyboard_moves_persist_undo_redo_and_survive_reopening(open_board, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "keys.pdk"
    view = open_board(path)
    ws = view.context.ws
    svc = WorkItemService(ws)
    pending = status_id(ws, "pending")
    svc.create(pending, "Send brand guide to Kyma Hotels", due_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    svc.create(pending, "Book onboarding call")
    view.reload()
    first, second = view.columns[0], view.columns[1]
    assert titles(first) == ["Book onboarding call", "Send brand guide to Kyma Hotels"]
    assert "Pending" in view.grid.headers[pending].label.text() and "2" in view.grid.headers[pending].label.text()

    first.select_ids([first.cell().ids[1]])
    qtbot.keyClick(first, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert titles(second) == ["Send brand guide to Kyma Hotels"]
    assert titles(first) == ["Book onboarding call"]
    qtbot.keyClick(second, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert titles(view.columns[2]) == ["Send brand guide to Kyma Hotels"]

    stack = view.context.undo_stack
    stack.undo()
    assert titles(second) == ["Send brand guide to Kyma Hotels"] and titles(view.columns[2]) == []
    stack.undo()
    assert titles(first) == ["Book onboarding call", "Send brand guide to Kyma Hotels"]
    stack.redo()
    assert titles(second) == ["Send brand guide to Kyma Hotels"]

    # Ctrl+Down reorders inside a column.
    _new, changes = svc.create(pending, "Prepare QBR deck")
    view.context.hub.announce(changes)
    assert titles(first) == ["Prepare QBR deck", "Book onboarding call"]
    first.select_ids([first.cell().ids[0]])
    qtbot.keyClick(first, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles(first) == ["Book onboarding call", "Prepare QBR deck"]
    ws.close()

    reopened = open_board(path)
    assert titles(reopened.columns[1]) == ["Send brand guide to Kyma Hotels"]
    assert titles(reopened.columns[0]) == ["Book onboarding call", "Prepare QBR deck"]
    with open_workspace(tmp_path / "other.pdk") as other, other.session() as s:
        assert s.scalar(select(WorkItem)) is None


def test_arabic_board_mirrors_columns_and_keyboard_moves(open_board, qtbot) -> None:  # type: ignore[no-untyped-def]
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        view = open_board()
        ws = view.context.ws
        WorkItemService(ws).create(status_id(ws, "pending"), "Card")
        view.reload()
        xs = [c.mapTo(view, c.rect().topLeft()).x() for c in view.columns]
        assert xs == sorted(xs, reverse=True)  # Pending (first) is right-most
        headers = [view.grid.headers[c.status_id].mapTo(view, QPoint(0, 0)).x() for c in view.board_columns]
        assert headers == sorted(headers, reverse=True)
        first = view.columns[0]
        first.select_ids(first.cell().ids)
        # The next column is on the left in Arabic: Ctrl+Left moves forward, Ctrl+Right would go back.
        qtbot.keyClick(first, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
        assert titles(view.columns[1]) == ["Card"]
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_switching_to_arabic_retranslates_headers_filters_and_card_texts(open_board, qtbot) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk import l10n
    from partnerdesk.ui.kanban.model import CardRole

    view = open_board()
    ws = view.context.ws
    WorkItemService(ws).create(status_id(ws, "pending"), "Card", due_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    view.reload()
    delegate = view.columns[0].itemDelegate()
    card = view.columns[0].cell().index(0).data(CardRole)
    assert "3 days overdue" in delegate.texts(card).bottom
    l10n.set_language("ar")
    view.retranslate_ui()
    ar = l10n.translations("ar")
    assert ar.gettext("Pending") in view.grid.headers[status_id(ws, "pending")].label.text()
    assert view.filter.placeholderText() == ar.gettext("Filter cards…")
    assert view.lanes.itemText(1) == ar.gettext("Lanes by partner")
    assert "overdue" not in delegate.texts(card).bottom


def test_board_dialogs_open_translated_in_every_language(open_board) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk import l10n
    from partnerdesk.ui.kanban import menus

    view = open_board()
    ws = view.context.ws
    item, _ = WorkItemService(ws).create(status_id(ws, "pending"), "Card")
    view.reload()
    for lang in ("pt", "ja", "it", "el", "ar"):
        l10n.set_language(lang)
        t = l10n.translations(lang)
        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang == "ar" else
                                        Qt.LayoutDirection.LeftToRight)
        try:
            view.retranslate_ui()
            view.edit_card(item)
            assert view.card_dialog.windowTitle() == t.gettext("Edit card") != "Edit card"
            view.card_dialog.reject()
            menus.show_trash(view)
            assert view.trash_dialog.windowTitle() == t.gettext("Trash") != "Trash"
            view.trash_dialog.reject()
            menus.board_settings(view)
            assert view.settings_dialog.windowTitle() == t.gettext("Board settings")
            view.settings_dialog.reject()
            menus.card_menu(view, view.columns[0], view.columns[0].visualRect(view.columns[0].cell().index(0)).center())
            assert view.last_menu.actions()[0].text() == t.gettext("Edit…")
            view.last_menu.close()
        finally:
            QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_dropping_on_a_folded_column_header_and_insert_for_quick_add(open_board, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    WorkItemService(ws).create(status_id(ws, "pending"), "Card")
    view.reload()
    done = status_id(ws, "done")
    view.toggle_column(done)
    header = view.grid.headers[done]
    mime = view.columns[0].cell().mimeData([view.columns[0].cell().index(0)])
    at = QPointF(header.rect().center())
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(header.rect().center(), Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(header, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(header, QDropEvent(at, Qt.DropAction.MoveAction, mime, buttons, mods))
    assert titles(view.columns[0]) == [] and titles(view.columns[4]) == ["Card"]
    view.columns[0].setFocus()
    qtbot.keyClick(view.columns[0], Qt.Key.Key_Insert)
    assert view.grid.headers[status_id(ws, "pending")].editor.isVisible()


def test_board_settings_days_follow_the_number(open_board) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.kanban import menus

    view = open_board()
    menus.board_settings(view)
    box = view.settings_dialog.stale
    box.setValue(1)
    assert box.suffix() == " day"
    box.setValue(14)
    assert box.suffix() == " days"
    view.settings_dialog.reject()


def test_days_in_column_stand_apart_from_the_due_line(open_board) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.models import WorkItem
    from partnerdesk.ui.kanban.model import CardRole

    view = open_board()
    ws = view.context.ws
    item, _ = WorkItemService(ws).create(status_id(ws, "pending"), "Card",
                                         due_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    with ws.session() as s, s.begin():
        s.get(WorkItem, item).status_changed_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=16)
    view.reload()
    texts = view.columns[0].itemDelegate().texts(view.columns[0].cell().index(0).data(CardRole))
    assert texts.days_here == "16 days here"
    assert "here" not in texts.bottom and "3 days overdue" in texts.bottom
