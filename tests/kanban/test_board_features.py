"""Board features a user relies on: filters and presets, swimlanes, quick add, the card dialog, trash,
archiving, stale marks, WIP warnings, column management, lazy loading."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select, update

from partnerdesk.domain.errors import ValidationError
from partnerdesk.services.board_query import BoardFilter
from partnerdesk.services.board_settings import BoardSettingsService
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import WorkItem
from partnerdesk.ui import theme
from partnerdesk.ui.kanban import menus
from partnerdesk.ui.kanban.card_text import tooltip
from partnerdesk.ui.kanban.model import PAGE, CardRole
from tests.kanban.conftest import add_people, status_id, titles


def _announce(view, result):  # type: ignore[no-untyped-def]
    changes = result[1] if isinstance(result, tuple) else result
    view.context.hub.announce(changes)
    return result[0] if isinstance(result, tuple) else None


def test_filters_combine_and_presets_persist(open_board, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = open_board(tmp_path / "f.pdk", prepare=add_people)
    ws = view.context.ws
    svc = WorkItemService(ws)
    ids = {n: i for i, n in view.state.query.partners()}
    members = {n: i for i, n in view.state.query.members()}
    pending, at_risk = status_id(ws, "pending"), status_id(ws, "at_risk")
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    svc.create(pending, "Kyma invoice", partner_id=ids["Kyma Hotels"], due_at=past, tags=["billing"],
               responsible_member_id=members["Maria Silva"])
    svc.create(at_risk, "Kyma photos", partner_id=ids["Kyma Hotels"], due_at=soon, tags=["content"])
    svc.create(pending, "Sakura invoice", partner_id=ids["Sakura Commerce"], tags=["billing"],
               responsible_member_id=members["Lucas Braga"])
    view.reload()
    bar = view.filter_bar

    bar.partner.setCurrentIndex(bar.partner.findData(ids["Kyma Hotels"]))
    assert titles(view.columns[0]) == ["Kyma invoice"] and titles(view.columns[3]) == ["Kyma photos"]
    assert bar.tag.findData("billing") == -1  # the tag list is read when first opened
    bar.tag.showPopup()
    bar.tag.hidePopup()
    assert [bar.tag.itemText(i) for i in range(bar.tag.count())] == ["Any tag", "billing", "content"]
    bar.tag.setCurrentIndex(bar.tag.findData("billing"))
    assert titles(view.columns[0]) == ["Kyma invoice"] and titles(view.columns[3]) == []
    assert "1 of 2" in view.grid.headers[pending].label.text()  # shown of total
    bar.set_filter(BoardFilter(due="overdue"))
    assert titles(view.columns[0]) == ["Kyma invoice"] and titles(view.columns[3]) == []
    bar.set_filter(BoardFilter(due="week"))
    assert titles(view.columns[3]) == ["Kyma photos"] and titles(view.columns[0]) == []
    bar.set_filter(BoardFilter(due="none"))
    assert titles(view.columns[0]) == ["Sakura invoice"]
    bar.set_filter(BoardFilter(owner_id=members["Lucas Braga"]))
    assert titles(view.columns[0]) == ["Sakura invoice"]
    bar.set_filter(BoardFilter())
    bar.text.setText("sakura")  # free text also matches the partner's name
    assert titles(view.columns[0]) == ["Sakura invoice"]
    bar.text.setText("invoice")
    bar.tag.setCurrentIndex(bar.tag.findData("billing"))
    bar.partner.setCurrentIndex(bar.partner.findData(ids["Sakura Commerce"]))
    assert titles(view.columns[0]) == ["Sakura invoice"]

    bar.save_preset("Sakura billing")
    bar.set_filter(BoardFilter())
    assert len(titles(view.columns[0])) == 2
    bar.presets.setCurrentIndex(bar.presets.findData("Sakura billing"))
    bar.presets.activated.emit(bar.presets.currentIndex())
    assert titles(view.columns[0]) == ["Sakura invoice"]
    assert BoardSettingsService(ws).presets()["Sakura billing"] == {
        "partner_id": ids["Sakura Commerce"], "tag": "billing", "text": "invoice"}
    bar.delete_preset()
    assert "Sakura billing" not in BoardSettingsService(ws).presets()
    assert bar.presets.findData("Sakura billing") == -1


def test_swimlanes_by_partner_owner_priority_and_collapse(open_board, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_board(tmp_path / "l.pdk", prepare=add_people)
    ws = view.context.ws
    names = dict((n, i) for i, n in view.state.query.partners())
    svc = WorkItemService(ws)
    pending = status_id(ws, "pending")
    a, _ = svc.create(pending, "For Kyma", partner_id=names["Kyma Hotels"], priority="urgent")
    svc.create(pending, "For Sakura", partner_id=names["Sakura Commerce"])
    svc.create(pending, "Internal")
    view.reload()

    view.lanes.setCurrentIndex(view.lanes.findData("partner"))
    lanes = [view.grid.lane_headers[lane.key].label.text() for lane in view.grid.lanes]
    assert ["Kyma Hotels" in lanes[0], "Sakura Commerce" in lanes[1], "No partner" in lanes[2]] == [True] * 3
    assert titles(view.grid.cells[(pending, names["Kyma Hotels"])]) == ["For Kyma"]
    assert titles(view.grid.cells[(pending, None)]) == ["Internal"]

    # Dropping a card into another partner's lane gives it that partner; undo gives the old one back.
    source = view.grid.cells[(pending, names["Kyma Hotels"])]
    target = view.grid.cells[(status_id(ws, "on_track"), names["Sakura Commerce"])]
    target.cell().dropMimeData(source.cell().mimeData([source.cell().index(0)]), Qt.DropAction.MoveAction,
                               -1, 0, target.cell().index(0).parent())
    assert titles(target) == ["For Kyma"]
    with ws.session() as s:
        assert s.get(WorkItem, a).partner_id == names["Sakura Commerce"]
    view.context.undo_stack.undo()
    with ws.session() as s:
        assert s.get(WorkItem, a).partner_id == names["Kyma Hotels"]
    assert titles(view.grid.cells[(pending, names["Kyma Hotels"])]) == ["For Kyma"]

    # Collapsing a lane hides its cards; collapsing a column hides it in every lane; both are remembered.
    view.grid.lane_headers[names["Kyma Hotels"]].collapse.click()
    assert not view.grid.cells[(pending, names["Kyma Hotels"])].isVisible()
    assert view.grid.cells[(pending, None)].isVisible()
    view.grid.headers[pending].collapse.click()
    assert not view.grid.cells[(pending, None)].isVisible()
    view.set_lane_mode("none")
    view.set_lane_mode("partner")
    assert not view.grid.cells[(pending, names["Sakura Commerce"])].isVisible()
    assert not view.grid.cells[(status_id(ws, "on_track"), names["Kyma Hotels"])].isVisible()
    assert view.grid.cells[(status_id(ws, "on_track"), names["Sakura Commerce"])].isVisible()

    view.set_lane_mode("priority")
    assert [lane.key for lane in view.grid.lanes] == ["urgent", "normal"]
    assert "Urgent" in view.grid.lane_headers["urgent"].label.text()
    view.set_lane_mode("owner")
    assert [lane.key for lane in view.grid.lanes] == [None]
    assert "Unassigned" in view.grid.lane_headers[None].label.text()


def test_wip_limits_warn_on_columns_and_partner_lanes(open_board, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = open_board(tmp_path / "w.pdk", prepare=add_people)
    ws = view.context.ws
    kyma = dict((n, i) for i, n in view.state.query.partners())["Kyma Hotels"]
    progress = status_id(ws, "in_progress")
    menus.set_wip_limit(view, progress, 1)
    header = view.grid.headers[progress]
    svc = WorkItemService(ws)
    _announce(view, svc.create(progress, "One", partner_id=kyma))
    assert not header.is_over() and "1 / 1" in header.label.text()
    _announce(view, svc.create(progress, "Two", partner_id=kyma))  # allowed, but visible
    header = view.grid.headers[progress]
    assert header.is_over() and "⚠" in header.label.text() and theme.name("danger") in header.label.styleSheet()
    assert titles(view.columns[1]) == ["Two", "One"]
    view.context.undo_stack.undo()  # the limit
    assert not view.grid.headers[progress].is_over()

    view.set_lane_mode("partner")
    menus.set_lane_limit(view, kyma, 1)
    lane = view.grid.lane_headers[kyma]
    assert lane.property("over") and "2 open / limit 1" in lane.label.text()


def test_quick_add_at_the_top_and_undo(open_board, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    pending = status_id(ws, "pending")
    WorkItemService(ws).create(pending, "Older card")
    view.reload()
    header = view.grid.headers[pending]
    qtbot.mouseClick(header.add, Qt.MouseButton.LeftButton)
    assert header.editor.isVisible()
    qtbot.keyClicks(header.editor, "Call Kyma about rates")
    qtbot.keyClick(header.editor, Qt.Key.Key_Return)
    assert titles(view.columns[0]) == ["Call Kyma about rates", "Older card"]
    assert header.editor.isVisible() and header.editor.text() == ""  # ready for the next one
    qtbot.keyClick(header.editor, Qt.Key.Key_Return)  # blank: nothing added
    assert len(titles(view.columns[0])) == 2
    view.context.undo_stack.undo()
    assert titles(view.columns[0]) == ["Older card"]
    view.context.undo_stack.redo()
    assert titles(view.columns[0]) == ["Call Kyma about rates", "Older card"]
    qtbot.keyClick(header.editor, Qt.Key.Key_Escape)
    assert not header.editor.isVisible()


def test_card_dialog_edits_every_field_undoably(open_board, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_board(tmp_path / "e.pdk", prepare=add_people)
    ws = view.context.ws
    partners = dict((n, i) for i, n in view.state.query.partners())
    members = dict((n, i) for i, n in view.state.query.members())
    svc = WorkItemService(ws)
    item, _ = svc.create(status_id(ws, "pending"), "Draft")
    svc.add_checklist_item(item, "Old step")
    view.reload()
    cell = view.columns[0]
    cell.select_ids([item])
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    dialog = view.card_dialog
    assert dialog is not None and dialog.isVisible() and dialog.title.text() == "Draft"

    dialog.title.setText("Send signed contract to Sakura")
    dialog.description.setPlainText("Scan both pages.")
    dialog.partner.setCurrentIndex(dialog.partner.findData(partners["Sakura Commerce"]))
    dialog.responsible.setCurrentIndex(dialog.responsible.findData(members["Maria Silva"]))
    dialog.priority.setCurrentIndex(dialog.priority.findData("high"))
    dialog.has_due.setChecked(True)
    dialog.has_time.setChecked(True)
    dialog.tags.setText("contract, legal, contract")
    dialog.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(dialog.new_item, "Countersign")
    qtbot.keyClick(dialog.new_item, Qt.Key.Key_Return)
    dialog.accept()

    values, checklist = svc.snapshot(item)
    assert values["title"] == "Send signed contract to Sakura" and values["description"] == "Scan both pages."
    assert values["partner_id"] == partners["Sakura Commerce"]
    assert values["responsible_member_id"] == members["Maria Silva"]
    assert values["priority"] == "high" and values["due_has_time"] and values["due_at"] is not None
    assert values["tags"] == ["contract", "legal"]
    assert checklist == [("Old step", True), ("Countersign", False)]
    card = view.columns[0].cell().index(0).data(CardRole)
    assert card.title == "Send signed contract to Sakura" and (card.done, card.total) == (1, 2)
    assert card.tags == ("contract", "legal") and card.who == "MS"

    view.context.undo_stack.undo()
    values, checklist = svc.snapshot(item)
    assert values["title"] == "Draft" and values["partner_id"] is None and checklist == [("Old step", False)]
    assert view.columns[0].cell().index(0).data() == "Draft"
    view.context.undo_stack.redo()
    assert svc.snapshot(item)[0]["title"] == "Send signed contract to Sakura"

    # Removing a checklist item, and a blank title is refused without losing the dialog.
    cell.doubleClicked.emit(cell.cell().index(0))
    dialog = view.card_dialog
    dialog.checklist.setCurrentRow(0)
    dialog.remove_checklist_item()
    dialog.title.setText("  ")
    with pytest.MonkeyPatch.context() as mp:
        warned: list[str] = []
        mp.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
        dialog.accept()
    assert warned == ["A card needs a title."] and dialog.result() != QDialog.DialogCode.Accepted
    dialog.title.setText("Contract")
    dialog.accept()
    assert svc.snapshot(item)[1] == [("Countersign", False)]


def test_delete_to_trash_and_restore(open_board, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    svc = WorkItemService(ws)
    pending = status_id(ws, "pending")
    svc.create(pending, "Keep")
    gone, _ = svc.create(pending, "Mistake")
    view.reload()
    cell = view.columns[0]
    cell.select_ids([gone])
    qtbot.keyClick(cell, Qt.Key.Key_Delete)
    assert titles(cell) == ["Keep"]
    view.tools["trash"].click()
    trash = view.trash_dialog
    assert trash.titles() == ["Mistake"]
    trash.select_titles(["Mistake"])
    trash.restore.click()
    assert titles(cell) == ["Mistake", "Keep"] and trash.titles() == []
    assert view.context.undo_stack.undoText() == "Restore card"
    view.context.undo_stack.undo()
    assert titles(cell) == ["Keep"] and trash.titles() == ["Mistake"]

    trash.select_titles(["Mistake"])
    trash.purge_selected(confirm=False)
    assert trash.titles() == [] and titles(cell) == ["Keep"]
    with ws.session() as s:
        assert s.get(WorkItem, gone) is None
    # An old undo step that needs the purged card says so and changes nothing.
    warned: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
        view.context.undo_stack.undo()
    assert warned == ["The record no longer exists. It may have been deleted."] and titles(cell) == ["Keep"]
    with pytest.raises(ValidationError):  # only cards in the trash can be purged
        svc.purge([cell.cell().ids[0]])


def test_done_cards_are_archived_when_the_board_opens(open_board, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def prepare(ws):  # type: ignore[no-untyped-def]
        svc = WorkItemService(ws)
        done = status_id(ws, "done")
        old, _ = svc.create(done, "Finished long ago")
        svc.create(done, "Finished yesterday")
        BoardSettingsService(ws).set_value("kanban.archive_days", 10)
        with ws.session() as s, s.begin():
            s.execute(update(WorkItem).where(WorkItem.id == old).values(
                status_changed_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=11)))

    view = open_board(tmp_path / "a.pdk", prepare=prepare)
    assert titles(view.columns[4]) == ["Finished yesterday"]
    with view.context.ws.session() as s:
        assert s.scalar(select(WorkItem.archived).where(WorkItem.title == "Finished long ago")) is True


def test_stale_mark_days_in_column_and_partner_time_in_tooltip(open_board, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def prepare(ws):  # type: ignore[no-untyped-def]
        people = add_people(ws)
        svc = WorkItemService(ws)
        due = dt.datetime(2030, 3, 4, 9, 30, tzinfo=dt.UTC)
        item, _ = svc.create(status_id(ws, "pending"), "Quiet card", partner_id=people["Sakura Commerce"],
                             due_at=due, due_has_time=True)
        finished, _ = svc.create(status_id(ws, "done"), "Finished quietly")
        old = dt.datetime.now(dt.UTC) - dt.timedelta(days=20)
        with ws.session() as s, s.begin():
            s.execute(update(WorkItem).where(WorkItem.id.in_([item, finished]))
                      .values(updated_at=old, status_changed_at=old))
        BoardSettingsService(ws).set_value("kanban.stale_days", 14)

    view = open_board(tmp_path / "s.pdk", prepare=prepare)
    card = view.columns[0].cell().index(0).data(CardRole)
    text = tooltip(card, view.state.stale_days)
    assert "In this column for 20 days" in text
    assert "Stale: no update for 14 days" in text
    assert "Partner's local time: 4 Mar 2030, 18:30:00 (Asia/Tokyo)" in text
    done_cell = view.columns[4]
    assert "Stale" not in done_cell.cell().index(0).data(Qt.ItemDataRole.ToolTipRole)  # finished work is not stale
    view.context.hub.announce(BoardSettingsService(view.context.ws).set_value("kanban.stale_days", 30))
    assert "Stale" not in tooltip(card, view.state.stale_days)
    image = view.columns[0].viewport().grab()
    assert not image.isNull()


def test_column_management_keeps_cards(open_board) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    at_risk = status_id(ws, "at_risk")
    WorkItemService(ws).create(at_risk, "Risky")
    view.reload()
    menus.rename_column(view, at_risk, "Blocked")
    assert "Blocked" in view.grid.headers[at_risk].label.text()
    view.context.undo_stack.undo()
    assert "At Risk" in view.grid.headers[at_risk].label.text()
    menus.move_column(view, at_risk, -1)
    assert [c.key for c in view.board_columns] == ["pending", "in_progress", "at_risk", "on_track", "done"]
    menus.add_column(view, "Waiting on partner")
    assert view.board_columns[-1].label == "Waiting on partner"
    menus.remove_column(view, at_risk, status_id(ws, "pending"))
    assert "at_risk" not in [c.key for c in view.board_columns]
    assert titles(view.columns[0]) == ["Risky"]


def test_cells_fetch_rows_lazily_and_refresh_only_changed_rows(open_board, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    def prepare(ws):  # type: ignore[no-untyped-def]
        pending = status_id(ws, "pending")
        now = dt.datetime.now(dt.UTC)
        with ws.session() as s, s.begin():
            s.add_all([WorkItem(title=f"Card {i:04d}", status_id=pending, position=float(i), status_changed_at=now)
                       for i in range(PAGE * 2 + 10)])

    view = open_board(tmp_path / "z.pdk", prepare=prepare)
    cell = view.columns[0]
    model = cell.cell()
    assert model.total == PAGE * 2 + 10 and model.rowCount() == PAGE and model.canFetchMore(model.index(0).parent())
    cell.scrollToBottom()  # the list asks the model for more rows as it reaches the end
    qtbot.wait(50)
    assert model.rowCount() == PAGE * 2
    while model.canFetchMore(model.index(0).parent()):
        model.fetchMore(model.index(0).parent())
    assert model.rowCount() == PAGE * 2 + 10
    resets: list[int] = []
    removed: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsRemoved.connect(lambda _p, first, _last: removed.append(first))
    view._drop([model.ids[5]], status_id(view.context.ws, "done"), None, None)
    assert resets == [] and removed == [5]
    assert titles(view.columns[4]) == ["Card 0005"]
    assert "Card 0005" not in titles(cell)[:10]


def test_card_menu_moves_and_deletes_and_column_moves_undo(open_board) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    item, _ = WorkItemService(ws).create(status_id(ws, "pending"), "Menu card")
    view.reload()
    cell = view.columns[0]
    menus.card_menu(view, cell, cell.visualRect(cell.cell().index(0)).center())
    menu = view.last_menu
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "Edit…" and "Move to" in labels and "Delete card" in labels
    move_to = next(a.menu() for a in menu.actions() if a.text() == "Move to")
    done = next(a for a in move_to.actions() if a.text() == "Done")
    pending = next(a for a in move_to.actions() if a.text() == "Pending")
    assert not pending.isEnabled()
    done.trigger()
    menu.close()
    assert titles(view.columns[4]) == ["Menu card"]

    order = [c.key for c in view.board_columns]
    menus.column_menu(view, status_id(ws, "done"), view.grid.headers[status_id(ws, "done")].rect().center())
    later = next(a for a in view.last_menu.actions() if a.text() == "Move column later")
    assert not later.isEnabled()  # already the last column
    view.last_menu.close()
    menus.move_column(view, status_id(ws, "done"), -1)
    assert [c.key for c in view.board_columns][-2:] == ["done", "at_risk"]
    view.context.undo_stack.undo()
    assert [c.key for c in view.board_columns] == order


def test_a_failed_edit_is_reported_and_leaves_the_undo_stack_alone(open_board, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view = open_board()
    ws = view.context.ws
    item, _ = WorkItemService(ws).create(status_id(ws, "pending"), "Soon gone")
    view.reload()
    view.edit_card(item)
    dialog = view.card_dialog
    with ws.session() as s, s.begin():  # another window deletes the card for good meanwhile
        s.delete(s.get(WorkItem, item))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    dialog.title.setText("Renamed")
    dialog.accept()
    assert warned == ["The record no longer exists. It may have been deleted."]
    assert view.context.undo_stack.count() == 0


def test_cards_moved_to_a_long_column_show_at_the_end_of_what_is_loaded(open_board, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    def prepare(ws):  # type: ignore[no-untyped-def]
        pending = status_id(ws, "pending")
        now = dt.datetime.now(dt.UTC)
        with ws.session() as s, s.begin():
            s.add_all([WorkItem(title=f"Card {i:04d}", status_id=pending, position=float(i), status_changed_at=now)
                       for i in range(PAGE + 50)])
        WorkItemService(ws).create(status_id(ws, "in_progress"), "Arriving")

    view = open_board(tmp_path / "t.pdk", prepare=prepare)
    long, source = view.columns[0], view.columns[1]
    assert long.cell().rowCount() == PAGE
    source.select_ids(source.cell().ids)
    qtbot.keyClick(source, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    # It lands after the last loaded card (not after thousands of unloaded ones), selected and in view.
    assert titles(long)[PAGE] == "Arriving" and titles(long)[PAGE - 1] == f"Card {PAGE - 1:04d}"
    assert long.selected_ids() == [long.cell().ids[PAGE]]
    while long.cell().canFetchMore(long.cell().index(0).parent()):
        long.cell().fetchMore(long.cell().index(0).parent())
    shown = titles(long)
    assert shown[PAGE - 1:PAGE + 2] == [f"Card {PAGE - 1:04d}", "Arriving", f"Card {PAGE:04d}"]
    assert len(shown) == PAGE + 51 and len(set(shown)) == len(shown)


def test_quick_add_on_a_filtered_board_keeps_the_card_in_view(open_board, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_board(tmp_path / "q.pdk", prepare=add_people)
    partners = dict((n, i) for i, n in view.state.query.partners())
    view.filter_bar.set_filter(BoardFilter(partner_id=partners["Kyma Hotels"], tag="launch"))
    pending = status_id(view.context.ws, "pending")
    view.quick_add(pending, "Launch mailing for Kyma")
    assert titles(view.columns[0]) == ["Launch mailing for Kyma"]
    values, _ = WorkItemService(view.context.ws).snapshot(view.columns[0].cell().ids[0])
    assert values["partner_id"] == partners["Kyma Hotels"] and values["tags"] == ["launch"]
