from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.domain.enums import KpiDirection
from partnerdesk.domain.kpi import KpiStatus, attainment, conversion_rate, roi, status, trend


def test_conversion_rate_and_roi() -> None:
    assert conversion_rate(30, 1200) == 0.025
    assert conversion_rate(5, 0) is None
    assert roi(15000, 10000) == 0.5
    assert roi(100, 0) is None


def test_lower_is_better_is_inverted() -> None:
    # Customer-service response: target 4 h, achieved 2 h -> twice as good as required.
    assert attainment(2, 4, KpiDirection.LOWER) == 2.0
    assert status(5, 4, KpiDirection.LOWER) == KpiStatus.MISSED
    assert status(4.1, 4, KpiDirection.LOWER) == KpiStatus.NEAR
    assert status(0.97, 0.95, KpiDirection.HIGHER) == KpiStatus.MET
    assert status(10, None, KpiDirection.HIGHER) == KpiStatus.NO_TARGET


def test_trend_direction_matters() -> None:
    assert trend([10, 10, 10, 12], KpiDirection.HIGHER).improving is True
    assert trend([10, 10, 10, 12], KpiDirection.LOWER).improving is False
    assert trend([5], KpiDirection.HIGHER).change is None


@given(st.floats(0.01, 1e6), st.floats(0.01, 1e6))
def test_meeting_target_exactly_is_met_both_ways(value: float, _: float) -> None:
    for direction in KpiDirection:
        assert status(value, value, direction) == KpiStatus.MET
        assert math.isclose(attainment(value, value, direction) or 0, 1.0)
