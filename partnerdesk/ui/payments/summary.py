"""The small tables above the ledger: totals per currency (never summed across currencies), aging by due date
per currency (a click filters the ledger by that bucket), and each partner's on-time record."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from partnerdesk.domain.aging import AgingBucket, BucketTotal, OnTimeStats, bucket_label
from partnerdesk.l10n import _, format_percent, ngettext, pgettext
from partnerdesk.services.payments import CurrencyTotals
from partnerdesk.ui.payments.text import money

_DATA = Qt.ItemDataRole.UserRole + 1
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class _Small(QTableWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(22)
        self.setMaximumHeight(170)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def _shape(self, headers: list[str], rows: int) -> None:
        """Columns and row count; existing items are kept and updated by :meth:`_put` (cheaper than new ones)."""
        if self.columnCount() != len(headers):
            self.setColumnCount(len(headers))
        if [item.text() if (item := self.horizontalHeaderItem(c)) is not None else "" for c in
                range(len(headers))] != headers:
            self.setHorizontalHeaderLabels(headers)
        if self.rowCount() != rows:
            self.setRowCount(rows)

    def _put(self, r: int, c: int, text: str, number: bool = False, data: object = None,
             tip: str = "") -> QTableWidgetItem:
        item = self.item(r, c)
        if item is None:
            item = self._item(text, number, data, tip)
            self.setItem(r, c, item)
            return item
        if item.text() != text:
            item.setText(text)
        if item.data(_DATA) != data:
            item.setData(_DATA, data)
        if item.toolTip() != tip:
            item.setToolTip(tip)
        return item

    def _item(self, text: str, number: bool = False, data: object = None, tip: str = "") -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if number:
            item.setTextAlignment(_NUMBER)
        if data is not None:
            item.setData(_DATA, data)
        if tip:
            item.setToolTip(tip)
        return item


class TotalsTable(_Small):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("paymentTotals", parent)
        self.totals: dict[str, CurrencyTotals] = {}

    def show_totals(self, totals: dict[str, CurrencyTotals]) -> None:
        self.totals = totals
        self._shape([_("Currency"), pgettext("payments total", "Open"), pgettext("payments total", "Overdue"),
                     pgettext("payments total", "Paid")], len(totals))
        for r, (currency, t) in enumerate(totals.items()):
            self._put(r, 0, currency)
            self._put(r, 1, money(t.open_minor, currency), True, tip=_count(t.open_count))
            self._put(r, 2, money(t.overdue_minor, currency), True, tip=_count(t.overdue_count))
            self._put(r, 3, money(t.paid_minor, currency), True, tip=_count(t.paid_count))


def _count(n: int) -> str:
    return ngettext("{n} payment", "{n} payments", n).format(n=n)


class AgingTable(_Small):
    """Rows per currency, columns per bucket. A click on an amount emits (currency, bucket)."""

    bucket_clicked = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("paymentAging", parent)
        self.aging: dict[str, dict[AgingBucket, BucketTotal]] = {}
        self.cellClicked.connect(self._clicked)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(_("Click an amount to show those payments"))

    def show_aging(self, aging: dict[str, dict[AgingBucket, BucketTotal]],
                   chosen: tuple[str | None, AgingBucket | None] = (None, None)) -> None:
        self.aging = aging
        self._shape([_("Currency")] + [bucket_label(b) for b in AgingBucket], len(aging))
        for r, (currency, buckets) in enumerate(aging.items()):
            self._put(r, 0, currency)
            for c, bucket in enumerate(AgingBucket, start=1):
                total = buckets[bucket]
                item = self._put(r, c, money(total.amount_minor, currency) if total.count else "–", True,
                                 (currency, bucket), _count(total.count))
                late = bucket != AgingBucket.CURRENT and total.count
                item.setForeground(Qt.GlobalColor.darkRed if late else self.palette().text())
                font = item.font()
                if font.bold() != (chosen == (currency, bucket)):
                    font.setBold(chosen == (currency, bucket))
                    font.setUnderline(chosen == (currency, bucket))
                    item.setFont(font)

    def _clicked(self, row: int, column: int) -> None:
        item = self.item(row, column)
        data = item.data(_DATA) if item is not None else None
        if data:
            self.bucket_clicked.emit(data[0], data[1])


class OnTimeTable(_Small):
    """Partners of the shown rows with their on-time rate (12 months, with grace) and average days to pay;
    a click filters the ledger by that partner."""

    partner_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("paymentOnTime", parent)
        self.cellClicked.connect(self._clicked)

    def show_stats(self, names: dict[int, str], stats: dict[int, OnTimeStats]) -> None:
        self._shape([_("Partner"), _("On time"), _("Average days to pay")], 0)
        ordered = sorted(stats.items(), key=lambda kv: (kv[1].rate is None, kv[1].rate or 0.0,
                                                         names.get(kv[0], "").casefold()))
        self.setRowCount(len(ordered))
        self.row_of: dict[int, int] = {}
        for r, (pid, s) in enumerate(ordered):
            self.setItem(r, 0, self._item(names.get(pid, ""), data=pid))
            self.row_of[pid] = r
            self._fill(r, pid, s)

    def _fill(self, r: int, pid: int, s: OnTimeStats) -> None:
        rate = "–" if s.rate is None else format_percent(s.rate, 0)
        self._put(r, 1, rate, True, pid, on_time_tip(s))
        days = "–" if s.average_days_to_pay is None else str(round(s.average_days_to_pay))
        self._put(r, 2, days, True, pid)

    def update_stats(self, stats: dict[int, OnTimeStats | None]) -> bool:
        """Refresh the rows of these partners in place (order kept until the next full fill); False when a
        partner is not listed yet or has nothing counted any more (the caller then refills the table)."""
        rows = getattr(self, "row_of", {})
        if any(pid not in rows or s is None for pid, s in stats.items()):
            return False
        for pid, s in stats.items():
            if s is not None:
                self._fill(rows[pid], pid, s)
        return True

    def _clicked(self, row: int, column: int) -> None:
        item = self.item(row, 0)
        if item is not None and item.data(_DATA):
            self.partner_clicked.emit(int(item.data(_DATA)))


def on_time_tip(stats: OnTimeStats) -> str:
    """"10 of 12 payments on time in the last 12 months"."""
    return ngettext("{on_time} of {n} payment on time in the last 12 months",
                    "{on_time} of {n} payments on time in the last 12 months",
                    stats.counted).format(on_time=stats.on_time, n=stats.counted)

