"""Edits in the partner profile's sections go on the undo stack: Edit → Undo restores the workspace and the
screen, Redo applies the change again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from partnerdesk.domain.enums import Channel, Frequency, PartnerKind, PartnerStage, Seniority
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.models import Interaction, Partner, Responsibility, ScopeItem, TeamMember
from partnerdesk.ui.context import AppContext, ChangeHub


@pytest.fixture
def ctx(workspace, qtbot):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add_all([TeamMember(name="Ana", is_me=True), TeamMember(name="Rui", seniority=Seniority.NEW_HIRE)])
    return AppContext(workspace, QUndoStack(), ChangeHub())


@pytest.fixture
def view(ctx, qtbot):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.partners.view import PartnersView

    pid = PartnerService(ctx.ws).create(name="Tokyo Express", kind=PartnerKind.LOGISTICS,
                                        stage=PartnerStage.PILOT, time_zone="Asia/Tokyo").id
    view = PartnersView(ctx)
    qtbot.addWidget(view)
    view.select_partner(pid)
    view.undo_action = ctx.undo_stack.createUndoAction(view)  # what Edit → Undo / Redo trigger
    view.redo_action = ctx.undo_stack.createRedoAction(view)
    return view


def _partner(ctx, view):  # type: ignore[no-untyped-def]
    with ctx.ws.session() as s:
        p = s.get(Partner, view.profile.partner_id)
        return p.name, p.stage, p.website, p.weekend_days, p.score_reputation, p.owner_id, p.second_id


def test_overview_save_is_undoable(ctx, view) -> None:  # type: ignore[no-untyped-def]
    overview = view.profile.overview
    before = _partner(ctx, view)
    overview.name.setText("Tokyo Express KK")
    overview.stage.setCurrentIndex(overview.stage.findData(PartnerStage.ACTIVE))
    overview.website.setText("https://tokyo-express.jp")
    overview.weekend_days[6].setChecked(False)
    overview.scores[1].setValue(4)
    overview.save.click()
    after = ("Tokyo Express KK", PartnerStage.ACTIVE, "https://tokyo-express.jp", [5], 4, None, None)
    assert _partner(ctx, view) == after
    assert ctx.undo_stack.count() == 1
    assert view.undo_action.text().endswith("Edit overview of Tokyo Express")
    view.undo_action.trigger()
    assert _partner(ctx, view) == before
    assert overview.name.text() == "Tokyo Express" and overview.website.text() == ""
    assert overview.stage.currentData() == PartnerStage.PILOT and overview.weekend_days[6].isChecked()
    assert overview.scores[1].value() == 0
    view.redo_action.trigger()
    assert _partner(ctx, view) == after
    assert overview.name.text() == "Tokyo Express KK" and overview.scores[1].value() == 4
    overview.save.click()  # nothing changed: no empty step
    assert ctx.undo_stack.count() == 1


def test_refused_overview_save_keeps_input_and_adds_no_step(ctx, view, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    overview = view.profile.overview
    before = overview.zone.zone()
    overview.zone.setCurrentText("Mars/Olympus")  # not a zone: the picker goes back to the one it showed
    overview.zone.lineEdit().editingFinished.emit()
    assert overview.zone.zone() == before
    overview.name.setText("   ")
    overview.save.click()
    assert shown and ctx.undo_stack.count() == 0
    assert overview.name.text() == "   "


def test_owner_changes_are_undoable_with_the_warning(ctx, view) -> None:  # type: ignore[no-untyped-def]
    people = view.profile.people
    people.owner.setCurrentIndex(people.owner.findData(2))  # Rui, a new hire, as #1
    people._save()
    assert _partner(ctx, view)[5:] == (2, None) and not people.warning.isHidden()
    people.owner.setCurrentIndex(people.owner.findData(1))
    people.second.setCurrentIndex(people.second.findData(2))
    people._save()
    assert _partner(ctx, view)[5:] == (1, 2) and people.warning.isHidden()
    assert view.undo_action.text().endswith("Change owners of Tokyo Express")
    view.undo_action.trigger()
    assert _partner(ctx, view)[5:] == (2, None)
    assert people.owner.currentData() == 2 and people.second.currentData() is None
    assert not people.warning.isHidden()
    view.undo_action.trigger()
    assert _partner(ctx, view)[5:] == (None, None) and people.owner.currentData() is None
    view.redo_action.trigger()
    view.redo_action.trigger()
    assert _partner(ctx, view)[5:] == (1, 2) and people.second.currentData() == 2


def _tasks(ctx):  # type: ignore[no-untyped-def]
    with ctx.ws.session() as s:
        return [(r.id, r.task, r.member_id) for r in s.scalars(select(Responsibility).order_by(Responsibility.position))]


def test_responsibility_add_edit_remove_are_undoable(ctx, qtbot, view) -> None:  # type: ignore[no-untyped-def]
    section = view.profile.responsibilities
    model = section.model
    section.frequency.setCurrentIndex(section.frequency.findData(Frequency.WEEKLY))
    qtbot.keyClicks(section.task, "Weekly forecast")
    qtbot.keyClick(section.task, Qt.Key.Key_Return)
    [(row_id, _t, _m)] = _tasks(ctx)
    assert view.undo_action.text().endswith("Add task Weekly forecast")
    assert model.setData(model.index(0, 0), "Weekly volume forecast")
    assert model.setData(model.index(0, 1), "Rui")
    assert _tasks(ctx) == [(row_id, "Weekly volume forecast", 2)]
    view.undo_action.trigger()  # the responsible person
    assert _tasks(ctx) == [(row_id, "Weekly volume forecast", None)] and model.index(0, 1).data() == ""
    view.undo_action.trigger()  # the task name
    assert model.index(0, 0).data() == "Weekly forecast"
    view.redo_action.trigger()
    view.redo_action.trigger()
    assert model.index(0, 0).data() == "Weekly volume forecast" and model.index(0, 1).data() == "Rui"
    section.table.setCurrentIndex(model.index(0, 0))
    section.remove.click()
    assert _tasks(ctx) == [] and model.rowCount() == 0
    assert view.undo_action.text().endswith("Remove task Weekly volume forecast")
    view.undo_action.trigger()  # back with its own id, name and person
    assert _tasks(ctx) == [(row_id, "Weekly volume forecast", 2)] and model.index(0, 1).data() == "Rui"
    for _step in range(3):
        view.undo_action.trigger()
    assert _tasks(ctx) == [] and model.rowCount() == 0  # the add itself is undone
    view.redo_action.trigger()
    assert _tasks(ctx) == [(row_id, "Weekly forecast", None)] and model.rowCount() == 1


def test_unchanged_cell_adds_no_undo_step(ctx, view) -> None:  # type: ignore[no-untyped-def]
    PartnerService(ctx.ws).add_responsibility(view.profile.partner_id, "Audit", Frequency.QUARTERLY)
    view.profile.show_partner(view.profile.partner_id)
    model = view.profile.responsibilities.model
    assert model.setData(model.index(0, 0), "Audit")
    assert ctx.undo_stack.count() == 0


def _scope(ctx):  # type: ignore[no-untyped-def]
    with ctx.ws.session() as s:
        return [(i.id, i.description, i.in_scope) for i in s.scalars(select(ScopeItem))]


def test_scope_items_add_and_remove_are_undoable(ctx, qtbot, view) -> None:  # type: ignore[no-untyped-def]
    scope = view.profile.scope
    scope.in_scope.setChecked(False)
    qtbot.keyClicks(scope.text, "Same-day delivery")
    qtbot.keyClick(scope.text, Qt.Key.Key_Return)
    [(item_id, _d, _s)] = _scope(ctx)
    assert view.undo_action.text().endswith("Add scope item Same-day delivery")
    pilot = scope.tree.topLevelItem(0)
    assert pilot.childCount() == 1
    scope.tree.setCurrentItem(pilot.child(0))
    scope.remove.click()
    assert _scope(ctx) == [] and scope.tree.topLevelItem(0).childCount() == 0
    view.undo_action.trigger()
    assert _scope(ctx) == [(item_id, "Same-day delivery", False)]
    assert scope.tree.topLevelItem(0).child(0).text(0) == "Same-day delivery"
    view.undo_action.trigger()
    assert _scope(ctx) == [] and scope.tree.topLevelItem(0).childCount() == 0
    view.redo_action.trigger()
    view.redo_action.trigger()
    assert _scope(ctx) == [] and ctx.undo_stack.index() == 2


def test_interaction_add_is_undoable(ctx, qtbot, view) -> None:  # type: ignore[no-untyped-def]
    section = view.profile.interactions
    section.channel.setCurrentIndex(section.channel.findData(Channel.VIDEO))
    qtbot.keyClicks(section.summary, "Agreed on labels")
    qtbot.keyClick(section.summary, Qt.Key.Key_Return)
    assert section.timeline.topLevelItemCount() == 1
    assert view.undo_action.text().endswith("Add interaction Agreed on labels")
    with ctx.ws.session() as s:
        first = s.scalars(select(Interaction)).one()
        first_id, when = first.id, first.occurred_at
    view.undo_action.trigger()
    assert section.timeline.topLevelItemCount() == 0
    with ctx.ws.session() as s:
        assert s.scalars(select(Interaction)).all() == []
    view.redo_action.trigger()
    assert section.timeline.topLevelItem(0).text(2) == "Agreed on labels"
    with ctx.ws.session() as s:
        again = s.scalars(select(Interaction)).one()
        assert (again.id, again.occurred_at, again.channel) == (first_id, when, Channel.VIDEO)


def test_expansion_decision_is_undoable(ctx, qtbot, view, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    scope = view.profile.scope
    qtbot.keyClicks(scope.text, "Tokyo same-day")
    qtbot.keyClick(scope.text, Qt.Key.Key_Return)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Pilot went well", True))
    scope.expand.click()
    assert _partner(ctx, view)[1] == PartnerStage.EXPANDED
    assert scope.tree.topLevelItem(1).childCount() == 1
    assert view.undo_action.text().endswith("Decide expansion of Tokyo Express")
    view.undo_action.trigger()
    assert _partner(ctx, view)[1] == PartnerStage.PILOT
    assert scope.tree.topLevelItem(0).childCount() == 1 and scope.tree.topLevelItem(1).childCount() == 0
    assert view.profile.overview.stage.currentData() == PartnerStage.PILOT
    view.redo_action.trigger()
    assert _partner(ctx, view)[1] == PartnerStage.EXPANDED and scope.tree.topLevelItem(1).childCount() == 1


def test_scope_item_edited_in_place_is_undoable(ctx, qtbot, view) -> None:  # type: ignore[no-untyped-def]
    scope = view.profile.scope
    qtbot.keyClicks(scope.text, "Same-day delivery")
    qtbot.keyClick(scope.text, Qt.Key.Key_Return)
    [(item_id, _d, _s)] = _scope(ctx)
    scope.tree.topLevelItem(0).child(0).setText(0, "Same-day delivery in Tokyo")  # what the inline editor does
    qtbot.waitUntil(lambda: _scope(ctx) == [(item_id, "Same-day delivery in Tokyo", True)])
    assert view.undo_action.text().endswith("Edit scope item Same-day delivery")
    scope.tree.topLevelItem(0).child(0).setCheckState(1, Qt.CheckState.Unchecked)  # out of scope
    qtbot.waitUntil(lambda: _scope(ctx) == [(item_id, "Same-day delivery in Tokyo", False)])
    assert scope.tree.topLevelItem(0).child(0).text(1) == "no"
    view.undo_action.trigger()
    view.undo_action.trigger()
    assert _scope(ctx) == [(item_id, "Same-day delivery", True)]
    child = scope.tree.topLevelItem(0).child(0)
    assert child.text(0) == "Same-day delivery" and child.checkState(1) == Qt.CheckState.Checked
    view.redo_action.trigger()
    assert scope.tree.topLevelItem(0).child(0).text(0) == "Same-day delivery in Tokyo"


def test_blank_scope_item_is_refused_and_the_old_text_shown(ctx, qtbot, view, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    scope = view.profile.scope
    qtbot.keyClicks(scope.text, "Gift wrapping")
    qtbot.keyClick(scope.text, Qt.Key.Key_Return)
    scope.tree.topLevelItem(0).child(0).setText(0, "  ")
    qtbot.waitUntil(lambda: bool(shown))
    assert scope.tree.topLevelItem(0).child(0).text(0) == "Gift wrapping"
    assert ctx.undo_stack.count() == 1  # only the add


def test_scope_item_renamed_with_the_inline_editor(ctx, qtbot, view) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    view.show()
    scope = view.profile.scope
    view.profile.show_section(scope)
    qtbot.keyClicks(scope.text, "Gift wrapping")
    qtbot.keyClick(scope.text, Qt.Key.Key_Return)
    child = scope.tree.topLevelItem(0).child(0)
    scope.tree.setCurrentItem(child, 0)
    scope.tree.editItem(child, 0)  # what a double-click or F2 opens
    editor = scope.tree.viewport().findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Gift wrapping for Japan")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _scope(ctx)[0][1] == "Gift wrapping for Japan")
    assert scope.tree.topLevelItem(0).child(0).text(0) == "Gift wrapping for Japan"
    view.undo_action.trigger()
    assert scope.tree.topLevelItem(0).child(0).text(0) == "Gift wrapping" and _scope(ctx)[0][1] == "Gift wrapping"
