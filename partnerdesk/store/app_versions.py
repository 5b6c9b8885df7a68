"""Which PartnerDesk version wrote a workspace, from its schema revision (for naming the pre-upgrade copy).

Every release that adds a migration adds its revision here with the app version that introduced it.
"""

from __future__ import annotations

# schema revision -> the first PartnerDesk version using it
REVISION_APP_VERSIONS: dict[str, str] = {
    "0001": "0.1.0",
    "0002_search": "0.1.0",
    "0003_payments_ledger": "0.1.0",
    "0003_performance": "0.1.0",
    "0003_partner_contact_cadence": "0.1.0",
    "0004_row_versions": "0.1.0",
}


def app_version_for(revision: str | None) -> str:
    """The PartnerDesk version that wrote a workspace at ``revision`` (the revision itself if unknown)."""
    if not revision:
        return "unknown"
    return REVISION_APP_VERSIONS.get(revision, revision)


def upgrade_copy_reason(revision: str | None) -> str:
    """The middle of the pre-upgrade copy's name: ``workspace.before-0.1.0-20261206-203000.pdk``."""
    return f"before-{app_version_for(revision)}"
