"""Import KPI values: plan (read, attribute, validate, compare — nothing written), then apply all or nothing.

Sources: a GA4 report export (rows attributed to partners by their traffic sources), PartnerDesk's own KPI CSV,
and any other CSV through a column mapping that is remembered per partner. Every imported value keeps its evidence
(file name, SHA-256, report period, row numbers); importing the same file again plans only "unchanged" values and
writes nothing.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from sqlalchemy import Table, bindparam, insert, select, update

from partnerdesk.domain.enums import Action, KpiUnit
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.kpi import BUILTIN_LABELS, aggregate
from partnerdesk.domain.periods import Granularity, Period
from partnerdesk.interop import ga4
from partnerdesk.interop.csv_io import CsvTable
from partnerdesk.interop.kpi_csv import (
    CsvMapping,
    KpiRecord,
    guess_mapping,
    read_kpi_table,
    records,
    signature,
)
from partnerdesk.interop.kpi_numbers import KpiFileError
from partnerdesk.interop.records import decode
from partnerdesk.l10n import LANGUAGES, N_, Translator
from partnerdesk.services.base import ChangeSet, Service
from partnerdesk.services.kpi_values import check_value
from partnerdesk.store.dialects import fast_rows
from partnerdesk.store.models import KpiDefinition, KpiMapping, KpiValue, Partner
from partnerdesk.store.workspace import Workspace

ENTITY = "kpi_value"
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class PlannedValue:
    partner_id: int
    partner_name: str
    key: str
    period: Period
    value: float | None
    target: float | None
    note: str
    lines: tuple[int, ...]
    change: str  # "new", "changed" or "same"
    old_value: float | None = None
    old_target: float | None = None
    row_id: int | None = None  # the stored row a "changed" value updates


@dataclass(frozen=True)
class Unmatched:
    line: int
    text: str
    reason: str  # translated


@dataclass
class ImportPlan:
    file_name: str
    sha256: str
    kind: str  # "ga4" or "csv"
    report_start: dt.date | None
    report_end: dt.date | None
    values: list[PlannedValue] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    mapping: CsvMapping | None = None
    signature: str = ""
    partner_id: int | None = None  # the partner the mapping is remembered for

    def count(self, change: str) -> int:
        return sum(1 for v in self.values if v.change == change)

    @property
    def writes(self) -> list[PlannedValue]:
        return [v for v in self.values if v.change != "same"]

    def evidence(self, value: PlannedValue) -> dict[str, Any]:
        return {"file": self.file_name, "sha256": self.sha256, "kind": self.kind,
                "report_start": self.report_start.isoformat() if self.report_start else "",
                "report_end": self.report_end.isoformat() if self.report_end else "", "rows": list(value.lines)}


@dataclass
class CsvPreview:
    """What the mapping step of the import dialog shows."""

    table: CsvTable
    mapping: CsvMapping
    remembered: bool  # the mapping comes from an earlier import for this partner


def read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise KpiFileError(N_("“{name}” is larger than 50 MB."), name=path.name)
        return path.read_bytes()
    except OSError as exc:
        raise KpiFileError(N_("“{name}” could not be read: {reason}"), name=path.name,
                           reason=exc.strerror or str(exc)) from None


def is_ga4_file(data: bytes) -> bool:
    return ga4.is_ga4(decode(data)[0])


# --- names -------------------------------------------------------------------------------------------------
def kpi_names(session: Any) -> dict[str, str]:
    """Normalised KPI key, own name and built-in label in every language -> key."""
    names: dict[str, str] = {}
    translators = [Translator(lang) for lang in ("en", *LANGUAGES)]
    for d in session.scalars(select(KpiDefinition)):
        names[ga4.norm(d.key)] = d.key
        names[ga4.norm(d.key.replace("_", " "))] = d.key
        if d.name:
            names[ga4.norm(d.name)] = d.key
        if d.key in BUILTIN_LABELS:
            for tr in translators:
                names.setdefault(ga4.norm(tr.gettext(BUILTIN_LABELS[d.key])), d.key)
    return names


def _definitions(session: Any) -> dict[str, KpiDefinition]:
    return {d.key: d for d in session.scalars(select(KpiDefinition))}


def _partners(session: Any) -> dict[int, tuple[str, list[str]]]:
    return {pid: (name, list(sources or [])) for pid, name, sources in
            session.execute(select(Partner.id, Partner.name, Partner.traffic_sources))}


def matches(pattern: str, text: str) -> bool:
    """A traffic-source pattern against a GA row: case- and accent-insensitive substring, or a * ? wildcard."""
    p, t = ga4.norm(pattern), ga4.norm(text)
    if not p:
        return False
    if any(c in p for c in "*?["):
        return fnmatch.fnmatchcase(t, p) or fnmatch.fnmatchcase(t, f"*{p}*")
    return p in t


# --- planning ----------------------------------------------------------------------------------------------
def _ga4_period(report: ga4.Ga4Report, override: Period | None) -> Period:
    if override is not None:
        return override
    for granularity in (Granularity.MONTH, Granularity.QUARTER):
        period = Period.containing(report.start, granularity)
        if period.contains(report.end):
            return period
    raise KpiFileError(N_("The report runs from {start} to {end}: export one month or one quarter at a time."),
                       start=report.start.isoformat(), end=report.end.isoformat())


def plan_ga4(workspace: Workspace, data: bytes, file_name: str, *, partner_id: int | None = None,
             source: str = "", period: Period | None = None, lang: str = "en",
             today: dt.date | None = None) -> ImportPlan:
    """Attribute a GA4 export's rows to partners by traffic source; with ``partner_id`` and ``source`` only rows
    matching ``source`` go to that partner. Unmatched (or ambiguous) rows are listed, not lost."""
    report = ga4.read_ga4(data, lang)
    target_period = _ga4_period(report, period)
    plan = ImportPlan(file_name, hashlib.sha256(data).hexdigest(), "ga4", report.start, report.end)
    with workspace.session() as session:
        partners = _partners(session)
        if partner_id is not None:
            if partner_id not in partners:
                raise ValidationError(N_("No partner with id {id}."), id=partner_id)
            name, sources = partners[partner_id]
            patterns = [source] if source else sources
            if not patterns:
                raise ValidationError(N_("{partner} has no traffic sources. Add them in the Performance tab, or give "
                                         "a source pattern."), partner=name)
            candidates = {partner_id: (name, patterns)}
        else:
            candidates = {pid: entry for pid, entry in partners.items() if entry[1]}
        sums: dict[tuple[int, str], list[float]] = defaultdict(list)
        lines: dict[tuple[int, str], list[int]] = defaultdict(list)
        for row in report.rows:
            hits = [pid for pid, (_name, patterns) in candidates.items() if any(matches(p, row.source)
                                                                                for p in patterns)]
            if not hits:
                plan.unmatched.append(Unmatched(row.line, row.source, _t(lang, N_("no partner's traffic source "
                                                                                    "matches"))))
                continue
            if len(hits) > 1:
                names = ", ".join(sorted(candidates[p][0] for p in hits))
                plan.unmatched.append(Unmatched(row.line, row.source, _t(lang, N_("matches several partners: "
                                                                                    "{names}")).format(names=names)))
                continue
            for key, value in row.metrics.items():
                sums[(hits[0], key)].append(value)
                lines[(hits[0], key)].append(row.line)
        defs = _definitions(session)
        grouped = {(pid, target_period, key): (sum(values), None, "", tuple(lines[(pid, key)]))
                   for (pid, key), values in sums.items() if key in defs}
        _compare(session, plan, grouped, partners, defs, today or dt.date.today(), lang)
    return plan


def csv_preview(workspace: Workspace, data: bytes, partner_id: int | None = None) -> CsvPreview:
    """The table and the mapping to propose: the one remembered for this partner and header, else a guess."""
    table = read_kpi_table(data)
    with workspace.session() as session:
        if partner_id is not None:
            remembered = session.scalar(select(KpiMapping).where(KpiMapping.partner_id == partner_id,
                                                                 KpiMapping.signature == signature(table.headers)))
            if remembered is not None:
                return CsvPreview(table, CsvMapping.from_json(remembered.mapping), True)
        return CsvPreview(table, guess_mapping(table.headers, kpi_names(session)), False)


def plan_csv(workspace: Workspace, data: bytes, file_name: str, mapping: CsvMapping | None = None, *,
             partner_id: int | None = None, lang: str = "en", today: dt.date | None = None) -> ImportPlan:
    """Plan a CSV import under ``mapping`` (default: remembered or guessed). Without a partner column every value
    goes to ``partner_id``."""
    preview = csv_preview(workspace, data, partner_id)
    mapping = mapping or preview.mapping
    if mapping.partner is None and partner_id is None:
        raise KpiFileError(N_("The file has no partner column: choose the partner the values belong to."))
    ours = [ga4.norm(h) for h in preview.table.headers[:6]] == ["partner", "period", "metric", "value", "target",
                                                                  "note"][:len(preview.table.headers[:6])]
    also: tuple[str, ...] = ()
    if partner_id is not None:
        with workspace.session() as session:
            locale = session.scalar(select(Partner.locale).where(Partner.id == partner_id)) or ""
        also = tuple(x for x in (locale.replace("-", "_"),) if x and x.split("_")[0] != lang)
    found = records(preview.table, mapping, lang, machine_first=ours, also=also)
    plan = ImportPlan(file_name, hashlib.sha256(data).hexdigest(), "csv",
                      min((r.period.start for r in found), default=None),
                      max((r.period.end for r in found), default=None), mapping=mapping,
                      signature=signature(preview.table.headers), partner_id=partner_id)
    with workspace.session() as session:
        partners = _partners(session)
        by_name = {ga4.norm(name): pid for pid, (name, _s) in partners.items()}
        names = kpi_names(session)
        defs = _definitions(session)
        groups: dict[tuple[int, Period, str], list[KpiRecord]] = defaultdict(list)
        for record in found:
            pid = by_name.get(ga4.norm(record.partner)) if record.partner else partner_id
            if pid is None:
                plan.unmatched.append(Unmatched(record.line, record.partner, _t(lang, N_("no partner has this name"))))
                continue
            key = record.metric if record.metric in defs else names.get(ga4.norm(record.metric))
            if key is None:
                plan.unmatched.append(Unmatched(record.line, record.metric, _t(lang, N_("no KPI has this name"))))
                continue
            groups[(pid, record.period, key)].append(record)
        grouped = {}
        for (pid, period, key), recs in groups.items():
            unit = defs[key].unit
            values = [_as_unit(r.value, r.percent_signs[0], unit) for r in recs if r.value is not None]
            targets = [_as_unit(r.target, r.percent_signs[1], unit) for r in recs if r.target is not None]
            # A target repeated on every daily row is the period's target, not a sum of targets.
            target = targets[-1] if targets and len(set(targets)) == 1 else aggregate(targets, unit)
            grouped[(pid, period, key)] = (aggregate(values, unit), target,
                                           "; ".join(dict.fromkeys(r.note for r in recs if r.note)),
                                           tuple(r.line for r in recs))
        _compare(session, plan, grouped, partners, defs, today or dt.date.today(), lang)
    return plan


@overload
def _as_unit(value: float, percent_sign: bool, unit: KpiUnit) -> float: ...
@overload
def _as_unit(value: None, percent_sign: bool, unit: KpiUnit) -> None: ...
def _as_unit(value: float | None, percent_sign: bool, unit: KpiUnit) -> float | None:
    """Percent KPIs are stored as ratios: "95 %" and "95" (over 1) mean 0.95; "0.95" already is one."""
    if value is None or unit != KpiUnit.PERCENT:
        return value
    return value / 100 if percent_sign or value > 1 else value


def _t(lang: str, message: str) -> str:
    return Translator(lang).gettext(message)


def _compare(session: Any, plan: ImportPlan,
             grouped: Mapping[tuple[int, Period, str], tuple[float | None, float | None, str, tuple[int, ...]]],
             partners: Mapping[int, tuple[str, list[str]]], defs: Mapping[str, KpiDefinition], today: dt.date,
             lang: str) -> None:
    """Validate every grouped value (naming its line) and say whether it is new, changed or the same."""
    existing = _existing(session, {(pid, defs[key].id, period.start) for pid, period, key in grouped})
    for (pid, period, key), (value, target, note, lines) in sorted(
            grouped.items(), key=lambda item: (partners[item[0][0]][0], item[0][1].start, item[0][2])):
        definition = defs[key]
        where = min(lines)
        try:
            check_value(value, definition.unit)
            check_value(target, definition.unit, what="target")
        except ValidationError as exc:
            raise KpiFileError(N_("Line {line}: {problem}"), line=where, problem=exc.message) from None
        if value is not None and period.is_future(today):
            raise KpiFileError(N_("Line {line}: {period} has not started yet."), line=where, period=period.key)
        row = existing.get((pid, definition.id, period.start))
        if row is not None and row.period_end != period.end:
            raise KpiFileError(N_("Line {line}: {partner} already has a value for {kpi} over a different period "
                                  "starting the same day; import month by month or quarter by quarter."),
                               line=where, partner=partners[pid][0], kpi=key)
        new_target = target if target is not None else (row.target if row is not None else None)
        new_note = note or (row.note if row is not None else "")
        planned = PlannedValue(pid, partners[pid][0], key, period, value, new_target, new_note, lines, "new")
        if row is not None:
            same = (row.value == value and row.target == new_target and row.note == new_note
                    and dict(row.evidence or {}) == plan.evidence(planned))
            planned = PlannedValue(pid, partners[pid][0], key, period, value, new_target, new_note, lines,
                                   "same" if same else "changed", row.value, row.target, row.id)
        plan.values.append(planned)


@dataclass(frozen=True)
class _Stored:
    id: int
    period_end: dt.date
    value: float | None
    target: float | None
    note: str
    evidence: dict[str, Any]


def _existing(session: Any, wanted: set[tuple[int, int, dt.date]]) -> dict[tuple[int, int, dt.date], _Stored]:
    """The stored values for these (partner, definition, period start) keys: plain driver SQL, and only the rows
    asked for become objects, so that comparing a 10,000-row file with the workspace stays quick."""
    import json

    found: dict[tuple[int, int, dt.date], _Stored] = {}
    if not wanted:
        return found
    days = {key[2].isoformat(): key[2] for key in wanted}
    ids = sorted({key[0] for key in wanted})
    in_days = ",".join(repr(d) for d in sorted(days))
    for chunk in range(0, len(ids), 500):
        in_ids = ",".join(str(int(i)) for i in ids[chunk:chunk + 500])
        for rid, pid, did, start, end, value, target, note, evidence in fast_rows(
                session, "SELECT id, partner_id, definition_id, period_start, period_end, value, target, note, evidence "
                f"FROM kpi_values WHERE partner_id IN ({in_ids}) AND period_start IN ({in_days})"):
            key = (pid, did, days[start])
            if key in wanted:
                found[key] = _Stored(rid, dt.date.fromisoformat(end), value, target, note or "",
                                     json.loads(evidence) if evidence else {})
    return found


# --- applying ----------------------------------------------------------------------------------------------
class KpiImportService(Service):
    def apply(self, plan: ImportPlan, progress: Callable[[int, int], None] | None = None) -> ChangeSet:
        """Write the plan in one transaction (``progress`` may raise CancelledError: then nothing is kept) and
        remember a CSV mapping for the partner."""
        writes = plan.writes
        with self.unit_of_work() as (s, changes):
            defs = _definitions(s)
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            for done, planned in enumerate(writes, start=1):
                if progress is not None and done % 200 == 0:
                    progress(done, len(writes))
                values = {"value": planned.value, "target": planned.target, "note": planned.note,
                          "evidence": plan.evidence(planned)}
                if planned.row_id is None:
                    inserts.append({"definition_id": defs[planned.key].id, "partner_id": planned.partner_id,
                                    "period_start": planned.period.start, "period_end": planned.period.end,
                                    **values})
                else:
                    updates.append({"id": planned.row_id, **values})
            # Bulk statements (one INSERT, one UPDATE by primary key): a 10,000-row file in a fraction of a second.
            if updates:
                table = KpiValue.__table__  # a bulk UPDATE by id that also bumps each row's version
                assert isinstance(table, Table)
                s.execute(update(table).where(table.c.id == bindparam("b_id"))
                          .values(row_version=table.c.row_version + 1,
                                  **{k: bindparam(f"b_{k}") for k in updates[0] if k != "id"}),
                          [{f"b_{k}": v for k, v in u.items()} for u in updates])
                changes.add("updated", ENTITY, [u["id"] for u in updates])
            if inserts:
                new_ids = s.scalars(insert(KpiValue).returning(KpiValue.id), inserts).all()
                changes.add("created", ENTITY, list(new_ids))
            if writes:
                for pid in sorted({v.partner_id for v in writes}):
                    count = sum(1 for v in writes if v.partner_id == pid)
                    self.log(s, ENTITY, 0, Action.IMPORT, f"{plan.file_name}: {count}", partner_id=pid,
                             changes={"file": plan.file_name, "sha256": plan.sha256})
            if plan.mapping is not None and plan.partner_id is not None:
                self._remember(s, plan)
            if progress is not None:
                progress(len(writes), len(writes))
            return changes

    @staticmethod
    def _remember(s: Any, plan: ImportPlan) -> None:
        assert plan.mapping is not None
        row = s.scalar(select(KpiMapping).where(KpiMapping.partner_id == plan.partner_id,
                                                KpiMapping.signature == plan.signature))
        if row is None:
            s.add(KpiMapping(partner_id=plan.partner_id, signature=plan.signature, mapping=plan.mapping.to_json()))
        else:
            row.mapping = plan.mapping.to_json()
            row.used_at = dt.datetime.now(dt.UTC)


def plan_file(workspace: Workspace, path: Path, *, partner_id: int | None = None, source: str = "",
              period: Period | None = None, mapping: CsvMapping | None = None, lang: str = "en",
              today: dt.date | None = None) -> ImportPlan:
    """Read ``path`` (GA4 export or CSV, detected) and plan its import."""
    data = read_file(path)
    if is_ga4_file(data):
        return plan_ga4(workspace, data, path.name, partner_id=partner_id, source=source, period=period, lang=lang,
                        today=today)
    return plan_csv(workspace, data, path.name, mapping, partner_id=partner_id, lang=lang, today=today)
