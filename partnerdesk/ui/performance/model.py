"""The performance matrix model: partners (rows, by id) x KPIs (columns) for one period.

The values of every partner for three years are loaded once into a ``KpiData``; a period switch recomputes only
each cell's status (cheap), and a cell's full tile (sparkline history, changes) is built when it is first painted
and cached. Filters and the sort by worst status work on the statuses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from partnerdesk.domain.kpi import KpiStatus
from partnerdesk.domain.periods import Period
from partnerdesk.l10n import _
from partnerdesk.services.kpis import (
    HISTORY,
    KpiData,
    KpiInfo,
    KpiTile,
    build_tile,
    evaluate,
    format_kpi_value,
    matrix_columns,
    matrix_partners,
)
from partnerdesk.ui.performance.tile_paint import tooltip

TILE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class MatrixFilter:
    kind: str = ""
    stage: str = ""
    owner_id: int | None = None
    status: str = ""  # "" or a KpiStatus value: partners with at least one KPI in that status


class PerformanceModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.data_: KpiData | None = None
        self.period: Period | None = None
        self.today = dt.date.today()
        self.columns: list[KpiInfo] = []
        self.all_rows: list[int] = []
        self.rows: list[int] = []
        self.filter = MatrixFilter()
        self.worst_first = False
        self.glance = False
        self.compare_last_year = False
        self._status: dict[tuple[int, int], tuple[float | None, KpiStatus]] = {}
        self._tiles: dict[tuple[int, int], KpiTile] = {}

    # --- loading --------------------------------------------------------------------------------------
    def set_data(self, data: KpiData, period: Period, today: dt.date, glance: bool = False) -> None:
        self.beginResetModel()
        self.glance = glance
        self.data_, self.today = data, today
        self.columns = matrix_columns(data)
        self.all_rows = matrix_partners(data)
        self._set_period(period)
        self.endResetModel()

    def set_period(self, period: Period) -> None:
        self.beginResetModel()
        self._set_period(period)
        self.endResetModel()

    def _set_period(self, period: Period) -> None:
        self.period = period
        self._tiles.clear()
        self._status.clear()
        data = self.data_
        if data is None:
            self.rows = []
            return
        self._apply_filter()

    def _cell(self, pid: int, col: int) -> tuple[float | None, KpiStatus]:
        """(value, status) of a cell, worked out when first asked (painting, filtering, sorting)."""
        key = (pid, col)
        found = self._status.get(key)
        if found is None and self.data_ is not None and self.period is not None:
            value, _target, _computed, result = evaluate(self.data_, pid, self.columns[col], self.period, self.today)
            found = self._status[key] = (value, result.status)
        return found or (None, KpiStatus.NO_VALUE)

    def set_filter(self, matrix_filter: MatrixFilter) -> None:
        self.beginResetModel()
        self.filter = matrix_filter
        self._apply_filter()
        self.endResetModel()

    def set_worst_first(self, on: bool) -> None:
        self.beginResetModel()
        self.worst_first = on
        self._apply_filter()
        self.endResetModel()

    def set_compare_last_year(self, on: bool) -> None:
        self.compare_last_year = on
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _apply_filter(self) -> None:
        data, f = self.data_, self.filter
        if data is None:
            self.rows = []
            return
        rows = []
        for pid in self.all_rows:
            p = data.partners[pid]
            if f.kind and p.kind.value != f.kind or f.stage and p.stage.value != f.stage:
                continue
            if f.owner_id is not None and f.owner_id not in (p.owner_id, p.second_id):
                continue
            if f.status and not any(self._cell(pid, c)[1].value == f.status for c in range(len(self.columns))):
                continue
            rows.append(pid)
        if self.worst_first:
            rows.sort(key=lambda pid: (-self.worst_severity(pid), -self.attention_count(pid),
                                       data.partners[pid].name.casefold()))
        self.rows = rows

    def worst_severity(self, pid: int) -> int:
        return max((self._cell(pid, c)[1].severity for c in range(len(self.columns))), default=0)

    def attention_count(self, pid: int) -> int:
        return sum(1 for c in range(len(self.columns)) if self._cell(pid, c)[1].needs_attention)

    # --- reading --------------------------------------------------------------------------------------
    def tile(self, row: int, col: int) -> KpiTile | None:
        if self.data_ is None or self.period is None or not (0 <= row < len(self.rows)) \
                or not (0 <= col < len(self.columns)):
            return None
        pid = self.rows[row]
        key = (pid, col)
        tile = self._tiles.get(key)
        if tile is None:
            # A glance has no history yet: no sparkline to work out until the three years are read.
            history = 2 if self.glance else HISTORY
            tile = self._tiles[key] = build_tile(self.data_, pid, self.columns[col], self.period, self.today,
                                                 history)
        return tile

    def status(self, row: int, col: int) -> KpiStatus:
        return self._cell(self.rows[row], col)[1]

    def partner_id(self, row: int) -> int:
        return self.rows[row]

    def row_of(self, partner_id: int) -> int:
        return self.rows.index(partner_id) if partner_id in self.rows else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == TILE_ROLE:
            return self.tile(row, col)
        if role == ID_ROLE:
            return self.rows[row]
        if role == STATUS_ROLE:
            return self.status(row, col)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value, status = self._cell(self.rows[row], col)
            info = self.columns[col]
            text = format_kpi_value(value, info.unit, info.currency)
            return text if role == Qt.ItemDataRole.DisplayRole else f"{info.label}: {text}, {status.label}"
        if role == Qt.ItemDataRole.ToolTipRole:
            tile = self.tile(row, col)
            return tooltip(tile) if tile is not None else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].label if 0 <= section < len(self.columns) else None
        if self.data_ is not None and 0 <= section < len(self.rows):
            return self.data_.partners[self.rows[section]].name
        return None

    def export_rows(self) -> list[list[str]]:
        """The matrix as shown (filtered, sorted), for CSV: partner, then value and status per KPI."""
        header = [_("Partner")]
        for info in self.columns:
            header += [info.label, _("{kpi} status").format(kpi=info.label)]
        out = [header]
        for row, pid in enumerate(self.rows):
            cells = [self.data_.partners[pid].name if self.data_ else ""]
            for col in range(len(self.columns)):
                value, status = self._cell(pid, col)
                info = self.columns[col]
                cells += [format_kpi_value(value, info.unit, info.currency), status.label]
            out.append(cells)
            del row
        return out
