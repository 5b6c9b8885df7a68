"""Month and week grids over hand-made entries: what shows where, mirrored in Arabic, drags."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from partnerdesk.domain.occurrence import SourceKind
from partnerdesk.ui.calendar.delegates import EntryDelegate
from partnerdesk.ui.calendar.model import CalendarModel
from partnerdesk.ui.calendar.month_view import MonthView
from partnerdesk.ui.calendar.week_view import WeekView
from tests.calendar_ui.helpers import LISBON, ListSource, all_day, at, make_occ

DAY = dt.date(2026, 3, 11)  # a Wednesday


def _month(qtbot, entries, direction=Qt.LayoutDirection.LeftToRight, first_weekday=0):  # type: ignore[no-untyped-def]
    model = CalendarModel(ListSource(entries), LISBON)
    view = MonthView(LISBON)
    view.setLayoutDirection(direction)
    view.setModel(model)
    view.setItemDelegate(EntryDelegate(LISBON, "chip", view))
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.set_month(DAY, first_weekday)
    model.set_range(*view.range())
    return view, model


def _week(qtbot, entries, direction=Qt.LayoutDirection.LeftToRight):  # type: ignore[no-untyped-def]
    model = CalendarModel(ListSource(entries), LISBON)
    view = WeekView(LISBON)
    view.setLayoutDirection(direction)
    view.setModel(model)
    view.setItemDelegate(EntryDelegate(LISBON, "block", view))
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    view.set_week(DAY, 0)
    model.set_range(*view.range())
    view.scroll_to_hour(7)
    return view, model


def test_month_shows_entries_of_the_range_in_their_days(qtbot) -> None:
    entries = [
        make_occ("Call Osaka", at(DAY, 10), at(DAY, 11), source_id=1),
        all_day("Trade fair", dt.date(2026, 3, 16), days=3, source_id=2),
        make_occ("Payment due", at(dt.date(2026, 3, 20), 0), at(dt.date(2026, 3, 21), 0),
                 source=SourceKind.PAYMENT, source_id=3, all_day=True),
        make_occ("Next month", at(dt.date(2026, 5, 20), 9), at(dt.date(2026, 5, 20), 10), source_id=4),
    ]
    view, model = _month(qtbot, entries)
    assert view.days[0] == dt.date(2026, 2, 23)  # Monday first
    titles = [o.title for o in model.rows]
    assert "Next month" not in titles and len(titles) == 3
    call = view.rects_of(entries[0].key)
    assert len(call) == 1 and view.cell_rect(DAY).contains(call[0])
    fair = view.rects_of(entries[1].key)
    assert len(fair) == 3  # one chip per day it covers
    assert all(any(view.cell_rect(dt.date(2026, 3, d)).contains(r) for r in fair) for d in (16, 17, 18))


def test_month_more_link_when_a_day_is_full(qtbot) -> None:
    entries = [make_occ(f"Meeting {n}", at(DAY, 8 + n), at(DAY, 9 + n), source_id=n) for n in range(9)]
    view, _model = _month(qtbot, entries)
    shown = [r for r, _row in view.placed if view.cell_rect(DAY).contains(r)]
    assert shown and len(shown) < 9
    assert [(day, hidden) for _r, day, hidden in view.more] == [(DAY, 9 - len(shown))]
    with qtbot.waitSignal(view.day_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.more[0][0].center())
    assert blocker.args == [DAY]


def test_month_first_weekday_from_locale_and_mirrored_in_arabic(qtbot) -> None:
    ltr, _ = _month(qtbot, [], first_weekday=6)
    assert ltr.days[0].weekday() == 6
    rtl, _ = _month(qtbot, [], Qt.LayoutDirection.RightToLeft)
    monday, tuesday = rtl.days[0], rtl.days[1]
    assert rtl.cell_rect(monday).x() > rtl.cell_rect(tuesday).x()  # days run right to left
    assert ltr.cell_rect(ltr.days[0]).x() < ltr.cell_rect(ltr.days[1]).x()


def test_month_drag_moves_event_to_another_day(qtbot) -> None:
    event = make_occ("Call Osaka", at(DAY, 10), at(DAY, 11))
    view, _ = _month(qtbot, [event])
    start = view.rects_of(event.key)[0].center()
    target = view.cell_rect(DAY + dt.timedelta(days=8)).center()
    with qtbot.waitSignal(view.move_requested) as blocker:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view.viewport(), QPoint(start.x() + 20, start.y() + 10))
        qtbot.mouseMove(view.viewport(), target)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    occ, new_start, new_end = blocker.args
    assert occ.key == event.key
    assert new_start == at(DAY + dt.timedelta(days=8), 10) and new_end == at(DAY + dt.timedelta(days=8), 11)


def test_month_double_click_on_a_day_asks_to_create(qtbot) -> None:
    view, _ = _month(qtbot, [])
    with qtbot.waitSignal(view.create_requested) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cell_rect(DAY).center())
    assert blocker.args == [at(DAY, 9), at(DAY, 10), False]


def test_week_places_overlapping_events_side_by_side_and_all_day_on_top(qtbot) -> None:
    a = make_occ("Call Osaka", at(DAY, 10), at(DAY, 11), source_id=1)
    b = make_occ("Review Milan", at(DAY, 10, 30), at(DAY, 12), source_id=2)
    c = all_day("Holiday", DAY, source_id=3)
    outside = make_occ("Other week", at(DAY + dt.timedelta(days=7), 9), at(DAY + dt.timedelta(days=7), 10),
                       source_id=4)
    view, model = _week(qtbot, [a, b, c, outside])
    assert {o.title for o in model.rows} == {"Call Osaka", "Review Milan", "Holiday"}
    ra, rb, rc = view.rects_of(a.key)[0], view.rects_of(b.key)[0], view.rects_of(c.key)[0]
    column = view.column_rect(DAY)
    assert column.contains(ra.center()) and column.contains(rb.center())
    assert ra.right() <= rb.left() + 1  # side by side
    assert ra.top() == view.point_at(DAY, 10).y() and rb.top() == view.point_at(DAY, 10, 30).y()
    assert rc.bottom() < view.grid_top()  # all-day row


def test_week_days_run_right_to_left_in_arabic(qtbot) -> None:
    view, _ = _week(qtbot, [], Qt.LayoutDirection.RightToLeft)
    xs = [view.column_rect(day).x() for day in view.days]
    assert xs == sorted(xs, reverse=True)
    assert view.column_rect(view.days[0]).right() < view.viewport().width() - view.gutter_width() + 2


def _drag(qtbot, widget, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(widget, QPoint(start.x(), start.y() + 5))
    qtbot.mouseMove(widget, end)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_week_drag_moves_across_days_and_resizes(qtbot) -> None:
    event = make_occ("Call Osaka", at(DAY, 10), at(DAY, 11))
    view, _ = _week(qtbot, [event])
    rect = view.rects_of(event.key)[0]
    grab = QPoint(rect.center().x(), rect.top() + 10)
    target = view.point_at(DAY + dt.timedelta(days=1), 14)
    with qtbot.waitSignal(view.move_requested) as blocker:
        _drag(qtbot, view.viewport(), grab, QPoint(target.x(), grab.y() + (target.y() - rect.top())))
    assert blocker.args[1:] == [at(DAY + dt.timedelta(days=1), 14), at(DAY + dt.timedelta(days=1), 15)]
    edge = QPoint(rect.center().x(), rect.bottom() - 2)
    with qtbot.waitSignal(view.move_requested) as blocker:
        _drag(qtbot, view.viewport(), edge, QPoint(edge.x(), edge.y() + view.point_at(DAY, 12).y()
                                                   - view.point_at(DAY, 11).y()))
    assert blocker.args[1:] == [at(DAY, 10), at(DAY, 12)]


def test_week_drag_over_empty_time_asks_to_create(qtbot) -> None:
    view, _ = _week(qtbot, [])
    with qtbot.waitSignal(view.create_requested) as blocker:
        _drag(qtbot, view.viewport(), view.point_at(DAY, 13), view.point_at(DAY, 14, 30))
    assert blocker.args == [at(DAY, 13), at(DAY, 14, 30), False]


def test_derived_entries_are_not_draggable(qtbot) -> None:
    due = make_occ("Send contract", at(DAY, 10), at(DAY, 11), source=SourceKind.WORK_ITEM)
    view, _ = _week(qtbot, [due])
    rect = view.rects_of(due.key)[0]
    with qtbot.assertNotEmitted(view.move_requested):
        _drag(qtbot, view.viewport(), rect.center(), view.point_at(DAY, 15))


def test_week_all_day_row_is_capped_with_a_more_link(qtbot) -> None:
    entries = [all_day(f"Holiday {n}", DAY, source_id=n) for n in range(7)]
    view, _model = _week(qtbot, entries)
    assert view.all_day_lanes == 4 and view.banner_count == 3
    assert [(day, count) for _rect, day, count in view.more] == [(DAY, 4)]
    with qtbot.waitSignal(view.day_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.more[0][0].center())
    assert blocker.args == [DAY]


def test_week_drag_moves_an_all_day_entry_by_days(qtbot) -> None:
    fair = all_day("Trade fair", DAY, days=2)
    view, _ = _week(qtbot, [fair])
    rect = view.rects_of(fair.key)[0]
    assert rect.bottom() < view.grid_top()
    start = QPoint(view.column_rect(DAY).center().x(), rect.center().y())
    target = QPoint(view.column_rect(DAY + dt.timedelta(days=2)).center().x(), rect.center().y())
    with qtbot.waitSignal(view.move_requested) as blocker:
        _drag(qtbot, view.viewport(), start, target)
    assert blocker.args[1:] == [at(DAY + dt.timedelta(days=2), 0), at(DAY + dt.timedelta(days=4), 0)]
