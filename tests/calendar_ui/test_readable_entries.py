"""Calendar entries stay readable: title first (the kind is a colour and a glyph, never a word), overlapping
week entries side by side no narrower than a readable minimum with "+N" for the rest, titles never under the
time line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QImage, QPainter

from partnerdesk.domain.occurrence import SourceKind
from partnerdesk.ui.calendar import delegates
from partnerdesk.ui.calendar.delegates import EntryDelegate
from partnerdesk.ui.calendar.model import CalendarModel
from partnerdesk.ui.calendar.week_view import WeekView
from tests.calendar_ui.helpers import LISBON, ListSource, all_day, at, make_occ

DAY = dt.date(2026, 3, 11)


class Recorder(QPainter):
    """A painter on an image that remembers every text drawn and where."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[tuple[QRectF, str]] = []

    def drawText(self, rect: Any, *args: Any) -> None:  # noqa: N802 - Qt API
        self.texts.append((QRectF(rect), str(args[-1])))
        super().drawText(rect, *args)


def _paint(fn: Any, occ: Any, width: int, height: int) -> list[tuple[QRectF, str]]:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = Recorder(image)
    fn(painter, QRectF(0, 0, width, height), occ, LISBON, QFont(), rtl=False)
    painter.end()
    return painter.texts


def test_month_chip_shows_the_title_not_the_kind(qapp: Any) -> None:
    due = all_day("Προθεσμία: Μετάφραση καταλόγου", DAY, source=SourceKind.WORK_ITEM)._replace(
        subject="Μετάφραση καταλόγου")
    texts = [t for _r, t in _paint(delegates.paint_chip, due, 200, 18)]
    assert texts == ["Μετάφραση καταλόγου"]
    payment = all_day("Payment due: INV-7 (€1,250.00)", DAY, source=SourceKind.PAYMENT)._replace(
        subject="Sakura Commerce · €1,250.00")
    assert [t for _r, t in _paint(delegates.paint_chip, payment, 400, 18)] == ["Sakura Commerce · €1,250.00"]
    assert delegates.kind_glyph(due) == "kind-work_item" and delegates.kind_glyph(make_occ("x", at(DAY, 9),
                                                                                       at(DAY, 10))) is None


def test_week_block_title_never_runs_under_the_time_line(qapp: Any) -> None:
    occ = make_occ("Quarterly business review with the whole regional team", at(DAY, 9), at(DAY, 10),
                   recurring=True)
    texts = _paint(delegates.paint_block, occ, 110, 44)
    time_rect, _time = next((r, t) for r, t in texts if "–" in t)
    (title_rect, title), = [(r, t) for r, t in texts if "–" not in t]
    # One line fits above the time: the title is cut there, not wrapped under it.
    assert title.endswith("…") and occ.title.startswith(title[:-1])
    assert title_rect.bottom() <= time_rect.top() + 0.5


def _week(qtbot: Any, entries: list[Any], width: int) -> tuple[WeekView, CalendarModel]:
    model = CalendarModel(ListSource(entries), LISBON)
    view = WeekView(LISBON)
    view.setModel(model)
    view.setItemDelegate(EntryDelegate(LISBON, "block", view))
    qtbot.addWidget(view)
    view.resize(width, 800)
    view.show()
    view.set_week(DAY, 0)
    model.set_range(*view.range())
    view.scroll_to_hour(7)
    return view, model


def test_overlapping_entries_keep_a_readable_width_and_the_rest_is_plus_n(qtbot: Any) -> None:
    entries = [make_occ(f"Call {n}", at(DAY, 10), at(DAY, 11), source_id=n) for n in range(1, 6)]
    entries.append(all_day("Holiday", DAY, source_id=9))
    view, model = _week(qtbot, entries, 900)
    least = view.fontMetrics().averageCharWidth() * 6 + 14
    timed = view.placed[view.banner_count:]
    assert 1 <= len(timed) < 5
    assert all(rect.width() >= least - 1 for rect, _row in timed)
    assert len(view.more_timed) == 1
    rect, day, count = view.more_timed[0]
    assert day == DAY and count == 5 - len(timed)
    column = view.column_rect(DAY)
    assert column.contains(rect.center())
    assert not any(rect.intersects(placed) for placed, _row in timed)
    with qtbot.waitSignal(view.day_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [DAY]


def test_two_overlapping_entries_fit_side_by_side_on_a_wide_week(qtbot: Any) -> None:
    entries = [make_occ("Call Osaka", at(DAY, 10), at(DAY, 11), source_id=1),
               make_occ("Review Milan", at(DAY, 10, 30), at(DAY, 12), source_id=2)]
    view, _model = _week(qtbot, entries, 1200)
    assert len(view.placed) == 2 and view.more_timed == []
