"""File ▸ Import Events (.ics)… in the real main window: the summary, the rows, a broken file, Cancel."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QPushButton
from sqlalchemy import func, select

from partnerdesk.l10n import translations
from partnerdesk.services.event_import import EventImportService
from partnerdesk.services.listing import counts as listed_counts
from partnerdesk.store.models import Event, Partner
from partnerdesk.ui.views_registry import VIEWS

UIDS = {"weekly-sync-ribeira@partners.example", "quarterly-review-osaka@partners.example",
        "payment-run@partners.example", "floating-workshop@partners.example", "launch-call@partners.example"}


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> list[Any]:
    """Answer the open-file dialog with ``path``; returns the calls it got."""
    calls: list[Any] = []

    def fake(*args: Any, **kwargs: Any) -> tuple[str, str]:
        calls.append(args)
        return str(path), "iCalendar files (*.ics)"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    return calls


def _events(ws: Any, uids: set[str] = UIDS) -> list[Event]:
    with ws.session() as s:
        return list(s.scalars(select(Event).where(Event.uid.in_(uids)).order_by(Event.starts_at)))


def _event_count(ws: Any) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(Event)) or 0)


def _open_import(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, path: Path) -> Any:
    calls = _choose(monkeypatch, path)
    window.actions_.ics.import_events.trigger()
    assert calls and "*.ics" in calls[0][3]  # the chooser offers .ics files
    dialog = window.actions_.ics.dialog
    assert dialog is not None and dialog.isVisible() and dialog.objectName() == "importEventsDialog"
    return dialog


def _run(dialog: Any, qtbot: Any) -> None:
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=20_000)


def test_import_through_the_menu_shows_the_summary_and_adds_the_events(window, qtbot, monkeypatch, ics_path):  # type: ignore[no-untyped-def]
    window.start()
    ws = window.context.ws
    before = _event_count(ws)
    listed = listed_counts(ws)["event"]  # the status bar counts series and single events, not edited occurrences
    announced: list[Any] = []
    window.context.hub.changed.connect(announced.append)
    dialog = _open_import(window, qtbot, monkeypatch, ics_path("partner_calendar"))
    assert dialog.zone.currentText() == "Europe/Lisbon"  # the user's zone by default
    dialog.zone.setCurrentText("Asia/Tokyo")  # the floating workshop was written on an Osaka clock
    _run(dialog, qtbot)
    assert dialog.outcome == "succeeded", dialog.status.text()
    counts = {key: label.text() for key, label in dialog.counts.items()}
    assert counts == {"created": "6", "updated": "0", "skipped": "0", "deleted": "0"}
    assert dialog.headline.text().startswith("6 events read from")
    assert dialog.result_box.isVisible() and not dialog.options.isVisible()

    events = {ev.uid: ev for ev in _events(ws) if ev.recurrence_id is None}
    assert set(events) == UIDS and _event_count(ws) == before + 6
    workshop = events["floating-workshop@partners.example"]
    assert workshop.time_zone == "Asia/Tokyo"
    assert workshop.starts_at.replace(tzinfo=dt.UTC) == dt.datetime(2026, 3, 18, 0, 0, tzinfo=dt.UTC)
    weekly = events["weekly-sync-ribeira@partners.example"]
    assert weekly.rrule.startswith("FREQ=WEEKLY") and weekly.reminder_minutes == [15]
    # One announcement with every new event: open views (calendar, counts) refresh from it.
    created = set().union(*(c.created.get("event", set()) for c in announced))
    assert {ev.id for ev in _events(ws)} <= created
    qtbot.waitUntil(lambda: f"{listed + 5} events" in window.counts_label.text())

    # The Close button closes; importing the same file again changes nothing.
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None
    close.click()
    qtbot.waitUntil(lambda: window.actions_.ics.dialog is None or not dialog.isVisible())
    again = _open_import(window, qtbot, monkeypatch, ics_path("partner_calendar"))
    again.zone.setCurrentText("Asia/Tokyo")
    _run(again, qtbot)
    assert {k: v.text() for k, v in again.counts.items()} == {"created": "0", "updated": "0", "skipped": "6",
                                                               "deleted": "0"}
    assert _event_count(ws) == before + 6
    again.close()


def test_import_for_a_partner_attaches_every_event(window, qtbot, monkeypatch, ics_path):  # type: ignore[no-untyped-def]
    window.start()
    ws = window.context.ws
    dialog = _open_import(window, qtbot, monkeypatch, ics_path("partner_calendar"))
    dialog.partner.setCurrentIndex(dialog.partner.findText("Sakura Commerce"))
    _run(dialog, qtbot)
    with ws.session() as s:
        sakura = s.scalar(select(Partner.id).where(Partner.name == "Sakura Commerce"))
    assert {ev.partner_id for ev in _events(ws)} == {sakura}
    show = dialog.findChild(QPushButton, "showCalendarButton")
    assert show is not None
    show.click()
    assert VIEWS[window.current_index][0] == "calendar"
    assert not dialog.isVisible()


def test_a_broken_file_imports_nothing_and_says_what_failed(window, qtbot, monkeypatch, ics_path):  # type: ignore[no-untyped-def]
    window.start()
    ws = window.context.ws
    before = _event_count(ws)
    dialog = _open_import(window, qtbot, monkeypatch, ics_path("broken"))
    _run(dialog, qtbot)
    assert dialog.outcome == "failed"
    message = dialog.error_text()
    assert message.startswith("Nothing was imported")
    assert "event 2" in message and "line 14" in message and "Event with an impossible start" in message
    assert "DTSTART" in message
    assert _event_count(ws) == before  # not even the good first event
    assert dialog.options.isEnabled() and dialog.run_button.isEnabled()  # another zone or file can be tried
    dialog.close()


def test_the_error_is_in_the_ui_language(window, qtbot, monkeypatch, ics_path):  # type: ignore[no-untyped-def]
    window.start()
    window.set_language("pt")
    dialog = _open_import(window, qtbot, monkeypatch, ics_path("broken"))
    assert dialog.windowTitle() == translations("pt").gettext("Import Events") != "Import Events"
    _run(dialog, qtbot)
    message = dialog.error_text()
    assert message and not message.startswith("Nothing was imported")
    assert "Event with an impossible start" in message
    dialog.close()


def test_an_unknown_zone_is_refused_and_nothing_is_imported(window, qtbot, monkeypatch, ics_path):  # type: ignore[no-untyped-def]
    window.start()
    before = _event_count(window.context.ws)
    dialog = _open_import(window, qtbot, monkeypatch, ics_path("partner_calendar"))
    dialog.zone.setCurrentText("Mars/Olympus_Mons")
    _run(dialog, qtbot)
    assert "Mars/Olympus_Mons" in dialog.error_text() and "not a known time zone" in dialog.error_text()
    assert _event_count(window.context.ws) == before
    dialog.close()


def test_cancel_rolls_the_import_back(window, qtbot, monkeypatch, ics_path):  # type: ignore[no-untyped-def]
    window.start()
    ws = window.context.ws
    before = _event_count(ws)
    original = EventImportService.import_records
    reached, release = threading.Event(), threading.Event()

    def held_before_commit(self: Any, records: Any, *, progress: Any = None, **kwargs: Any) -> Any:
        def gate(done: int, total: int) -> None:
            if done == total:  # every event is written in the transaction; the commit is next
                reached.set()
                release.wait(10)
            progress(done, total)

        return original(self, records, progress=gate, **kwargs)

    monkeypatch.setattr(EventImportService, "import_records", held_before_commit)
    dialog = _open_import(window, qtbot, monkeypatch, ics_path("partner_calendar"))
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=20_000)
    assert dialog.progress.isVisible() and not dialog.options.isEnabled()
    dialog.cancel_button().click()
    assert dialog.isVisible()  # the first Cancel stops the import, the dialog stays to say so
    release.set()
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=20_000)
    assert dialog.outcome == "cancelled"
    assert dialog.status.text() == "Import cancelled. Nothing was imported."
    assert _events(ws) == [] and _event_count(ws) == before
    dialog.close()


def test_closing_the_window_during_an_import_cancels_it_first(window, qtbot, monkeypatch, ics_path):  # type: ignore[no-untyped-def]
    window.start()
    ws = window.context.ws
    original = EventImportService.import_records
    reached, release = threading.Event(), threading.Event()

    def held(self: Any, records: Any, *, progress: Any = None, **kwargs: Any) -> Any:
        def gate(done: int, total: int) -> None:
            reached.set()
            release.wait(10)
            progress(done, total)

        return original(self, records, progress=gate, **kwargs)

    monkeypatch.setattr(EventImportService, "import_records", held)
    dialog = _open_import(window, qtbot, monkeypatch, ics_path("partner_calendar"))
    dialog.run_button.click()
    qtbot.waitUntil(reached.is_set, timeout=20_000)
    dialog.close()
    assert dialog.isVisible()  # waits for the worker to stop
    outcomes: list[str] = []
    dialog.finished.connect(lambda _result: outcomes.append(dialog.outcome))
    release.set()
    qtbot.waitUntil(lambda: window.actions_.ics.dialog is None, timeout=20_000)  # closed, then deleted
    assert outcomes == ["cancelled"]
    assert _events(ws) == []


def test_no_file_chosen_opens_nothing(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    window.start()
    _choose(monkeypatch, "")
    window.actions_.ics.import_events.trigger()
    assert window.actions_.ics.dialog is None
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "importEventsDialog"]


def test_dropping_an_ics_file_on_the_window_opens_the_import(window, qtbot, ics_path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    def mime(path: Path) -> QMimeData:
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(path))])
        return data

    def drag(path: Path) -> bool:
        data = mime(path)  # the event only points at it: keep it alive
        event = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, data,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, event)
        return event.isAccepted()

    assert not drag(ics_path("partner_calendar"))  # no workspace open yet
    window.start()
    assert drag(ics_path("partner_calendar"))
    assert not drag(Path(__file__))  # only .ics files
    data = mime(ics_path("partner_calendar"))
    drop = QDropEvent(QPointF(window.rect().center()), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    dialog = window.actions_.ics.dialog
    assert dialog is not None and dialog.path == ics_path("partner_calendar") and dialog.isVisible()
    dialog.close()
