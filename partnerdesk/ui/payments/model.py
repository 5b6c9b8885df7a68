"""The ledger's table model: payment rows kept by id, filtered and sorted in Python, refreshed by id.

All rows of the workspace are loaded once (one query); a filter or sort change rebuilds only the list of visible
ids; a change announced by the hub reloads just the payments it names. Cell texts are made when Qt asks (only
visible rows are ever formatted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from partnerdesk.domain.aging import PaymentStatus, describe_status
from partnerdesk.l10n import N_, _, format_date
from partnerdesk.services.payments import PaymentFilter, PaymentRow, filter_rows, load_rows
from partnerdesk.ui.payments.text import money

COLUMNS = (N_("Partner"), N_("Invoice"), N_("Direction"), N_("Amount"), N_("Due"), N_("Paid"), N_("Method"),
           N_("Status"), N_("Days to pay"))
PARTNER, INVOICE, DIRECTION, AMOUNT, DUE, PAID, METHOD, STATUS, DAYS = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the PaymentRow itself (for the delegate)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # PaymentStatus

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def status_text(row: PaymentRow, on: dt.date, grace: int = 0) -> str:
    return describe_status(row.due_on, row.paid_on, on, grace)


def _sort_key(column: int, on: dt.date, grace: int) -> Callable[[PaymentRow], Any]:
    if column == PARTNER:
        return lambda r: (r.partner_name.casefold(), r.due_on)
    if column == INVOICE:
        return lambda r: r.invoice_ref.casefold()
    if column == DIRECTION:
        return lambda r: (r.direction.value, r.due_on)
    if column == AMOUNT:
        return lambda r: (r.currency, r.amount_minor)
    if column == PAID:
        return lambda r: (r.paid_on is None, r.paid_on or dt.date.max)
    if column == METHOD:
        return lambda r: (r.method.value, r.due_on)
    if column == STATUS:
        order = list(PaymentStatus)
        return lambda r: (order.index(r.status(on, grace)), -r.days_overdue(on), r.due_on)
    if column == DAYS:
        return lambda r: (r.days_to_pay() is None, r.days_to_pay() or 0)
    return lambda r: (r.due_on, r.id)


class LedgerModel(QAbstractTableModel):
    """Rows are payment ids; ``rows`` maps id -> :class:`PaymentRow` for every payment of the workspace."""

    def __init__(self, workspace: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.rows: dict[int, PaymentRow] = {}
        self.ids: list[int] = []
        self._position: dict[int, int] = {}
        self.filter = PaymentFilter()
        self.on = dt.date.today()
        self.grace = 0
        self.sort_column, self.sort_order = DUE, Qt.SortOrder.AscendingOrder

    # --- loading -----------------------------------------------------------------------------------------
    def load(self, workspace: Any, on: dt.date | None = None, grace: int = 0) -> None:
        self.workspace = workspace
        self.on = on or dt.date.today()
        self.grace = grace
        self.rows = {r.id: r for r in load_rows(workspace)} if workspace is not None else {}
        self._rebuild()

    def refresh(self, ids: Iterable[int]) -> None:
        """Reload the payments ``ids`` (created, edited, trashed or restored) and re-place them."""
        ids = set(ids)
        if not ids or self.workspace is None:
            return
        fresh = {r.id: r for r in load_rows(self.workspace, ids)}
        for pid in ids:
            if pid in fresh:
                self.rows[pid] = fresh[pid]
            else:
                self.rows.pop(pid, None)
        if all(pid in self._position for pid in ids) and all(pid in fresh for pid in ids) \
                and filter_rows(fresh.values(), self.filter, self.on, self.grace) == list(fresh.values()) \
                and self.sort_column in (INVOICE, PARTNER, DIRECTION):
            for pid in ids:  # still visible where they were: repaint the rows only
                row = self._position[pid]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        self._rebuild()

    def set_filter(self, flt: PaymentFilter) -> None:
        if flt != self.filter:
            self.filter = flt
            self._rebuild()

    def visible_rows(self) -> list[PaymentRow]:
        return [self.rows[i] for i in self.ids]

    def all_rows(self) -> list[PaymentRow]:
        return list(self.rows.values())

    def _rebuild(self) -> None:
        self.beginResetModel()
        rows: Iterable[PaymentRow] = self.rows.values()
        if not self.filter.is_empty():
            rows = filter_rows(rows, self.filter, self.on, self.grace)
        ordered = sorted(rows, key=_sort_key(self.sort_column, self.on, self.grace),
                         reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self.ids = [r.id for r in ordered]
        self._position = {pid: n for n, pid in enumerate(self.ids)}
        self.endResetModel()

    def row_of(self, payment_id: int) -> int | None:
        return self._position.get(payment_id)

    # --- Qt model API ------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._rebuild()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[self.ids[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self.text(row, col)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == STATUS_ROLE:
            return row.status(self.on, self.grace)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col in (AMOUNT, DAYS) else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and col in (INVOICE, PARTNER) and row.notes:
            return row.notes
        return None

    def text(self, row: PaymentRow, col: int) -> str:
        if col == PARTNER:
            return row.partner_name
        if col == INVOICE:
            return row.invoice_ref
        if col == DIRECTION:
            return row.direction.label
        if col == AMOUNT:
            return money(row.amount_minor, row.currency)
        if col == DUE:
            return format_date(row.due_on)
        if col == PAID:
            return format_date(row.paid_on) if row.paid_on else ""
        if col == METHOD:
            return row.method.label
        if col == STATUS:
            return status_text(row, self.on, self.grace)
        if col == DAYS:
            days = row.days_to_pay()
            return "" if days is None else str(days)
        return ""
