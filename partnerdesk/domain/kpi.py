"""KPI maths: derived metrics, attainment against a target (respecting direction), trend and status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from partnerdesk.domain.enums import KpiDirection


class KpiStatus(StrEnum):
    MET = "met"  # at or better than target
    NEAR = "near"  # within the tolerance of the target
    MISSED = "missed"
    NO_TARGET = "no_target"


def conversion_rate(conversions: float, visits: float) -> float | None:
    """Conversions per visit (0..1); None when there was no traffic."""
    if visits <= 0:
        return None
    return conversions / visits


def roi(gain: float, cost: float) -> float | None:
    """Return on investment as a ratio: (gain - cost) / cost; None when nothing was spent."""
    if cost <= 0:
        return None
    return (gain - cost) / cost


def attainment(value: float, target: float | None, direction: KpiDirection) -> float | None:
    """How far the value reaches the target: 1.0 = exactly on target, >1 better, <1 worse.

    For lower-is-better metrics (response time) the ratio is inverted, so 1.2 always means "20 % better".
    """
    if target is None:
        return None
    if direction == KpiDirection.HIGHER:
        if target == 0:
            return None
        return value / target
    if value == 0:
        return float("inf") if target > 0 else None
    return target / value


def status(value: float, target: float | None, direction: KpiDirection, tolerance: float = 0.05) -> KpiStatus:
    ratio = attainment(value, target, direction)
    if ratio is None:
        return KpiStatus.NO_TARGET
    if ratio >= 1.0:
        return KpiStatus.MET
    if ratio >= 1.0 - tolerance:
        return KpiStatus.NEAR
    return KpiStatus.MISSED


@dataclass(frozen=True)
class Trend:
    change: float | None  # relative change of the last value against the mean of the previous ones
    improving: bool | None


def trend(values: Sequence[float], direction: KpiDirection, window: int = 3) -> Trend:
    """Compare the latest value with the mean of the `window` values before it."""
    if len(values) < 2:
        return Trend(None, None)
    previous = values[-1 - window:-1] or values[:-1]
    base = sum(previous) / len(previous)
    if base == 0:
        return Trend(None, None)
    change = (values[-1] - base) / abs(base)
    if abs(change) < 1e-9:
        return Trend(0.0, None)
    better = change > 0 if direction == KpiDirection.HIGHER else change < 0
    return Trend(change, better)
