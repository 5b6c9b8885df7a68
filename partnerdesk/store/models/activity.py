"""The activity log ("who worked on what") and per-workspace settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.domain.enums import Action
from partnerdesk.store.models.base import Base, enum_column, utcnow
from partnerdesk.store.models.people import TeamMember


class ActivityLog(Base):
    __tablename__ = "activity_log"
    __table_args__ = (
        Index("ix_activity_entity", "entity", "entity_id"),
        Index("ix_activity_partner", "partner_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    entity: Mapped[str] = mapped_column(String(32))  # e.g. "work_item", "partner"
    entity_id: Mapped[int] = mapped_column(Integer)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    action: Mapped[Action] = mapped_column(enum_column(Action, "action"))
    summary: Mapped[str] = mapped_column(Text, default="")
    # {"field": [old, new], ...}
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The record's row_version once this change was committed (None: not a versioned record, or older entries):
    # what an edit conflict reads to tell "their change" since the version the user started from.
    row_version: Mapped[int | None] = mapped_column(Integer)

    member: Mapped[TeamMember | None] = relationship()


class Setting(Base):
    """Workspace-level settings (stale-card days, board filters, …); user prefs live in QSettings."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
