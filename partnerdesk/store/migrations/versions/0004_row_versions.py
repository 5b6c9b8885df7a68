"""row_version on every editable aggregate (SQLAlchemy version_id_col), and on the activity log entries.

Team mode (issue 18): a save made from a stale copy of a record matches no row and becomes an edit conflict
instead of overwriting someone else's change. Existing rows start at version 1. Engine-neutral: on SQLite the
batch context adds the column with a plain ALTER TABLE ADD COLUMN (no rebuild, so the search index's triggers
stay); on PostgreSQL it is a plain ALTER TABLE.

Revision ID: 0004_row_versions
Revises: 0003_partner_contact_cadence
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_row_versions"
down_revision: str | None = "0003_partner_contact_cadence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED_TABLES = (
    "work_statuses", "work_items", "scope_items", "contracts", "responsibilities",
    "team_members", "partners", "contacts", "interactions",
    "events", "payments", "payment_schedules",
    "kpi_definitions", "kpi_values",
    "brand_guides", "questionnaires",
)


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("activity_log") as batch:
        batch.add_column(sa.Column("row_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN on both engines (SQLite >= 3.35): rebuilding the tables would drop the search index's
    # triggers and trip the foreign keys of the rows pointing at them.
    op.drop_column("activity_log", "row_version")
    for table in reversed(VERSIONED_TABLES):
        op.drop_column(table, "row_version")
