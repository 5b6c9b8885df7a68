"""Calendar events and payments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.domain.enums import EventKind, PaymentDirection, PaymentMethod
from partnerdesk.store.models.base import Base, Timestamps, Versioned, enum_column

if TYPE_CHECKING:
    from partnerdesk.store.models.people import Contact, Partner, TeamMember

event_contacts = Table(
    "event_contacts",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True),
)

event_members = Table(
    "event_members",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("team_members.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Event(Timestamps, Versioned, Base):
    """A calendar entry. Times are UTC plus the IANA zone they were planned in (10:00 Lisbon stays 10:00).

    A recurring series has an RRULE; an edited occurrence is its own row with ``series_id`` and
    ``recurrence_id`` (the occurrence's original start, UTC).
    """

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("ends_at >= starts_at", name="ends_after_start"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        UniqueConstraint("uid", "recurrence_id", name="uq_events_uid_recurrence"),
        Index("ix_events_range", "starts_at", "ends_at"),
        Index("ix_events_partner", "partner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "event_kind"), default=EventKind.MEETING)
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime]
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    rrule: Mapped[str] = mapped_column(String(500), default="")
    # ISO-8601 UTC start times of cancelled occurrences / extra occurrences.
    exdates: Mapped[list[str]] = mapped_column(JSON, default=list)
    rdates: Mapped[list[str]] = mapped_column(JSON, default=list)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    recurrence_id: Mapped[dt.datetime | None]
    location: Mapped[str] = mapped_column(String(500), default="")
    video_link: Mapped[str] = mapped_column(String(1000), default="")
    # Other attendees by e-mail (people not in the workspace).
    attendee_emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    reminder_minutes: Mapped[list[int]] = mapped_column(JSON, default=list)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    partner: Mapped[Partner | None] = relationship()
    contacts: Mapped[list[Contact]] = relationship(secondary=event_contacts)
    members: Mapped[list[TeamMember]] = relationship(secondary=event_members)
    overrides: Mapped[list[Event]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class Payment(Timestamps, Versioned, Base):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("length(currency) = 3 AND upper(currency) = currency", name="currency_iso"),
        CheckConstraint("amount_minor >= 0", name="amount_positive"),
        UniqueConstraint("partner_id", "invoice_ref", name="uq_payments_partner_invoice"),
        Index("ix_payments_due", "due_on"),
        Index("ix_payments_schedule", "schedule_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    invoice_ref: Mapped[str] = mapped_column(String(100))
    direction: Mapped[PaymentDirection] = mapped_column(enum_column(PaymentDirection, "payment_direction"),
                                                        default=PaymentDirection.PAYABLE)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    due_on: Mapped[dt.date]
    paid_on: Mapped[dt.date | None]
    method: Mapped[PaymentMethod] = mapped_column(enum_column(PaymentMethod, "payment_method"),
                                                  default=PaymentMethod.BANK_TRANSFER)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Invoice date (days to pay count from it); trash; the schedule (store/models/payments.py) it came from.
    issued_on: Mapped[dt.date | None]
    deleted_at: Mapped[dt.datetime | None]
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("payment_schedules.id", ondelete="SET NULL"))

    partner: Mapped[Partner] = relationship()
