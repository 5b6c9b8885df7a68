"""Contacts view, partner profile sections and the search popup through pytest-qt."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from partnerdesk.domain.enums import Channel, Frequency, PartnerKind, PartnerStage, Seniority
from partnerdesk.services.contacts import ContactService
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.models import Contact, Interaction, Partner, Responsibility, TeamMember
from partnerdesk.ui.context import AppContext, ChangeHub


@pytest.fixture
def ctx(workspace, qtbot):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add_all([TeamMember(name="Ana", is_me=True), TeamMember(name="Rui", seniority=Seniority.NEW_HIRE)])
    return AppContext(workspace, QUndoStack(), ChangeHub())


@pytest.fixture
def partner_id(ctx) -> int:  # type: ignore[no-untyped-def]
    svc = PartnerService(ctx.ws)
    pid = svc.create(name="Tokyo Express", kind=PartnerKind.LOGISTICS, stage=PartnerStage.PILOT,
                     time_zone="Asia/Tokyo").id
    svc.create(name="Loja Azul", kind=PartnerKind.MARKETPLACE, time_zone="America/Sao_Paulo")
    return pid


def _contacts_view(ctx, qtbot):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.contacts.view import ContactsView

    view = ContactsView(ctx)
    qtbot.addWidget(view)
    return view


def test_contacts_search_and_filters(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    svc = ContactService(ctx.ws)
    svc.create(display_name="Καλημέρα Ελλάς", advisory_board=True, tags=["VIP"])
    svc.create(display_name="山田 太郎", partner_id=partner_id)
    svc.create(display_name="Conceição", emails=["c@loja.br"])
    view = _contacts_view(ctx, qtbot)
    assert view.proxy.rowCount() == 3
    view.search.setText("καλημερα")
    assert view.proxy.rowCount() == 1
    view.search.setText("")
    view.advisory.setChecked(True)
    assert view.proxy.rowCount() == 1
    view.advisory.setChecked(False)
    view.partner_filter.setCurrentIndex(view.partner_filter.findData(partner_id))
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 6).data()  # the partner's local time is shown


def test_add_edit_delete_merge_undo(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.contacts.commands import (
        AddContactCommand,
        DeleteContactsCommand,
        EditContactCommand,
        MergeContactsCommand,
    )

    view = _contacts_view(ctx, qtbot)
    stack = ctx.undo_stack
    stack.push(AddContactCommand(ctx, {"display_name": "Giulia", "emails": [{"value": "g@moda.it", "type": "work"}]}))
    assert view.model.rowCount() == 1
    cid = view.model.line(0).id
    stack.push(EditContactCommand(ctx, cid, {"display_name": "Giulia Rossi"}))
    assert view.model.line(0).name == "Giulia Rossi"
    stack.undo()
    assert view.model.line(0).name == "Giulia"
    stack.push(DeleteContactsCommand(ctx, [cid]))
    assert view.model.rowCount() == 0
    stack.undo()
    assert view.model.rowCount() == 1 and view.model.line(0).name == "Giulia"
    other, _ = ContactService(ctx.ws).create(display_name="G. Rossi", role="Buyer")
    ctx.hub.announce(_)
    with ctx.ws.transaction() as s:
        s.add(Partner(name="Moda", kind=PartnerKind.AGENCY))
    PartnerService(ctx.ws).add_responsibility(1, "Send catalogue", Frequency.WEEKLY, contact_id=other)
    assert view.model.rowCount() == 2
    stack.push(MergeContactsCommand(ctx, cid, other))
    assert view.model.rowCount() == 1 and "Buyer" in view.model.line(0).role
    with ctx.ws.session() as s:
        assert s.scalars(select(Responsibility)).one().contact_id == cid
    stack.undo()
    assert view.model.rowCount() == 2
    with ctx.ws.session() as s:
        assert s.get(Contact, cid).role == ""
        assert s.scalars(select(Responsibility)).one().contact_id == other


def test_import_dialog_previews_duplicates_and_imports(ctx, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.contacts.import_dialog import ImportDialog

    ContactService(ctx.ws).create(display_name="Old", emails=["dup@example.com"])
    path = tmp_path / "c.csv"
    path.write_bytes("Name,Email\r\nNew Person,new@example.com\r\nDup,dup@example.com\r\n".encode("utf-16"))
    dialog = ImportDialog(ctx, str(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=5000)
    assert dialog.preview_model.rowCount() == 2
    assert "UTF-16" in dialog.file_label.text()  # the detected encoding is shown
    assert "Old" in dialog.preview_model.item(1, 4).text()
    from partnerdesk.ui.contacts.import_dialog import CHOICE_ROLE

    dialog.preview_model.item(1, 5).setData("merge", CHOICE_ROLE)  # this duplicate only: merge
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=5000)
    assert (dialog.summary.imported, dialog.summary.merged, dialog.summary.skipped) == (1, 1, 0)


def _profile(ctx, qtbot, partner_id):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.partners.view import PartnersView

    view = PartnersView(ctx)
    qtbot.addWidget(view)
    view.select_partner(partner_id)
    return view


def test_directory_sorts_and_filters(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    view = _profile(ctx, qtbot, partner_id)
    assert view.proxy.rowCount() == 2
    view.search.setText("tokyo")
    assert view.proxy.rowCount() == 1
    view.search.setText("")
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # stage order: prospect before pilot
    assert view.proxy.index(0, 0).data() == "Loja Azul"


def test_people_section_warns_about_junior_owner(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    view = _profile(ctx, qtbot, partner_id)
    people = view.profile.people
    people.owner.setCurrentIndex(people.owner.findData(2))  # Rui, new hire
    people._save()
    assert not people.warning.isHidden() and "Rui" in people.warning.text()
    people.owner.setCurrentIndex(people.owner.findData(1))
    people.second.setCurrentIndex(people.second.findData(2))
    people._save()
    assert people.warning.isHidden()


def test_responsibilities_are_editable_inline(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    PartnerService(ctx.ws).add_responsibility(partner_id, "Weekly forecast", Frequency.WEEKLY, member_id=1)
    view = _profile(ctx, qtbot, partner_id)
    model = view.profile.responsibilities.model
    assert model.index(0, 1).data() == "Ana"
    assert model.setData(model.index(0, 0), "Weekly volume forecast")
    assert model.setData(model.index(0, 1), "Rui")
    with ctx.ws.session() as s:
        row = s.scalars(select(Responsibility)).one()
        assert (row.task, row.member_id) == ("Weekly volume forecast", 2)


def test_quick_interaction_and_activity(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    view = _profile(ctx, qtbot, partner_id)
    section = view.profile.interactions
    section.channel.setCurrentIndex(section.channel.findData(Channel.CALL))
    qtbot.keyClicks(section.summary, "Agreed on labels")
    qtbot.keyClick(section.summary, Qt.Key.Key_Return)
    assert section.timeline.topLevelItemCount() == 1
    with ctx.ws.session() as s:
        assert s.scalars(select(Interaction)).one().channel == Channel.CALL
    assert view.profile.activity.log.topLevelItemCount() >= 2


def test_contract_shows_next_review_and_notice(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    today = dt.date.today()
    PartnerService(ctx.ws).save_contract(partner_id, start_on=today - dt.timedelta(days=10),
                                         end_on=today + dt.timedelta(days=200), review_every_months=3,
                                         notice_days=30)
    view = _profile(ctx, qtbot, partner_id)
    text = view.profile.contract.dates.text()
    assert "Next review" in text and "Give notice by" in text


def test_scope_expansion_from_profile(ctx, qtbot, partner_id, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    view = _profile(ctx, qtbot, partner_id)
    scope = view.profile.scope
    qtbot.keyClicks(scope.text, "Tokyo same-day")
    qtbot.keyClick(scope.text, Qt.Key.Key_Return)
    assert scope.tree.topLevelItem(0).childCount() == 1
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Pilot went well", True))
    scope.expand.click()
    with ctx.ws.session() as s:
        assert s.get(Partner, partner_id).stage == PartnerStage.EXPANDED
    assert scope.tree.topLevelItem(1).childCount() == 1


def test_search_popup_results_as_you_type(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.search.popup import SearchPopup

    ContactService(ctx.ws).create(display_name="日本 花子")
    popup = SearchPopup(ctx)
    qtbot.addWidget(popup)
    popup.show()
    popup.edit.setText("日")  # typed by an input method; QTest cannot synthesise CJK key clicks
    qtbot.waitUntil(lambda: popup.model.rowCount() == 1)
    with qtbot.waitSignal(popup.activated) as blocker:
        qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert blocker.args[0] == "contact"
    popup.edit.setText("tokyo")
    qtbot.waitUntil(lambda: popup.model.rowCount() == 1 and popup.model.hits[0].kind == "partner")


@pytest.mark.parametrize("lang", ["pt", "ja", "it", "el", "ar"])
def test_views_open_in_every_language(ctx, qtbot, partner_id, lang) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.l10n import set_language

    set_language(lang)
    view = _profile(ctx, qtbot, partner_id)
    contacts = _contacts_view(ctx, qtbot)
    view.retranslate_ui()
    contacts.retranslate_ui()
    assert view.profile.tabText(0) and contacts.add_button.text()


def test_filter_narrowing_and_widening_stay_correct(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc = ContactService(ctx.ws)
    for name in ("Conceição Ferreira", "Conrado Lima", "Ana Costa"):
        svc.create(display_name=name)
    view = _contacts_view(ctx, qtbot)
    counts = []
    for text in ("c", "con", "conc", "conceicao f", "con", "", "costa"):
        view.search.setText(text)
        counts.append(view.proxy.rowCount())
    assert counts == [3, 2, 1, 1, 2, 3, 1]


def test_large_lists_load_off_the_ui_thread(ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.contacts.view import ContactsView

    for i in range(3):
        ContactService(ctx.ws).create(display_name=f"Person {i}")
    monkeypatch.setattr(ContactsView, "BACKGROUND_LOAD", 1)
    view = _contacts_view(ctx, qtbot)
    assert not view.table.isEnabled()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    assert view.table.isEnabled()


def test_directory_and_profile_fit_a_laptop_screen(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    view = _profile(ctx, qtbot, partner_id)
    view.resize(1280, 620)  # what is left of a 1366×768 screen under the menu, tool and status bars
    view.show()
    qtbot.waitExposed(view)
    # the long Contract section scrolls inside its tab instead of making the window taller than the screen
    assert view.minimumSizeHint().height() < 620
    assert view.height() <= 620
    # the directory keeps room for several partners above the profile
    assert view.table.height() >= 5 * view.table.verticalHeader().defaultSectionSize()


def test_weekend_days_are_edited_in_the_overview(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    view = _profile(ctx, qtbot, partner_id)
    overview = view.profile.overview
    boxes = overview.weekend_days
    assert [b.isChecked() for b in boxes] == [False] * 5 + [True, True]  # the default Saturday and Sunday
    boxes[4].setChecked(True)   # Friday
    boxes[6].setChecked(False)  # Sunday
    overview.save.click()
    with ctx.ws.session() as s:
        assert s.get(Partner, partner_id).weekend_days == [4, 5]
    view.profile.show_partner(partner_id)  # read back from the workspace
    assert [b.isChecked() for b in overview.weekend_days] == [False] * 4 + [True, True, False]


def test_interaction_summary_gets_the_width_of_the_timeline(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    view = _profile(ctx, qtbot, partner_id)
    view.resize(1100, 700)
    view.show()
    section = view.profile.interactions
    view.profile.setCurrentIndex(view.profile.indexOf(section.parentWidget().parentWidget()))
    qtbot.waitExposed(view)
    summary = "Partner asked to move the weekly check-in to Thursdays and to add their logistics lead"
    qtbot.keyClicks(section.summary, summary)
    qtbot.keyClick(section.summary, Qt.Key.Key_Return)
    tree = section.timeline
    width = tree.header().sectionSize(2)
    # the summary column takes what the date, channel and follow-up columns leave (it was a narrow, elided column)
    assert width >= tree.viewport().width() - sum(tree.header().sectionSize(c) for c in (0, 1, 3)) - 2
    assert width > 2 * tree.header().sectionSize(3)


def test_ctrl_f_goes_to_the_search_field_in_contacts_and_partners(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    for view in (_contacts_view(ctx, qtbot), _profile(ctx, qtbot, partner_id)):
        view.show()
        view.activateWindow()
        qtbot.waitActive(view)
        view.search.setText("old query")
        view.table.setFocus()
        qtbot.keyClick(view.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # as the OS sends it
        assert view.search.hasFocus(), type(view).__name__
        assert view.search.selectedText() == "old query"  # typing replaces the previous search
        view.hide()


def test_return_on_a_contact_opens_it_for_editing(ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.contacts import view as contacts_view

    ContactService(ctx.ws).create(display_name="Giulia")
    view = _contacts_view(ctx, qtbot)
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    opened = []
    monkeypatch.setattr(contacts_view.ContactDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    view.table.selectRow(0)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.windowHandle(), Qt.Key.Key_Return)
    assert len(opened) == 1


def test_scope_ladder_arrows_point_the_reading_way(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from partnerdesk import l10n

    view = _profile(ctx, qtbot, partner_id)
    assert " → " in view.profile.overview.ladder.text() and "←" not in view.profile.overview.ladder.text()
    l10n.set_language("ar")
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        arabic = _profile(ctx, qtbot, partner_id)
        text = arabic.profile.overview.ladder.text()
        assert " ← " in text and "→" not in text  # Arabic reads right to left: the next stage is to the left
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        l10n.set_language("en")


def test_activity_changes_use_field_and_stage_labels_in_the_interface_language(ctx, qtbot, partner_id) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from partnerdesk import l10n

    PartnerService(ctx.ws).update(partner_id, stage=PartnerStage.ACTIVE)
    view = _profile(ctx, qtbot, partner_id)
    log = view.profile.activity.log
    texts = [log.topLevelItem(i).text(4) for i in range(log.topLevelItemCount())]
    assert f"Stage: {PartnerStage.PILOT.label} → {PartnerStage.ACTIVE.label}" in texts  # was "stage: pilot → active"
    l10n.set_language("ar")
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        arabic = _profile(ctx, qtbot, partner_id)
        log = arabic.profile.activity.log
        texts = [log.topLevelItem(i).text(4) for i in range(log.topLevelItemCount())]
        ar = l10n.translations("ar")
        assert f"{ar.gettext('Stage')}: {PartnerStage.PILOT.label} ← {PartnerStage.ACTIVE.label}" in texts
        assert PartnerStage.ACTIVE.label != "Active"  # the stage itself is in Arabic
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        l10n.set_language("en")


def test_activity_names_the_actor_once_and_hides_an_empty_changes_column(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.views_registry import VIEWS

    window = demo_window
    window.start()
    window.show_view([k for k, *_r in VIEWS].index("partners"))
    view = window.current_view()
    qtbot.waitUntil(lambda: view.current_partner_id() is not None)
    section = view.profile.activity
    view.profile.show_section(section)
    log = section.log
    qtbot.waitUntil(lambda: log.topLevelItemCount() > 0)
    for i in range(log.topLevelItemCount()):
        item = log.topLevelItem(i)
        assert item.text(1) and not item.text(3).startswith(item.text(1) + ":")
    has_changes = any(log.topLevelItem(i).text(4) for i in range(log.topLevelItemCount()))
    assert log.isColumnHidden(4) == (not has_changes)


def test_contact_rows_do_not_repeat_the_partner_and_show_tag_names(demo_window) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.contacts.model import PARTNER, ROLE, TAGS
    from partnerdesk.ui.views_registry import VIEWS

    window = demo_window
    window.start()
    window.set_language("pt")
    window.show_view([k for k, *_r in VIEWS].index("contacts"))
    model = window.current_view().model
    roles = [(model.index(r, PARTNER).data(), model.index(r, ROLE).data()) for r in range(model.rowCount())]
    assert all(partner not in role for partner, role in roles if partner)
    tags = {model.index(r, TAGS).data() for r in range(model.rowCount())}
    assert "Conselho consultivo" in tags and not any("advisory-board" in t for t in tags)
