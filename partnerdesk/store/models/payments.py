"""Payment schedules: the rule a series of payments was created from (monthly retainer, quarterly fee …)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from partnerdesk.domain.enums import PaymentDirection, PaymentMethod
from partnerdesk.store.models.base import Base, Timestamps, Versioned, enum_column


class PaymentSchedule(Timestamps, Versioned, Base):
    """A recurrence rule (RFC 5545 RRULE, as the calendar's) and the template of the payments it created.

    The payments themselves are ordinary rows of ``payments`` with ``schedule_id`` set."""

    __tablename__ = "payment_schedules"
    __table_args__ = (
        CheckConstraint("length(currency) = 3 AND upper(currency) = currency", name="currency_iso"),
        CheckConstraint("amount_minor >= 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    direction: Mapped[PaymentDirection] = mapped_column(enum_column(PaymentDirection, "payment_direction"),
                                                        default=PaymentDirection.PAYABLE)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[PaymentMethod] = mapped_column(enum_column(PaymentMethod, "payment_method"),
                                                  default=PaymentMethod.BANK_TRANSFER)
    rrule: Mapped[str] = mapped_column(String(500))
    start_on: Mapped[dt.date]
    invoice_prefix: Mapped[str] = mapped_column(String(80))
    notes: Mapped[str] = mapped_column(Text, default="")
