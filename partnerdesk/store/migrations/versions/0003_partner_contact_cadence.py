"""partners.contact_cadence_days: how often the partner should hear from us (Today's "quiet partners")

Revision ID: 0003_partner_contact_cadence
Revises: 0003_performance
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_partner_contact_cadence"
down_revision: str | None = "0003_performance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (no table rebuild: the search index's triggers on partners stay in place).
    op.add_column("partners", sa.Column("contact_cadence_days", sa.Integer(), nullable=False,
                                        server_default="30"))


def downgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.drop_column("contact_cadence_days")
