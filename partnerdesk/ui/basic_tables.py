"""Read-only tables over real data: the views' fallback until the dedicated views land.

Ids are listed up front (cheap); row values are fetched in batches as the table scrolls (canFetchMore /
fetchMore). Changes announced on the hub refresh only the affected rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import DEFAULT_STATUSES
from partnerdesk.l10n import N_, _, country_name, format_date, format_datetime, ngettext
from partnerdesk.ui.context import AppContext

BATCH = 200
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_STATUS_LABELS = {key: label for key, label, _category in DEFAULT_STATUSES}

Index = QModelIndex | QPersistentModelIndex


def _local(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone()


class Column:
    """One column: translated header, display text and sort key computed from a fetched row."""

    def __init__(self, header: str, display: Callable[[dict[str, Any]], str],
                 sort: Callable[[dict[str, Any]], Any] | None = None,
                 align: Qt.AlignmentFlag | None = None) -> None:
        self.header = header
        self.display = display
        self.sort = sort or (lambda row: display(row).casefold())
        self.align = align


def _due_text(row: dict[str, Any]) -> str:
    due = _local(row["due_at"])
    if due is None:
        return ""
    return format_datetime(due, "short") if row["due_has_time"] else format_date(due.date())


def _status_text(row: dict[str, Any]) -> str:
    if row["status_name"]:
        return str(row["status_name"])
    label = _STATUS_LABELS.get(row["status_key"])
    return _(label) if label else str(row["status_key"])


def _country(code: str) -> str:
    return country_name(code)


PRIORITY_ORDER = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


def _work_item_columns() -> list[Column]:
    return [
        Column(_("Title"), lambda r: r["title"]),
        Column(_("Partner"), lambda r: r["partner"]),
        Column(_("Status"), _status_text, lambda r: (r["status_position"], _status_text(r).casefold())),
        Column(_("Priority"), lambda r: r["priority"].label, lambda r: PRIORITY_ORDER.get(str(r["priority"]), 9)),
        Column(_("Due"), _due_text, lambda r: (r["due_at"] is None, r["due_at"] or dt.datetime.min)),
        Column(_("Responsible"), lambda r: r["responsible"]),
    ]


def _contact_columns() -> list[Column]:
    return [
        Column(_("Name"), lambda r: r["name"]),
        Column(_("Partner"), lambda r: r["partner"]),
        Column(_("Role"), lambda r: r["role"]),
        Column(_("Email"), lambda r: r["email"]),
        Column(_("Phone"), lambda r: r["phone"]),
        Column(_("Advisory board"), lambda r: _("Yes") if r["advisory_board"] else ""),
    ]


def _partner_columns() -> list[Column]:
    return [
        Column(_("Name"), lambda r: r["name"]),
        Column(_("Kind"), lambda r: r["kind"].label),
        Column(_("Stage"), lambda r: r["stage"].label, lambda r: list(type(r["stage"])).index(r["stage"])),
        Column(_("Country"), lambda r: _country(r["country"])),
        Column(_("Time zone"), lambda r: r["time_zone"]),
        Column(_("Lead owner"), lambda r: r["owner"]),
        Column(_("Second owner"), lambda r: r["second"]),
    ]


class RecordTableModel(QAbstractTableModel):
    """Rows are ids; values are fetched lazily in batches and formatted in the current UI language."""

    def __init__(self, context: AppContext, entity: str, columns: Callable[[], list[Column]],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.context = context
        self.entity = entity
        self._columns_factory = columns
        self.columns = columns()
        self.all_ids: list[int] = []
        self.loaded = 0
        self.rows: dict[int, dict[str, Any]] = {}
        self._text: dict[tuple[int, int], str] = {}  # (id, column) -> formatted text in the current language
        context.hub.changed.connect(self.on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        self.reload()

    # --- loading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        from partnerdesk.services.listing import list_ids

        self.beginResetModel()
        ws = self.context.workspace
        self.all_ids = list_ids(ws, self.entity) if ws is not None else []
        self.rows = {}
        self._text.clear()
        self.loaded = 0
        self._fetch(min(BATCH, len(self.all_ids)))
        self.endResetModel()

    def _fetch(self, count: int) -> None:
        from partnerdesk.services.listing import fetch_rows

        ids = self.all_ids[self.loaded:self.loaded + count]
        if ids and self.context.workspace is not None:
            self.rows.update(fetch_rows(self.context.workspace, self.entity, ids))
        self.loaded += len(ids)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self.loaded < len(self.all_ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid():
            return
        count = min(BATCH, len(self.all_ids) - self.loaded)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self.loaded, self.loaded + count - 1)
        self._fetch(count)
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def on_changed(self, changes: Any) -> None:
        """Refresh only what changed; new or deleted records re-list the ids (cheap) and keep fetched rows."""
        if self.entity not in changes.entities() or self.context.workspace is None:
            return
        from partnerdesk.services.listing import fetch_rows, list_ids

        if changes.created.get(self.entity) or changes.deleted.get(self.entity):
            loaded = max(self.loaded, BATCH)
            self.beginResetModel()
            self.all_ids = list_ids(self.context.workspace, self.entity)
            for gone in changes.deleted.get(self.entity, set()):
                self.rows.pop(gone, None)
            self._text.clear()
            self.loaded = min(loaded, len(self.all_ids))
            missing = [i for i in self.all_ids[:self.loaded] if i not in self.rows or i in changes.ids(self.entity)]
            self.rows.update(fetch_rows(self.context.workspace, self.entity, missing))
            self.endResetModel()
            return
        changed = [i for i in changes.updated.get(self.entity, set()) if i in self.rows]
        fresh = fetch_rows(self.context.workspace, self.entity, changed)
        position = {record_id: row for row, record_id in enumerate(self.all_ids[:self.loaded])}
        for record_id in changed:
            if record_id in fresh:
                self.rows[record_id] = fresh[record_id]
            for column in range(len(self.columns)):
                self._text.pop((record_id, column), None)
            row = position.get(record_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def retranslate(self, _lang: str = "") -> None:
        self.beginResetModel()
        self.columns = self._columns_factory()
        self._text.clear()
        self.endResetModel()

    # --- Qt model API ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record_id = self.all_ids[index.row()]
        if role == ID_ROLE:
            return record_id
        row = self.rows.get(record_id)
        if row is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            key = (record_id, index.column())
            text = self._text.get(key)
            if text is None:
                text = self._text[key] = column.display(row)
            return text
        if role == SORT_ROLE:
            return _SortKey(column.sort(row))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None


class _SortKey:
    """Wraps any Python-comparable key so the proxy can compare it (Qt cannot compare tuples)."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _SortKey) -> bool:
        try:
            return bool(self.key < other.key)
        except TypeError:
            return str(self.key) < str(other.key)


