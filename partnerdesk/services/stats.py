"""Workspace statistics (for `partnerdesk info` and the About box)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from partnerdesk.store import models as m
from partnerdesk.store.workspace import Workspace

COUNTED: dict[str, type[m.Base]] = {
    "team_members": m.TeamMember,
    "partners": m.Partner,
    "contacts": m.Contact,
    "interactions": m.Interaction,
    "work_items": m.WorkItem,
    "scope_items": m.ScopeItem,
    "contracts": m.Contract,
    "responsibilities": m.Responsibility,
    "events": m.Event,
    "payments": m.Payment,
    "kpi_definitions": m.KpiDefinition,
    "kpi_values": m.KpiValue,
    "brand_guides": m.BrandGuide,
    "questionnaires": m.Questionnaire,
    "activity_log": m.ActivityLog,
}


def workspace_info(ws: Workspace) -> dict[str, Any]:
    with ws.session() as s:
        counts = {name: s.scalar(select(func.count()).select_from(model)) or 0
                  for name, model in COUNTED.items()}
    return {"path": ws.location, "schema_version": ws.schema_revision(), "counts": counts}
