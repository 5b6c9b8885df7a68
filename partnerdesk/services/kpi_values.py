"""KPI writes: values and targets per period (undoable), definitions, traffic sources, review snapshots and
"Create a card" for a KPI that needs attention. Each call is one transaction, logged, returning a ChangeSet."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.domain.enums import Action, KpiDirection, KpiUnit, PartnerKind
from partnerdesk.domain.errors import NotFoundError, ValidationError
from partnerdesk.domain.kpi import KpiStatus
from partnerdesk.domain.periods import Period
from partnerdesk.l10n import N_, _, format_skeleton
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.services.kpis import KpiTile, Scorecard
from partnerdesk.store.models import (
    KpiDefinition,
    KpiSnapshot,
    KpiValue,
    Partner,
    Responsibility,
    WorkItem,
    WorkStatus,
)

ENTITY = "kpi_value"
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


@dataclass(frozen=True)
class Entry:
    """What one KPI of one partner holds for one period (None everywhere: no row)."""

    value: float | None = None
    target: float | None = None
    note: str = ""
    evidence: dict[str, Any] | None = None

    @property
    def empty(self) -> bool:
        return self.value is None and self.target is None and not self.note and not self.evidence

    def same_as(self, other: Entry) -> bool:
        """The same value, target, note and evidence as stored (notes are stored trimmed; no evidence and an
        empty one are the same)."""
        return (self.value, self.target, (self.note or "").strip(), self.evidence or {}) == \
            (other.value, other.target, (other.note or "").strip(), other.evidence or {})


def check_value(value: float | None, unit: KpiUnit, *, what: str = "value") -> None:
    """Refuse what a unit forbids: not a finite number, a negative count or duration, a percent over 100 %."""
    if value is None:
        return
    target = what == "target"
    if not math.isfinite(value):
        raise ValidationError(N_("The target is not a number.") if target else N_("The value is not a number."),
                              field=what)
    if unit in (KpiUnit.COUNT, KpiUnit.HOURS, KpiUnit.PERCENT) and value < 0:
        raise ValidationError(N_("The target cannot be negative.") if target else
                              N_("The value cannot be negative."), field=what)
    if unit == KpiUnit.PERCENT and value > 1.0 + 1e-9:
        raise ValidationError(N_("A percentage cannot be over 100 %."), field=what)


class KpiService(Service):
    # --- values ------------------------------------------------------------------------------------------
    def entry(self, partner_id: int, key: str, period: Period) -> Entry:
        with self.workspace.session() as s:
            row = self._row(s, partner_id, self._definition(s, key).id, period)
            return Entry() if row is None else Entry(row.value, row.target, row.note, dict(row.evidence or {}))

    def set_entry(self, partner_id: int, key: str, period: Period, entry: Entry,
                  today: dt.date | None = None, expected: Entry | None = None) -> ChangeSet:
        """Write (or, for an empty entry, remove) one period's value, target and note. A value for a period that has
        not started is refused; a target for it is fine.

        ``expected``: the entry the user saw when they typed (or that the undone step left): if the period holds
        something else now, someone else changed it, and this is an edit conflict with nothing written."""
        today = today or dt.date.today()
        with self.unit_of_work() as (s, changes):
            definition = self._definition(s, key)
            self.get(s, Partner, partner_id)
            check_value(entry.value, definition.unit)
            check_value(entry.target, definition.unit, what="target")
            if entry.value is not None and period.is_future(today):
                raise ValidationError(N_("{period} has not started yet: only a target can be set for it."),
                                      field="value", period=period.key)
            row = self._row(s, partner_id, definition.id, period)
            if expected is not None:
                self._check_expected(s, row, expected)
            if entry.empty:
                if row is not None:
                    s.delete(row)
                    self.log(s, ENTITY, row.id, Action.DELETE, f"{key} {period.key}", partner_id=partner_id)
                    changes.add("deleted", ENTITY, row.id)
                return changes
            values = {"value": entry.value, "target": entry.target, "note": entry.note.strip(),
                      "evidence": dict(entry.evidence or {})}
            if row is None:
                row = KpiValue(definition_id=definition.id, partner_id=partner_id, period_start=period.start,
                               period_end=period.end, **values)
                s.add(row)
                s.flush()
                self.log(s, ENTITY, row.id, Action.CREATE, f"{key} {period.key}", partner_id=partner_id)
                changes.add("created", ENTITY, row.id)
            else:
                diff = apply_changes(row, values)
                if diff:
                    self.log(s, ENTITY, row.id, Action.UPDATE, f"{key} {period.key}", diff, partner_id=partner_id)
                    changes.add("updated", ENTITY, row.id)
            return changes

    def _check_expected(self, s: Session, row: KpiValue | None, expected: Entry) -> None:
        current = Entry() if row is None else Entry(row.value, row.target, row.note, dict(row.evidence or {}))
        if current.same_as(expected):
            return
        if row is None:
            raise NotFoundError()  # someone emptied the period since
        # Their change: the record's latest logged version (or its creation, when the user saw no row).
        self.get_at(s, KpiValue, row.id, 0 if expected.empty else max(0, row.row_version - 1))

    @staticmethod
    def _row(s: Session, partner_id: int, definition_id: int, period: Period) -> KpiValue | None:
        return s.scalar(select(KpiValue).where(KpiValue.partner_id == partner_id,
                                               KpiValue.definition_id == definition_id,
                                               KpiValue.period_start == period.start,
                                               KpiValue.period_end == period.end))

    @staticmethod
    def _definition(s: Session, key: str) -> KpiDefinition:
        definition = s.scalar(select(KpiDefinition).where(KpiDefinition.key == key))
        if definition is None:
            raise ValidationError(N_("There is no KPI “{key}”."), field="key", key=key)
        return definition

    # --- definitions -------------------------------------------------------------------------------------
    def define(self, key: str, name: str, unit: KpiUnit, direction: KpiDirection, *, tolerance: float = 0.1,
               partner_kinds: list[str] | None = None, currency: str = "") -> tuple[int, ChangeSet]:
        key = key.strip()
        if not KEY_PATTERN.match(key):
            raise ValidationError(N_("A KPI key uses lower-case letters, digits and underscores, starting with a "
                                     "letter (for example returns_rate)."), field="key")
        values = self._definition_values(name=name, tolerance=tolerance, partner_kinds=partner_kinds or [],
                                         currency=currency)
        with self.unit_of_work() as (s, changes):
            if s.scalar(select(KpiDefinition.id).where(KpiDefinition.key == key)) is not None:
                raise ValidationError(N_("A KPI with the key “{key}” already exists."), field="key", key=key)
            definition = KpiDefinition(key=key, unit=KpiUnit(unit), direction=KpiDirection(direction), **values)
            s.add(definition)
            s.flush()
            self.log(s, "kpi_definition", definition.id, Action.CREATE, key)
            changes.add("created", "kpi_definition", definition.id)
            return definition.id, changes

    def update_definition(self, definition_id: int, **values: Any) -> ChangeSet:
        """Rename, re-unit, re-direct, change tolerance or per-kind defaults of a definition (its key stays)."""
        clean = self._definition_values(**values)
        with self.unit_of_work() as (s, changes):
            definition = self.get(s, KpiDefinition, definition_id)
            diff = apply_changes(definition, clean)
            if diff:
                self.log(s, "kpi_definition", definition.id, Action.UPDATE, definition.key, diff)
                changes.add("updated", "kpi_definition", definition.id)
            return changes

    @staticmethod
    def _definition_values(**values: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in values.items():
            if name == "name":
                out[name] = (value or "").strip()
            elif name == "unit":
                out[name] = KpiUnit(value)
            elif name == "direction":
                out[name] = KpiDirection(value)
            elif name == "tolerance":
                if not 0 <= float(value) <= 1:
                    raise ValidationError(N_("The tolerance must be between 0 % and 100 %."), field="tolerance")
                out[name] = float(value)
            elif name == "partner_kinds":
                out[name] = sorted({PartnerKind(k).value for k in value})
            elif name == "currency":
                currency = (value or "").strip().upper()
                if currency and not re.fullmatch(r"[A-Z]{3}", currency):
                    raise ValidationError(N_("A currency is a three-letter ISO code such as EUR."), field="currency")
                out[name] = currency
            elif name == "description":
                out[name] = value or ""
            else:
                raise AttributeError(f"not editable: {name}")
        return out

    # --- traffic sources ---------------------------------------------------------------------------------
    def set_traffic_sources(self, partner_id: int, patterns: list[str]) -> ChangeSet:
        clean = list(dict.fromkeys(p.strip() for p in patterns if p.strip()))
        with self.unit_of_work() as (s, changes):
            partner = self.get(s, Partner, partner_id)
            diff = apply_changes(partner, {"traffic_sources": clean})
            if diff:
                self.log(s, "partner", partner.id, Action.UPDATE, partner.name, diff, partner_id=partner.id)
                changes.add("updated", "partner", partner.id)
            return changes

    # --- review snapshots --------------------------------------------------------------------------------
    def freeze(self, card: Scorecard, label: str = "") -> tuple[int, ChangeSet]:
        """Store the scorecard as it is now (a business review); later edits show as differences from it."""
        data = {t.key: {"value": t.value, "target": t.target, "status": t.status.value}
                for t in (*card.tiles, *card.our_side)}
        with self.unit_of_work() as (s, changes):
            self.get(s, Partner, card.partner_id)
            snap = KpiSnapshot(partner_id=card.partner_id, period_key=card.period.key, label=label.strip(), data=data)
            s.add(snap)
            s.flush()
            self.log(s, "kpi_snapshot", snap.id, Action.CREATE, card.period.key, partner_id=card.partner_id)
            changes.add("created", "kpi_snapshot", snap.id)
            return snap.id, changes

    def delete_snapshot(self, snapshot_id: int) -> ChangeSet:
        with self.unit_of_work() as (s, changes):
            snap = self.get(s, KpiSnapshot, snapshot_id)
            s.delete(snap)
            self.log(s, "kpi_snapshot", snapshot_id, Action.DELETE, snap.period_key, partner_id=snap.partner_id)
            changes.add("deleted", "kpi_snapshot", snapshot_id)
            return changes

    # --- "Create a card" ---------------------------------------------------------------------------------
    def create_card(self, partner_id: int, tile: KpiTile) -> tuple[int, ChangeSet]:
        """A kanban card for a KPI that needs attention, never created automatically. Its responsible is whoever the
        responsibility matrix names for KPI reporting, else the partner's owner #1."""
        if not tile.status.needs_attention:
            raise ValidationError(N_("Only a KPI that is behind or at risk gets a card."))
        with self.unit_of_work() as (s, changes):
            partner = self.get(s, Partner, partner_id)
            member_id, contact_id = self._responsible(s, partner, tile)
            status_id = s.scalar(select(WorkStatus.id).where(WorkStatus.key == "pending")) or s.scalar(
                select(WorkStatus.id).order_by(WorkStatus.position).limit(1))
            title = card_title(tile, partner.name)
            description = _("{kpi}: {status} in {period}. Created from the Performance tab.").format(
                kpi=tile.kpi.label, status=tile.status.label, period=tile.period.key)
            position = s.scalar(select(WorkItem.position).where(WorkItem.status_id == status_id)
                                .order_by(WorkItem.position).limit(1))
            item = WorkItem(title=title, description=description, partner_id=partner.id, status_id=status_id,
                            responsible_member_id=member_id, responsible_contact_id=contact_id,
                            priority="high" if tile.status == KpiStatus.AT_RISK else "normal",
                            tags=["kpi", f"kpi-{tile.key}"], position=(position or 0.0) - 1.0,
                            status_changed_at=dt.datetime.now(dt.UTC))
            s.add(item)
            s.flush()
            self.log(s, "work_item", item.id, Action.CREATE, title, partner_id=partner.id)
            changes.add("created", "work_item", item.id)
            return item.id, changes

    @staticmethod
    def _responsible(s: Any, partner: Partner, tile: KpiTile) -> tuple[int | None, int | None]:
        words = ("kpi", tile.kpi.label.casefold(), tile.key.replace("_", " "))
        for row in s.scalars(select(Responsibility).where(Responsibility.partner_id == partner.id)
                             .order_by(Responsibility.position)):
            task = row.task.casefold()
            if any(w and w in task for w in words) and (row.member_id or row.contact_id):
                return row.member_id, row.contact_id
        return partner.owner_id, None


