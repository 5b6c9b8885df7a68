"""KPI read queries: a partner's scorecard for a period, the partners x KPIs matrix, partners needing attention.

Everything here reads; writes live in ``services.kpi_values``. The data of many partners and periods is loaded in
one pass into a :class:`KpiData` (plain tuples, no ORM objects per value), from which scorecards for any period
inside the loaded window are computed in memory — switching period in a view does not query again.

Rules (see ``domain.kpi``): status by pace with the KPI's direction and tolerance; a missing target carries
forward from the most recent earlier period that set one; conversion rate and ROI are computed from their inputs
when those exist (then marked ``computed``), otherwise the stored value is shown; "our side" KPIs are always
computed from PartnerDesk's own payments, work items, interactions and trainings.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.domain import our_side
from partnerdesk.domain.enums import (
    EventKind,
    KpiDirection,
    KpiUnit,
    PartnerKind,
    PartnerStage,
    PaymentDirection,
)
from partnerdesk.domain.errors import NotFoundError
from partnerdesk.domain.kpi import (
    COST,
    DERIVED_INPUTS,
    Assessment,
    KpiStatus,
    aggregate,
    assess,
    change,
    derive,
    is_cumulative,
    kpi_label,
)
from partnerdesk.domain.periods import Granularity, Period
from partnerdesk.l10n import N_
from partnerdesk.l10n.formats import currency_digits, format_decimal, format_number, format_percent
from partnerdesk.store.dialects import fast_rows
from partnerdesk.store.models import (
    Event,
    Interaction,
    KpiDefinition,
    KpiValue,
    Partner,
    Payment,
    WorkItem,
    WorkStatus,
)
from partnerdesk.store.workspace import Workspace

HISTORY = 12  # periods in a sparkline


@dataclass(frozen=True)
class KpiInfo:
    """A KPI definition as the views need it. Our-side KPIs have ``id`` None and ``our_side`` True."""

    id: int | None
    key: str
    name: str
    unit: KpiUnit
    direction: KpiDirection
    currency: str = ""
    tolerance: float = 0.1
    partner_kinds: tuple[str, ...] = ()
    our_side: bool = False
    description: str = ""

    @property
    def label(self) -> str:
        """Display name in the current language."""
        if self.our_side:
            return next(d.label for d in our_side.OUR_SIDE if d.key == self.key)
        return kpi_label(self.key, self.name)

    @property
    def derived(self) -> bool:
        return self.key in DERIVED_INPUTS

    def applies_to(self, kind: str) -> bool:
        return not self.partner_kinds or kind in self.partner_kinds


@dataclass(frozen=True)
class StoredValue:
    """One kpi_values row (a month or a quarter)."""

    id: int
    start: dt.date
    end: dt.date
    value: float | None
    target: float | None
    note: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class KpiTile:
    """One KPI of one partner in one period, with everything a tile, a matrix cell or a report shows."""

    kpi: KpiInfo
    period: Period
    value: float | None
    target: float | None  # the period's target (carried forward when the period set none)
    assessment: Assessment
    previous: float | None
    last_year: float | None
    history: tuple[float | None, ...]  # the last periods, oldest first, ending with ``period``
    computed: bool  # derived from inputs or computed from our own records, not typed
    stored: StoredValue | None = None  # the row behind a typed or imported value

    @property
    def key(self) -> str:
        return self.kpi.key

    @property
    def status(self) -> KpiStatus:
        return self.assessment.status

    @property
    def vs_previous(self) -> float | None:
        return change(self.value, self.previous)

    @property
    def vs_last_year(self) -> float | None:
        return change(self.value, self.last_year)


@dataclass(frozen=True)
class Scorecard:
    partner_id: int
    partner_name: str
    period: Period
    today: dt.date
    tiles: tuple[KpiTile, ...]  # the partner's KPIs
    our_side: tuple[KpiTile, ...]  # computed from our own records

    def tile(self, key: str) -> KpiTile | None:
        return next((t for t in (*self.tiles, *self.our_side) if t.key == key), None)

    @property
    def needing_attention(self) -> tuple[KpiTile, ...]:
        """Behind or at-risk tiles, worst first."""
        tiles = [t for t in (*self.tiles, *self.our_side) if t.status.needs_attention]
        return tuple(sorted(tiles, key=lambda t: -t.status.severity))

    @property
    def worst(self) -> KpiStatus:
        statuses = [t.status for t in (*self.tiles, *self.our_side)]
        return max(statuses, key=lambda s: s.severity, default=KpiStatus.NO_VALUE)


@dataclass(frozen=True)
class PartnerRow:
    id: int
    name: str
    kind: PartnerKind
    stage: PartnerStage
    owner_id: int | None
    second_id: int | None


Row = tuple[int, float | None, float | None, str, dict[str, Any]]  # id, value, target, note, evidence


@dataclass
class KpiData:
    """KPI values, costs and our-side facts of some partners over a window of months, held in memory."""

    first: dt.date
    last: dt.date
    definitions: dict[int, KpiInfo]
    partners: dict[int, PartnerRow]
    # (partner, definition) -> {(start, end): (id, value, target, note, evidence)}: plain tuples, made fast
    values: dict[tuple[int, int], dict[tuple[dt.date, dt.date], Row]]
    costs: dict[int, list[tuple[dt.date, float]]]  # partner -> (paid on, amount in major units), sorted
    payments: dict[int, list[our_side.PaymentFact]]
    work: dict[int, list[our_side.WorkFact]]
    interactions: dict[int, list[dt.date]]
    trainings: dict[int, list[dt.date]]
    _by_key: dict[str, KpiInfo] = field(default_factory=dict)
    # (partner, definition) -> sorted (month start, target) of the month rows that set a target (built when needed)
    _targets: dict[tuple[int, int], list[tuple[dt.date, float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_key = {d.key: d for d in self.definitions.values()}

    def definition(self, key: str) -> KpiInfo | None:
        return self._by_key.get(key)

    def row(self, partner_id: int, definition_id: int, period: Period) -> Row | None:
        series = self.values.get((partner_id, definition_id))
        return None if series is None else series.get((period.start, period.end))

    def stored(self, partner_id: int, definition_id: int, period: Period) -> StoredValue | None:
        row = self.row(partner_id, definition_id, period)
        return None if row is None else StoredValue(row[0], period.start, period.end, row[1], row[2], row[3],
                                                    row[4])

    def value(self, partner_id: int, info: KpiInfo, period: Period) -> float | None:
        """Stored value for the period: the row spanning it exactly, else (a quarter) its months rolled up."""
        if info.id is None:
            return None
        row = self.row(partner_id, info.id, period)
        if row is not None:
            return row[1]
        if period.granularity is Granularity.QUARTER:
            months = [self.row(partner_id, info.id, m) for m in period.months()]
            return aggregate([r[1] for r in months if r is not None and r[1] is not None], info.unit)
        return None

    def target(self, partner_id: int, info: KpiInfo, period: Period) -> float | None:
        """The period's target; a quarter adds up (or averages) its months' targets; else carried forward."""
        if info.id is None:
            return None
        row = self.row(partner_id, info.id, period)
        if row is not None and row[2] is not None:
            return row[2]
        if period.granularity is Granularity.QUARTER:
            targets = [self.target(partner_id, info, m) for m in period.months()]
            known = [t for t in targets if t is not None]
            return aggregate(known, info.unit) if len(known) == len(targets) else None
        series_key = (partner_id, info.id)
        series = self.values.get(series_key)
        if not series:
            return None
        monthly = self._targets.get(series_key)
        if monthly is None:
            monthly = self._targets[series_key] = sorted(
                (s, r[2]) for (s, e), r in series.items() if r[2] is not None and s.day == 1 and (e - s).days < 31)
        index = bisect.bisect_left(monthly, (period.start,))
        return monthly[index - 1][1] if index else None

    def cost(self, partner_id: int, period: Period) -> float | None:
        """What we paid the partner in the period (major units); None when nothing was paid."""
        total = sum(amount for day, amount in self.costs.get(partner_id, ()) if period.start <= day <= period.end)
        return total or None

    def has_values(self, partner_id: int, definition_id: int) -> bool:
        return bool(self.values.get((partner_id, definition_id)))


def _definitions(session: Session) -> dict[int, KpiInfo]:
    return {d.id: KpiInfo(d.id, d.key, d.name, d.unit, d.direction, d.currency, d.tolerance,
                          tuple(d.partner_kinds or ()), False, d.description)
            for d in session.scalars(select(KpiDefinition).order_by(KpiDefinition.id))}


def load_kpi_data(session: Session, first: dt.date, last: dt.date, partner_ids: Iterable[int] | None = None,
                  *, details: bool = False, glance: Iterable[Period] | None = None) -> KpiData:
    """Read everything the scorecards of ``partner_ids`` (None: all partners) need for months first..last.

    ``details`` also reads notes and evidence (a single partner's tab; the matrix does without).
    ``glance`` limits the KPI values read to those periods (and their months): a quick first look before the
    whole window.
    """
    ids = None if partner_ids is None else list(partner_ids)

    def only(column: Any) -> list[Any]:
        return [] if ids is None else [column.in_(ids)]

    partners = {row.id: PartnerRow(row.id, row.name, row.kind, row.stage, row.owner_id, row.second_id)
                for row in session.execute(select(Partner.id, Partner.name, Partner.kind, Partner.stage,
                                                  Partner.owner_id, Partner.second_id)
                                           .where(*only(Partner.id)).order_by(Partner.name))}
    # Plain driver SQL: 100k+ rows through the ORM's type processing cost over a second; dates come back as ISO
    # text and are parsed once per distinct day.
    partner_where = "" if ids is None else f" AND partner_id IN ({','.join(str(int(i)) for i in ids)})"
    where = partner_where
    if glance is not None:
        starts = sorted({m.start.isoformat() for p in glance for m in (p, *p.months())})
        where += f" AND period_start IN ({','.join(repr(x) for x in starts)})"
    extra = ", note, evidence" if details else ""
    days: dict[str, dt.date] = {}

    def day(text: str) -> dt.date:
        found = days.get(text)
        if found is None:
            found = days[text] = dt.date.fromisoformat(text[:10])
        return found

    values: dict[tuple[int, int], dict[tuple[dt.date, dt.date], Row]] = defaultdict(dict)
    rows = fast_rows(
        session, "SELECT id, partner_id, definition_id, period_start, period_end, value, target" + extra +
        " FROM kpi_values WHERE period_start <= ? AND period_end >= ?" + where,
        (last.isoformat(), first.isoformat()))
    empty: dict[str, Any] = {}
    spans: dict[tuple[str, str], tuple[dt.date, dt.date]] = {}
    if details:
        import json

        for rid, pid, did, start, end, value, target, note, evidence in rows:
            span = spans.get((start, end)) or spans.setdefault((start, end), (day(start), day(end)))
            values[(pid, did)][span] = (rid, value, target, note or "", json.loads(evidence) if evidence else {})
    else:
        for rid, pid, did, start, end, value, target in rows:
            span = spans.get((start, end)) or spans.setdefault((start, end), (day(start), day(end)))
            values[(pid, did)][span] = (rid, value, target, "", empty)
    # Targets set before the window still carry forward into it: the latest row before ``first`` per series,
    # needed only for series whose earliest row here has no target of its own.
    needs = {key for key, rows in values.items() if rows[min(rows)][2] is None}
    if needs:
        needy = f" AND partner_id IN ({','.join(str(pid) for pid in sorted({k[0] for k in needs}))})"
        # The latest row before ``first`` per series (a window function: the same SQL on both engines).
        for rid, pid, did, start, end, target in fast_rows(
                session, "SELECT id, partner_id, definition_id, period_start, period_end, target FROM ("
                "SELECT id, partner_id, definition_id, period_start, period_end, target, row_number() OVER ("
                "PARTITION BY partner_id, definition_id ORDER BY period_start DESC) AS n FROM kpi_values "
                "WHERE period_start < ? AND target IS NOT NULL" + needy + ") latest WHERE n = 1",
                (first.isoformat(),)):
            if (pid, did) in needs:
                values[(pid, did)][(day(start), day(end))] = (rid, None, target, "", empty)
    costs: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    payments: dict[int, list[our_side.PaymentFact]] = defaultdict(list)
    for pid, due, paid, amount, currency in session.execute(
            select(Payment.partner_id, Payment.due_on, Payment.paid_on, Payment.amount_minor, Payment.currency)
            .where(Payment.direction == PaymentDirection.PAYABLE, Payment.due_on <= last,
                   Payment.due_on >= first - dt.timedelta(days=400), *only(Payment.partner_id))):
        payments[pid].append(our_side.PaymentFact(due, paid))
        if paid is not None:
            costs[pid].append((paid, amount / 10 ** currency_digits(currency)))
    for items in costs.values():
        items.sort()
    done_ids = set(session.scalars(select(WorkStatus.id).where(WorkStatus.category == "done")))
    work: dict[int, list[our_side.WorkFact]] = defaultdict(list)
    low = dt.datetime.combine(first, dt.time(), dt.UTC)
    high = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC)
    for item_pid, due_at, status_id, changed in session.execute(
            select(WorkItem.partner_id, WorkItem.due_at, WorkItem.status_id, WorkItem.status_changed_at)
            .where(WorkItem.partner_id.is_not(None), WorkItem.deleted_at.is_(None), WorkItem.due_at >= low,
                   WorkItem.due_at < high, *only(WorkItem.partner_id))):
        assert item_pid is not None and due_at is not None  # the query keeps only these
        done = changed.date() if status_id in done_ids and changed is not None else None
        work[item_pid].append(our_side.WorkFact(due_at.date(), done))
    interactions: dict[int, list[dt.date]] = defaultdict(list)
    for pid, when in session.execute(select(Interaction.partner_id, Interaction.occurred_at)
                                     .where(Interaction.occurred_at >= low, Interaction.occurred_at < high,
                                            Interaction.partner_id.is_not(None), *only(Interaction.partner_id))):
        assert pid is not None  # the query keeps only these
        interactions[pid].append(when.date())
    trainings: dict[int, list[dt.date]] = defaultdict(list)
    for pid, when in session.execute(select(Event.partner_id, Event.starts_at)
                                     .where(Event.kind == EventKind.TRAINING, Event.starts_at >= low,
                                            Event.starts_at < high, Event.partner_id.is_not(None),
                                            *only(Event.partner_id))):
        assert pid is not None  # the query keeps only these
        trainings[pid].append(when.date())
    return KpiData(first, last, _definitions(session), partners, dict(values), dict(costs), dict(payments),
                   dict(work), dict(interactions), dict(trainings))


OUR_SIDE_INFO: tuple[KpiInfo, ...] = tuple(
    KpiInfo(None, d.key, "", d.unit, d.direction, our_side=True) for d in our_side.OUR_SIDE)
_OUR_TARGETS = {d.key: d.target for d in our_side.OUR_SIDE}


def _our_value(data: KpiData, partner_id: int, key: str, period: Period, today: dt.date) -> float | None:
    if key == our_side.PAYMENTS_ON_TIME:
        return our_side.payments_on_time(data.payments.get(partner_id, ()), period, today)
    if key == our_side.WORK_ON_TIME:
        return our_side.work_on_time(data.work.get(partner_id, ()), period, today)
    days = data.interactions if key == our_side.INTERACTIONS else data.trainings
    held = our_side.count_held(days.get(partner_id, ()), period, today)
    return None if held is None else float(held)


def _value(data: KpiData, partner_id: int, info: KpiInfo, period: Period, today: dt.date) -> tuple[float | None, bool]:
    """(value, computed) of one KPI in one period."""
    if info.our_side:
        return _our_value(data, partner_id, info.key, period, today), True
    if info.derived:
        inputs: dict[str, float | None] = {}
        for key in DERIVED_INPUTS[info.key]:
            if key == COST:
                inputs[key] = data.cost(partner_id, period)
            else:
                source = data.definition(key)
                inputs[key] = data.value(partner_id, source, period) if source else None
        if all(v is not None for v in inputs.values()):
            derived = derive(info.key, inputs)
            if derived is not None:
                return derived, True
    return data.value(partner_id, info, period), False


def evaluate(data: KpiData, partner_id: int, info: KpiInfo, period: Period, today: dt.date
             ) -> tuple[float | None, float | None, bool, Assessment]:
    """(value, target, computed, assessment) of one KPI in one period, without history: cheap enough to run for
    every cell of the matrix when the period changes."""
    value, computed = _value(data, partner_id, info, period, today)
    target = _OUR_TARGETS.get(info.key) if info.our_side else data.target(partner_id, info, period)
    return value, target, computed, assess(value, target, info.direction, info.unit, period, today, info.tolerance)


def build_tile(data: KpiData, partner_id: int, info: KpiInfo, period: Period, today: dt.date,
               history: int = HISTORY) -> KpiTile:
    """One KPI of one partner in ``period`` as seen on ``today`` (pure; from loaded data)."""
    value, target, computed, result = evaluate(data, partner_id, info, period, today)
    past = tuple(_value(data, partner_id, info, p, today)[0] for p in period.history(history)[:-1])
    stored = None if info.id is None else data.stored(partner_id, info.id, period)
    return KpiTile(info, period, value, target, result, past[-1] if past else
                   _value(data, partner_id, info, period.previous(), today)[0],
                   _value(data, partner_id, info, period.last_year(), today)[0], (*past, value), computed,
                   stored if not computed else None)


def partner_kpis(data: KpiData, partner_id: int) -> list[KpiInfo]:
    """The KPIs shown for a partner: those with values, those its kind gets by default, derived ones whose inputs
    it has."""
    partner = data.partners.get(partner_id)
    kind = partner.kind.value if partner else ""
    shown = []
    for info in data.definitions.values():
        if info.id is not None and data.has_values(partner_id, info.id):
            shown.append(info)
        elif info.partner_kinds and kind in info.partner_kinds:
            shown.append(info)
        elif info.derived and all(k == COST or (data.definition(k) and data.has_values(
                partner_id, data.definition(k).id or 0)) for k in DERIVED_INPUTS[info.key]):  # type: ignore[union-attr]
            shown.append(info)
    return shown


def matrix_columns(data: KpiData) -> list[KpiInfo]:
    """The KPIs the performance matrix shows: every definition some loaded partner has values for (derived ones
    when their inputs exist), in definition order."""
    used = {did for (_pid, did), rows in data.values.items() if any(r[1] is not None for r in rows.values())}
    shown = []
    for info in data.definitions.values():
        if info.id in used:
            shown.append(info)
        elif info.derived and all(k == COST or ((d := data.definition(k)) is not None and d.id in used)
                                  for k in DERIVED_INPUTS[info.key]):
            shown.append(info)
    return shown


def matrix_partners(data: KpiData) -> list[int]:
    """Partners the matrix lists: those with a KPI value in the loaded window, or in a live stage."""
    with_values = {pid for (pid, _did), rows in data.values.items() if any(r[1] is not None
                                                                           for r in rows.values())}
    live = {PartnerStage.PILOT, PartnerStage.ACTIVE, PartnerStage.EXPANDED, PartnerStage.PAUSED}
    return [pid for pid, p in data.partners.items() if pid in with_values or p.stage in live]


def load_matrix_glance(workspace: Workspace, period: Period) -> KpiData:
    """Just what the matrix needs to show ``period`` at once: its values, the previous period's and last year's
    (sparklines fill in when ``load_matrix_data`` has read the whole window)."""
    needed = (period, period.previous(), period.last_year())
    with workspace.session() as session:
        return load_kpi_data(session, min(p.start for p in needed), period.end, glance=needed)


def load_matrix_data(workspace: Workspace, period: Period, months: int = 36, history: int = HISTORY) -> KpiData:
    """Values of every partner for ``months`` months up to ``period`` plus sparkline history and last year, so that
    switching among those periods needs no query."""
    first_month = Period.containing(period.end).shifted(-(months - 1))
    first = window_for(Period.containing(first_month.start, period.granularity), history)[0]
    with workspace.session() as session:
        return load_kpi_data(session, first, period.end)


def window_for(period: Period, history: int = HISTORY) -> tuple[dt.date, dt.date]:
    """The months a scorecard of ``period`` needs: its sparkline history and the same period last year."""
    first = min(period.history(history)[0].start, period.last_year().start)
    return first, period.end


def scorecard_from(data: KpiData, partner_id: int, period: Period, today: dt.date,
                   history: int = HISTORY) -> Scorecard:
    partner = data.partners[partner_id]
    tiles = tuple(build_tile(data, partner_id, info, period, today, history) for info in partner_kpis(data, partner_id))
    ours = tuple(build_tile(data, partner_id, info, period, today, history) for info in OUR_SIDE_INFO)
    return Scorecard(partner_id, partner.name, period, today, tiles, ours)


def scorecard(workspace: Workspace, partner_id: int, period: Period | None = None, *,
              today: dt.date | None = None, history: int = HISTORY) -> Scorecard:
    """A partner's scorecard: every KPI of theirs and of our side for ``period`` (default: ``default_period``).

    Raises NotFoundError for an unknown partner.
    """
    today = today or dt.date.today()
    period = period or default_period(workspace, today)
    first, last = window_for(period, history)
    with workspace.session() as session:
        data = load_kpi_data(session, first, last, [partner_id], details=True)
    if partner_id not in data.partners:
        raise NotFoundError(N_("No partner with id {id}."), id=partner_id)
    return scorecard_from(data, partner_id, period, today, history)


def default_period(workspace: Workspace, today: dt.date | None = None,
                   granularity: Granularity = Granularity.MONTH) -> Period:
    """The period views open on: the current one if any value was recorded in it, else the one before."""
    today = today or dt.date.today()
    current = Period.containing(today, granularity)
    with workspace.session() as session:
        found = session.scalar(select(KpiValue.id).where(KpiValue.period_start >= current.start,
                                                         KpiValue.period_start <= current.end,
                                                         KpiValue.value.is_not(None)).limit(1))
    return current if found is not None else current.previous()


@dataclass(frozen=True)
class PartnerAttention:
    """A partner with KPIs behind or at risk in a period, worst first."""

    partner_id: int
    partner_name: str
    period: Period
    tiles: tuple[KpiTile, ...]

    @property
    def worst(self) -> KpiStatus:
        return self.tiles[0].status


def partners_needing_attention(workspace: Workspace, period: Period | None = None, *, today: dt.date | None = None,
                               include_behind: bool = True, our_side_too: bool = False) -> list[PartnerAttention]:
    """Partners whose KPIs are at risk (and, with ``include_behind``, behind) in ``period``.

    Default period: ``default_period``. Our-side KPIs count only with ``our_side_too`` (they describe us, not the
    partner). Sorted: partners with an at-risk KPI first, then by how many KPIs need attention, then by name.
    """
    today = today or dt.date.today()
    period = period or default_period(workspace, today)
    first, last = window_for(period, 2)
    with workspace.session() as session:
        data = load_kpi_data(session, first, last)
    wanted = {KpiStatus.AT_RISK, KpiStatus.BEHIND} if include_behind else {KpiStatus.AT_RISK}
    found = []
    for pid, partner in data.partners.items():
        infos = partner_kpis(data, pid) + (list(OUR_SIDE_INFO) if our_side_too else [])
        tiles = [build_tile(data, pid, info, period, today, 2) for info in infos]
        bad = sorted((t for t in tiles if t.status in wanted), key=lambda t: -t.status.severity)
        if bad:
            found.append(PartnerAttention(pid, partner.name, period, tuple(bad)))
    found.sort(key=lambda a: (-a.worst.severity, -len(a.tiles), a.partner_name.casefold()))
    return found


def format_kpi_value(value: float | None, unit: KpiUnit, currency: str = "", lang: str | None = None) -> str:
    """A KPI value formatted per CLDR: percent, money, hours, counts, ratios; "—" for none."""
    if value is None:
        return "—"
    if unit == KpiUnit.PERCENT:
        return format_percent(value, lang=lang)
    if unit == KpiUnit.MONEY:
        if currency:
            from babel import numbers

            from partnerdesk.l10n.formats import babel_locale

            return numbers.format_compact_currency(value, currency, locale=babel_locale(lang), fraction_digits=1) \
                if abs(value) >= 100000 else numbers.format_currency(value, currency, locale=babel_locale(lang))
        return format_decimal(value, 0, lang=lang)
    if unit == KpiUnit.HOURS:
        from babel.units import format_unit

        from partnerdesk.l10n.formats import babel_locale

        return format_unit(round(value, 1), "duration-hour", length="short", locale=babel_locale(lang))
    if unit == KpiUnit.COUNT:
        return format_number(round(value), lang=lang)
    return format_decimal(value, lang=lang)


def format_change(delta: float | None, lang: str | None = None) -> str:
    """A relative change as a signed percent ("+12.5%"); "—" for none."""
    if delta is None:
        return "—"
    text = format_percent(abs(delta), lang=lang)
    return ("+" if delta >= 0 else "−") + text


def sort_worst_first(tiles: Sequence[KpiTile]) -> list[KpiTile]:
    return sorted(tiles, key=lambda t: -t.status.severity)


def is_count(info: KpiInfo) -> bool:
    return is_cumulative(info.unit)
