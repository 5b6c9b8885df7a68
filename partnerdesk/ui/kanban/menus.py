"""Context menus and tool actions of the board: cards, column headers, lanes, column management, trash,
print preview, CSV export and board settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMenu, QMessageBox, QWidget

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, ngettext
from partnerdesk.services.board_columns import BoardColumnService
from partnerdesk.services.board_export import board_csv
from partnerdesk.services.board_query import LaneKey
from partnerdesk.services.board_settings import BoardSettingsService
from partnerdesk.store.paths import documents_dir
from partnerdesk.ui.kanban.cell import CardList
from partnerdesk.ui.kanban.commands import MoveColumn, RenameColumn, SetWipLimit, push
from partnerdesk.ui.kanban.grid import BoardGrid, Column

if TYPE_CHECKING:
    from partnerdesk.ui.kanban.view import KanbanView


def _warn(parent: QWidget, exc: PartnerDeskError) -> None:
    QMessageBox.warning(parent, _("Board"), exc.message)


def _exec(menu: QMenu, widget: QWidget, pos: QPoint) -> None:
    menu.popup(widget.mapToGlobal(pos))


# -- cards ------------------------------------------------------------------------------------------------------------
def card_menu(view: KanbanView, cell: CardList, pos: QPoint) -> None:
    index = cell.indexAt(pos)
    ids = cell.selected_ids()
    if index.isValid() and cell.cell().ids[index.row()] not in ids:
        ids = [cell.cell().ids[index.row()]]
        cell.select_ids(ids)
    menu = QMenu(cell)
    view.last_menu = menu
    if not ids:
        menu.addAction(_("Add card…"), lambda: view.grid.headers[cell.cell().status_id].open_quick_add()
                       if view.grid else None)
        _exec(menu, cell.viewport(), pos)
        return
    if len(ids) == 1:
        menu.addAction(_("Edit…"), lambda: view.edit_card(ids[0]))
    move = menu.addMenu(_("Move to"))
    for column in view.board_columns:
        def move_to(sid: int = column.status_id) -> None:
            view._drop(ids, sid, None, cell.cell().lane_key)

        action = move.addAction(column.label, move_to)
        action.setEnabled(column.status_id != cell.cell().status_id)
    menu.addSeparator()
    menu.addAction(ngettext("Delete card", "Delete {n} cards", len(ids)).format(n=len(ids)),
                   lambda: view.delete_cards(ids))
    _exec(menu, cell.viewport(), pos)


# -- columns ----------------------------------------------------------------------------------------------------------
def column_menu(view: KanbanView, status_id: int, pos: QPoint) -> None:
    if view.grid is None:
        return
    index = view.grid.column_index(status_id)
    menu = QMenu(view)
    view.last_menu = menu
    menu.addAction(_("Rename column…"), lambda: rename_column(view, status_id))
    menu.addAction(_("Set work-in-progress limit…"), lambda: set_wip_limit(view, status_id))
    menu.addSeparator()
    earlier = menu.addAction(_("Move column earlier"), lambda: move_column(view, status_id, -1))
    later = menu.addAction(_("Move column later"), lambda: move_column(view, status_id, 1))
    earlier.setEnabled(index > 0)
    later.setEnabled(index < len(view.board_columns) - 1)
    menu.addAction(_("Add column…"), lambda: add_column(view))
    remove = menu.addAction(_("Remove column…"), lambda: remove_column(view, status_id))
    remove.setEnabled(len(view.board_columns) > 1)
    menu.popup(view.header_global_pos(status_id, pos))


def _column(view: KanbanView, status_id: int) -> Column:
    return next(c for c in view.board_columns if c.status_id == status_id)


def rename_column(view: KanbanView, status_id: int, name: str | None = None) -> None:
    column = _column(view, status_id)
    if name is None:
        name, ok = QInputDialog.getText(view, _("Rename column"), _("Column name:"), text=column.label)
        if not ok:
            return
    if name.strip() == column.label:
        return
    push(view, view.context.undo_stack, RenameColumn(BoardColumnService(view.context.ws), view.context.hub,
                                                     status_id, column.name, name.strip()))


def set_wip_limit(view: KanbanView, status_id: int, limit: int | None = None) -> None:
    column = _column(view, status_id)
    if limit is None:
        value, ok = QInputDialog.getInt(view, _("Work-in-progress limit"),
                                        _("Most cards in “{name}” (0 = no limit):").format(name=column.label),
                                        column.wip_limit or 0, 0, 9999)
        if not ok:
            return
        limit = value
    new = limit or None
    if new != column.wip_limit:
        push(view, view.context.undo_stack, SetWipLimit(BoardColumnService(view.context.ws), view.context.hub,
                                                        status_id, column.wip_limit, new))


def move_column(view: KanbanView, status_id: int, step: int) -> None:
    old = [c.status_id for c in view.board_columns]
    order = list(old)
    i = order.index(status_id)
    j = i + step
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
        push(view, view.context.undo_stack, MoveColumn(BoardColumnService(view.context.ws), view.context.hub,
                                                       old, order))


def add_column(view: KanbanView, name: str | None = None) -> None:
    if name is None:
        name, ok = QInputDialog.getText(view, _("Add column"), _("Column name:"))
        if not ok:
            return
    try:
        _sid, changes = BoardColumnService(view.context.ws).add(name)
    except PartnerDeskError as exc:
        _warn(view, exc)
        return
    view.context.hub.announce(changes)


def remove_column(view: KanbanView, status_id: int, target: int | None = None) -> None:
    column = _column(view, status_id)
    others = [c for c in view.board_columns if c.status_id != status_id]
    if not others:
        return
    if target is None:
        labels = [c.label for c in others]
        choice, ok = QInputDialog.getItem(
            view, _("Remove column"),
            _("Remove “{name}”. Move its cards to:").format(name=column.label), labels, 0, False)
        if not ok:
            return
        target = others[labels.index(choice)].status_id
    try:
        changes = BoardColumnService(view.context.ws).remove(status_id, target)
    except PartnerDeskError as exc:
        _warn(view, exc)
        return
    view.context.hub.announce(changes)


# -- lanes ------------------------------------------------------------------------------------------------------------
def lane_menu(view: KanbanView, key: LaneKey, pos: QPoint) -> None:
    if view.grid is None or view.state is None:
        return
    menu = QMenu(view)
    view.last_menu = menu
    folded = BoardGrid.lane_id(key) in view.grid.collapsed_lanes
    menu.addAction(_("Expand lane") if folded else _("Collapse lane"), lambda: view.toggle_lane(key))
    if view.state.lane_mode == "partner" and isinstance(key, int):
        menu.addAction(_("Set work-in-progress limit for this partner…"), lambda: set_lane_limit(view, key))
    menu.popup(view.grid.lane_headers[key].mapToGlobal(pos))


def set_lane_limit(view: KanbanView, partner_id: int, limit: int | None = None) -> None:
    service = BoardSettingsService(view.context.ws)
    if limit is None:
        value, ok = QInputDialog.getInt(view, _("Work-in-progress limit"),
                                        _("Most open cards for this partner (0 = no limit):"),
                                        service.partner_wip_limits().get(partner_id, 0), 0, 9999)
        if not ok:
            return
        limit = value
    view.context.hub.announce(service.set_partner_wip_limit(partner_id, limit))


# -- tools ------------------------------------------------------------------------------------------------------------
def show_trash(view: KanbanView) -> None:
    from partnerdesk.ui.kanban.board_dialogs import TrashDialog

    dialog = TrashDialog(view.context, view)
    view.trash_dialog = dialog
    dialog.open()


def board_settings(view: KanbanView) -> None:
    from partnerdesk.ui.kanban.board_dialogs import BoardSettingsDialog

    dialog = BoardSettingsDialog(view.context, view)
    view.settings_dialog = dialog
    dialog.open()


def print_board(view: KanbanView) -> None:
    from partnerdesk.ui.kanban.printing import make_printer, paint_board

    if view.state is None:
        return
    printer = make_printer()
    dialog = QPrintPreviewDialog(printer, view)
    dialog.setWindowTitle(_("Print board"))
    state, columns = view.state, list(view.board_columns)
    lanes = list(view.grid.lanes) if view.grid is not None and view.state.lane_mode != "none" else []
    dialog.paintRequested.connect(lambda p: paint_board(p, state, columns, lanes, _("Board"),
                                                        view.isRightToLeft(), view.font()))
    view.print_dialog = dialog
    dialog.open()


def export_csv(view: KanbanView, path: str | None = None) -> None:
    if view.state is None:
        return
    if path is None:
        path, _filter = QFileDialog.getSaveFileName(view, _("Export cards as CSV"), str(documents_dir() / "board.csv"),
                                                    _("CSV files (*.csv)"))
        if not path:
            return
    labels = {c.status_id: c.label for c in view.board_columns}
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        data, count = board_csv(view.state.query, view.state.flt, labels)
        Path(path).write_bytes(data)
    except OSError as exc:
        QMessageBox.warning(view, _("Export cards as CSV"),
                            _("Could not write the file: {error}").format(error=exc.strerror or exc))
        return
    finally:
        QGuiApplication.restoreOverrideCursor()
    view.export_message = ngettext("Exported {n} card.", "Exported {n} cards.", count).format(n=count)
    window = view.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(view.export_message, 5000)
