"""Board fixtures: a workspace with partners and people, and a shown KanbanView over it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.store.models import Partner, TeamMember, WorkStatus
from partnerdesk.store.workspace import Workspace, open_workspace
from partnerdesk.ui.context import AppContext, ChangeHub
from partnerdesk.ui.kanban.view import KanbanView


def status_id(ws: Workspace, key: str) -> int:
    with ws.session() as s:
        return s.scalar(select(WorkStatus.id).where(WorkStatus.key == key))


def add_people(ws: Workspace) -> dict[str, int]:
    """Two partners (one in Tokyo) and two team members; returns their ids by name."""
    with ws.session() as s, s.begin():
        rows: list[Any] = [
            Partner(name="Kyma Hotels", kind=PartnerKind.AGENCY, color="#E53935", time_zone="Europe/Athens"),
            Partner(name="Sakura Commerce", kind=PartnerKind.MARKETPLACE, color="#3949AB", time_zone="Asia/Tokyo"),
            TeamMember(name="Maria Silva"), TeamMember(name="Lucas Braga"),
        ]
        s.add_all(rows)
        s.flush()
        return {r.name: r.id for r in rows}


def titles(cell: Any) -> list[str]:
    model = cell.cell()
    return [model.index(r).data() for r in range(model.rowCount())]


@pytest.fixture
def open_board(qtbot, tmp_path: Path) -> Callable[..., KanbanView]:  # type: ignore[no-untyped-def]
    """open_board(path=None) -> a shown board; the same path reopens the same workspace file."""
    opened: list[Workspace] = []

    def make(path: Path | None = None, prepare: Callable[[Workspace], Any] | None = None) -> KanbanView:
        path = path or tmp_path / "board.pdk"
        ws = open_workspace(path)
        opened.append(ws)
        if prepare is not None:
            prepare(ws)
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        view = KanbanView(AppContext(ws, QUndoStack(), ChangeHub(), settings))
        qtbot.addWidget(view)
        view.resize(1400, 800)
        view.show()
        qtbot.waitExposed(view)
        return view

    yield make
    for ws in opened:
        ws.close()
