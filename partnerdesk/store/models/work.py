"""Kanban work, scope, responsibilities and contracts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.domain.enums import Frequency, Phase, Priority, ScopeStatus, StatusCategory
from partnerdesk.store.models.base import Base, Timestamps, Versioned, enum_column

if TYPE_CHECKING:
    from partnerdesk.store.models.people import Contact, Partner, TeamMember


class WorkStatus(Versioned, Base):
    """A kanban column. Built-in columns have a key and a translated default label; the user may rename."""

    __tablename__ = "work_statuses"
    __table_args__ = (
        CheckConstraint("wip_limit IS NULL OR wip_limit > 0", name="wip_limit_positive"),
        CheckConstraint("length(trim(key)) > 0", name="key_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")  # empty: use the translated built-in label
    category: Mapped[StatusCategory] = mapped_column(enum_column(StatusCategory, "status_category"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    wip_limit: Mapped[int | None] = mapped_column(Integer)


class WorkItem(Timestamps, Versioned, Base):
    """A kanban card: a deliverable or an issue with a partner."""

    __tablename__ = "work_items"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("NOT (responsible_member_id IS NOT NULL AND responsible_contact_id IS NOT NULL)",
                        name="one_responsible"),
        Index("ix_work_items_board", "archived", "deleted_at", "status_id", "position"),
        Index("ix_work_items_partner", "partner_id"),
        Index("ix_work_items_due", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    responsible_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL"))
    responsible_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    status_id: Mapped[int] = mapped_column(ForeignKey("work_statuses.id", ondelete="RESTRICT"))
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "priority"), default=Priority.NORMAL)
    due_at: Mapped[dt.datetime | None]
    due_has_time: Mapped[bool] = mapped_column(Boolean, default=False)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[float] = mapped_column(Float, default=0.0)
    status_changed_at: Mapped[dt.datetime]
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_at: Mapped[dt.datetime | None]

    partner: Mapped[Partner | None] = relationship(back_populates="work_items")
    responsible_member: Mapped[TeamMember | None] = relationship()
    responsible_contact: Mapped[Contact | None] = relationship()
    status: Mapped[WorkStatus] = relationship()
    checklist: Mapped[list[ChecklistItem]] = relationship(
        back_populates="work_item", cascade="all, delete-orphan", order_by="ChecklistItem.position"
    )


class ChecklistItem(Base):
    __tablename__ = "checklist_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    work_item: Mapped[WorkItem] = relationship(back_populates="checklist")


class ScopeItem(Timestamps, Versioned, Base):
    """What is (and is not) in scope for a phase of the partnership."""

    __tablename__ = "scope_items"
    __table_args__ = (CheckConstraint("length(trim(description)) > 0", name="description_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    phase: Mapped[Phase] = mapped_column(enum_column(Phase, "phase"), default=Phase.PILOT)
    in_scope: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[ScopeStatus] = mapped_column(enum_column(ScopeStatus, "scope_status"),
                                                default=ScopeStatus.PROPOSED)
    position: Mapped[int] = mapped_column(Integer, default=0)

    partner: Mapped[Partner] = relationship(back_populates="scope_items")


class Contract(Timestamps, Versioned, Base):
    __tablename__ = "contracts"
    __table_args__ = (
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="end_after_start"),
        CheckConstraint("review_every_months IS NULL OR review_every_months > 0", name="review_positive"),
        CheckConstraint("notice_days >= 0", name="notice_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    start_on: Mapped[dt.date]
    end_on: Mapped[dt.date | None]
    our_obligations: Mapped[str] = mapped_column(Text, default="")
    partner_obligations: Mapped[str] = mapped_column(Text, default="")
    payment_terms: Mapped[str] = mapped_column(Text, default="")
    delivery_terms: Mapped[str] = mapped_column(Text, default="")
    review_every_months: Mapped[int | None] = mapped_column(Integer)
    notice_days: Mapped[int] = mapped_column(Integer, default=30)
    dispute_resolution: Mapped[str] = mapped_column(Text, default="")
    document_path: Mapped[str] = mapped_column(String(1000), default="")

    partner: Mapped[Partner] = relationship(back_populates="contracts")


class Responsibility(Timestamps, Versioned, Base):
    """A row of the responsibility matrix: task | who | deadline or frequency."""

    __tablename__ = "responsibilities"
    __table_args__ = (
        CheckConstraint("length(trim(task)) > 0", name="task_not_blank"),
        CheckConstraint("frequency != 'one_off' OR deadline IS NOT NULL", name="one_off_has_deadline"),
        CheckConstraint("NOT (member_id IS NOT NULL AND contact_id IS NOT NULL)", name="one_responsible"),
        UniqueConstraint("partner_id", "task", name="uq_responsibilities_partner_task"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    task: Mapped[str] = mapped_column(String(300))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    frequency: Mapped[Frequency] = mapped_column(enum_column(Frequency, "frequency"))
    deadline: Mapped[dt.date | None]
    position: Mapped[int] = mapped_column(Integer, default=0)

    partner: Mapped[Partner] = relationship(back_populates="responsibilities")
    member: Mapped[TeamMember | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
