"""KanbanView: the filter bar, swimlane choice and tools over the board grid; turns gestures into commands."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partnerdesk.domain.errors import EditConflictError
from partnerdesk.l10n import N_, _
from partnerdesk.services.base import ChangeSet
from partnerdesk.services.board_query import LANE_MODES, BoardFilter, Lane, LaneKey
from partnerdesk.services.board_settings import BoardSettingsService
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import WorkStatus
from partnerdesk.ui.context import AppContext
from partnerdesk.ui.kanban import menus
from partnerdesk.ui.kanban.cell import CardList
from partnerdesk.ui.kanban.commands import CreateCard, MoveCards, TrashCards, push
from partnerdesk.ui.kanban.delegate import card_height
from partnerdesk.ui.kanban.filter_bar import FilterBar
from partnerdesk.ui.kanban.grid import BoardGrid, Column, lane_label
from partnerdesk.ui.kanban.model import BoardState, load_cards

LANE_FIELDS = {"partner": "partner_id", "owner": "responsible_member_id", "priority": "priority"}
_LANE_NAMES = {"none": N_("No swimlanes"), "partner": N_("Lanes by partner"), "owner": N_("Lanes by owner"),
               "priority": N_("Lanes by priority")}


class KanbanView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.state: BoardState | None = None
        self.grid: BoardGrid | None = None
        self.board_columns: list[Column] = []
        self._archived_for: int | None = None
        # Last dialog/menu opened, so tests and the main window can reach them.
        self.card_dialog: QWidget | None = None
        self.trash_dialog: QWidget | None = None
        self.settings_dialog: QWidget | None = None
        self.print_dialog: QWidget | None = None
        self.last_menu: QWidget | None = None
        self.export_message = ""
        self._totals: dict[int, int] | None = None
        self.title = QLabel()
        self.title.setObjectName("viewTitle")
        self.lanes = QComboBox()
        self.lanes.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for mode in LANE_MODES:
            self.lanes.addItem("", mode)
        self.lanes.currentIndexChanged.connect(lambda _i: self.set_lane_mode(self.lanes.currentData()))
        self.tools = {name: QToolButton() for name in ("add_column", "trash", "print", "export", "settings")}
        self.tools["add_column"].clicked.connect(lambda: menus.add_column(self))
        self.tools["trash"].clicked.connect(lambda: menus.show_trash(self))
        self.tools["print"].clicked.connect(lambda: menus.print_board(self))
        self.tools["export"].clicked.connect(lambda: menus.export_csv(self))
        self.tools["settings"].clicked.connect(lambda: menus.board_settings(self))
        self.toolbar = QToolBar()  # overflows into a menu on a narrow window
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.addWidget(self.lanes)
        for button in self.tools.values():
            self.toolbar.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.toolbar, 0)
        self.filter_bar = FilterBar(context)
        self.filter_bar.changed.connect(self.set_filter)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.scroller, 1)
        context.hub.changed.connect(self._on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        context.hub.reload_requested.connect(self.reload)
        self.retranslate_ui()
        self.reload()

    # -- shortcuts used by menus and tests -----------------------------------------------------------------------
    @property
    def filter(self) -> QLineEdit:
        """The free-text field of the filter bar."""
        return self.filter_bar.text

    @property
    def service(self) -> WorkItemService:
        return WorkItemService(self.context.ws)

    @property
    def columns(self) -> list[CardList]:
        """The card lists of the first lane, one per column, in workflow order."""
        if self.grid is None:
            return []
        first = self.grid.lanes[0].key if self.grid.lanes else None
        return [self.grid.cells[(c.status_id, first)] for c in self.board_columns if (c.status_id, first)
                in self.grid.cells]

    # -- loading --------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """(Re)open the board: archive old Done cards, read settings and columns, rebuild the grid."""
        if self.context.workspace is None:
            self._set_grid(None)
            return
        ws = self.context.ws
        settings = BoardSettingsService(ws)
        if self._archived_for != id(ws):
            self._archived_for = id(ws)
            days = int(settings.get_value("kanban.archive_days"))
            self.context.hub.announce(self.service.archive_done(days))
        lane_mode = self.state.lane_mode if self.state is not None and self.state.ws is ws else "none"
        flt = self.state.flt if self.state is not None and self.state.ws is ws else BoardFilter()
        self.state = BoardState(ws, flt, lane_mode, int(settings.get_value("kanban.stale_days")))
        with ws.session() as s:
            self.board_columns = [Column(st.id, st.key, st.name, str(st.category.value), st.wip_limit) for st in
                                  s.scalars(select(WorkStatus).order_by(WorkStatus.position, WorkStatus.id))]
        self.state.done_columns = frozenset(c.status_id for c in self.board_columns if c.category == "done")
        self.filter_bar.populate()
        self.build()

    def build(self) -> None:
        """Query counts and lanes, then lay out a fresh grid whose cells load their first page of cards."""
        assert self.state is not None
        counts, matches = self._query_cells()
        lanes = self.state.query.lanes(self.state.lane_mode, {lane for _sid, lane in counts}) \
            if self.state.lane_mode != "none" else []
        mode = self.state.lane_mode
        grid = BoardGrid(self.state, self.board_columns, lanes or [Lane(None, "")],
                         self._collapsed("columns", as_int=True), self._collapsed(f"lanes_{mode}"))
        for column in self.board_columns:
            header = grid.headers[column.status_id]
            header.toggled.connect(lambda sid=column.status_id: self.toggle_column(sid))
            header.quick_add.connect(lambda title, sid=column.status_id: self.quick_add(sid, title))
            header.menu_requested.connect(lambda pos, sid=column.status_id: menus.column_menu(self, sid, pos))
            header.cards_dropped.connect(lambda ids, sid=column.status_id: self._move_shown(
                ids, sid, None, {}))  # to the end, lanes unchanged
        for key, lane_header in grid.lane_headers.items():
            lane_header.toggled.connect(lambda k=key: self.toggle_lane(k))
            lane_header.menu_requested.connect(lambda pos, k=key: menus.lane_menu(self, k, pos))
        for (status_id, lane_key), cell in grid.cells.items():
            cell.cell().cards_dropped.connect(self._drop)
            cell.move_requested.connect(lambda step, c=cell: self.move_selected(step, c))
            cell.reorder_requested.connect(lambda step, c=cell: self.reorder_selected(step, c))
            cell.edit_requested.connect(self.edit_card)
            cell.delete_requested.connect(lambda c=cell: self.delete_cards(c.selected_ids()))
            cell.add_requested.connect(lambda h=grid.headers[status_id]: h.open_quick_add())
            cell.menu_requested.connect(lambda pos, c=cell: menus.card_menu(self, c, pos))
            cell.cell().reset(counts.get((status_id, lane_key), 0), matches.get((status_id, lane_key), [])
                              if matches is not None else None)
        self._set_grid(grid)
        self._prime_first_screens()
        self._update_headers(counts)

    def _set_grid(self, grid: BoardGrid | None) -> None:
        old = self.scroller.takeWidget()
        if old is not None:
            old.deleteLater()
        self.grid = grid
        if grid is not None:
            self.scroller.setWidget(grid)

    def _update_headers(self, counts: dict[tuple[int, LaneKey], int] | None = None,
                        cards_changed: bool = True) -> None:
        """Header counts. Unfiltered column totals (for WIP limits) are re-read only when cards changed."""
        if self.grid is None or self.state is None:
            return
        query = self.state.query
        if counts is None and not self._keyset_paging():  # the cells hold every match: count in memory
            counts = {cell: len(model.matches or []) for cell, model in
                      ((k, c.cell()) for k, c in self.grid.cells.items())}
        if counts is None:
            counts = query.counts(self.state.flt, self.state.lane_mode)
        if self.state.flt.is_empty() and self.state.lane_mode == "none":
            self._totals = {sid: n for (sid, _lane), n in counts.items()}
        elif cards_changed or self._totals is None:
            self._totals = query.column_totals()
        totals = self._totals
        for column in self.board_columns:
            shown = sum(n for (sid, _lane), n in counts.items() if sid == column.status_id)
            self.grid.headers[column.status_id].set_text(column.label, shown, totals.get(column.status_id, 0),
                                                         column.wip_limit)
        labels = {column.status_id: column.label for column in self.board_columns}
        lane_names = {lane.key: lane_label(self.state.lane_mode, lane) for lane in self.grid.lanes} \
            if self.grid.lane_headers else {}
        for (status_id, lane_key), cell in self.grid.cells.items():
            cell.cell().total = counts.get((status_id, lane_key), 0)
            name = labels.get(status_id, "")
            lane_name = lane_names.get(lane_key)
            cell.setAccessibleName(_("{column}, {lane}").format(column=name, lane=lane_name) if lane_name else name)
        if self.grid.lane_headers:
            limits = BoardSettingsService(self.context.ws).partner_wip_limits() \
                if self.state.lane_mode == "partner" else {}
            open_cards = query.partner_open_totals() if limits else {}
            for lane in self.grid.lanes:
                count = sum(n for (_sid, key), n in counts.items() if key == lane.key)
                limit = limits.get(lane.key) if isinstance(lane.key, int) else None
                self.grid.lane_headers[lane.key].set_text(lane_label(self.state.lane_mode, lane), lane.color,
                                                          count, open_cards.get(lane.key, 0) if limit and isinstance(lane.key, int) else None,
                                                          limit)
        self.grid.update_heights()

    # -- filter, lanes, collapse -----------------------------------------------------------------------------------
    def set_filter(self, flt: BoardFilter) -> None:
        if self.state is None or flt == self.state.flt:
            return
        self.state.flt = flt
        self.refresh()

    def refresh(self) -> None:
        """Re-query counts and first pages (filter changed); rebuild the grid only if the lanes changed."""
        if self.state is None or self.grid is None:
            return
        counts, matches = self._query_cells()
        lane_keys = {lane for _sid, lane in counts}
        if self.state.lane_mode != "none" and lane_keys != {lane.key for lane in self.grid.lanes}:
            self.build()
            return
        for (status_id, lane_key), cell in self.grid.cells.items():
            cell.cell().reset(counts.get((status_id, lane_key), 0), matches.get((status_id, lane_key), [])
                              if matches is not None else None)
        self._prime_first_screens()
        self._update_headers(counts, cards_changed=False)

    def _prime_first_screens(self) -> None:
        """Load the cards every cell shows first in one query, instead of one query per cell when painting."""
        if self.grid is None or self.state is None:
            return
        rows = max(2, self.scroller.viewport().height() // card_height(self.font()) + 1)
        wanted = {cell: cell.cell().ids[:rows] for cell in self.grid.cells.values()}
        cards = load_cards(self.state.ws, [wid for ids in wanted.values() for wid in ids])
        for cell, ids in wanted.items():
            cell.cell().prime({wid: cards[wid] for wid in ids if wid in cards})

    def _keyset_paging(self) -> bool:
        """The whole unfiltered board without lanes pages through keyset queries; a filtered or laned board lists
        its cards in one query (a filter is selective; lanes would otherwise need a query per cell)."""
        return self.state is not None and self.state.flt.is_empty() and self.state.lane_mode == "none"

    def _query_cells(self) -> tuple[dict[tuple[int, LaneKey], int], dict[tuple[int, LaneKey], list[Any]] | None]:
        """Counts per cell and, unless keyset paging, every matching card by cell."""
        assert self.state is not None
        if self._keyset_paging():
            return self.state.query.counts(self.state.flt, self.state.lane_mode), None
        matches = self.state.query.snapshot(self.state.flt, self.state.lane_mode)
        return {cell: len(keys) for cell, keys in matches.items()}, matches

    def set_lane_mode(self, mode: str) -> None:
        if self.state is None or mode == self.state.lane_mode or mode not in LANE_MODES:
            return
        self.state.lane_mode = mode
        self.lanes.setCurrentIndex(self.lanes.findData(mode))
        self.build()

    def _collapsed(self, name: str, as_int: bool = False) -> set[Any]:
        values: Any = self.context.settings.value(f"kanban/collapsed_{name}", []) or []
        values = [values] if isinstance(values, str) else list(values)
        return {int(v) for v in values if str(v).lstrip("-").isdigit()} if as_int else {str(v) for v in values}

    def _store_collapsed(self, name: str, values: set[Any]) -> None:
        self.context.settings.setValue(f"kanban/collapsed_{name}", sorted(str(v) for v in values))

    def toggle_column(self, status_id: int) -> None:
        if self.grid is None:
            return
        self.grid.collapsed_columns ^= {status_id}
        self._store_collapsed("columns", self.grid.collapsed_columns)
        self.grid.apply_collapse()

    def toggle_lane(self, key: LaneKey) -> None:
        if self.grid is None or self.state is None:
            return
        self.grid.collapsed_lanes ^= {BoardGrid.lane_id(key)}
        self._store_collapsed(f"lanes_{self.state.lane_mode}", self.grid.collapsed_lanes)
        self.grid.apply_collapse()

    # -- change notifications: refresh only the rows that changed ------------------------------------------------
    def _on_changed(self, changes: Any) -> None:
        if self.state is None or self.grid is None or self.context.workspace is None:
            return
        entities = changes.entities()
        if entities & {"partner", "team_member"}:
            self.filter_bar.populate()  # new or renamed partners and people in the filter lists
        if "work_status" in entities:
            self.reload()
            return
        if "setting" in entities:
            self.state.stale_days = int(BoardSettingsService(self.context.ws).get_value("kanban.stale_days"))
            for cell in self.grid.cells.values():
                cell.viewport().update()
        changed = changes.ids("work_item")
        if not changed:
            if "setting" in entities:
                self._update_headers()
            return
        placed = self.state.query.placements(self.state.flt, self.state.lane_mode, list(changed))
        if any((sid, lane) not in self.grid.cells for sid, lane, _key in placed.values()):
            self.build()  # a card arrived in a lane the board does not show yet
            return
        for cell in self.grid.cells.values():
            cell.cell().apply(changed, placed)
        self._update_headers()

    # -- gestures -> commands -------------------------------------------------------------------------------------
    def _push(self, command: Any) -> bool:
        return push(self, self.context.undo_stack, command)

    def _drop(self, ids: list[int], status_id: int, before: int | None, lane_key: LaneKey) -> None:
        values: dict[str, Any] = {}
        if self.state is not None and self.state.lane_mode in LANE_FIELDS:
            field = LANE_FIELDS[self.state.lane_mode]
            values[field] = "normal" if lane_key is None and field == "priority" else lane_key
            if field == "responsible_member_id" and lane_key is not None:
                values["responsible_contact_id"] = None  # a card has one responsible
        self._move_shown(ids, status_id, before, values)

    def _shown_versions(self, ids: list[int]) -> dict[int, int]:
        """The version of each card as this board shows it (cards not loaded are left out)."""
        versions: dict[int, int] = {}
        if self.grid is None:
            return versions
        for cell in self.grid.cells.values():
            model = cell.cell()
            for wid in ids:
                if wid not in versions and wid in model.ids:
                    card = model.card(model.ids.index(wid))
                    if card is not None and card.version:
                        versions[wid] = card.version
        return versions

    def _move_shown(self, ids: list[int], status_id: int, before: int | None, values: dict[str, Any]) -> None:
        """Move cards as the board shows them: if someone else changed one since (a move not yet seen here), the
        conflict dialog shows their change; Reload shows the board as it is, Re-apply mine moves it anyway."""
        from partnerdesk.ui.conflicts import resolve_conflict

        def conflict(error: EditConflictError) -> None:
            def reload() -> None:
                changes = ChangeSet()
                changes.add("updated", error.entity, error.entity_id)
                self.context.hub.announce(changes)

            def reapply(_current: int | None) -> None:
                self._push(MoveCards(self.service, self.context.hub, ids, status_id, before, values))

            resolve_conflict(self, error, self.context.ws, {"status_id": status_id}, reload=reload, reapply=reapply)

        push(self, self.context.undo_stack,
             MoveCards(self.service, self.context.hub, ids, status_id, before, values, self._shown_versions(ids)),
             conflict)

    def _lane_of(self, cell: CardList) -> LaneKey:
        return cell.cell().lane_key

    def move_selected(self, step: int, cell: CardList | None = None) -> None:
        """Ctrl+Right/Left: move the selected cards to the visual neighbour column (mirrored in Arabic)."""
        if self.grid is None:
            return
        cell = cell or next((c for c in self.grid.cells.values() if c.hasFocus() and c.selected_ids()), None)
        if cell is None or not cell.selected_ids():
            return
        if self.isRightToLeft():
            step = -step
        index = self.grid.column_index(cell.cell().status_id) + step
        if not 0 <= index < len(self.board_columns):
            return
        ids = cell.selected_ids()
        target = self.board_columns[index].status_id
        lane = self._lane_of(cell)
        # At the end of what the target list shows (a long column has not loaded all its cards).
        self._drop(ids, target, self.grid.cells[(target, lane)].cell().next_unloaded_id(ids), lane)
        self.grid.cells[(target, self._lane_of(cell))].select_ids(ids)

    def reorder_selected(self, step: int, cell: CardList) -> None:
        """Ctrl+Up/Down: move the selected cards one place up or down inside their column."""
        ids = cell.selected_ids()
        model = cell.cell()
        if not ids:
            return
        rows = [model.ids.index(i) for i in ids]
        if step < 0:
            if min(rows) == 0:
                return
            before: int | None = model.ids[min(rows) - 1]
        else:
            after = max(rows) + 2
            if max(rows) + 1 >= len(model.ids):
                return
            before = model.ids[after] if after < len(model.ids) else model.next_unloaded_id(ids)
        self._drop(ids, model.status_id, before, model.lane_key)
        cell.select_ids(ids)

    def quick_add(self, status_id: int, title: str) -> None:
        """A new card at the top of a column; it takes the partner, owner and tag the board is filtered by,
        so it stays in view."""
        values: dict[str, Any] = {}
        if self.state is not None:
            flt = self.state.flt
            if flt.partner_id is not None:
                values["partner_id"] = flt.partner_id
            if flt.owner_id is not None:
                values["responsible_member_id"] = flt.owner_id
            if flt.tag:
                values["tags"] = [flt.tag]
        self._push(CreateCard(self.service, self.context.hub, status_id, title, values))

    def edit_card(self, item_id: int) -> None:
        from partnerdesk.ui.kanban.edit_dialog import open_card_dialog

        open_card_dialog(self, item_id)

    def delete_cards(self, ids: list[int]) -> None:
        if ids:
            self._push(TrashCards(self.service, self.context.hub, ids))

    def retranslate_ui(self) -> None:
        board = _("Board")
        self.title.setText(f"<h2>{board}</h2>")
        for i, mode in enumerate(LANE_MODES):
            self.lanes.setItemText(i, _(_LANE_NAMES[mode]))
        texts = {"add_column": (_("Add column…"), _("Add a column to the board")),
                 "trash": (_("Trash…"), _("Deleted cards, to restore")),
                 "print": (_("Print…"), _("Print the board as filtered, with a preview")),
                 "export": (_("Export CSV…"), _("Save the cards shown as a CSV file")),
                 "settings": (_("Board settings…"), _("Stale and archive days"))}
        for name, (text, tip) in texts.items():
            self.tools[name].setText(text)
            self.tools[name].setToolTip(tip)
        self.filter_bar.retranslate_ui()
        if self.grid is not None:
            self._update_headers()
            for header in self.grid.headers.values():
                header.retranslate_ui()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_F and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.filter_bar.text.setFocus()
            return
        super().keyPressEvent(event)

    def header_global_pos(self, status_id: int, pos: QPoint) -> QPoint:
        assert self.grid is not None
        return self.grid.headers[status_id].mapToGlobal(pos)
