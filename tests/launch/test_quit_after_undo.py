"""Quitting after Undo/Redo in every view ends the session without an error (it used to show the crash dialog
twice: the undo stack's signals reached actions already deleted). The end is the one run_gui uses."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from partnerdesk.ui.views_registry import VIEWS


def _kanban(window: Any) -> Any:
    from partnerdesk.services.work_items import WorkItemService
    from partnerdesk.ui.kanban.commands import MoveCards

    view = window.current_view()
    column = next(i for i, c in enumerate(view.columns) if c.cell().ids)
    card = view.columns[column].cell().ids[0]
    target = view.board_columns[(column + 1) % len(view.board_columns)].status_id
    return MoveCards(WorkItemService(window.context.ws), window.context.hub, [card], target, None)


def _calendar(window: Any) -> Any:
    from partnerdesk.services.events import EventService
    from partnerdesk.ui.calendar.commands import CreateEvent

    start = dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC)
    return CreateEvent("New event", EventService(window.context.ws), window.context.hub,
                       {"title": "Call", "starts_at": start, "ends_at": start + dt.timedelta(hours=1)})


def _contacts(window: Any) -> Any:
    from partnerdesk.ui.contacts.commands import AddContactCommand

    return AddContactCommand(window.context, {"display_name": "Ana Souza"})


def _partners(window: Any) -> Any:
    from partnerdesk.ui.partners.commands import AddContractCommand

    view = window.current_view()
    return AddContractCommand(window.context, view.current_partner_id() or 1, {"title": "Addendum", "start_on": dt.date(2026, 4, 1)})


def _today(window: Any) -> Any:
    from sqlalchemy import select

    from partnerdesk.store.models import WorkItem
    from partnerdesk.ui.today.commands import PostponeCard

    with window.context.ws.session() as s:
        item = s.scalars(select(WorkItem.id).where(WorkItem.deleted_at.is_(None)).order_by(WorkItem.id)).first()
    return PostponeCard(window.context, item, dt.date(2026, 12, 24))


def _payments(window: Any) -> Any:
    from sqlalchemy import select

    from partnerdesk.store.models import Payment
    from partnerdesk.ui.today.commands import mark_payment_paid

    with window.context.ws.session() as s:
        payment = s.scalars(select(Payment.id).where(Payment.paid_on.is_(None)).order_by(Payment.id)).first()
    return mark_payment_paid(window.context, payment)


def _performance(window: Any) -> Any:
    from partnerdesk.ui.performance.commands import SetTrafficSourcesCommand

    return SetTrafficSourcesCommand(window.context, 1, ["newsletter"], [])


COMMANDS: dict[str, Callable[[Any], Any]] = {"kanban": _kanban, "calendar": _calendar, "contacts": _contacts,
                                             "partners": _partners, "today": _today, "payments": _payments,
                                             "performance": _performance}


def test_every_view_has_a_command_here() -> None:
    assert set(COMMANDS) == {key for key, *_ in VIEWS}


@pytest.mark.parametrize("key", [key for key, *_ in VIEWS])
@pytest.mark.parametrize("last", ["undo", "redo"])
def test_quit_after_undo_or_redo_raises_nothing(key: str, last: str, demo_file: Path, tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
                                                isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerdesk.ui.app import build_main_window, end_session
    from partnerdesk.ui.undo import push

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    errors: list[BaseException] = []
    def record(_t, exc, tb):  # type: ignore[no-untyped-def]
        import traceback
        traceback.print_exception(_t, exc, tb)
        errors.append(exc)

    monkeypatch.setattr(sys, "excepthook", record)
    db = tmp_path / "demo.pdk"
    shutil.copy(demo_file, db)
    window = build_main_window(db, "en")
    context = window.context
    window.show()
    window.start()
    window.show_view([k for k, *_ in VIEWS].index(key))
    push(context.undo_stack, COMMANDS[key](window))
    window.actions_.undo.trigger()
    if last == "redo":
        window.actions_.redo.trigger()
    assert context.undo_stack.count() == 1
    window.actions_.quit.trigger()  # File → Quit
    assert not window.isVisible()
    end_session(window, context)
    QApplication.processEvents()
    assert errors == []
    assert context.workspace is None  # closed: the next start can open it
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]  # no dialog
