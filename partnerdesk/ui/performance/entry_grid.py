"""The grid of one KPI's periods in the Performance tab: value, target and note are edited in place (undoable);
the source column shows where an imported value came from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication

from partnerdesk.domain.enums import KpiUnit
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.periods import Granularity, Period
from partnerdesk.l10n import _, current_language, format_decimal
from partnerdesk.services.kpi_values import Entry
from partnerdesk.services.kpis import KpiData, KpiInfo, format_kpi_value
from partnerdesk.ui.performance.view import period_label

Index = QModelIndex | QPersistentModelIndex
PERIOD, VALUE, TARGET, NOTE, SOURCE = range(5)


def edit_text(value: float | None, unit: KpiUnit) -> str:
    """A value as the user types it back: percent in points ("2.5" for 2.5 %), locale decimals, no grouping."""
    if value is None:
        return ""
    shown = value * 100 if unit == KpiUnit.PERCENT else value
    text = format_decimal(shown, 4)
    group = format_decimal(1000, 0).replace("1", "").replace("0", "")
    return (text.replace(group, "") if group else text).rstrip("0").rstrip(",.٫") or "0"


def parse_edit(text: str, unit: KpiUnit) -> float | None:
    """What the user typed, in their language ("1.234,5" in pt); percent KPIs take points. ValueError if not a
    number."""
    from partnerdesk.interop.kpi_numbers import parse_number

    if not text.strip():
        return None
    value = parse_number(text, current_language())
    return value / 100 if unit == KpiUnit.PERCENT else value


class EntryGridModel(QAbstractTableModel):
    refused = Signal(str)  # a translated message: the edit was not saved

    def __init__(self, context: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.context = context
        self.partner_id: int | None = None
        self.kpi: KpiInfo | None = None
        self.periods: list[Period] = []
        self.today = dt.date.today()
        self.data_: KpiData | None = None

    def set_series(self, partner_id: int | None, kpi: KpiInfo | None, periods: list[Period], today: dt.date,
                   data: KpiData | None = None) -> None:
        """Rows for ``periods`` of a typed KPI (None: nothing to edit, e.g. a computed KPI)."""
        self.beginResetModel()
        self.partner_id, self.kpi, self.today, self.data_ = partner_id, kpi, today, data
        self.periods = periods if kpi is not None else []
        self.endResetModel()

    def entry(self, period: Period) -> Entry:
        if self.data_ is None or self.kpi is None or self.kpi.id is None or self.partner_id is None:
            return Entry()
        row = self.data_.stored(self.partner_id, self.kpi.id, period)
        return Entry() if row is None else Entry(row.value, row.target, row.note, dict(row.evidence or {}))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.periods)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Period"), _("Value"), _("Target"), _("Note"), _("Source"))[section]

    def editable(self, period: Period) -> bool:
        """A quarter rolled up from its months is edited month by month, not as a whole."""
        if self.kpi is None:
            return False
        if period.granularity is Granularity.QUARTER and self.data_ is not None and self.kpi.id is not None \
                and self.partner_id is not None:
            return not any(self.data_.row(self.partner_id, self.kpi.id, m) for m in period.months())
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (VALUE, TARGET, NOTE) and self.editable(self.periods[index.row()]):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.kpi is None:
            return None
        period = self.periods[index.row()]
        entry = self.entry(period)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == PERIOD:
                return period_label(period)
            if col in (VALUE, TARGET):
                value = entry.value if col == VALUE else entry.target
                return "" if value is None else format_kpi_value(value, self.kpi.unit, self.kpi.currency)
            if col == NOTE:
                return entry.note
            if col == SOURCE:
                return (entry.evidence or {}).get("file", "") or (_("typed") if not entry.empty else "")
        if role == Qt.ItemDataRole.EditRole:
            if col in (VALUE, TARGET):
                return edit_text(entry.value if col == VALUE else entry.target, self.kpi.unit)
            if col == NOTE:
                return entry.note
        if role == Qt.ItemDataRole.ToolTipRole and col == SOURCE and entry.evidence:
            ev = entry.evidence
            return _("{file}, rows {rows}, SHA-256 {digest}").format(
                file=ev.get("file", ""), rows=", ".join(str(r) for r in ev.get("rows", [])[:30]),
                digest=ev.get("sha256", ""))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or self.kpi is None or self.partner_id is None:
            return False
        period = self.periods[index.row()]
        if not self.editable(period):
            self.refused.emit(_("This quarter adds up its months: edit the months instead."))
            return False
        old = self.entry(period)
        col = index.column()
        text = str(value or "")
        try:
            if col == NOTE:
                new = Entry(old.value, old.target, text, old.evidence)
            else:
                number = parse_edit(text, self.kpi.unit)
                new = Entry(number, old.target, old.note, {} if number != old.value else old.evidence) \
                    if col == VALUE else Entry(old.value, number, old.note, old.evidence)
        except ValueError:
            self.refused.emit(_("“{text}” is not a number.").format(text=text))
            return False
        if new == old:
            return False
        return self.save_entry(period, new, old)

    def save_entry(self, period: Period, new: Entry, old: Entry) -> bool:
        """Save one period's entry from what the user saw (``old``). If someone else changed the period since,
        the conflict dialog shows their change: Reload shows theirs, Re-apply mine saves mine over it."""
        from partnerdesk.domain.errors import EditConflictError
        from partnerdesk.services.base import ChangeSet
        from partnerdesk.services.kpi_values import KpiService
        from partnerdesk.ui.conflicts import resolve_conflict
        from partnerdesk.ui.performance.commands import SetEntryCommand
        from partnerdesk.ui.undo import push

        if self.kpi is None or self.partner_id is None:
            return False
        kpi, partner_id = self.kpi, self.partner_id
        try:
            push(self.context.undo_stack, SetEntryCommand(self.context, partner_id, kpi.key, kpi.label, period,
                                                          new, old))
        except EditConflictError as exc:
            error = exc

            def reload() -> None:
                changes = ChangeSet()
                changes.add("updated", error.entity, error.entity_id)
                self.context.hub.announce(changes)

            def reapply(_current: int | None) -> None:
                self.save_entry(period, new, KpiService(self.context.ws).entry(partner_id, kpi.key, period))

            mine = {name: getattr(new, name) for name in ("value", "target", "note")
                    if getattr(new, name) != getattr(old, name)}
            parent = QApplication.activeWindow()
            if parent is not None:
                resolve_conflict(parent, exc, self.context.ws, mine, reload=reload, reapply=reapply)
            else:
                self.refused.emit(exc.message)
            return False
        except PartnerDeskError as exc:
            self.refused.emit(exc.message)
            return False
        return True