class SortProxy(QSortFilterProxyModel):
    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        return bool(a < b)


class RecordTable(QWidget):
    """A filter field over a sortable, lazily filled table."""

    entity = ""
    title = ""
    columns: Callable[[], list[Column]]

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = RecordTableModel(context, self.entity, type(self).columns)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(100)  # fit columns to a sample of rows
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(False)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.retranslate_ui()
        # Fitting columns reads every fetched row: do it after the first paint, not before.
        QTimer.singleShot(0, self, self._resize_columns)

    def _filter_changed(self, text: str) -> None:
        if text:
            self.model.fetch_all()  # filter over every record, not just the fetched ones
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _resize_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), 320))

    def _update_count(self, *_args: Any) -> None:
        total = len(self.model.all_ids)
        shown = self.proxy.rowCount() if self.filter.text() else total
        if self.filter.text():
            self.count_label.setText(_("{shown} of {total} shown").format(shown=shown, total=total))
        else:
            self.count_label.setText(ngettext("{count} record", "{count} records", total).format(count=total))

    def retranslate_ui(self) -> None:
        self.heading.setText(_(self.title))
        self.filter.setPlaceholderText(_("Filter…"))
        self.filter.setAccessibleName(self.filter.placeholderText())
        self.model.retranslate()
        self._update_count()

    def reload(self) -> None:
        """Handled by the model (it listens to hub.workspace_replaced); resize columns for the new data."""
        self._resize_columns()

    def selected_ids(self) -> list[int]:
        return [self.proxy.data(index, ID_ROLE) for index in self.table.selectionModel().selectedRows()]


class WorkItemsTable(RecordTable):
    entity = "work_item"
    title = N_("Work items")
    columns = staticmethod(_work_item_columns)


class ContactsTable(RecordTable):
    entity = "contact"
    title = N_("Contacts")
    columns = staticmethod(_contact_columns)


class PartnersTable(RecordTable):
    entity = "partner"
    title = N_("Partners")
    columns = staticmethod(_partner_columns)
