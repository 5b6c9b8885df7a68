"""KPI import: GA4 exports in three interface languages, our own CSV, mapped CSVs remembered per partner,
evidence, re-import as a no-op, and bad input refused with the line named and nothing saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.domain.periods import Period
from partnerdesk.interop.kpi_csv import CsvMapping, write_kpi_csv
from partnerdesk.interop.kpi_numbers import KpiFileError, parse_number, parse_period
from partnerdesk.services import kpi_import
from partnerdesk.services.kpi_import import KpiImportService, plan_csv, plan_file
from partnerdesk.services.kpi_values import KpiService

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 12, 10)
OCT, NOV, SEP = (Period.parse(p) for p in ("2026-10", "2026-11", "2026-09"))


@pytest.fixture
def partners(kpi_ws):  # type: ignore[no-untyped-def]
    ventura = kpi_ws.partner("Studio Ventura", traffic_sources=["studioventura"])
    coop = kpi_ws.partner("Coop Social", kind=PartnerKind.SEO_MARKETING,
                          traffic_sources=["instagram / partner-coop"])
    return kpi_ws, ventura, coop


def _values(ws, pid, period):  # type: ignore[no-untyped-def]
    service = KpiService(ws)
    return {k: service.entry(pid, k, period).value for k in ("traffic", "conversions", "revenue")}


def test_ga4_english_attributes_rows_and_lists_unmatched(partners) -> None:  # type: ignore[no-untyped-def]
    kpi_ws, ventura, coop = partners
    plan = plan_file(kpi_ws.ws, FIXTURES / "ga4_en.csv", today=TODAY)
    assert (plan.kind, plan.report_start, plan.report_end) == ("ga4", dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert {(v.partner_name, v.key, v.value) for v in plan.values} == {
        ("Studio Ventura", "traffic", 2100), ("Studio Ventura", "conversions", 61),
        ("Studio Ventura", "revenue", 3900.25), ("Coop Social", "traffic", 900), ("Coop Social", "conversions", 12),
        ("Coop Social", "revenue", 450)}
    # The grand total (with and without its label) and the second "Date" table are not sources.
    assert [u.text for u in plan.unmatched] == ["google / organic", "l.instagram.com / referral",
                                                "(direct) / (none)"]
    changes = KpiImportService(kpi_ws.ws).apply(plan)
    assert len(changes.ids("kpi_value")) == 6
    assert _values(kpi_ws.ws, ventura, OCT) == {"traffic": 2100, "conversions": 61, "revenue": 3900.25}
    evidence = KpiService(kpi_ws.ws).entry(ventura, "traffic", OCT).evidence
    assert evidence is not None and evidence["file"] == "ga4_en.csv" and evidence["rows"] == [13]
    assert len(evidence["sha256"]) == 64 and evidence["report_start"] == "2026-10-01"
    # The same file again: everything unchanged, nothing written.
    again = plan_file(kpi_ws.ws, FIXTURES / "ga4_en.csv", today=TODAY)
    assert again.count("same") == 6 and not again.writes
    assert not KpiImportService(kpi_ws.ws).apply(again)


def test_ga4_portuguese_and_japanese_headers(partners) -> None:  # type: ignore[no-untyped-def]
    kpi_ws, ventura, coop = partners
    for name in ("ga4_pt.csv", "ga4_ja.csv"):
        KpiImportService(kpi_ws.ws).apply(plan_file(kpi_ws.ws, FIXTURES / name, lang="pt", today=TODAY))
    assert _values(kpi_ws.ws, ventura, NOV) == {"traffic": 1500, "conversions": 40, "revenue": 2500.5}
    assert _values(kpi_ws.ws, coop, NOV)["traffic"] == 700
    assert _values(kpi_ws.ws, ventura, SEP) == {"traffic": 1200, "conversions": 30, "revenue": 2100.5}


def test_ga4_for_one_partner_with_a_source_pattern(partners) -> None:  # type: ignore[no-untyped-def]
    kpi_ws, ventura, _coop = partners
    plan = plan_file(kpi_ws.ws, FIXTURES / "ga4_en.csv", partner_id=ventura, source="instagram", today=TODAY)
    traffic = [v for v in plan.values if v.key == "traffic"]
    assert [(v.partner_name, v.value, v.lines) for v in traffic] == [("Studio Ventura", 1200, (14, 15))]


def test_bad_ga4_exports_are_refused(partners, tmp_path) -> None:  # type: ignore[no-untyped-def]
    kpi_ws, _v, _c = partners
    with pytest.raises(KpiFileError, match="Start date"):
        plan_file(kpi_ws.ws, FIXTURES / "ga4_nodates.csv", today=TODAY)
    bad = tmp_path / "bad.csv"
    bad.write_text((FIXTURES / "ga4_en.csv").read_text().replace("2100,1500,61", "lots,1500,61"))
    with pytest.raises(KpiFileError, match="Line 13") as err:
        plan_file(kpi_ws.ws, bad, today=TODAY)
    assert "lots" in err.value.message and "Sessions" in err.value.message
    future = tmp_path / "future.csv"
    future.write_text((FIXTURES / "ga4_en.csv").read_text().replace("2026", "2027"))
    with pytest.raises(KpiFileError, match="not started"):
        plan_file(kpi_ws.ws, future, today=TODAY)


def test_own_csv_round_trip_and_bad_rows(partners, tmp_path) -> None:  # type: ignore[no-untyped-def]
    kpi_ws, ventura, coop = partners
    data = write_kpi_csv([("Studio Ventura", "2026-10", "conversion_rate", 0.021, 0.025, "after promo"),
                          ("Coop Social", "2026-10", "Tráfego", 1234.0, None, ""),
                          ("Nobody Ltd", "2026-10", "traffic", 5.0, None, "")])
    path = tmp_path / "kpis.csv"
    path.write_bytes(data)
    plan = plan_file(kpi_ws.ws, path, today=TODAY)
    assert {(v.partner_name, v.key, v.value, v.target) for v in plan.values} == {
        ("Studio Ventura", "conversion_rate", 0.021, 0.025), ("Coop Social", "traffic", 1234.0, None)}
    assert [(u.line, u.text) for u in plan.unmatched] == [(4, "Nobody Ltd")]
    KpiImportService(kpi_ws.ws).apply(plan)
    assert KpiService(kpi_ws.ws).entry(ventura, "conversion_rate", OCT).note == "after promo"
    over = tmp_path / "over.csv"
    over.write_bytes(write_kpi_csv([("Studio Ventura", "2026-09", "traffic", 10.0, None, ""),
                                    ("Studio Ventura", "2026-09", "conversion_rate", 250.0, None, "")]))
    with pytest.raises(KpiFileError, match="Line 3.*100"):
        plan_file(kpi_ws.ws, over, today=TODAY)
    assert KpiService(kpi_ws.ws).entry(ventura, "traffic", SEP).value is None  # nothing saved


def test_mapped_csv_in_portuguese_is_remembered_per_partner(partners) -> None:  # type: ignore[no-untyped-def]
    kpi_ws, ventura, coop = partners
    data = (FIXTURES / "logistics_pt.csv").read_bytes()
    first = kpi_import.csv_preview(kpi_ws.ws, data, ventura)
    assert not first.remembered and first.mapping.period == 0
    assert first.mapping.columns == {1: "logistics_on_time"}  # recognised by its Portuguese name
    mapping = CsvMapping(period=0, columns={1: "logistics_on_time", 2: "cs_response_hours"})
    plan = plan_csv(kpi_ws.ws, data, "logistics_pt.csv", mapping, partner_id=ventura, lang="pt", today=TODAY)
    on_time = {v.period.key: v.value for v in plan.values if v.key == "logistics_on_time"}
    assert on_time == {"2026-10": pytest.approx(0.955), "2026-11": pytest.approx(0.97)}  # days averaged
    hours = {v.period.key: v.value for v in plan.values if v.key == "cs_response_hours"}
    assert hours == {"2026-10": pytest.approx(12.0), "2026-11": 10}
    KpiImportService(kpi_ws.ws).apply(plan)
    again = kpi_import.csv_preview(kpi_ws.ws, data, ventura)
    assert again.remembered and again.mapping.columns == {1: "logistics_on_time", 2: "cs_response_hours"}
    assert not kpi_import.csv_preview(kpi_ws.ws, data, coop).remembered  # per partner


def test_numbers_and_periods_per_locale() -> None:
    assert parse_number("1.234,5", "pt") == 1234.5
    assert parse_number("1.234,5", "it") == 1234.5
    assert parse_number("1.234,5", "el") == 1234.5
    assert parse_number("1,234.5", "en") == 1234.5
    assert parse_number("١٢٣٫٥", "ar") == 123.5
    assert parse_number("1234.5", "pt", machine_first=True) == 1234.5
    with pytest.raises(ValueError):
        parse_number("lots", "en")
    assert parse_period("2026-11-05") == parse_period("20261105") == parse_period("05/11/2026") == NOV
    assert parse_period("11/2026") == parse_period("202611") == NOV
    assert parse_period("2026-Q4").key == "2026-Q4"
