from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.domain.enums import KpiDirection, KpiUnit
from partnerdesk.domain.kpi import (
    KpiStatus,
    aggregate,
    assess,
    attainment,
    change,
    conversion_rate,
    derive,
    is_improvement,
    kpi_label,
    paced_target,
    roi,
    rule_text,
    status,
    trend,
)
from partnerdesk.domain.periods import Granularity, Period, period_for_range

HIGHER, LOWER = KpiDirection.HIGHER, KpiDirection.LOWER


def test_conversion_rate_and_roi() -> None:
    assert conversion_rate(30, 1200) == 0.025
    assert conversion_rate(5, 0) is None
    assert roi(15000, 10000) == 0.5
    assert roi(100, 0) is None
    assert derive("conversion_rate", {"conversions": 30, "traffic": 1200}) == 0.025
    assert derive("roi", {"revenue": 15000, "cost": 10000}) == 0.5
    assert derive("roi", {"revenue": 15000}) is None  # no cost: not computed
    assert derive("traffic", {"traffic": 3}) is None  # not a derived KPI


def test_status_higher_is_better_with_tolerance() -> None:
    assert status(100, 100, HIGHER) == KpiStatus.ON_TRACK
    assert status(120, 100, HIGHER) == KpiStatus.ON_TRACK
    assert status(95, 100, HIGHER) == KpiStatus.BEHIND
    assert status(90, 100, HIGHER) == KpiStatus.BEHIND  # exactly at the 10 % tolerance
    assert status(89, 100, HIGHER) == KpiStatus.AT_RISK
    assert status(97, 100, HIGHER, tolerance=0.02) == KpiStatus.AT_RISK  # per-KPI tolerance
    assert status(10, None, HIGHER) == KpiStatus.NO_TARGET
    assert status(None, 10, HIGHER) == KpiStatus.NO_VALUE


def test_status_lower_is_better_with_tolerance() -> None:
    # Customer-service response: target 4 h.
    assert status(2, 4, LOWER) == KpiStatus.ON_TRACK
    assert status(4.3, 4, LOWER) == KpiStatus.BEHIND
    assert status(4.4, 4, LOWER) == KpiStatus.BEHIND
    assert status(5, 4, LOWER) == KpiStatus.AT_RISK
    assert status(1, 0, LOWER) == KpiStatus.AT_RISK  # zero target: anything worse is beyond tolerance
    assert status(0, 0, LOWER) == KpiStatus.ON_TRACK


def test_count_kpi_is_paced_in_the_running_period() -> None:
    november = Period.month(2026, 11)
    today = dt.date(2026, 11, 15)  # 15 of 30 days gone, today included
    assert november.elapsed_fraction(today) == 0.5
    assert paced_target(1000, KpiUnit.COUNT, november, today) == 500
    assert paced_target(0.95, KpiUnit.PERCENT, november, today) == 0.95  # levels are never pro-rated
    running = assess(480, 1000, HIGHER, KpiUnit.COUNT, november, today)
    assert running.status == KpiStatus.BEHIND and running.paced and running.compared_with == 500
    assert assess(520, 1000, HIGHER, KpiUnit.COUNT, november, today).status == KpiStatus.ON_TRACK
    # The same value once November is over is compared with the whole target.
    finished = assess(520, 1000, HIGHER, KpiUnit.COUNT, november, dt.date(2026, 12, 3))
    assert finished.status == KpiStatus.AT_RISK and not finished.paced
    assert assess(0.9, 0.95, HIGHER, KpiUnit.PERCENT, november, today).status == KpiStatus.BEHIND


def test_lower_is_better_attainment_is_inverted() -> None:
    assert attainment(2, 4, LOWER) == 2.0
    assert attainment(10, 0, HIGHER) is None


def test_change_trend_and_aggregate() -> None:
    assert change(110, 100) == pytest.approx(0.1)
    assert change(5, 0) is None and change(None, 3) is None
    assert is_improvement(0.1, HIGHER) is True and is_improvement(0.1, LOWER) is False
    assert trend([10, 10, 10, 12], HIGHER).improving is True
    assert trend([10, 10, 10, 12], LOWER).improving is False
    assert trend([5], HIGHER).change is None
    assert aggregate([10, 20, 30], KpiUnit.COUNT) == 60
    assert aggregate([0.9, 0.95, 1.0], KpiUnit.PERCENT) == pytest.approx(0.95)
    assert aggregate([], KpiUnit.COUNT) is None


def test_labels_and_rule_in_plain_words() -> None:
    assert kpi_label("conversion_rate") == "Conversion rate"
    assert kpi_label("conversion_rate", "Taxa própria") == "Taxa própria"
    assert kpi_label("returns_handled") == "Returns handled"
    text = rule_text(LOWER, KpiUnit.HOURS, 0.1, running=False)
    assert "Lower is better" in text and "10%" in text
    assert "pro-rated" in rule_text(HIGHER, KpiUnit.COUNT, 0.1, running=True)
    assert "pro-rated" not in rule_text(HIGHER, KpiUnit.PERCENT, 0.1, running=True)


def test_periods() -> None:
    nov = Period.parse("2026-11")
    assert (nov.start, nov.end, nov.key) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30), "2026-11")
    assert nov.previous().key == "2026-10" and nov.last_year().key == "2025-11"
    assert Period.parse("2026-01").previous().key == "2025-12"
    q4 = Period.parse("2026-q4")
    assert (q4.start, q4.end, q4.granularity) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31), Granularity.QUARTER)
    assert q4.previous().key == "2026-Q3" and q4.last_year().key == "2025-Q4"
    assert [m.key for m in q4.months()] == ["2026-10", "2026-11", "2026-12"]
    assert [p.key for p in nov.history(3)] == ["2026-09", "2026-10", "2026-11"]
    assert Period.containing(dt.date(2024, 2, 29)).end == dt.date(2024, 2, 29)
    assert period_for_range(dt.date(2026, 4, 1), dt.date(2026, 6, 30)) == Period.quarter(2026, 2)
    assert period_for_range(dt.date(2026, 4, 1), dt.date(2026, 4, 20)) is None
    assert nov.elapsed_fraction(dt.date(2026, 10, 1)) == 0.0 and nov.elapsed_fraction(dt.date(2027, 1, 1)) == 1.0
    for bad in ("2026-13", "26-11", "", "2026-Q5"):
        with pytest.raises(ValueError):
            Period.parse(bad)


@given(st.floats(0.01, 1e6))
def test_meeting_target_exactly_is_on_track_both_ways(value: float) -> None:
    for direction in KpiDirection:
        assert status(value, value, direction) == KpiStatus.ON_TRACK
        assert math.isclose(attainment(value, value, direction) or 0, 1.0)


@given(st.floats(0.01, 1e6), st.floats(0.001, 0.099), st.floats(0.101, 0.9))
def test_within_tolerance_is_behind_beyond_is_at_risk(target: float, small: float, large: float) -> None:
    assert status(target * (1 - small), target, HIGHER) == KpiStatus.BEHIND
    assert status(target * (1 + small), target, LOWER) == KpiStatus.BEHIND
    assert status(target * (1 - large), target, HIGHER) == KpiStatus.AT_RISK
    assert status(target * (1 + large), target, LOWER) == KpiStatus.AT_RISK
