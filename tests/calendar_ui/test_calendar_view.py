"""The calendar as a user drives it, over a real workspace: what each view shows, drags that persist and undo,
creating from a slot, the repeat question, filters, Arabic, working-hours warnings, find a time, reminders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from partnerdesk import l10n
from partnerdesk.domain.enums import PartnerKind, PartnerStage
from partnerdesk.domain.occurrence import SourceKind
from partnerdesk.services.calendar import EditScope, EventService
from partnerdesk.store import models as m
from partnerdesk.ui.calendar.view import CalendarView
from partnerdesk.ui.context import AppContext, ChangeHub

LISBON = ZoneInfo("Europe/Lisbon")
DAY = dt.date(2026, 3, 11)  # Wednesday


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), LISBON).astimezone(dt.UTC)


@pytest.fixture
def ws(workspace):  # type: ignore[no-untyped-def]
    with workspace.session() as s, s.begin():
        s.add(m.TeamMember(name="Me", is_me=True, time_zone="Europe/Lisbon"))
        s.add(m.Partner(name="Sakura Commerce", kind=PartnerKind.MARKETPLACE, stage=PartnerStage.ACTIVE,
                        time_zone="Asia/Tokyo", work_start="09:00", work_end="18:00", color="#AA3355"))
        s.add(m.Partner(name="Najd Care", kind=PartnerKind.CUSTOMER_SERVICE, stage=PartnerStage.ACTIVE,
                        time_zone="Asia/Riyadh", work_start="09:00", work_end="17:00", weekend_days=[4, 5]))
    return workspace


def partner_id(ws, name: str) -> int:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        return s.scalar(select(m.Partner.id).where(m.Partner.name == name))


def event_times(ws, event_id: int) -> tuple[dt.datetime, dt.datetime]:  # type: ignore[no-untyped-def]
    with ws.session() as s:
        ev = s.get(m.Event, event_id)
        return ev.starts_at, ev.ends_at


def make_view(qtbot, ws, tmp_path: Path, mode: str = "week") -> CalendarView:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext(ws, QUndoStack(), ChangeHub(), settings)
    view = CalendarView(context)
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    view.go_to(DAY)
    view.set_mode(mode)
    view.week.scroll_to_hour(7)
    return view


def drag(qtbot, widget, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(widget, QPoint(start.x(), start.y() + 6))
    qtbot.mouseMove(widget, end)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_each_view_shows_the_entries_of_its_range(qtbot, ws, tmp_path) -> None:
    svc = EventService(ws)
    svc.create("Call Sakura", at(DAY, 10), at(DAY, 11), time_zone="Europe/Lisbon")
    svc.create("Weekly sync", at(dt.date(2026, 3, 2), 9), at(dt.date(2026, 3, 2), 9, 30),
               time_zone="Europe/Lisbon", rrule="FREQ=WEEKLY;COUNT=8")
    svc.create("April fair", at(dt.date(2026, 4, 20), 0), at(dt.date(2026, 4, 21), 0), time_zone="Europe/Lisbon",
               all_day=True)
    view = make_view(qtbot, ws, tmp_path, "month")
    titles = [o.title for o in view.model.rows]
    assert titles.count("Weekly sync") == 5 and "Call Sakura" in titles and "April fair" not in titles
    view.set_mode("week")
    assert sorted(o.title for o in view.model.rows) == ["Call Sakura", "Weekly sync"]
    assert view.week.rects_of(view.model.rows[0].key)
    view.set_mode("agenda")
    rows = view.agenda.agenda.rows
    assert rows[0] == DAY and rows[1].title == "Call Sakura"  # the agenda starts at the chosen day
    view.step(1)
    assert [r.title for r in view.agenda.agenda.rows if not isinstance(r, dt.date)] == [
        "Weekly sync", "April fair", "Weekly sync"]


def test_week_drag_move_and_resize_persist_and_undo(qtbot, ws, tmp_path) -> None:
    eid, _ = EventService(ws).create("Call Sakura", at(DAY, 10), at(DAY, 11), time_zone="Europe/Lisbon")
    view = make_view(qtbot, ws, tmp_path)
    occ = view.model.rows[0]
    rect = view.week.rects_of(occ.key)[0]
    grab = QPoint(rect.center().x(), rect.top() + 8)
    target = view.week.point_at(DAY + dt.timedelta(days=1), 14)
    drag(qtbot, view.week.viewport(), grab, QPoint(target.x(), grab.y() + target.y() - rect.top()))
    thursday = DAY + dt.timedelta(days=1)
    assert event_times(ws, eid) == (at(thursday, 14), at(thursday, 15))
    moved = view.week.rects_of(occ.key)[0]
    assert view.week.column_rect(thursday).contains(moved.center())
    stack = view.context.undo_stack
    stack.undo()
    assert event_times(ws, eid) == (at(DAY, 10), at(DAY, 11))
    stack.redo()
    assert event_times(ws, eid) == (at(thursday, 14), at(thursday, 15))
    rect = view.week.rects_of(occ.key)[0]
    edge = QPoint(rect.center().x(), rect.bottom() - 2)
    drag(qtbot, view.week.viewport(), edge, QPoint(edge.x(), edge.y() + view.week.point_at(DAY, 11, 30).y()
                                                   - view.week.point_at(DAY, 10).y()))
    assert event_times(ws, eid) == (at(thursday, 14), at(thursday, 16, 30))
    stack.undo()
    assert event_times(ws, eid) == (at(thursday, 14), at(thursday, 15))


def test_month_drag_moves_and_undoes(qtbot, ws, tmp_path) -> None:
    eid, _ = EventService(ws).create("Call Sakura", at(DAY, 10), at(DAY, 11), time_zone="Europe/Lisbon")
    view = make_view(qtbot, ws, tmp_path, "month")
    occ = view.model.rows[0]
    start = view.month.rects_of(occ.key)[0].center()
    target = view.month.cell_rect(DAY + dt.timedelta(days=7)).center()
    drag(qtbot, view.month.viewport(), start, target)
    assert event_times(ws, eid) == (at(DAY + dt.timedelta(days=7), 10), at(DAY + dt.timedelta(days=7), 11))
    view.context.undo_stack.undo()
    assert event_times(ws, eid) == (at(DAY, 10), at(DAY, 11))


def test_create_by_selecting_a_slot_then_undo_redo(qtbot, ws, tmp_path) -> None:
    view = make_view(qtbot, ws, tmp_path)
    drag(qtbot, view.week.viewport(), view.week.point_at(DAY, 13), view.week.point_at(DAY, 14, 30))
    dialog = view.editor.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.title.setText("Kick-off with Najd")
    dialog.reminders.add(60)
    dialog.accept()
    with ws.session() as s:
        ev = s.scalars(select(m.Event)).one()
        assert (ev.title, ev.starts_at, ev.ends_at, ev.time_zone) == ("Kick-off with Najd", at(DAY, 13),
                                                                      at(DAY, 14, 30), "Europe/Lisbon")
        assert ev.reminder_minutes == [15, 60]
        eid = ev.id
    assert [o.title for o in view.model.rows] == ["Kick-off with Najd"]
    view.context.undo_stack.undo()
    assert view.model.rows == []
    view.context.undo_stack.redo()
    assert event_times(ws, eid) == (at(DAY, 13), at(DAY, 14, 30))  # the same event comes back


def test_dialog_refuses_a_blank_title_and_keeps_the_input(qtbot, ws, tmp_path) -> None:
    view = make_view(qtbot, ws, tmp_path)
    view.editor.create_at(at(DAY, 9), at(DAY, 10), False)
    dialog = view.editor.dialog
    dialog.location.setText("Lisbon office")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text() == "Give the event a title."
    assert dialog.location.text() == "Lisbon office"


def test_moving_a_repeating_event_asks_which_occurrences(qtbot, ws, tmp_path) -> None:
    svc = EventService(ws)
    eid, _ = svc.create("Weekly sync", at(dt.date(2026, 3, 2), 10), at(dt.date(2026, 3, 2), 10, 30),
                        time_zone="Europe/Lisbon", rrule="FREQ=WEEKLY;COUNT=6")
    view = make_view(qtbot, ws, tmp_path)
    occ = view.model.rows[0]
    assert occ.recurring and occ.start == at(dt.date(2026, 3, 9), 10)
    rect = view.week.rects_of(occ.key)[0]
    grab = QPoint(rect.center().x(), rect.top() + 4)
    drag(qtbot, view.week.viewport(), grab, QPoint(grab.x(), grab.y() + 2 * 44))
    scope = view.editor.scope_dialog
    assert scope is not None and scope.isVisible()
    scope.choose(EditScope.THIS)
    scope.accept()
    view.go_to(dt.date(2026, 3, 1))
    view.set_mode("month")
    starts = sorted(o.start for o in view.model.rows if o.title == "Weekly sync")
    assert at(dt.date(2026, 3, 9), 12) in starts and at(dt.date(2026, 3, 16), 10) in starts
    assert at(dt.date(2026, 3, 2), 10) in starts
    view.context.undo_stack.undo()
    starts = sorted(o.start for o in view.model.rows if o.title == "Weekly sync")
    assert at(dt.date(2026, 3, 9), 10) in starts and at(dt.date(2026, 3, 9), 12) not in starts
    with ws.session() as s:
        assert s.scalars(select(m.Event.id)).all() == [eid]  # the override is gone again


def test_kind_toggles_and_partner_filter(qtbot, ws, tmp_path) -> None:
    sakura, najd = partner_id(ws, "Sakura Commerce"), partner_id(ws, "Najd Care")
    EventService(ws).create("Call Sakura", at(DAY, 10), at(DAY, 11), time_zone="Europe/Lisbon", partner_id=sakura)
    with ws.session() as s, s.begin():
        s.add(m.Payment(partner_id=najd, invoice_ref="INV-9", amount_minor=5000, currency="EUR", due_on=DAY))
    view = make_view(qtbot, ws, tmp_path)
    kinds = {o.source for o in view.model.rows}
    assert kinds == {SourceKind.EVENT, SourceKind.PAYMENT}
    view.filters.kind_boxes[SourceKind.PAYMENT].setChecked(False)
    assert [o.source for o in view.model.rows] == [SourceKind.EVENT]
    assert view.context.settings.value("calendar/hidden_kinds", type=list) == ["payment"]
    view.filters.kind_boxes[SourceKind.PAYMENT].setChecked(True)
    view.filters.select_partner(najd)
    assert [o.source for o in view.model.rows] == [SourceKind.PAYMENT]
    assert "Najd Care" in view.filters.clock.text()
    assert view.week.partner_zone is not None  # the partner's hours appear beside the user's


def test_arabic_mirrors_the_days(qtbot, ws, tmp_path) -> None:
    l10n.set_language("ar")
    view = make_view(qtbot, ws, tmp_path, "month")
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    view.show_range()
    days = view.month.days
    assert days[0].weekday() == l10n.first_weekday()
    xs = [view.month.cell_rect(d).x() for d in days[:7]]
    assert xs == sorted(xs, reverse=True)
    view.set_mode("week")
    xs = [view.week.column_rect(d).x() for d in view.week.days]
    assert xs == sorted(xs, reverse=True)
    assert view.today_button.text() != "Today"


def test_booking_outside_the_partners_hours_warns(qtbot, ws, tmp_path) -> None:
    sakura = partner_id(ws, "Sakura Commerce")
    view = make_view(qtbot, ws, tmp_path)
    view.filters.select_partner(sakura)
    view.editor.create_at(at(DAY, 14), at(DAY, 15), False)  # 23:00 in Tokyo
    view.editor.dialog.title.setText("Late call")
    view.editor.dialog.accept()
    assert not view.message.isHidden()
    assert "Sakura Commerce" in view.message.label.text() and "Outside working hours" in view.message.label.text()
    view.message.hide()
    view.editor.create_at(at(DAY, 1), at(DAY, 2), False)  # 10:00 in Tokyo
    view.editor.dialog.title.setText("Morning call")
    view.editor.dialog.accept()
    assert view.message.isHidden()


def test_find_a_time_books_the_chosen_slot(qtbot, ws, tmp_path) -> None:
    najd = partner_id(ws, "Najd Care")
    utc = dt.UTC
    EventService(ws).create("Busy", dt.datetime(2026, 12, 3, 9, tzinfo=utc), dt.datetime(2026, 12, 3, 11, tzinfo=utc),
                            time_zone="Europe/Lisbon")
    view = make_view(qtbot, ws, tmp_path)
    view.filters.select_partner(najd)
    view.editor.find_a_time()
    dialog = view.editor.find_dialog
    dialog.search(now=dt.datetime(2026, 12, 3, 0, tzinfo=utc))
    first = dialog.slots.item(0).data(Qt.ItemDataRole.UserRole)
    assert first == (dt.datetime(2026, 12, 3, 11, tzinfo=utc), dt.datetime(2026, 12, 3, 12, tzinfo=utc))
    assert dialog.slots.count() >= 2
    dialog.slots.setCurrentRow(0)
    dialog.book()
    with ws.session() as s:
        booked = s.scalars(select(m.Event).where(m.Event.title == "Call with Najd Care")).one()
        assert (booked.starts_at, booked.ends_at, booked.partner_id) == (*first, najd)


def test_opening_entries_opens_their_source(qtbot, ws, tmp_path) -> None:
    najd = partner_id(ws, "Najd Care")
    EventService(ws).create("Call Sakura", at(DAY, 10), at(DAY, 11), time_zone="Europe/Lisbon")
    with ws.session() as s, s.begin():
        s.add(m.Payment(partner_id=najd, invoice_ref="INV-9", amount_minor=5000, currency="EUR", due_on=DAY))
    view = make_view(qtbot, ws, tmp_path, "agenda")
    payment = next(o for o in view.model.rows if o.source == SourceKind.PAYMENT)
    with qtbot.waitSignal(view.source_requested) as blocker:
        view.editor.open(payment)
    assert blocker.args == ["payment", payment.source_id]
    assert "INV-9" in view.payment_box.text()
    event = next(o for o in view.model.rows if o.source == SourceKind.EVENT)
    view.editor.open(event)
    dialog = view.editor.dialog
    assert dialog.title.text() == "Call Sakura"
    dialog.location.setText("Zoom")
    dialog.accept()
    with ws.session() as s:
        assert s.scalars(select(m.Event.location)).one() == "Zoom"


def test_editing_a_repeating_event_in_the_dialog_asks_the_scope(qtbot, ws, tmp_path) -> None:
    EventService(ws).create("Weekly sync", at(dt.date(2026, 3, 2), 10), at(dt.date(2026, 3, 2), 10, 30),
                            time_zone="Europe/Lisbon", rrule="FREQ=WEEKLY;COUNT=6")
    view = make_view(qtbot, ws, tmp_path, "month")
    occ = next(o for o in view.model.rows if o.start == at(dt.date(2026, 3, 16), 10))
    view.editor.open(occ)
    dialog = view.editor.dialog
    assert dialog.recurrence.summary.text() == "Every week, 6 times"
    dialog.title.setText("Partner sync")
    dialog.accept()
    scope = view.editor.scope_dialog
    assert scope.options[EditScope.THIS].isEnabled()  # the rule is untouched: one occurrence may change alone
    scope.choose(EditScope.FOLLOWING)
    scope.accept()
    titles = [(o.start.date(), o.title) for o in view.model.rows if "sync" in o.title]
    assert [t for d, t in titles if d < dt.date(2026, 3, 16)] == ["Weekly sync", "Weekly sync"]
    assert {t for d, t in titles if d >= dt.date(2026, 3, 16)} == {"Partner sync"}
    view.context.undo_stack.undo()
    assert {o.title for o in view.model.rows if "sync" in o.title} == {"Weekly sync"}


def test_delete_key_removes_the_selected_event_and_undo_brings_it_back(qtbot, ws, tmp_path) -> None:
    eid, _ = EventService(ws).create("Call Sakura", at(DAY, 10), at(DAY, 11), time_zone="Europe/Lisbon")
    view = make_view(qtbot, ws, tmp_path)
    occ = view.model.rows[0]
    qtbot.mouseClick(view.week.viewport(), Qt.MouseButton.LeftButton, pos=view.week.rects_of(occ.key)[0].center())
    assert view.selected_occurrence() == occ
    qtbot.keyClick(view.week, Qt.Key.Key_Delete)
    assert view.model.rows == []
    view.context.undo_stack.undo()
    assert event_times(ws, eid) == (at(DAY, 10), at(DAY, 11)) and len(view.model.rows) == 1


def test_the_views_follow_the_chosen_time_zone(qtbot, ws, tmp_path) -> None:
    EventService(ws).create("Call Sakura", at(DAY, 10), at(DAY, 11), time_zone="Europe/Lisbon")
    view = make_view(qtbot, ws, tmp_path)
    assert view.zone_name == "Europe/Lisbon"  # the user's own zone
    view.filters.zone.setCurrentText("Asia/Tokyo")
    view.filters.zone.lineEdit().editingFinished.emit()
    assert view.zone_name == "Asia/Tokyo"
    assert view.context.settings.value("calendar/time_zone") == "Asia/Tokyo"
    occ = view.model.rows[0]
    rect = view.week.rects_of(occ.key)[0]
    assert rect.top() == view.week.point_at(DAY, 19).y()  # 10:00 Lisbon is 19:00 in Tokyo
    view.filters.zone.setCurrentText("Mars/Olympus")
    view.filters.zone.lineEdit().editingFinished.emit()
    assert view.zone_name == "Asia/Tokyo" and view.filters.zone.zone() == "Asia/Tokyo"
    assert view.filters.zone.currentText() == "(GMT+09:00) Tokyo, Japan"  # city, country and offset shown


def test_an_unreadable_workspace_shows_an_empty_calendar_and_says_why(qtbot, ws, tmp_path) -> None:
    from sqlalchemy.exc import OperationalError

    view = make_view(qtbot, ws, tmp_path)

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("SELECT", {}, Exception("unable to open database file"))

    import partnerdesk.services.calendar as calendar_service

    original = calendar_service.occurrences
    calendar_service.occurrences = broken
    try:
        view.model.cache.clear()
        view.step(1)
    finally:
        calendar_service.occurrences = original
    assert view.model.rows == []
    assert view.message.label.text() == "The calendar could not be read from the workspace."
