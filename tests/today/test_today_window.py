"""Today through the real main window over the demo workspace: the first screen, its badge, one click to each
source, inline actions with undo, Only mine, printing, and every language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from partnerdesk.domain.attention import Kind, Row, Section
from partnerdesk.l10n import LANGUAGES, translations
from partnerdesk.services.attention import Options
from partnerdesk.ui.today.badge import BadgeRole
from partnerdesk.ui.views_registry import VIEWS
from tests.conftest import DEMO_TODAY


def _index(key: str) -> int:
    return [k for k, *_rest in VIEWS].index(key)


def _today(window: Any) -> Any:
    """The Today view, pinned to the demo's day (the demo was built for DEMO_TODAY)."""
    view = window.views[_index("today")]
    view.model.options = Options(today=DEMO_TODAY, zone=view.model.options.zone, mine=view.only_mine.isChecked(),
                                 horizon_days=view.horizon.value())
    view.refresh()
    return view


def _click(qtbot: Any, view: Any, predicate: Any) -> Any:
    row = next(r for r in view.model.rows() if predicate(r))
    index = view.model.index(view.model.reveal(row))
    view.list.scrollTo(index)
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=view.list.visualRect(index).center())
    return row


def test_the_app_opens_on_today_with_a_badge(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.start()
    assert window.current_index == _index("today") == 0
    assert type(window.current_view()).__name__ == "TodayView"
    view = _today(window)
    sections = [e for e in view.model.entries if isinstance(e, Section)]
    assert sections[:2] == [Section.OVERDUE, Section.THIS_WEEK]
    qtbot.waitUntil(lambda: window.nav.item(0).data(BadgeRole) == view.model.action_count, timeout=2000)
    assert view.model.action_count > 0
    # Overdue rows come oldest first and name their days overdue.
    overdue = view.model.brief.section(Section.OVERDUE)
    assert [r.days_overdue for r in overdue] == sorted((r.days_overdue for r in overdue), reverse=True)


def test_start_view_preference_reopens_the_last_view(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.start()
    window.show_view(_index("contacts"))
    window.save_settings()
    window.context.settings.setValue("ui/open_last_view", True)
    window._restore_settings()
    assert window.current_index == _index("contacts")
    window.context.settings.setValue("ui/open_last_view", False)
    window._restore_settings()
    assert window.current_index == _index("today")


def test_a_click_opens_the_card_on_the_board(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.start()
    view = _today(window)
    row = _click(qtbot, view, lambda r: r.kind == Kind.WORK_ITEM)
    assert window.current_index == _index("kanban")
    dialog = window.current_view().card_dialog
    assert dialog is not None and dialog.isVisible()
    assert row.title in dialog.windowTitle() or dialog.values()["title"] == row.title
    dialog.reject()


def test_a_click_opens_the_meeting_in_the_calendar(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.start()
    view = _today(window)
    row = _click(qtbot, view, lambda r: r.kind == Kind.EVENT)
    assert window.current_index == _index("calendar")
    calendar = window.current_view()
    assert calendar.anchor == row.day and calendar.editor.dialog is not None
    assert calendar.editor.dialog.isVisible()
    calendar.editor.dialog.reject()


def test_a_click_opens_the_contract_or_the_partner(demo_window: Any, qtbot: Any) -> None:
    from partnerdesk.domain.attention import Reason

    window = demo_window
    window.start()
    view = _today(window)
    row = _click(qtbot, view, lambda r: r.section == Section.DEADLINES)
    partners = window.current_view()
    assert window.current_index == _index("partners")
    assert partners.current_partner_id() == row.partner_id
    assert partners.profile.current_section() is partners.profile.contract
    window.show_view(_index("today"))
    row = _click(qtbot, view, lambda r: r.kind == Kind.PARTNER and not any(
        p.reason == Reason.KPI_AT_RISK for p in r.reasons))
    assert window.current_index == _index("partners") and partners.current_partner_id() == row.partner_id
    assert partners.profile.current_section() is partners.profile.overview
    window.show_view(_index("today"))
    row = _click(qtbot, view, lambda r: r.kind == Kind.FOLLOW_UP)
    assert partners.current_partner_id() == row.partner_id
    assert partners.profile.current_section() is partners.profile.interactions


def test_mark_done_and_postpone_are_undoable(demo_window: Any, qtbot: Any) -> None:
    from partnerdesk.ui.today import menus
    from partnerdesk.ui.today.commands import mark_card_done

    window = demo_window
    window.start()
    view = _today(window)
    stack = window.context.undo_stack
    first = view.model.brief.section(Section.OVERDUE)[0]
    count = view.model.action_count
    assert view.push(mark_card_done(window.context, first.source_id))
    qtbot.waitUntil(lambda: first.key not in {r.key for r in view.model.rows()}, timeout=2000)
    assert view.model.action_count == count - 1
    qtbot.waitUntil(lambda: window.nav.item(0).data(BadgeRole) == count - 1, timeout=2000)
    stack.undo()
    qtbot.waitUntil(lambda: first.key in {r.key for r in view.model.rows()}, timeout=2000)
    # Postpone to tomorrow: the card leaves Overdue for this week; undo brings it back.
    assert menus.postpone(view, first, DEMO_TODAY + dt.timedelta(days=1))
    qtbot.waitUntil(lambda: any(r.source_id == first.source_id and r.section == Section.THIS_WEEK
                                and r.day == DEMO_TODAY + dt.timedelta(days=1) for r in view.model.rows()),
                    timeout=2000)
    stack.undo()
    qtbot.waitUntil(lambda: any(r.key == first.key for r in view.model.rows()), timeout=2000)
    stack.clear()  # while the window's undo actions still exist


def test_the_row_menu_offers_the_actions_of_its_kind(demo_window: Any, qtbot: Any) -> None:
    from partnerdesk.ui.today.menus import row_menu

    window = demo_window
    window.start()
    view = _today(window)
    card = next(r for r in view.model.rows() if r.kind == Kind.WORK_ITEM)
    texts = [a.text() for a in row_menu(view, card).actions()]
    assert "Open" in texts and "Mark done" in texts and "Postpone" in texts and "Log an interaction…" in texts
    partner = next(r for r in view.model.rows() if r.kind == Kind.PARTNER)
    texts = [a.text() for a in row_menu(view, partner).actions()]
    assert "Mark done" not in texts and "Log an interaction…" in texts


def test_log_an_interaction_from_today_ends_the_quiet(demo_window: Any, qtbot: Any) -> None:
    from partnerdesk.domain.attention import Reason
    from partnerdesk.ui.today import menus

    window = demo_window
    window.start()
    view = _today(window)
    quiet = next(r for r in view.model.rows() if any(p.reason == Reason.QUIET for p in r.reasons))
    menus.log_interaction(view, quiet)
    dialog = view.dialog
    dialog.summary.setText("Called about the Q2 plan")
    dialog.accept()

    def still_quiet() -> bool:
        return any(r.partner_id == quiet.partner_id and any(p.reason == Reason.QUIET for p in r.reasons)
                   for r in view.model.rows())

    qtbot.waitUntil(lambda: not still_quiet(), timeout=2000)
    window.context.undo_stack.undo()
    qtbot.waitUntil(still_quiet, timeout=2000)
    window.context.undo_stack.clear()


def test_only_mine_keeps_my_rows(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.start()
    view = _today(window)
    everything = len(view.model.rows())
    view.only_mine.setChecked(True)
    view = _today(window)
    mine = view.model.rows()
    assert 0 < len(mine) < everything and all(r.mine for r in mine)
    assert window.context.settings.value("today/only_mine", type=bool)


def test_the_daily_brief_prints_on_one_page(demo_window: Any, tmp_path: Any) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from partnerdesk.ui.today.printing import make_printer, render

    window = demo_window
    window.start()
    view = _today(window)
    printer = make_printer(view)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "brief.pdf"
    printer.setOutputFileName(str(out))
    assert render(view, printer) == 1
    assert out.stat().st_size > 1000


@pytest.mark.parametrize("lang", LANGUAGES)
def test_today_in_every_language(demo_window: Any, lang: str) -> None:
    window = demo_window
    window.start()
    window.set_language(lang)
    view = _today(window)
    t = translations(lang)
    assert window.nav.item(0).text() == t.gettext("Today")
    assert view.only_mine.text() == t.gettext("Only mine")
    assert view.model.index(0).data() .startswith(t.gettext("Overdue"))
    if lang != "en":
        assert t.gettext("Overdue") != "Overdue" and t.gettext("Only mine") != "Only mine"
    rtl = lang == "ar"
    assert (view.layoutDirection() == Qt.LayoutDirection.RightToLeft) == rtl
    view.resize(1000, 700)
    assert not view.grab().isNull()


def test_a_long_brief_cuts_the_longest_sections_first() -> None:
    from partnerdesk.ui.today.printing import fit_sections

    assert fit_sections([3, 2], 10) == [3, 2]
    caps = fit_sections([30, 4, 2], 20)
    assert caps[1:] == [4, 2] and caps[0] + 1 + 6 <= 20


def test_a_payment_opens_in_the_ledger_and_can_be_marked_paid(demo_window: Any, qtbot: Any) -> None:
    from partnerdesk.ui.today.commands import mark_payment_paid

    window = demo_window
    window.start()
    view = _today(window)
    money = view.model.brief.section(Section.MONEY)
    assert money and view.model.index(view.model.entries.index(Section.MONEY)).data(
        Qt.ItemDataRole.UserRole + 4)  # the header's totals per currency
    row = _click(qtbot, view, lambda r: r.kind == Kind.PAYMENT)
    assert window.current_index == _index("payments")
    ledger = window.current_view()
    assert ledger.selected_ids() == [row.source_id]
    window.show_view(_index("today"))
    assert view.push(mark_payment_paid(window.context, row.source_id))
    qtbot.waitUntil(lambda: row.key not in {r.key for r in view.model.rows()}, timeout=2000)
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: row.key in {r.key for r in view.model.rows()}, timeout=2000)
    window.context.undo_stack.clear()


def test_a_long_overdue_list_ends_with_a_link_to_the_board(demo_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    from partnerdesk.domain import attention as rules
    from partnerdesk.ui.today.model import PREVIEW, More

    monkeypatch.setattr(rules, "SECTION_LIMIT", 3)
    window = demo_window
    window.start()
    view = _today(window)
    preview = next(e for e in view.model.entries if isinstance(e, More))
    assert preview.section == Section.OVERDUE and preview.expand  # the first screen shows every section
    assert len([e for e in view.model.entries if isinstance(e, Row) and e.section == Section.OVERDUE]) == PREVIEW
    at = view.model.index(view.model.entries.index(preview))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=view.list.visualRect(at).center())
    assert Section.OVERDUE in view.model.expanded  # one click shows the rest in place
    more = next(e for e in view.model.entries if isinstance(e, More))
    assert more.section == Section.OVERDUE and more.count > 0 and not more.expand
    index = view.model.index(view.model.entries.index(more))
    assert index.data() == f"…and {more.count} more"
    view.list.scrollTo(index)
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=view.list.visualRect(index).center())
    board = window.current_view()
    assert window.current_index == _index("kanban") and board.state.flt.due == "overdue"


def test_the_contact_cadence_is_set_on_the_partner_and_ends_the_quiet(demo_window: Any, qtbot: Any) -> None:
    from partnerdesk.domain.attention import Reason

    window = demo_window
    window.start()
    view = _today(window)
    quiet = next(r for r in view.model.rows() if any(p.reason == Reason.QUIET for p in r.reasons))
    days = next(p.values["days"] for p in quiet.reasons if p.reason == Reason.QUIET)
    partners = _click(qtbot, view, lambda r: r.key == quiet.key) and window.current_view()
    overview = partners.profile.overview
    assert overview.cadence.value() == 30
    overview.cadence.setValue(days + 1)
    overview.save.click()
    view = _today(window)
    assert not any(r.partner_id == quiet.partner_id and any(p.reason == Reason.QUIET for p in r.reasons)
                   for r in view.model.rows())
    window.context.undo_stack.undo()  # the overview edit is undoable: quiet again
    view = _today(window)
    assert any(r.partner_id == quiet.partner_id and any(p.reason == Reason.QUIET for p in r.reasons)
               for r in view.model.rows())
    window.context.undo_stack.clear()


def test_deadlines_ahead_look_as_far_as_the_setting(demo_window: Any) -> None:
    from partnerdesk.services.attention import brief

    window = demo_window
    window.start()
    view = _today(window)
    near = len(view.model.brief.section(Section.DEADLINES))
    view.horizon.setValue(120)
    view = _today(window)
    far = view.model.brief.section(Section.DEADLINES)
    assert len(far) > near and window.context.settings.value("today/deadline_days", type=int) == 120
    assert max(r.day for r in far) > DEMO_TODAY + dt.timedelta(days=30)
    assert len(brief(window.context.ws, Options(today=DEMO_TODAY, horizon_days=120)).section(
        Section.DEADLINES)) == len(far)


def test_a_kpi_at_risk_opens_the_partners_performance_tab(demo_window: Any, qtbot: Any) -> None:
    from partnerdesk.domain.attention import Reason

    window = demo_window
    window.start()
    view = _today(window)
    row = _click(qtbot, view, lambda r: any(p.reason == Reason.KPI_AT_RISK for p in r.reasons))
    partners = window.current_view()
    assert window.current_index == _index("partners") and partners.current_partner_id() == row.partner_id
    assert partners.profile.current_section() is partners.profile.performance


def test_a_slow_refresh_runs_off_the_ui_thread(demo_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    from partnerdesk.ui.today import model as today_model
    from partnerdesk.ui.today.commands import mark_card_done

    monkeypatch.setattr(today_model, "SLOW_S", 0.0)  # as on a large workspace
    window = demo_window
    window.start()
    qtbot.waitUntil(lambda: window.reminders is not None, timeout=2000)  # start-up's own refreshes are done
    view = _today(window)
    first = view.model.brief.section(Section.OVERDUE)[0]
    started = []
    background = view.model.refresh_in_background
    monkeypatch.setattr(view.model, "refresh_in_background", lambda: (started.append(1), background()))
    monkeypatch.setattr(view.model, "refresh", lambda: pytest.fail("refreshed on the UI thread"))
    assert view.push(mark_card_done(window.context, first.source_id))
    qtbot.waitUntil(lambda: view.model.job is None and first.key not in {r.key for r in view.model.rows()},
                    timeout=5000)
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: first.key in {r.key for r in view.model.rows()}, timeout=5000)
    qtbot.waitUntil(lambda: view.model.job is None, timeout=5000)
    assert len(started) >= 2  # each edit refreshed in the background
    window.context.undo_stack.clear()
