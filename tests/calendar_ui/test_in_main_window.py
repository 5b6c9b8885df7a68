"""The calendar as registered in the main window: it replaces the old events table and reminders run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from partnerdesk.ui.views_registry import VIEWS


def _window(qtbot, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    from partnerdesk.ui.app import build_main_window

    window = build_main_window(tmp_path / "ws.pdk", "en")
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def _close(window) -> None:  # type: ignore[no-untyped-def]
    window.close()
    if window.context.workspace is not None:
        window.context.workspace.close()
        window.context.workspace = None


def test_calendar_view_is_registered_and_reminders_watch(qtbot, tmp_path: Path, monkeypatch) -> None:
    from partnerdesk.ui.calendar.view import CalendarView

    window = _window(qtbot, tmp_path, monkeypatch)
    try:
        index = [key for key, *_rest in VIEWS].index("calendar")
        window.show_view(index)
        view = window.current_view()
        assert isinstance(view, CalendarView)
        qtbot.waitUntil(lambda: window.reminders is not None and window.reminders.timer.isActive(), timeout=2000)
        window.close()
        assert not window.reminders.timer.isActive()  # closing the window stops the watch
    finally:
        _close(window)


def test_opening_a_contract_review_shows_the_partners_contract(qtbot, tmp_path: Path, monkeypatch) -> None:
    import datetime as dt

    from partnerdesk.domain.enums import PartnerKind, PartnerStage
    from partnerdesk.domain.occurrence import SourceKind
    from partnerdesk.store import models as m

    window = _window(qtbot, tmp_path, monkeypatch)
    try:
        ws = window.context.ws
        with ws.session() as s, s.begin():
            p = m.Partner(name="Kyma Hotels", kind=PartnerKind.AGENCY, stage=PartnerStage.ACTIVE)
            other = m.Partner(name="Atlas", kind=PartnerKind.LOGISTICS, stage=PartnerStage.ACTIVE)
            s.add_all([other, p])
            s.flush()
            s.add(m.Contract(partner_id=p.id, title="Hotel agreement", start_on=dt.date(2026, 1, 10),
                             end_on=dt.date(2026, 12, 31), review_every_months=2, notice_days=30))
            pid = p.id
        window.show_view([key for key, *_r in VIEWS].index("calendar"))
        view = window.current_view()
        view.reload()
        view.go_to(dt.date(2026, 3, 10))
        view.set_mode("month")
        review = next(o for o in view.model.rows if o.source == SourceKind.CONTRACT_REVIEW)
        view.editor.open(review)
        partners = window.current_view()
        assert partners is window.views[[key for key, *_r in VIEWS].index("partners")]
        assert partners.current_partner_id() == pid
        assert partners.profile.current_section() is partners.profile.contract
    finally:
        _close(window)


def test_opening_a_due_date_opens_the_card_on_the_board(qtbot, tmp_path: Path, monkeypatch) -> None:
    import datetime as dt

    from sqlalchemy import select

    from partnerdesk.domain.occurrence import SourceKind
    from partnerdesk.services.work_items import WorkItemService
    from partnerdesk.store import models as m

    window = _window(qtbot, tmp_path, monkeypatch)
    try:
        ws = window.context.ws
        with ws.session() as s:
            status = s.scalar(select(m.WorkStatus.id).order_by(m.WorkStatus.position))
        WorkItemService(ws).create(status, "Send brand guide", due_at=dt.datetime(2026, 3, 12, 15, tzinfo=dt.UTC),
                                   due_has_time=True)
        window.show_view([key for key, *_r in VIEWS].index("calendar"))
        view = window.current_view()
        view.go_to(dt.date(2026, 3, 10))
        view.set_mode("week")
        due = next(o for o in view.model.rows if o.source == SourceKind.WORK_ITEM)
        view.editor.open(due)
        board = window.current_view()
        assert board is window.views[[key for key, *_r in VIEWS].index("kanban")]
        assert board.card_dialog.isVisible()
        board.card_dialog.reject()
    finally:
        _close(window)
