"""payments ledger: invoice date, trash, schedules

Revision ID: 0003_payments_ledger
Revises: 0002_search
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_payments_ledger"
down_revision: str | None = "0002_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payment_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.Enum("payable", "receivable", name="payment_direction", native_enum=False,
                                       create_constraint=True, length=32), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("method", sa.Enum("bank_transfer", "card", "pix", "sepa", "other", name="payment_method",
                                    native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column("rrule", sa.String(length=500), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("invoice_prefix", sa.String(length=80), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("amount_minor >= 0", name=op.f("ck_payment_schedules_amount_positive")),
        sa.CheckConstraint("length(currency) = 3 AND upper(currency) = currency",
                           name=op.f("ck_payment_schedules_currency_iso")),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"],
                                name=op.f("fk_payment_schedules_partner_id_partners"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_schedules")),
    )
    with op.batch_alter_table("payment_schedules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_schedules_partner_id"), ["partner_id"], unique=False)
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("issued_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("schedule_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_payments_schedule_id_payment_schedules"), "payment_schedules",
                                    ["schedule_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_payments_schedule", ["schedule_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_schedule")
        batch_op.drop_constraint(batch_op.f("fk_payments_schedule_id_payment_schedules"), type_="foreignkey")
        batch_op.drop_column("schedule_id")
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("issued_on")
    with op.batch_alter_table("payment_schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_schedules_partner_id"))
    op.drop_table("payment_schedules")
