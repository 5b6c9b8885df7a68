"""Team members, partners, their contacts and the interactions with them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.domain.enums import Channel, PartnerKind, PartnerStage, Seniority
from partnerdesk.store.models.base import Base, Timestamps, Versioned, enum_column

if TYPE_CHECKING:
    from partnerdesk.store.models.work import Contract, Responsibility, ScopeItem, WorkItem

HHMM = "GLOB '[0-2][0-9]:[0-5][0-9]'"


class TeamMember(Timestamps, Versioned, Base):
    """Someone on our side: owners #1/#2, people responsible for tasks, authors in the activity log."""

    __tablename__ = "team_members"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint(f"work_start {HHMM} AND work_end {HHMM}", name="work_hours_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(200), default="")
    seniority: Mapped[Seniority] = mapped_column(enum_column(Seniority, "seniority"), default=Seniority.SENIOR)
    email: Mapped[str] = mapped_column(String(320), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    work_start: Mapped[str] = mapped_column(String(5), default="09:00")
    work_end: Mapped[str] = mapped_column(String(5), default="18:00")
    weekend_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [5, 6])
    is_me: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Partner(Timestamps, Versioned, Base):
    __tablename__ = "partners"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("score_experience BETWEEN 1 AND 5", name="score_experience_range"),
        CheckConstraint("score_reputation BETWEEN 1 AND 5", name="score_reputation_range"),
        CheckConstraint("score_compatibility BETWEEN 1 AND 5", name="score_compatibility_range"),
        CheckConstraint("reply_hours >= 0", name="reply_hours_positive"),
        CheckConstraint(f"work_start {HHMM} AND work_end {HHMM}", name="work_hours_format"),
        CheckConstraint("color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'",
                        name="color_hex"),
        CheckConstraint("owner_id IS NULL OR second_id IS NULL OR owner_id != second_id",
                        name="owners_distinct"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[PartnerKind] = mapped_column(enum_column(PartnerKind, "partner_kind"))
    stage: Mapped[PartnerStage] = mapped_column(enum_column(PartnerStage, "partner_stage"),
                                                default=PartnerStage.PROSPECT)
    country: Mapped[str] = mapped_column(String(2), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    locale: Mapped[str] = mapped_column(String(16), default="en")
    website: Mapped[str] = mapped_column(String(500), default="")
    work_start: Mapped[str] = mapped_column(String(5), default="09:00")
    work_end: Mapped[str] = mapped_column(String(5), default="18:00")
    weekend_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [5, 6])
    reply_hours: Mapped[int] = mapped_column(Integer, default=24)
    # Days without an interaction before Today lists the partner as quiet.
    contact_cadence_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"), index=True)
    second_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    score_experience: Mapped[int | None] = mapped_column(Integer)
    score_reputation: Mapped[int | None] = mapped_column(Integer)
    score_compatibility: Mapped[int | None] = mapped_column(Integer)
    evaluation_notes: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    color: Mapped[str] = mapped_column(String(7), default="#4A6FA5")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Patterns matched against analytics rows (source / medium, channel group, campaign), e.g. "studioventura".
    traffic_sources: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")

    owner: Mapped[TeamMember | None] = relationship(foreign_keys=[owner_id])
    second: Mapped[TeamMember | None] = relationship(foreign_keys=[second_id])
    contacts: Mapped[list[Contact]] = relationship(back_populates="partner", passive_deletes=True)
    work_items: Mapped[list[WorkItem]] = relationship(back_populates="partner", passive_deletes=True)
    scope_items: Mapped[list[ScopeItem]] = relationship(back_populates="partner", passive_deletes=True,
                                                        order_by="ScopeItem.position")
    contracts: Mapped[list[Contract]] = relationship(back_populates="partner", passive_deletes=True)
    responsibilities: Mapped[list[Responsibility]] = relationship(back_populates="partner",
                                                                  passive_deletes=True,
                                                                  order_by="Responsibility.position")


class Contact(Timestamps, Versioned, Base):
    __tablename__ = "contacts"
    __table_args__ = (CheckConstraint("length(trim(display_name)) > 0", name="display_name_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"), index=True)
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    display_name: Mapped[str] = mapped_column(String(400))
    role: Mapped[str] = mapped_column(String(200), default="")
    organization: Mapped[str] = mapped_column(String(200), default="")
    # [{"value": "a@b.c", "type": "work"}, ...]; first is preferred.
    emails: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    phones: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    locale: Mapped[str] = mapped_column(String(16), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="")  # empty: the partner's zone
    advisory_board: Mapped[bool] = mapped_column(Boolean, default=False)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[bytes | None] = mapped_column(LargeBinary)
    photo_mime: Mapped[str] = mapped_column(String(64), default="")

    partner: Mapped[Partner | None] = relationship(back_populates="contacts")


interaction_contacts = Table(
    "interaction_contacts",
    Base.metadata,
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Interaction(Timestamps, Versioned, Base):
    __tablename__ = "interactions"
    __table_args__ = (Index("ix_interactions_partner_when", "partner_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    occurred_at: Mapped[dt.datetime]
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "channel"))
    team_member_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(Text)
    follow_up_on: Mapped[dt.date | None] = mapped_column(index=True)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)

    partner: Mapped[Partner | None] = relationship()
    team_member: Mapped[TeamMember | None] = relationship()
    contacts: Mapped[list[Contact]] = relationship(secondary=interaction_contacts)
