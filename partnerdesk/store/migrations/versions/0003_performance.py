"""partner performance (issue 15): KPI tolerance and per-kind defaults, value notes and evidence, target-only
values, partner traffic sources, remembered import mappings, review snapshots, the "revenue" KPI

Revision ID: 0003_performance
Revises: 0003_payments_ledger
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_performance"
down_revision: str | None = "0003_payments_ledger"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KIND_DEFAULTS = {
    "traffic": ["agency", "marketplace", "seo_marketing"],
    "conversions": ["agency", "marketplace", "seo_marketing"],
    "conversion_rate": ["agency", "marketplace", "seo_marketing"],
    "revenue": ["agency", "marketplace", "seo_marketing", "b2b_customer"],
    "cs_response_hours": ["customer_service", "marketplace"],
    "logistics_on_time": ["logistics", "marketplace"],
}


def upgrade() -> None:
    with op.batch_alter_table("kpi_definitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tolerance", sa.Float(), server_default="0.1", nullable=False))
        batch_op.add_column(sa.Column("partner_kinds", sa.JSON(), server_default="[]", nullable=False))
    with op.batch_alter_table("kpi_values", schema=None) as batch_op:
        batch_op.alter_column("value", existing_type=sa.Float(), nullable=True)
        batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("evidence", sa.JSON(), server_default="{}", nullable=False))
        batch_op.create_index("ix_kpi_values_period", ["period_start"], unique=False)
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("traffic_sources", sa.JSON(), server_default="[]", nullable=False))
    op.create_table(
        "kpi_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.String(length=1000), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"], name=op.f("fk_kpi_mappings_partner_id_partners"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_mappings")),
        sa.UniqueConstraint("partner_id", "signature", name="uq_kpi_mappings_partner_signature"),
    )
    op.create_table(
        "kpi_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=16), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"], name=op.f("fk_kpi_snapshots_partner_id_partners"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_snapshots")),
    )
    with op.batch_alter_table("kpi_snapshots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kpi_snapshots_partner_id"), ["partner_id"], unique=False)

    kpis = sa.table("kpi_definitions", sa.column("key"), sa.column("name"), sa.column("unit"),
                    sa.column("direction"), sa.column("currency"), sa.column("description"))
    op.bulk_insert(kpis, [{"key": "revenue", "name": "", "unit": "money", "direction": "higher", "currency": "",
                           "description": ""}])
    definitions = sa.table("kpi_definitions", sa.column("key"), sa.column("partner_kinds", sa.JSON()))
    for key, kinds in KIND_DEFAULTS.items():  # a typed JSON value: PostgreSQL refuses text for a json column
        op.execute(definitions.update().where(definitions.c.key == key).values(partner_kinds=kinds))


def downgrade() -> None:
    op.execute("DELETE FROM kpi_definitions WHERE key = 'revenue'")
    op.drop_table("kpi_snapshots")
    op.drop_table("kpi_mappings")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_column("traffic_sources")
    with op.batch_alter_table("kpi_values", schema=None) as batch_op:
        batch_op.drop_index("ix_kpi_values_period")
        batch_op.drop_column("evidence")
        batch_op.drop_column("note")
    op.execute("DELETE FROM kpi_values WHERE value IS NULL")
    with op.batch_alter_table("kpi_values", schema=None) as batch_op:
        batch_op.alter_column("value", existing_type=sa.Float(), nullable=False)
    with op.batch_alter_table("kpi_definitions", schema=None) as batch_op:
        batch_op.drop_column("partner_kinds")
        batch_op.drop_column("tolerance")
