"""The partner directory as a table model, and the responsibilities matrix (editable inline)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from partnerdesk.domain.enums import PartnerStage
from partnerdesk.l10n import N_, country_name, format_time
from partnerdesk.services.partners import PartnerRow, PartnerService
from partnerdesk.ui import theme
from partnerdesk.ui.table_model import ListTableModel

COLUMNS = (N_("Name"), N_("Kind"), N_("Stage"), N_("Country"), N_("Local time"), N_("Owner #1"), N_("Owner #2"),
           N_("Open items"), N_("Overdue"))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def local_time(zone: str, now: dt.datetime | None = None) -> str:
    try:
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(zone or "UTC"))
    except (KeyError, ValueError):
        return ""
    return format_time(moment.time(), "short")


class PartnersModel(ListTableModel):
    columns = COLUMNS

    def __init__(self, workspace: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._display: list[tuple[Any, ...]] = []
        self._clock: dict[str, str] = {}  # zone -> formatted local time, refreshed by tick()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = PartnerService(self.workspace).directory() if self.workspace is not None else []
        labels: dict[Any, str] = {}
        self._display = [(r.name, labels.setdefault(r.kind, r.kind.label), labels.setdefault(r.stage, r.stage.label),
                          country_name(r.country), None, r.owner, r.second, r.open_items, r.overdue_items) for r in self._rows]
        self._clock.clear()
        self.endResetModel()

    def tick(self) -> None:
        """Advance the local-time column (called every minute)."""
        self._clock.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self._rows) - 1, 4))

    def _local(self, zone: str) -> str:
        if zone not in self._clock:
            self._clock[zone] = local_time(zone)
        return self._clock[zone]

    def row(self, row: int) -> PartnerRow:
        return self._rows[row]

    def row_of(self, partner_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == partner_id), -1)


    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return QColor(r.color)
        if role == Qt.ItemDataRole.ForegroundRole and col == 8 and r.overdue_items:
            return theme.color("danger")
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return r.time_zone
        if role == Qt.ItemDataRole.DisplayRole:
            return self._local(r.time_zone) if col == 4 else self._display[index.row()][col]
        if role == SORT_ROLE:
            if col == 2:
                return list(PartnerStage).index(r.stage)
            if col == 4:
                try:
                    offset = dt.datetime.now(ZoneInfo(r.time_zone or "UTC")).utcoffset()
                    return offset.total_seconds() if offset is not None else 0
                except (KeyError, ValueError):
                    return 0
            value = self._display[index.row()][col]
            return value if isinstance(value, int) else str(value).casefold()
        return None
