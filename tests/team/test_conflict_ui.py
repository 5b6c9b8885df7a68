"""Edit conflicts in the main window (issue 18): the card dialog's save over someone else's change shows the
conflict dialog (their change, Reload / Re-apply mine), and undo after someone else's change says so."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import TeamMember, WorkItem
from partnerdesk.store.workspace import open_workspace
from partnerdesk.ui.views_registry import VIEWS


def _board(window: Any) -> tuple[Any, int]:
    window.show_view([k for k, *_r in VIEWS].index("kanban"))
    board = window.current_view()
    with window.context.ws.session() as s:
        item = s.scalars(select(WorkItem).where(WorkItem.archived.is_(False), WorkItem.deleted_at.is_(None))
                         .order_by(WorkItem.id)).first()
        assert item is not None
        return board, item.id


@pytest.fixture
def colleague(demo_window: Any) -> Any:
    """A second client on the same workspace, working as another team member (the window is started)."""
    demo_window.start()
    other = open_workspace(demo_window.context.ws.path, lock=False)
    with other.session() as s:
        member = s.scalars(select(TeamMember).order_by(TeamMember.id.desc())).first()
        assert member is not None
        name, member_id = member.name, member.id
    service = WorkItemService(other, member_id)
    service.name = name  # type: ignore[attr-defined]
    yield service
    other.close()


def _card(window: Any, item_id: int) -> dict[str, Any]:
    values, _checklist, version = WorkItemService(window.context.ws).snapshot_at(item_id)
    return {**values, "version": version}


def test_saving_over_a_colleagues_change_asks_then_reapplies_mine(demo_window: Any, colleague: Any,
                                                                   qtbot: Any) -> None:
    window = demo_window
    board, item_id = _board(window)
    board.edit_card(item_id)
    dialog = board.card_dialog
    dialog.description.setPlainText("Mine: the launch needs a second review")
    colleague.update(item_id, title="Their new title")  # saved while my dialog is open
    dialog.accept()
    conflict = board.conflict_dialog
    assert conflict is not None and conflict.isVisible()
    assert f"{colleague.name} changed this card" in conflict.message.text()
    rows = {conflict.fields.topLevelItem(i).text(0): [conflict.fields.topLevelItem(i).text(c) for c in (1, 2, 3)]
            for i in range(conflict.fields.topLevelItemCount())}
    assert rows["Title"][1] == "Their new title"
    assert rows["Description"][2] == "Mine: the launch needs a second review"
    card = _card(window, item_id)
    assert card["title"] == "Their new title" and card["description"] != "Mine: the launch needs a second review"
    conflict.reapply_button.click()
    card = _card(window, item_id)
    # Mine re-applied over theirs, knowingly; their title (a field I did not touch) stays.
    assert (card["title"], card["description"]) == ("Their new title", "Mine: the launch needs a second review")
    assert window.context.undo_stack.undoText().startswith("Edit card")
    window.context.undo_stack.undo()  # my step undone: only my field goes back
    card = _card(window, item_id)
    assert card["title"] == "Their new title" and card["description"] != "Mine: the launch needs a second review"


def test_reload_discards_mine_and_shows_theirs(demo_window: Any, colleague: Any, qtbot: Any) -> None:
    window = demo_window
    board, item_id = _board(window)
    board.edit_card(item_id)
    board.card_dialog.description.setPlainText("Mine, to be discarded")
    colleague.update(item_id, description="Theirs, kept")
    board.card_dialog.accept()
    board.conflict_dialog.reload_button.click()
    assert _card(window, item_id)["description"] == "Theirs, kept"
    reopened = board.card_dialog
    assert reopened.isVisible() and reopened.description.toPlainText() == "Theirs, kept"
    reopened.reject()
    assert not window.context.undo_stack.canUndo()


def test_undo_after_a_colleagues_change_says_so_and_keeps_theirs(demo_window: Any, colleague: Any, qtbot: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    window = demo_window
    board, item_id = _board(window)
    stack = window.context.undo_stack
    original = _card(window, item_id)["title"]
    for title in ("First title of mine", "Second title of mine"):
        board.edit_card(item_id)
        board.card_dialog.title.setText(title)
        board.card_dialog.accept()
    stack.undo()  # my own steps undo one after another
    assert _card(window, item_id)["title"] == "First title of mine" and not warned
    colleague.update(item_id, title="Their title")
    stack.undo()
    assert _card(window, item_id)["title"] == "Their title"  # not reverted to mine
    assert len(warned) == 1 and "was not undone" in warned[0] and colleague.name in warned[0]
    assert _card(window, item_id)["title"] != original
    # The step left the stack: what remains can be redone without touching their change.
    assert stack.count() == 1 and stack.canRedo() and not stack.canUndo()
    stack.redo()  # "Second title of mine", whose base is gone too: refused the same way
    assert _card(window, item_id)["title"] == "Their title"
    assert len(warned) == 2 and "was not redone" in warned[1]
    assert stack.count() == 0


def test_partner_overview_save_over_a_colleagues_change_asks(workspace: Any, qtbot: Any) -> None:
    from PySide6.QtGui import QUndoStack

    from partnerdesk.domain.enums import PartnerKind
    from partnerdesk.services.partners import PartnerService
    from partnerdesk.store.models import Partner
    from partnerdesk.ui.context import AppContext, ChangeHub
    from partnerdesk.ui.partners.view import PartnersView
    from tests.team.helpers import second_client

    with workspace.transaction() as s:
        s.add_all([TeamMember(name="Ana", is_me=True), TeamMember(name="Rui Costa")])
    ctx = AppContext(workspace, QUndoStack(), ChangeHub())
    pid = PartnerService(workspace).create(name="Tokyo Express", kind=PartnerKind.LOGISTICS).id
    view = PartnersView(ctx)
    qtbot.addWidget(view)
    view.select_partner(pid)
    overview = view.profile.overview
    overview.website.setText("https://tokyo-express.jp")  # I type…
    other = second_client(workspace)
    try:
        with other.session() as s:
            rui = s.scalar(select(TeamMember.id).where(TeamMember.name == "Rui Costa"))
        PartnerService(other, rui).update(pid, name="Tokyo Express KK")  # …while Rui renames the partner
    finally:
        other.close()
    overview.save.click()
    conflict = view.profile.overview.conflict_dialog
    assert conflict is not None and "Rui Costa changed this partner" in conflict.message.text()
    with workspace.session() as s:
        assert (s.get(Partner, pid).name, s.get(Partner, pid).website) == ("Tokyo Express KK", "")
    conflict.reapply_button.click()
    with workspace.session() as s:  # mine (the website) over theirs; their name, which I did not touch, stays
        assert (s.get(Partner, pid).name, s.get(Partner, pid).website) == ("Tokyo Express KK",
                                                                          "https://tokyo-express.jp")


def test_a_choice_in_their_change_reads_as_its_translated_label() -> None:
    from partnerdesk import l10n
    from partnerdesk.domain.enums import Priority
    from partnerdesk.ui.conflicts import value_text

    l10n.set_language("el")
    try:
        shown = value_text("priority", "high", {})
        assert shown == Priority.HIGH.label and shown != "high"
    finally:
        l10n.set_language("en")


def test_dragging_a_card_a_colleague_just_moved_asks_first(demo_window: Any, colleague: Any) -> None:
    """The board has not seen the colleague's move yet: the drop shows their change instead of silently moving
    the card back over it; Re-apply mine then moves it knowingly."""
    window = demo_window
    board, item_id = _board(window)
    statuses = [column.status_id for column in board.board_columns]
    here = next(c.cell().status_id for c in board.grid.cells.values() if item_id in c.cell().ids)
    theirs, mine = [s for s in statuses if s != here][:2]
    colleague.move([item_id], theirs)  # not announced to this window (two processes on one file)
    board._drop([item_id], mine, None, None)
    conflict = board.conflict_dialog
    assert conflict is not None and conflict.isVisible()
    assert f"{colleague.name} changed this card" in conflict.message.text()
    with window.context.ws.session() as s:
        assert s.get(WorkItem, item_id).status_id == theirs  # their move stands until I choose
    conflict.reapply_button.click()
    with window.context.ws.session() as s:
        assert s.get(WorkItem, item_id).status_id == mine
