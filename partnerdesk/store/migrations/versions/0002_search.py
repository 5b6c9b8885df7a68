"""global search index (FTS5 trigram over normalised text)

Revision ID: 0002_search
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_search"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from partnerdesk.store.search import create_index, rebuild_index

    connection = op.get_bind()
    create_index(connection)
    rebuild_index(connection)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_fts")
