"""File ▸ Import KPI Values… in the real main window: preview, import off the UI thread, re-import, mapping."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from partnerdesk.domain.periods import Period
from partnerdesk.services.kpi_values import KpiService
from partnerdesk.store.models import Partner
from partnerdesk.ui.performance import clock

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 12, 10)


@pytest.fixture
def window(demo_window, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    demo_window.start()
    return demo_window


def _partner(window, name: str) -> int:  # type: ignore[no-untyped-def]
    with window.context.ws.session() as s:
        return s.scalar(select(Partner.id).where(Partner.name == name))


def _open(window, qtbot, monkeypatch, path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    action = window.actions_.performance.import_kpis
    assert action in window.actions_.file_menu.actions() and action.isEnabled()
    action.trigger()
    dialog = window.actions_.performance.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_ga4_import_preview_import_and_reimport(window, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ventura = _partner(window, "Studio Ventura SEO")
    KpiService(window.context.ws).set_traffic_sources(ventura, ["studioventura"])
    path = tmp_path / "ga4_en.csv"
    shutil.copy(FIXTURES / "ga4_en.csv", path)
    dialog = _open(window, qtbot, monkeypatch, path)
    assert not dialog.import_button.isEnabled()
    dialog.preview_button.click()
    assert dialog.plan is not None and dialog.plan.count("new") == 3
    assert "3 new values" in dialog.summary.text() and "4 rows not matched" in dialog.summary.text()
    assert dialog.plan_table.rowCount() == 3 + 4
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.actions_.performance.dialog is None, timeout=10_000)
    assert KpiService(window.context.ws).entry(ventura, "traffic", Period.parse("2026-10")).value == 2100
    # Same file again: nothing to import.
    dialog = _open(window, qtbot, monkeypatch, path)
    dialog.preview_button.click()
    assert "Nothing to import" in dialog.summary.text() and not dialog.import_button.isEnabled()
    dialog.reject()


def test_bad_file_says_why_and_saves_nothing(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, qtbot, monkeypatch, FIXTURES / "ga4_nodates.csv")
    dialog.preview_button.click()
    assert "Start date" in dialog.summary.text() and "Nothing was imported" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_mapped_csv_is_offered_again_for_the_partner(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rota = _partner(window, "Rota Sul Logística")
    dialog = _open(window, qtbot, monkeypatch, FIXTURES / "logistics_pt.csv")
    dialog.partner.setCurrentIndex(dialog.partner.findData(rota))
    dialog.set_column_role(2, "kpi:cs_response_hours")
    dialog.preview_button.click()
    assert dialog.plan is not None and {v.key for v in dialog.plan.values} == {"logistics_on_time",
                                                                             "cs_response_hours"}
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.actions_.performance.dialog is None, timeout=10_000)
    again = _open(window, qtbot, monkeypatch, FIXTURES / "logistics_pt.csv")
    again.partner.setCurrentIndex(again.partner.findData(rota))
    assert again.current_mapping().columns == {1: "logistics_on_time", 2: "cs_response_hours"}
    assert "last time" in again.mapping_label.text()
    again.reject()
