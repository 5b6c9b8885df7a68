"""The board surface: column headers across the top, then one row of card lists per swimlane.

A QGridLayout mirrors by itself in right-to-left languages, so the first column sits on the right in Arabic.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QGridLayout, QWidget

from partnerdesk.domain.enums import DEFAULT_STATUSES, Priority
from partnerdesk.l10n import _
from partnerdesk.services.board_query import Lane, LaneKey
from partnerdesk.ui.kanban.cell import CardList, ColumnHeader, LaneHeader
from partnerdesk.ui.kanban.delegate import CardDelegate, card_height
from partnerdesk.ui.kanban.model import BoardState, CellModel

_BUILTIN = {key: label for key, label, _cat in DEFAULT_STATUSES}
LANE_ROWS_SHOWN = 3  # cards visible per lane cell before it scrolls


@dataclass(frozen=True)
class Column:
    status_id: int
    key: str
    name: str
    category: str
    wip_limit: int | None

    @property
    def label(self) -> str:
        return self.name or _(_BUILTIN.get(self.key, self.key))


def lane_label(mode: str, lane: Lane) -> str:
    if mode == "priority":
        return Priority(str(lane.key)).label
    if lane.key is None:
        return _("No partner") if mode == "partner" else _("Unassigned")
    return lane.label


class BoardGrid(QWidget):
    def __init__(self, state: BoardState, columns: list[Column], lanes: list[Lane],
                 collapsed_columns: set[int], collapsed_lanes: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.columns, self.lanes = state, columns, lanes
        self.collapsed_columns, self.collapsed_lanes = collapsed_columns, collapsed_lanes
        self.headers: dict[int, ColumnHeader] = {}
        self.lane_headers: dict[LaneKey, LaneHeader] = {}
        self.cells: dict[tuple[int, LaneKey], CardList] = {}
        self.delegate = CardDelegate(state, self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.layout_ = grid
        laned = state.lane_mode != "none"
        for c, column in enumerate(columns):
            header = ColumnHeader(self)
            self.headers[column.status_id] = header
            grid.addWidget(header, 0, c)
        for j, lane in enumerate(lanes):
            row = 1 + 2 * j
            if laned:
                lane_header = LaneHeader(self)
                self.lane_headers[lane.key] = lane_header
                grid.addWidget(lane_header, row, 0, 1, len(columns))
            for c, column in enumerate(columns):
                cell = CardList(CellModel(state, column.status_id, lane.key, self), self.delegate, self)
                self.cells[(column.status_id, lane.key)] = cell
                grid.addWidget(cell, row + 1, c)
        if laned:
            grid.setRowStretch(2 * len(lanes) + 1, 1)
        else:
            grid.setRowStretch(2, 1)
        self.apply_collapse()

    def lists(self, status_id: int | None = None) -> list[CardList]:
        return [cell for (sid, _lane), cell in self.cells.items() if status_id in (None, sid)]

    def column_index(self, status_id: int) -> int:
        return next(i for i, c in enumerate(self.columns) if c.status_id == status_id)

    @staticmethod
    def lane_id(key: LaneKey) -> str:
        return "" if key is None else str(key)

    def apply_collapse(self) -> None:
        for c, column in enumerate(self.columns):
            folded = column.status_id in self.collapsed_columns
            self.headers[column.status_id].set_collapsed(folded)
            self.layout_.setColumnStretch(c, 0 if folded else 1)
            for lane in self.lanes:
                lane_folded = self.lane_id(lane.key) in self.collapsed_lanes
                self.cells[(column.status_id, lane.key)].setVisible(not folded and not lane_folded)
        for key, header in self.lane_headers.items():
            header.set_collapsed(self.lane_id(key) in self.collapsed_lanes)

    def update_heights(self) -> None:
        """In swimlanes each cell is as tall as its first few cards; without lanes lists fill the height."""
        if self.state.lane_mode == "none":
            return
        for lane in self.lanes:
            row = [self.cells[(c.status_id, lane.key)] for c in self.columns]
            shown = max(1, min(max(cell.cell().total for cell in row), LANE_ROWS_SHOWN))
            for cell in row:
                cell.setFixedHeight(shown * card_height(cell.font()) + 2 * cell.frameWidth() + 4)
