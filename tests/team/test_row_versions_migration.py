"""Migration 0004_row_versions: a workspace written before it gets a row version on every editable record
(version 1), and saves from then on are guarded (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from partnerdesk.domain.errors import EditConflictError
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.app_versions import app_version_for
from partnerdesk.store.models import WorkItem, WorkStatus
from partnerdesk.store.workspace import alembic_config, open_workspace


@pytest.mark.sqlite_only
def test_an_older_workspace_gets_versions_and_guarded_saves(tmp_path: Path) -> None:
    path = tmp_path / "old.pdk"
    with open_workspace(path) as ws:
        with ws.session() as s:
            status = s.scalar(select(WorkStatus.id))
        assert status is not None
        card, _changes = WorkItemService(ws).create(status, "Written before team mode")
        cfg = alembic_config(ws.engine)
        with ws.engine.begin() as connection:  # back to the schema before row versions
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0003_partner_contact_cadence")
    with open_workspace(path) as ws:  # opening migrates it to head again
        with ws.session() as s:
            item = s.get(WorkItem, card)
            assert item is not None and item.row_version == 1
        service = WorkItemService(ws)
        service.edit(card, {"title": "Renamed"}, expected_version=1)
        with pytest.raises(EditConflictError):
            service.edit(card, {"title": "From a stale copy"}, expected_version=1)
    assert app_version_for("0004_row_versions") == "0.1.0"
