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
from partnerdesk.services.payments import PaymentFilter, PaymentRow, filter_rows, haystack, load_rows
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
    """Rows are payment ids; ``rows`` maps id -> :class:`PaymentRow` for every payment of the workspace.

    All rows are kept sorted by the current sort column (``_ordered``), so a filter change is one pass over
    that list that keeps its order; a change to a few payments replaces them in place when their sort key and
    filter membership stay the same (the usual case: marking paid, editing notes)."""

    def __init__(self, workspace: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.rows: dict[int, PaymentRow] = {}
        self._hay: dict[int, str] = {}
        self._visible: list[PaymentRow] = []
        self._ids: list[int] | None = []
        self._ordered: list[PaymentRow] = []
        self._order_pos: dict[int, int] | None = {}
        self._position: dict[int, int] | None = {}
        self.filter = PaymentFilter()
        self.on = dt.date.today()
        self.grace = 0
        self.sort_column, self.sort_order = DUE, Qt.SortOrder.AscendingOrder

    # --- loading -----------------------------------------------------------------------------------------
    def load(self, workspace: Any, on: dt.date | None = None, grace: int = 0,
             rows: list[PaymentRow] | None = None, haystacks: dict[int, str] | None = None) -> None:
        """All rows of ``workspace`` (or ``rows`` already read, e.g. by a background job)."""
        self.workspace = workspace
        self.on = on or dt.date.today()
        self.grace = grace
        if rows is None:
            rows = load_rows(workspace) if workspace is not None else []
        self.set_rows(rows, haystacks)

    def set_rows(self, rows: list[PaymentRow], haystacks: dict[int, str] | None = None) -> None:
        self.rows = {r.id: r for r in rows}
        self._hay = haystacks or {}
        self._sort_all(rows if self.sort_column == DUE else None)
        self._apply()

    @property
    def hay(self) -> dict[int, str]:
        """Text-filter haystacks by id, made on the first text filter (not at load)."""
        if len(self._hay) != len(self.rows):
            self._hay = {pid: haystack(r) for pid, r in self.rows.items()}
        return self._hay

    @property
    def ids(self) -> list[int]:
        """Ids of the shown rows, in order."""
        if self._ids is None:
            self._ids = [r.id for r in self._visible]
        return self._ids

    def _sort_all(self, by_due: list[PaymentRow] | None = None) -> None:
        """Sort every row by the current column; ``by_due`` is a list already in (due, id) order."""
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        if by_due is not None:
            ordered = list(reversed(by_due)) if descending else list(by_due)
        else:
            ordered = sorted(self.rows.values(), key=_sort_key(self.sort_column, self.on, self.grace),
                             reverse=descending)
        self._ordered = ordered
        self._order_pos = None

    def _apply(self) -> None:
        self.beginResetModel()
        flt = self.filter
        self._visible = self._ordered if flt.is_empty() else \
            filter_rows(self._ordered, flt, self.on, self.grace, self.hay if flt.text.strip() else None)
        self._ids = self._position = None  # made when asked for
        self.endResetModel()

    def refresh(self, ids: Iterable[int]) -> tuple[list[PaymentRow], list[PaymentRow]]:
        """Reload the payments ``ids`` (created, edited, trashed or restored) and re-place them.

        Returns (old rows, new rows) of the changed payments, for incremental summaries."""
        ids = set(ids)
        if not ids or self.workspace is None:
            return [], []
        fresh = {r.id: r for r in load_rows(self.workspace, ids)}
        old = [self.rows[pid] for pid in ids if pid in self.rows]
        key = _sort_key(self.sort_column, self.on, self.grace)
        in_place = all(pid in self.rows and pid in fresh and key(self.rows[pid]) == key(fresh[pid]) for pid in ids)
        for pid in ids:
            if pid in fresh:
                self.rows[pid] = fresh[pid]
                if self._hay:
                    self._hay[pid] = haystack(fresh[pid])
            else:
                self.rows.pop(pid, None)
                self._hay.pop(pid, None)
        new = list(fresh.values())
        if in_place:
            if self._order_pos is None:
                self._order_pos = {r.id: n for n, r in enumerate(self._ordered)}
            for updated in new:
                self._ordered[self._order_pos[updated.id]] = updated
            visible = {r.id for r in filter_rows(new, self.filter, self.on, self.grace)}
            position = self.positions()
            if visible == {pid for pid in ids if pid in position}:
                for pid in visible:  # shown where they were: repaint those rows only
                    row = position[pid]
                    self._visible[row] = self.rows[pid]
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return old, new
        else:
            self._sort_all()
        self._apply()
        return old, new

    def set_filter(self, flt: PaymentFilter) -> None:
        if flt != self.filter:
            self.filter = flt
            self._apply()

    def visible_rows(self) -> list[PaymentRow]:
        return self._visible

    def all_rows(self) -> list[PaymentRow]:
        return self._ordered

    def positions(self) -> dict[int, int]:
        if self._position is None:
            self._position = {r.id: n for n, r in enumerate(self._visible)}
        return self._position

    def row_of(self, payment_id: int) -> int | None:
        return self.positions().get(payment_id)

    # --- Qt model API ------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == (self.sort_column, self.sort_order) and self._ordered:
            return
        self.sort_column, self.sort_order = column, order
        self._sort_all()
        self._apply()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._visible[index.row()]
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
