"""The calendar as registered in the main window: it replaces the old events table and reminders run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from partnerdesk.ui.views_registry import VIEWS


def test_calendar_view_is_registered_and_reminders_watch(qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.calendar.view import CalendarView

    window = build_main_window(tmp_path / "ws.pdk", "en")
    qtbot.addWidget(window)
    window.show()
    window.start()
    try:
        index = [key for key, *_rest in VIEWS].index("calendar")
        window.show_view(index)
        view = window.current_view()
        assert isinstance(view, CalendarView)
        qtbot.waitUntil(lambda: window.reminders is not None and window.reminders.timer.isActive(), timeout=2000)
        window.close()
        assert not window.reminders.timer.isActive()  # closing the window stops the watch
    finally:
        if window.context.workspace is not None:
            window.context.workspace.close()
            window.context.workspace = None
