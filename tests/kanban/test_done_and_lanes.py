"""Cards in a Done column do not warn about their past due date; under a partner's lane the card names its
owner instead of repeating the partner (through the main window)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.ui.kanban.delegate import card_texts
from partnerdesk.ui.kanban.model import Card
from partnerdesk.ui.views_registry import VIEWS


def _red_pixels(widget: Any) -> int:
    """Pixels of the overdue red (text is antialiased: anything clearly red counts)."""
    image = widget.grab().toImage()
    count = 0
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            count += c.red() > 150 and c.green() < 90 and c.blue() < 90
    return count


def test_done_column_shows_no_overdue_warning(demo_window: Any, qtbot: Any) -> None:
    from sqlalchemy import select

    from partnerdesk.services.work_items import WorkItemService
    from partnerdesk.store.models import WorkStatus

    window = demo_window
    window.resize(1440, 900)
    window.start()
    with window.context.ws.session() as s:
        done_id = s.scalars(select(WorkStatus.id).where(WorkStatus.category == "done")).first()
    late = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    _id, changes = WorkItemService(window.context.ws).create(done_id, "Finished late", due_at=late,
                                                             due_has_time=True)
    window.context.hub.announce(changes)
    window.show_view([k for k, *_r in VIEWS].index("kanban"))
    board = window.current_view()
    board.reload()
    done = [cell for cell in board.columns if cell.model().status_id in board.state.done_columns]
    open_ = [cell for cell in board.columns if cell.model().status_id not in board.state.done_columns]
    assert done and open_
    qtbot.waitUntil(lambda: done[0].model().rowCount() > 0, timeout=3000)
    assert _red_pixels(done[0].viewport()) == 0
    assert sum(_red_pixels(cell.viewport()) for cell in open_) > 0  # overdue open cards still warn


def test_finished_card_text_keeps_the_date_without_the_warning() -> None:
    due = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    card = Card(1, "Card", "Partner", "#123456", "AB", due, True, "normal", 0, 0, dt.datetime.now(dt.UTC))
    today = dt.date.today()
    assert card_texts(card, today).overdue
    finished = card_texts(card, today, finished=True)
    assert not finished.overdue and "overdue" not in finished.bottom and finished.bottom.startswith("Due ")


def test_lanes_by_partner_show_the_owner_on_cards(demo_window: Any) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont, QImage, QPainter

    from partnerdesk.ui.kanban import delegate

    drawn: list[str] = []

    class Recorder(QPainter):
        def drawText(self, rect: Any, *args: Any) -> None:  # noqa: N802 - Qt API
            drawn.append(str(args[-1]))
            super().drawText(rect, *args)

    card = Card(1, "Card", "Sakura Commerce", "#123456", "MS", None, False, "normal", 0, 0,
                dt.datetime.now(dt.UTC), owner="Marta Sousa")
    for show in (True, False):
        image = QImage(240, 100, QImage.Format.Format_ARGB32)
        painter = Recorder(image)
        delegate.paint_card(painter, QRectF(0, 0, 240, 100), card, QFont(), False, show_partner=show)
        painter.end()
    assert "Sakura Commerce" in drawn and "Marta Sousa" in drawn
    window = demo_window
    window.start()
    window.show_view([k for k, *_r in VIEWS].index("kanban"))
    board = window.current_view()
    board.set_lane_mode("partner")
    assert board.state.lane_mode == "partner"


def test_card_dialog_changes_the_column_and_shows_history(demo_window: Any, qtbot: Any) -> None:
    from sqlalchemy import select

    from partnerdesk.store.models import WorkItem, WorkStatus

    window = demo_window
    window.start()
    window.show_view([k for k, *_r in VIEWS].index("kanban"))
    board = window.current_view()
    with window.context.ws.session() as s:
        item = s.scalars(select(WorkItem).where(WorkItem.archived.is_(False), WorkItem.deleted_at.is_(None))
                         .order_by(WorkItem.id)).first()
        item_id, before = item.id, item.status_id
        done = s.scalars(select(WorkStatus.id).where(WorkStatus.category == "done")).first()
    board.edit_card(item_id)
    dialog = board.card_dialog
    assert dialog.status.currentData() == before and dialog.status.count() >= 5
    dialog.history.setChecked(True)
    assert dialog.dates.isVisible() and dialog.dates.text().startswith("Created ")
    dialog.status.setCurrentIndex(dialog.status.findData(done))
    dialog.accept()
    with window.context.ws.session() as s:
        assert s.get(WorkItem, item_id).status_id == done
    window.context.undo_stack.undo()
    with window.context.ws.session() as s:
        assert s.get(WorkItem, item_id).status_id == before


def test_a_long_column_name_wraps_instead_of_being_cut(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.resize(1280, 720)
    window.start()
    window.set_language("el")
    window.show_view([k for k, *_r in VIEWS].index("kanban"))
    board = window.current_view()
    labels = [header.label for header in board.grid.headers.values()]
    qtbot.waitUntil(lambda: any("Εντός χρονοδιαγράμματος" in label.text() for label in labels), timeout=3000)
    on_track = next(label for label in labels if "Εντός χρονοδιαγράμματος" in label.text())
    assert on_track.wordWrap() and "…" not in on_track.text()
