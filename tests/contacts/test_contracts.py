"""Every contract of a partner is listed and editable on the profile; add, end and remove are undoable."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.domain.errors import ValidationError
from partnerdesk.services.contracts import ACTIVE, ENDED, UPCOMING, ContractService
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.models import Contract, TeamMember
from partnerdesk.ui.context import AppContext, ChangeHub

TODAY = dt.date.today()


@pytest.fixture
def ctx(workspace, qtbot):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add(TeamMember(name="Ana", is_me=True))
    return AppContext(workspace, QUndoStack(), ChangeHub())


@pytest.fixture
def partner_id(ctx) -> int:  # type: ignore[no-untyped-def]
    return PartnerService(ctx.ws).create(name="Moda Roma", kind=PartnerKind.AGENCY, time_zone="Europe/Rome").id


def _contracts(ctx, partner_id):  # type: ignore[no-untyped-def]
    svc = ContractService(ctx.ws)
    old, _c = svc.save(partner_id, title="Pilot 2024", start_on=TODAY - dt.timedelta(days=700),
                       end_on=TODAY - dt.timedelta(days=300), notice_days=30)
    current, _c = svc.save(partner_id, title="Framework", start_on=TODAY - dt.timedelta(days=30),
                           end_on=TODAY + dt.timedelta(days=335), review_every_months=3, notice_days=60)
    nxt, _c = svc.save(partner_id, title="Expansion", start_on=TODAY + dt.timedelta(days=40))
    return old, current, nxt


def _section(ctx, qtbot, partner_id):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.partners.view import PartnersView

    view = PartnersView(ctx)
    qtbot.addWidget(view)
    view.select_partner(partner_id)
    return view.profile.contract


def test_service_lists_every_contract_with_its_state(ctx, partner_id) -> None:  # type: ignore[no-untyped-def]
    _contracts(ctx, partner_id)
    lines = ContractService(ctx.ws).lines(partner_id)
    assert [(line.title, line.state) for line in lines] == [
        ("Expansion", UPCOMING), ("Framework", ACTIVE), ("Pilot 2024", ENDED)]
    framework = lines[1]
    assert framework.notice_by == TODAY + dt.timedelta(days=335 - 60)
    assert framework.next_review is not None and framework.next_review >= TODAY
    assert lines[2].next_review is None  # an ended contract has no review coming


def test_end_cannot_precede_start(ctx, partner_id) -> None:  # type: ignore[no-untyped-def]
    svc = ContractService(ctx.ws)
    cid, _c = svc.save(partner_id, title="X", start_on=TODAY)
    with pytest.raises(ValidationError):
        svc.end(cid, TODAY - dt.timedelta(days=1))
    assert svc.snapshot(cid)["end_on"] is None


def test_section_shows_all_contracts_and_edits_the_selected_one(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    old, current, _nxt = _contracts(ctx, partner_id)
    section = _section(ctx, qtbot, partner_id)
    assert section.model.rowCount() == 3
    assert section.contract_id == current  # the contract in force is shown first
    assert "In force" in section.dates.text() and "Give notice by" in section.dates.text()
    section.select_contract(old)  # an older contract is just as editable
    assert section.title.text() == "Pilot 2024" and "Ended" in section.dates.text()
    section.save.click()
    assert ctx.undo_stack.count() == 0  # saving without a change adds no undo step
    section.fields["payment_terms"].setPlainText("30 days net")
    section.save.click()
    assert ContractService(ctx.ws).snapshot(old)["payment_terms"] == "30 days net"
    assert section.contract_id == old  # the selection survives the refresh
    ctx.undo_stack.undo()
    assert ContractService(ctx.ws).snapshot(old)["payment_terms"] == ""
    assert section.fields["payment_terms"].toPlainText() == ""


def test_add_end_and_remove_are_undoable(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    section = _section(ctx, qtbot, partner_id)
    assert "No contract" in section.dates.text()
    section.new_contract()
    qtbot.keyClicks(section.title, "Marketplace agreement")
    section.start.setDate(QDate(TODAY - dt.timedelta(days=10)))
    section.review.setValue(6)
    assert section.save.text() == "Add contract"
    section.save.click()
    assert section.model.rowCount() == 1 and section.contract_id is not None
    cid = section.contract_id
    section.new_contract()
    qtbot.keyClicks(section.title, "Returns addendum")
    section.save.click()
    assert section.model.rowCount() == 2

    section.select_contract(cid)
    section.end_selected(TODAY)
    assert ContractService(ctx.ws).snapshot(cid)["end_on"] == TODAY
    assert ctx.undo_stack.undoText().startswith("End contract Marketplace agreement")
    ctx.undo_stack.undo()
    assert ContractService(ctx.ws).snapshot(cid)["end_on"] is None

    section.select_contract(cid)
    section.remove_selected()
    assert section.model.rowCount() == 1
    ctx.undo_stack.undo()  # back with its own id and values
    assert section.model.rowCount() == 2
    assert ContractService(ctx.ws).snapshot(cid)["review_every_months"] == 6

    ctx.undo_stack.undo()  # the addendum
    ctx.undo_stack.undo()  # the agreement
    with ctx.ws.session() as s:
        assert s.scalars(select(Contract)).all() == []
    assert section.model.rowCount() == 0
    ctx.undo_stack.redo()
    assert section.model.rowCount() == 1


def test_bad_dates_are_refused_and_the_input_kept(ctx, qtbot, partner_id, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    section = _section(ctx, qtbot, partner_id)
    section.new_contract()
    section.title.setText("Backwards")
    section.start.setDate(QDate(TODAY))
    section.has_end.setChecked(True)
    section.end.setDate(QDate(TODAY - dt.timedelta(days=5)))
    section.save.click()
    assert shown and "cannot end before it starts" in shown[0]
    assert section.title.text() == "Backwards" and section.model.rowCount() == 0
    assert ctx.undo_stack.count() == 0


def test_interaction_with_follow_up_from_the_keyboard(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from partnerdesk.domain.enums import Channel
    from partnerdesk.store.models import Interaction
    from partnerdesk.ui.partners.view import PartnersView

    view = PartnersView(ctx)
    qtbot.addWidget(view)
    view.select_partner(partner_id)
    section = view.profile.interactions
    qtbot.keyClicks(section.summary, "Asked for the Q3 forecast")
    follow = TODAY + dt.timedelta(days=7)
    section.follow_on.setDate(QDate(follow))  # picking a date ticks "Follow up on"
    assert section.follow.isChecked()
    qtbot.keyClick(section.follow_on, Qt.Key.Key_Return)  # Enter in the date adds the interaction
    with ctx.ws.session() as s:
        row = s.scalars(select(Interaction)).one()
        assert (row.summary, row.follow_up_on, row.channel) == ("Asked for the Q3 forecast", follow, list(Channel)[0])
    assert section.summary.text() == "" and not section.follow.isChecked()
    assert section.timeline.topLevelItemCount() == 1
