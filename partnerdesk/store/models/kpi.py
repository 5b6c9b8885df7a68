"""Partner KPIs: what is measured, and the monthly values with targets."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.domain.enums import KpiDirection, KpiUnit
from partnerdesk.store.models.base import Base, enum_column

if TYPE_CHECKING:
    from partnerdesk.store.models.people import Partner


class KpiDefinition(Base):
    __tablename__ = "kpi_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")  # empty: translated built-in label
    unit: Mapped[KpiUnit] = mapped_column(enum_column(KpiUnit, "kpi_unit"))
    direction: Mapped[KpiDirection] = mapped_column(enum_column(KpiDirection, "kpi_direction"))
    currency: Mapped[str] = mapped_column(String(3), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class KpiValue(Base):
    __tablename__ = "kpi_values"
    __table_args__ = (
        UniqueConstraint("definition_id", "partner_id", "period_start", name="uq_kpi_values_period"),
        CheckConstraint("period_end >= period_start", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("kpi_definitions.id", ondelete="CASCADE"))
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    value: Mapped[float] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)

    definition: Mapped[KpiDefinition] = relationship()
    partner: Mapped[Partner] = relationship()
