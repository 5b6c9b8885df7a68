"""The Performance view and the Performance tab, reached through the real main window on the demo workspace."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from partnerdesk.domain.kpi import KpiStatus
from partnerdesk.domain.periods import Period
from partnerdesk.l10n import translations
from partnerdesk.store.models import WorkItem
from partnerdesk.ui.performance import clock
from partnerdesk.ui.performance.entry_grid import TARGET, VALUE
from partnerdesk.ui.views_registry import VIEWS

DEMO_TODAY = dt.date(2026, 3, 2)  # tests/conftest.py builds the demo for this day
FEB, JAN = Period.parse("2026-02"), Period.parse("2026-01")
KEYS = [key for key, *_rest in VIEWS]


@pytest.fixture
def window(demo_window, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: DEMO_TODAY)
    demo_window.start()
    return demo_window


def _matrix(window, qtbot):  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(KEYS.index("performance"))  # the navigation list, as a user clicks it
    view = window.current_view()
    assert view.objectName() == "performanceView"
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.loading, timeout=10_000)
    return view


def _column(view, key: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, info in enumerate(view.model.columns) if info.key == key)


def test_matrix_shows_partners_by_kpi_with_filters_and_periods(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _matrix(window, qtbot)
    model = view.model
    assert view.current_period() == FEB  # the last month with values (March has none yet)
    assert model.rowCount() == 10 and model.columnCount() >= 6
    traffic = _column(view, "traffic")
    first = model.index(0, traffic).data()
    assert first and first != "—"
    view.step(-1)
    assert view.current_period() == JAN and model.index(0, traffic).data() != first
    view.step(1)
    # Only partners with a KPI at risk, worst first.
    view.status.setCurrentIndex(view.status.findData(KpiStatus.AT_RISK.value))
    at_risk = model.rowCount()
    assert 0 < at_risk <= 10
    assert all(any(model.status(r, c) == KpiStatus.AT_RISK for c in range(model.columnCount()))
               for r in range(at_risk))
    view.status.setCurrentIndex(0)
    view.worst.setChecked(True)
    severities = [model.worst_severity(model.partner_id(r)) for r in range(model.rowCount())]
    assert severities == sorted(severities, reverse=True)
    view.kind.setCurrentIndex(view.kind.findData("logistics"))
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert names and "Rota Sul Logística" in names and "Atlântico Digital" not in names
    # A cell's tooltip says the rule in plain words.
    assert "better" in model.index(0, traffic).data(Qt.ItemDataRole.ToolTipRole)


def test_compare_last_year_export_and_print(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _matrix(window, qtbot)
    view.compare.setCurrentIndex(view.compare.findData("year"))
    assert view.model.compare_last_year
    path = tmp_path / "matrix.csv"
    view.write_csv(str(path))
    text = path.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Partner,Traffic,Traffic status")
    assert "Vitrine Paulista" in text and "At risk" in text
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    pdf = tmp_path / "matrix.pdf"
    printer.setOutputFileName(str(pdf))
    view.paint_to(printer)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def test_double_click_opens_the_partner_performance_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _matrix(window, qtbot)
    view.step(-1)
    index = view.model.index(2, 0)
    partner_id = index.data(Qt.ItemDataRole.UserRole + 2)
    view.table.doubleClicked.emit(index)
    partners = window.current_view()
    assert window.current_index == KEYS.index("partners") and partners.current_partner_id() == partner_id
    tab = partners.profile.performance
    assert partners.profile.current_section() is tab
    qtbot.waitUntil(lambda: tab.card is not None and tab.card.partner_id == partner_id)
    assert tab.period == JAN
    assert {t.key for t in tab.card.tiles} >= {"traffic", "conversion_rate"}
    assert [t.key for t in tab.card.our_side] == ["our_payments_on_time", "our_work_on_time", "our_interactions",
                                                  "our_trainings"]
    assert tab.chart.has_chart()


def _tab(window, qtbot, name: str = "Vitrine Paulista"):  # type: ignore[no-untyped-def]
    window.show_view(KEYS.index("partners"))
    partners = window.current_view()
    qtbot.waitUntil(lambda: partners.model.rowCount() > 0)
    pid = next(partners.model.row(r).id for r in range(partners.model.rowCount())
               if partners.model.row(r).name == name)
    partners.select_partner(pid)
    tab = partners.profile.performance
    partners.profile.show_section(tab)
    qtbot.waitUntil(lambda: tab.card is not None and tab.card.partner_id == pid)
    return tab, pid


def test_edit_values_in_the_grid_with_undo_and_bad_input(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tab, pid = _tab(window, qtbot)
    tab.select_kpi("traffic")
    grid = tab.grid_model
    assert grid.periods[0] == FEB
    before = tab.card.tile("traffic").value
    assert grid.setData(grid.index(0, VALUE), "99999")
    qtbot.waitUntil(lambda: tab.card.tile("traffic").value == 99999)
    assert "Traffic" in window.actions_.undo.text()
    window.actions_.undo.trigger()
    qtbot.waitUntil(lambda: tab.card.tile("traffic").value == before)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    tab.select_kpi("logistics_on_time")
    assert not tab.grid_model.setData(tab.grid_model.index(0, TARGET), "abc")
    assert not tab.grid_model.setData(tab.grid_model.index(0, TARGET), "250")  # 250 %
    assert warnings == ["“abc” is not a number.", "A percentage cannot be over 100 %."]
    # A target for the coming month is fine; percent KPIs take points: "3" means 3 %.
    tab.set_period(Period.parse("2026-04"))
    tab.select_kpi("logistics_on_time")
    assert tab.grid_model.periods[0] == Period.parse("2026-04")
    assert tab.grid_model.setData(tab.grid_model.index(0, TARGET), "3")
    qtbot.waitUntil(lambda: tab.card.tile("logistics_on_time").target == pytest.approx(0.03))


def test_create_a_card_and_freeze_for_review(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab, pid = _tab(window, qtbot, "Atlântico Digital")
    risky = next(t for t in tab.card.tiles if t.status == KpiStatus.AT_RISK)
    tab.select_kpi(risky.key)
    assert tab.card_button.isEnabled()
    tab.card_button.click()
    with window.context.ws.session() as s:
        titles = list(s.scalars(select(WorkItem.title).where(WorkItem.partner_id == pid,
                                                             WorkItem.deleted_at.is_(None))))
    expected = f"{risky.kpi.label} {'below' if risky.kpi.direction.value == 'higher' else 'above'} target — " \
               f"Atlântico Digital (Feb)"
    assert expected in titles
    window.actions_.undo.trigger()
    with window.context.ws.session() as s:
        assert expected not in list(s.scalars(select(WorkItem.title).where(WorkItem.deleted_at.is_(None))))
    on_track = next((t for t in tab.card.tiles if t.status == KpiStatus.ON_TRACK), None)
    if on_track is not None:
        tab.select_kpi(on_track.key)
        assert not tab.card_button.isEnabled()
    # Freeze, then change a value of that period: the difference shows.
    tab.freeze_button.click()
    qtbot.waitUntil(lambda: tab.snapshot_label.isVisible())
    assert "Nothing changed" in tab.snapshot_label.text()
    tab.select_kpi("traffic")
    assert tab.grid_model.setData(tab.grid_model.index(0, VALUE), "1234")
    qtbot.waitUntil(lambda: "Changed since" in tab.snapshot_label.text())
    assert "Traffic" in tab.snapshot_label.text() and "1,234" in tab.snapshot_label.text()


def test_traffic_sources_are_saved_and_undoable(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.models import Partner

    tab, pid = _tab(window, qtbot, "Studio Ventura SEO")
    tab.sources.setText("studioventura, instagram / partner-coop")
    tab.sources.editingFinished.emit()
    with window.context.ws.session() as s:
        assert s.get(Partner, pid).traffic_sources == ["studioventura", "instagram / partner-coop"]
    window.actions_.undo.trigger()
    with window.context.ws.session() as s:
        assert s.get(Partner, pid).traffic_sources == []


@pytest.mark.parametrize("lang", ["pt", "ja", "it", "el", "ar"])
def test_view_and_tab_in_every_language(window, qtbot, lang) -> None:  # type: ignore[no-untyped-def]
    _matrix(window, qtbot)
    window.set_language(lang)
    view = window.current_view()  # views are built again in the new language
    tr = translations(lang).gettext
    assert window.nav.item(KEYS.index("performance")).text() == tr("Performance") != "Performance"
    assert view.worst.text() == tr("Worst status first") != "Worst status first"
    assert view.model.headerData(_column(view, "traffic"), Qt.Orientation.Horizontal) == tr("Traffic")
    assert view.isRightToLeft() == (lang == "ar")
    if lang == "ar":
        assert view.previous_button.text() == "▶"  # the earlier period is on the right
    tab, _pid = _tab(window, qtbot)
    assert tab.freeze_button.text() == tr("Freeze for review")
    assert tab.card.tile("traffic").kpi.label == tr("Traffic")
    assert tab.chart.isRightToLeft() == (lang == "ar")
    image = window.grab()
    assert not image.isNull()


def test_kpi_definitions_add_rename_tolerance_and_kind_defaults(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.models import KpiDefinition

    view = _matrix(window, qtbot)
    dialog = view.edit_definitions()
    assert dialog.isVisible()
    keys = [d["key"] for d in dialog.defs]
    dialog.list.setCurrentRow(keys.index("cs_response_hours"))
    assert dialog.name.placeholderText() == "Customer-service response time"
    dialog.name.setText("Ticket response time")
    dialog.tolerance.setValue(25)
    assert dialog.save()
    with window.context.ws.session() as s:
        d = s.scalar(select(KpiDefinition).where(KpiDefinition.key == "cs_response_hours"))
        assert (d.name, d.tolerance) == ("Ticket response time", 0.25)
    qtbot.waitUntil(lambda: not view.loading, timeout=10_000)
    col = _column(view, "cs_response_hours")
    assert view.model.headerData(col, Qt.Orientation.Horizontal) == "Ticket response time"
    window.actions_.undo.trigger()
    with window.context.ws.session() as s:
        assert s.scalar(select(KpiDefinition.name).where(KpiDefinition.key == "cs_response_hours")) == ""
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    assert not dialog.create_kpi("Bad Key")
    assert warnings and "lower-case" in warnings[0]
    assert dialog.create_kpi("returns_rate")
    dialog.list.setCurrentRow(len(dialog.defs) - 1)
    dialog.kinds["logistics"].setChecked(True)
    dialog.unit.setCurrentIndex(dialog.unit.findData("percent"))
    dialog.direction.setCurrentIndex(dialog.direction.findData("lower"))
    assert dialog.save()
    tab, _pid = _tab(window, qtbot, "Rota Sul Logística")
    assert tab.card.tile("returns_rate") is not None  # a logistics partner gets it by default
    dialog.close()


def test_quarter_is_rolled_up_and_edited_month_by_month(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tab, _pid = _tab(window, qtbot)
    tab.set_period(Period.parse("2025-Q4"))
    assert tab.card.tile("traffic").value == sum(  # the quarter adds up October to December
        tab.data.value(tab.partner_id, tab.card.tile("traffic").kpi, Period.parse(m)) for m in
        ("2025-10", "2025-11", "2025-12"))
    tab.select_kpi("traffic")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    assert not tab.grid_model.flags(tab.grid_model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable
    assert not tab.grid_model.setData(tab.grid_model.index(0, VALUE), "5")
    assert warnings == ["This quarter adds up its months: edit the months instead."]
