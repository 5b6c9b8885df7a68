from __future__ import annotations

import datetime as dt

import pytest

from partnerdesk.domain.errors import NotFoundError
from partnerdesk.domain.kpi import KpiStatus
from partnerdesk.domain.periods import Period
from partnerdesk.services import kpis

D = dt.date
TODAY = D(2026, 11, 16)  # 16 of 30 November days gone


def test_scorecard_for_a_finished_month(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    pid = kpi_ws.partner("Vitrine Paulista")
    for month, traffic in (("2025-10", 800), ("2026-09", 900), ("2026-10", 1000)):
        kpi_ws.value(pid, "traffic", month, traffic, 1000 if month == "2026-09" else None)
    kpi_ws.value(pid, "cs_response_hours", "2026-10", 14.0, 12.0)
    card = kpis.scorecard(kpi_ws.ws, pid, Period.parse("2026-10"), today=TODAY)
    traffic = card.tile("traffic")
    assert traffic is not None
    assert (traffic.value, traffic.previous, traffic.last_year) == (1000, 900, 800)
    assert traffic.target == 1000  # carried forward from September
    assert traffic.status == KpiStatus.ON_TRACK and not traffic.assessment.paced
    assert traffic.vs_previous == pytest.approx(1 / 9) and traffic.vs_last_year == pytest.approx(0.25)
    assert len(traffic.history) == 12 and traffic.history[-2:] == (900, 1000)
    hours = card.tile("cs_response_hours")
    assert hours is not None and hours.status == KpiStatus.AT_RISK  # 14 h against 12 h: 16.7 % worse
    assert card.worst == KpiStatus.AT_RISK
    assert [t.key for t in card.needing_attention] == ["cs_response_hours"]
    assert traffic.stored is not None and not traffic.computed


def test_running_month_is_paced(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    pid = kpi_ws.partner("Studio Ventura")
    kpi_ws.value(pid, "traffic", "2026-11", 480, 1000)  # target pro-rated to 16/30 = 533
    card = kpis.scorecard(kpi_ws.ws, pid, Period.parse("2026-11"), today=TODAY)
    tile = card.tile("traffic")
    assert tile is not None and tile.assessment.paced
    assert tile.assessment.compared_with == pytest.approx(1000 * 16 / 30)
    assert tile.status == KpiStatus.BEHIND
    assert kpis.default_period(kpi_ws.ws, TODAY) == Period.parse("2026-11")


def test_derived_kpis_are_computed_from_inputs(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    pid = kpi_ws.partner("Mercado Sul")
    kpi_ws.value(pid, "traffic", "2026-10", 2000)
    kpi_ws.value(pid, "conversions", "2026-10", 50)
    kpi_ws.value(pid, "conversion_rate", "2026-10", 0.9, 0.03)  # a typed value is overridden by the inputs
    kpi_ws.value(pid, "revenue", "2026-10", 6000)
    kpi_ws.payment(pid, "INV-1", D(2026, 10, 10), D(2026, 10, 9), 1500)
    kpi_ws.payment(pid, "INV-2", D(2026, 10, 20), D(2026, 10, 25), 500)
    card = kpis.scorecard(kpi_ws.ws, pid, Period.parse("2026-10"), today=TODAY)
    rate, roi = card.tile("conversion_rate"), card.tile("roi")
    assert rate is not None and rate.value == pytest.approx(0.025) and rate.computed and rate.target == 0.03
    assert rate.status == KpiStatus.AT_RISK
    assert roi is not None and roi.value == pytest.approx((6000 - 2000) / 2000) and roi.computed
    paid = card.tile("our_payments_on_time")
    assert paid is not None and paid.value == 0.5 and paid.computed and paid.status == KpiStatus.AT_RISK


def test_derived_kpi_falls_back_to_stored_value(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    pid = kpi_ws.partner("Nordic Parcel")
    kpi_ws.value(pid, "roi", "2026-10", 1.2, 1.5)
    tile = kpis.scorecard(kpi_ws.ws, pid, Period.parse("2026-10"), today=TODAY).tile("roi")
    assert tile is not None and tile.value == 1.2 and not tile.computed and tile.status == KpiStatus.AT_RISK


def test_our_side_work_and_quarter(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    pid = kpi_ws.partner("Kanto Logistics")
    kpi_ws.work(pid, "Send feed", D(2026, 10, 5), D(2026, 10, 4))
    kpi_ws.work(pid, "Fix GTINs", D(2026, 10, 9), None)
    for month, value in (("2026-07", 100), ("2026-08", 200), ("2026-09", 300)):
        kpi_ws.value(pid, "traffic", month, value, 200)
    card = kpis.scorecard(kpi_ws.ws, pid, Period.parse("2026-10"), today=TODAY)
    work = card.tile("our_work_on_time")
    assert work is not None and work.value == 0.5 and work.computed
    q3 = kpis.scorecard(kpi_ws.ws, pid, Period.parse("2026-Q3"), today=TODAY).tile("traffic")
    assert q3 is not None and q3.value == 600 and q3.target == 600 and q3.status == KpiStatus.ON_TRACK


def test_partners_needing_attention(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    good, late, risky = (kpi_ws.partner(n) for n in ("Good", "Late", "Risky"))
    kpi_ws.value(good, "traffic", "2026-10", 1000, 1000)
    kpi_ws.value(late, "traffic", "2026-10", 950, 1000)
    kpi_ws.value(risky, "traffic", "2026-10", 500, 1000)
    kpi_ws.value(risky, "logistics_on_time", "2026-10", 0.93, 0.95)
    found = kpis.partners_needing_attention(kpi_ws.ws, Period.parse("2026-10"), today=TODAY)
    assert [(a.partner_name, a.worst) for a in found] == [("Risky", KpiStatus.AT_RISK), ("Late", KpiStatus.BEHIND)]
    assert [t.key for t in found[0].tiles] == ["traffic", "logistics_on_time"]
    only_risk = kpis.partners_needing_attention(kpi_ws.ws, Period.parse("2026-10"), today=TODAY,
                                                include_behind=False)
    assert [a.partner_name for a in only_risk] == ["Risky"] and len(only_risk[0].tiles) == 1


def test_unknown_partner_is_a_translated_error(kpi_ws) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        kpis.scorecard(kpi_ws.ws, 999, Period.parse("2026-10"), today=TODAY)


def test_formatting_per_locale() -> None:
    from partnerdesk.domain.enums import KpiUnit

    assert kpis.format_kpi_value(0.025, KpiUnit.PERCENT, lang="en") == "2.5%"
    assert kpis.format_kpi_value(0.025, KpiUnit.PERCENT, lang="pt") == "2,5%"
    assert kpis.format_kpi_value(12345, KpiUnit.COUNT, lang="it") == "12.345"
    assert kpis.format_kpi_value(12.5, KpiUnit.HOURS, lang="en") == "12.5 hrs"
    assert kpis.format_kpi_value(None, KpiUnit.COUNT) == "—"