def card_title(tile: KpiTile, partner_name: str) -> str:
    """"Conversion rate below target — Vitrine Paulista (Nov)" in the current language."""
    month = format_skeleton("MMM", tile.period.start) if tile.period.granularity.value == "month" else tile.period.key
    if tile.kpi.direction == KpiDirection.LOWER:
        template = _("{kpi} above target — {partner} ({period})")
    else:
        template = _("{kpi} below target — {partner} ({period})")
    return template.format(kpi=tile.kpi.label, partner=partner_name, period=month)


@dataclass(frozen=True)
class SnapshotDiff:
    key: str
    frozen_value: float | None
    value: float | None
    frozen_target: float | None
    target: float | None


def snapshot_differences(snapshot_data: dict[str, Any], card: Scorecard) -> list[SnapshotDiff]:
    """KPIs whose value or target differs now from the frozen review (a KPI gone or added counts too)."""
    out = []
    now = {t.key: t for t in (*card.tiles, *card.our_side)}
    for key in sorted(set(snapshot_data) | set(now)):
        frozen = snapshot_data.get(key, {})
        tile = now.get(key)
        value, target = (tile.value, tile.target) if tile else (None, None)
        if not _same(frozen.get("value"), value) or not _same(frozen.get("target"), target):
            out.append(SnapshotDiff(key, frozen.get("value"), value, frozen.get("target"), target))
    return out


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@dataclass(frozen=True)
class Snapshot:
    id: int
    period_key: str
    taken_at: dt.datetime
    label: str
    data: dict[str, Any]


def latest_snapshot(workspace: Any, partner_id: int, period: Period) -> Snapshot | None:
    """The most recent review snapshot of the partner's scorecard for ``period``."""
    with workspace.session() as s:
        snap = s.scalar(select(KpiSnapshot).where(KpiSnapshot.partner_id == partner_id,
                                                  KpiSnapshot.period_key == period.key)
                        .order_by(KpiSnapshot.taken_at.desc(), KpiSnapshot.id.desc()).limit(1))
        return None if snap is None else Snapshot(snap.id, snap.period_key, snap.taken_at, snap.label,
                                                  dict(snap.data or {}))
