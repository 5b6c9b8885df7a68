"""KPI maths: derived metrics, status against a target by pace (respecting direction and tolerance), change, trend.

Rules (issue 15):

* A **level** KPI (percent, ratio, hours) is compared with its target as it stands.
* A **cumulative** KPI (count, money: traffic, conversions, revenue) in the current, unfinished period is compared
  with the target pro-rated to today (the share of the period's days gone, today included); a finished period is
  compared with the whole target.
* **On track** when the value is at or better than the (paced) target in the KPI's direction; **behind** when it is
  worse by at most ``tolerance`` of the target (default 10 %); **at risk** beyond that.
* Derived KPIs are computed from their inputs whenever those exist: conversion rate = conversions / traffic,
  ROI = (revenue − cost) / cost, where cost is what we paid the partner in the period.

Percent KPIs are stored as ratios 0..1 (0.025 = 2.5 %).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from partnerdesk.domain.enums import KpiDirection, KpiUnit
from partnerdesk.domain.periods import Period
from partnerdesk.l10n import N_, _

DEFAULT_TOLERANCE = 0.10
CUMULATIVE_UNITS = frozenset({KpiUnit.COUNT, KpiUnit.MONEY})

#: Display names of the built-in definitions (a definition with an empty name shows these, translated).
BUILTIN_LABELS: dict[str, str] = {
    "traffic": N_("Traffic"),
    "conversions": N_("Conversions"),
    "conversion_rate": N_("Conversion rate"),
    "roi": N_("ROI"),
    "cs_response_hours": N_("Customer-service response time"),
    "logistics_on_time": N_("Deliveries on time"),
    "revenue": N_("Revenue"),
}

#: Derived KPI -> the KPI keys it is computed from ("cost" is what we paid the partner in the period).
DERIVED_INPUTS: dict[str, tuple[str, str]] = {
    "conversion_rate": ("conversions", "traffic"),
    "roi": ("revenue", "cost"),
}
COST = "cost"


class KpiStatus(StrEnum):
    ON_TRACK = "on_track"  # at or better than the (paced) target
    BEHIND = "behind"  # worse, but within the tolerance
    AT_RISK = "at_risk"  # worse beyond the tolerance
    NO_TARGET = "no_target"  # a value but nothing to compare with
    NO_VALUE = "no_value"  # nothing recorded for the period

    @property
    def label(self) -> str:
        return _(_STATUS_LABELS[self.value])

    @property
    def source_label(self) -> str:
        return _STATUS_LABELS[self.value]

    @property
    def severity(self) -> int:
        """Higher is worse; sorting by severity descending puts the KPIs to act on first."""
        return _SEVERITY[self.value]

    @property
    def needs_attention(self) -> bool:
        return self in (KpiStatus.BEHIND, KpiStatus.AT_RISK)


_STATUS_LABELS = {"on_track": N_("On track"), "behind": N_("Behind"), "at_risk": N_("At risk"),
                  "no_target": N_("No target"), "no_value": N_("No value")}
_SEVERITY = {"at_risk": 4, "behind": 3, "on_track": 1, "no_target": 0, "no_value": 0}


def kpi_label(key: str, name: str = "") -> str:
    """What a definition is called in the current language: its own name, else the built-in label, else the key."""
    if name:
        return name
    if key in BUILTIN_LABELS:
        return _(BUILTIN_LABELS[key])
    return key.replace("_", " ").capitalize()


def is_cumulative(unit: KpiUnit) -> bool:
    """Counts and money add up over a period (paced against a pro-rated target); rates and levels do not."""
    return unit in CUMULATIVE_UNITS


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


def derive(key: str, inputs: Mapping[str, float | None]) -> float | None:
    """Value of a derived KPI from its inputs (``DERIVED_INPUTS``); None if it is not derived or an input is missing."""
    needed = DERIVED_INPUTS.get(key)
    if needed is None:
        return None
    a, b = (inputs.get(k) for k in needed)
    if a is None or b is None:
        return None
    return conversion_rate(a, b) if key == "conversion_rate" else roi(a, b)


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


def shortfall(value: float, target: float, direction: KpiDirection) -> float:
    """How much worse than the target the value is, relative to the target (0 or less: at or better than it).

    0.08 means "8 % of the target short" (below it for higher-is-better, above it for lower-is-better). A zero
    target makes any worse value an infinite shortfall.
    """
    worse_by = target - value if direction == KpiDirection.HIGHER else value - target
    if worse_by <= 0:
        return worse_by / abs(target) if target else 0.0
    return worse_by / abs(target) if target else math.inf


def status(value: float | None, target: float | None, direction: KpiDirection,
           tolerance: float = DEFAULT_TOLERANCE) -> KpiStatus:
    """Status of a value against a target already adjusted for pace."""
    if value is None:
        return KpiStatus.NO_VALUE
    if target is None:
        return KpiStatus.NO_TARGET
    gap = shortfall(value, target, direction)
    if gap <= 1e-12:
        return KpiStatus.ON_TRACK
    if gap <= tolerance + 1e-12:
        return KpiStatus.BEHIND
    return KpiStatus.AT_RISK


def paced_target(target: float | None, unit: KpiUnit, period: Period, today: dt.date) -> float | None:
    """The target to compare with today: pro-rated for a cumulative KPI in its running period, else unchanged."""
    if target is None or not is_cumulative(unit) or not period.is_running(today):
        return target
    return target * period.elapsed_fraction(today)


@dataclass(frozen=True)
class Assessment:
    status: KpiStatus
    compared_with: float | None  # the target used (pro-rated when paced)
    paced: bool  # True when the target was pro-rated to today
    shortfall: float | None  # relative to the compared target; <= 0 means at or better


def assess(value: float | None, target: float | None, direction: KpiDirection, unit: KpiUnit, period: Period,
           today: dt.date, tolerance: float = DEFAULT_TOLERANCE) -> Assessment:
    """The full pace rule for one KPI value in ``period`` as seen on ``today``."""
    compared = paced_target(target, unit, period, today)
    paced = compared is not None and target is not None and compared != target
    gap = shortfall(value, compared, direction) if value is not None and compared is not None else None
    return Assessment(status(value, compared, direction, tolerance), compared, paced, gap)


def rule_text(direction: KpiDirection, unit: KpiUnit, tolerance: float, running: bool) -> str:
    """The status rule in plain words, in the current language (shown on hover)."""
    pct = _percent(tolerance)
    if is_cumulative(unit) and running:
        lead = _("This period is not over: the value is compared with the target pro-rated to today.")
    else:
        lead = _("The value is compared with the target.")
    if direction == KpiDirection.HIGHER:
        rule = _("Higher is better. On track at or above the target; behind when up to {pct} below it; "
                 "at risk beyond that.").format(pct=pct)
    else:
        rule = _("Lower is better. On track at or below the target; behind when up to {pct} above it; "
                 "at risk beyond that.").format(pct=pct)
    return f"{lead} {rule}"


def _percent(ratio: float) -> str:
    from partnerdesk.l10n.formats import format_percent

    return format_percent(ratio, digits=0)


def change(value: float | None, before: float | None) -> float | None:
    """Relative change from ``before`` to ``value`` (0.1 = +10 %); None when either is missing or before is 0."""
    if value is None or before is None or before == 0:
        return None
    return (value - before) / abs(before)


def is_improvement(delta: float | None, direction: KpiDirection) -> bool | None:
    """Whether a change is for the better in the KPI's direction; None for no or zero change."""
    if delta is None or abs(delta) < 1e-9:
        return None
    return delta > 0 if direction == KpiDirection.HIGHER else delta < 0


def aggregate(values: Sequence[float], unit: KpiUnit) -> float | None:
    """Months rolled up into a quarter: cumulative KPIs add up, levels average; None for no values."""
    if not values:
        return None
    total = float(sum(values))
    return total if is_cumulative(unit) else total / len(values)


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
    delta = (values[-1] - base) / abs(base)
    if abs(delta) < 1e-9:
        return Trend(0.0, None)
    return Trend(delta, is_improvement(delta, direction))
