"""Partner KPIs: what is measured, the monthly values with targets and evidence, remembered import mappings
and review snapshots."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.domain.enums import KpiDirection, KpiUnit
from partnerdesk.store.models.base import Base, Versioned, enum_column, utcnow

if TYPE_CHECKING:
    from partnerdesk.store.models.people import Partner


class KpiDefinition(Versioned, Base):
    __tablename__ = "kpi_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")  # empty: translated built-in label
    unit: Mapped[KpiUnit] = mapped_column(enum_column(KpiUnit, "kpi_unit"))
    direction: Mapped[KpiDirection] = mapped_column(enum_column(KpiDirection, "kpi_direction"))
    currency: Mapped[str] = mapped_column(String(3), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # "behind" up to this share of the target, "at risk" beyond (0.1 = 10 %).
    tolerance: Mapped[float] = mapped_column(Float, default=0.1, server_default="0.1")
    # Partner kinds that get this KPI by default (empty: every kind).
    partner_kinds: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")


class KpiValue(Versioned, Base):
    __tablename__ = "kpi_values"
    __table_args__ = (
        UniqueConstraint("definition_id", "partner_id", "period_start", name="uq_kpi_values_period"),
        CheckConstraint("period_end >= period_start", name="period_order"),
        Index("ix_kpi_values_period", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("kpi_definitions.id", ondelete="CASCADE"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    value: Mapped[float | None] = mapped_column(Float)  # None: only a target so far
    target: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Where an imported value came from: {"file", "sha256", "report_start", "report_end", "rows": [...]}.
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")

    definition: Mapped[KpiDefinition] = relationship()
    partner: Mapped[Partner] = relationship()


class KpiMapping(Base):
    """A CSV column mapping the user confirmed for a partner, offered again for files with the same header."""

    __tablename__ = "kpi_mappings"
    __table_args__ = (UniqueConstraint("partner_id", "signature", name="uq_kpi_mappings_partner_signature"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    signature: Mapped[str] = mapped_column(String(1000))  # the normalised header row
    # {"period": column, "value columns": {column: kpi key}, ...}
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    used_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class KpiSnapshot(Base):
    """A scorecard frozen at a business review: later edits to those periods show as a difference."""

    __tablename__ = "kpi_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    period_key: Mapped[str] = mapped_column(String(16))  # "2026-11" or "2026-Q4"
    taken_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    label: Mapped[str] = mapped_column(String(200), default="")
    # {kpi key: {"value": float | None, "target": float | None, "status": str}}
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
