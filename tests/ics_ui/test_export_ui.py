"""File ▸ Export Events (.ics)…: one partner or a date range, written atomically, and the file imports back to the
same events; errors in the dialog; the actions follow the workspace; Arabic mirrors the dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QPushButton
from sqlalchemy import select

from partnerdesk.interop.icalendar_io import read_calendar
from partnerdesk.l10n import translations
from partnerdesk.services.event_import import EventImportService
from partnerdesk.store.models import Event, Partner
from partnerdesk.store.workspace import open_workspace


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path | str) -> list[Any]:
    calls: list[Any] = []

    def fake(*args: Any, **kwargs: Any) -> tuple[str, str]:
        calls.append(args)
        return str(target), "iCalendar files (*.ics)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return calls


def _import(window: Any, ics_path: Any, partner: str | None = None) -> None:
    ws = window.context.ws
    partner_id = None
    if partner:
        with ws.session() as s:
            partner_id = s.scalar(select(Partner.id).where(Partner.name == partner))
    summary = EventImportService(ws).import_file(ics_path("partner_calendar").read_bytes(), partner_id=partner_id,
                                                 default_zone="Asia/Tokyo")
    window.context.hub.announce(summary.changes)


def _open_export(window: Any) -> Any:
    window.actions_.ics.export_events.trigger()
    dialog = window.actions_.ics.dialog
    assert dialog is not None and dialog.objectName() == "exportEventsDialog" and dialog.isVisible()
    return dialog


def _run(dialog: Any, qtbot: Any) -> None:
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=20_000)


def _snapshot(ws: Any, uids: set[str]) -> dict[tuple[str, Any], tuple[Any, ...]]:
    """What a user sees of each event: title, times, zone, all-day, rule, exceptions, reminders."""
    with ws.session() as s:
        rows = s.scalars(select(Event).where(Event.uid.in_(uids)))
        return {(e.uid, e.recurrence_id): (e.title, e.starts_at, e.ends_at, e.time_zone, e.all_day, e.rrule,
                                           sorted(e.exdates or []), sorted(e.reminder_minutes or []), e.kind)
                for e in rows}


def test_export_of_a_partner_writes_a_file_that_imports_back_to_the_same_events(window, qtbot, monkeypatch,
                                                                                 ics_path, tmp_path):  # type: ignore[no-untyped-def]
    window.start()
    ws = window.context.ws
    _import(window, ics_path, partner="Sakura Commerce")
    with ws.session() as s:
        sakura = s.scalar(select(Partner.id).where(Partner.name == "Sakura Commerce"))
        uids = set(s.scalars(select(Event.uid).where(Event.partner_id == sakura, Event.series_id.is_(None))))
    target = tmp_path / "out" / "sakura.ics"
    target.parent.mkdir()
    target.write_bytes(b"old content")  # replaced whole, never left half-written
    calls = _save_as(monkeypatch, target)
    dialog = _open_export(window)
    dialog.set_scope("partner")
    dialog.partner.setCurrentIndex(dialog.partner.findText("Sakura Commerce"))
    _run(dialog, qtbot)
    assert dialog.outcome == "succeeded", dialog.status.text()
    assert Path(calls[0][2]).name == "Events – Sakura Commerce.ics"  # the suggested, translated name
    assert "*.ics" in calls[0][3]
    assert dialog.saved is not None and dialog.saved.events == len(uids)
    assert dialog.done_label.text().startswith(f"Exported {len(uids)} events to")
    assert [p.name for p in target.parent.iterdir()] == ["sakura.ics"]  # no temporary file left behind
    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog.findChild(QPushButton, "openFolderButton").click()
    assert opened == [str(target.parent)]
    data = target.read_bytes()
    assert {r.uid for r in read_calendar(data)} == uids

    # Imported into another workspace, the file gives the same events.
    with open_workspace(tmp_path / "other.pdk") as other:
        summary = EventImportService(other).import_file(data, default_zone="Europe/Lisbon")
        assert summary.created == len(_snapshot(ws, uids))
        assert _snapshot(other, uids) == _snapshot(ws, uids)
    # Imported here again, it changes nothing.
    again = EventImportService(ws).import_file(data)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


def test_export_of_a_date_range(window, qtbot, monkeypatch, ics_path, tmp_path):  # type: ignore[no-untyped-def]
    window.start()
    _import(window, ics_path)
    target = tmp_path / "range"  # no suffix typed: .ics is added
    calls = _save_as(monkeypatch, target)
    dialog = _open_export(window)
    dialog.set_scope("range")
    assert dialog.start_date.isEnabled() and not dialog.partner.isEnabled()
    dialog.start_date.setDate(QDate(2026, 3, 18))
    dialog.end_date.setDate(QDate(2026, 3, 20))
    _run(dialog, qtbot)
    assert dialog.outcome == "succeeded", dialog.status.text()
    assert Path(calls[0][2]).name == "Events 2026-03-18 – 2026-03-20.ics"
    uids = {r.uid for r in read_calendar((tmp_path / "range.ics").read_bytes())}
    assert {"floating-workshop@partners.example", "launch-call@partners.example"} <= uids
    # Mondays 16 and 23 March, 25 March in Osaka, 31 March: outside the days chosen.
    assert not uids & {"weekly-sync-ribeira@partners.example", "quarterly-review-osaka@partners.example",
                       "payment-run@partners.example"}


def test_export_errors_are_shown_and_write_nothing(window, qtbot, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    window.start()
    dialog = _open_export(window)
    # End before start: refused before the save dialog.
    calls = _save_as(monkeypatch, tmp_path / "never.ics")
    dialog.set_scope("range")
    dialog.end_date.setDate(QDate(2026, 5, 1))
    dialog.start_date.setDate(QDate(2026, 5, 10))
    assert dialog.end_date.date() == QDate(2026, 5, 10)  # a later start pulls the end along
    dialog.end_date.setDate(QDate(2026, 5, 1))
    dialog.run_button.click()
    assert not calls and dialog.error_text() == "The end date is before the start date."
    # A folder that does not exist: the translated write error, the dialog stays usable.
    _save_as(monkeypatch, tmp_path / "missing" / "events.ics")
    dialog.set_scope("all")
    _run(dialog, qtbot)
    assert dialog.outcome == "failed"
    assert "could not be written" in dialog.error_text() and "missing" in dialog.error_text()
    assert dialog.run_button.isEnabled() and dialog.options.isEnabled()
    # Nothing in the range: no empty file.
    _save_as(monkeypatch, tmp_path / "empty.ics")
    dialog.set_scope("range")
    dialog.start_date.setDate(QDate(1990, 1, 1))
    dialog.end_date.setDate(QDate(1990, 1, 2))
    _run(dialog, qtbot)
    assert dialog.error_text() == "No events match this choice; no file was written."
    assert not (tmp_path / "empty.ics").exists()
    dialog.close()


def test_actions_are_in_the_file_menu_and_need_a_workspace(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    ics = window.actions_.ics
    file_actions = window.actions_.file_menu.actions()
    names = [a.objectName() for a in file_actions]
    assert names.index("importEventsAction") + 1 == names.index("exportEventsAction")
    assert file_actions.index(window.actions_.back_up) > names.index("exportEventsAction")
    assert ics.import_events.text() == "&Import Events (.ics)…"
    assert not ics.import_events.isEnabled() and not ics.export_events.isEnabled()  # no workspace yet
    assert ics.choose_and_import() is None and ics.open_export() is None
    window.start()
    assert ics.import_events.isEnabled() and ics.export_events.isEnabled()
    window.set_language("ja")
    assert ics.export_events.text() == translations("ja").gettext("E&xport Events (.ics)…") != \
        "E&xport Events (.ics)…"
    window.set_language("en")


def test_arabic_dialogs_are_mirrored_and_translated(window, qtbot, monkeypatch, ics_path) -> None:  # type: ignore[no-untyped-def]
    window.start()
    window.set_language("ar")
    dialog = _open_export(window)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.windowTitle() == translations("ar").gettext("Export Events") != "Export Events"
    dialog.set_scope("partner")
    qtbot.waitExposed(dialog)
    radio = dialog.scope_partner.mapTo(dialog, dialog.scope_partner.rect().center())
    combo = dialog.partner.mapTo(dialog, dialog.partner.rect().center())
    assert radio.x() > combo.x()  # the choice reads from the right, its partner list follows to the left
    assert dialog.run_button.text() == translations("ar").gettext("Export…")
    dialog.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ics_path("partner_calendar")), ""))
    window.actions_.ics.import_events.trigger()
    imp = window.actions_.ics.dialog
    assert imp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitExposed(imp)
    label = imp.options.layout().labelForField(imp.zone)
    assert label.mapTo(imp, label.rect().center()).x() > imp.zone.mapTo(imp, imp.zone.rect().center()).x()
    imp.run_button.click()
    qtbot.waitUntil(lambda: imp.outcome != "", timeout=20_000)
    assert imp.counts["created"].text() == "6"
    assert imp.headline.text().startswith(translations("ar").ngettext(
        "{count} event read from “{name}”:", "{count} events read from “{name}”:", 6).split("{")[0])
    imp.close()


@pytest.mark.parametrize("lang", ["pt", "ja", "it", "el", "ar"])
def test_both_dialogs_open_in_every_language(window, qtbot, monkeypatch, ics_path, lang) -> None:  # type: ignore[no-untyped-def]
    window.start()
    window.set_language(lang)
    tr = translations(lang)
    export = _open_export(window)
    texts = [export.windowTitle(), export.scope_all.text(), export.scope_range.text(), export.scope_partner.text(),
             export.from_label.text(), export.to_label.text()]
    english = ["Export Events", "All events", "Events in a date range", "Events of one partner", "From", "To"]
    assert texts == [tr.gettext(e) for e in english]
    assert all(t != e for t, e in zip(texts, english, strict=True))
    export.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ics_path("broken")), ""))
    window.actions_.ics.import_events.trigger()
    imp = window.actions_.ics.dialog
    assert imp.windowTitle() == tr.gettext("Import Events") != "Import Events"
    assert imp.run_button.text() == tr.gettext("Import") != "Import"
    imp.run_button.click()
    qtbot.waitUntil(lambda: imp.outcome != "", timeout=20_000)
    message = imp.error_text()
    assert "Event with an impossible start" in message and "14" in message
    assert not message.startswith("Nothing was imported")
    if lang == "ar":  # the English title keeps its own direction inside the Arabic sentence
        assert "\u2068Event with an impossible start\u2069" in message
    imp.close()
