"""Performance: partners x KPIs for a period, each cell a traffic light with value, change and sparkline.

Filters (kind, stage, owner, status), worst status first, compare with the previous period or last year; a double
click opens the partner's Performance tab. The matrix exports to CSV and prints.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import PartnerKind, PartnerStage
from partnerdesk.domain.kpi import KpiStatus
from partnerdesk.domain.periods import Granularity, Period
from partnerdesk.l10n import _, format_skeleton
from partnerdesk.ui.performance import clock
from partnerdesk.ui.performance.delegate import CELL_SIZE, TileDelegate
from partnerdesk.ui.performance.model import ID_ROLE, MatrixFilter, PerformanceModel

WATCHED = {"kpi_value", "kpi_definition", "partner", "payment", "work_item", "interaction", "event"}
PERIODS_SHOWN = 36  # months (12 quarters) offered in the period list


def period_label(period: Period) -> str:
    """"November 2026" or "Q4 2026" in the current language."""
    if period.granularity is Granularity.QUARTER:
        return _("Q{quarter} {year}").format(quarter=(period.start.month - 1) // 3 + 1, year=period.start.year)
    return format_skeleton("yMMMM", period.start)


class PerformanceView(QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("performanceView")
        self.context = context
        self.today = clock.today()
        self.model = PerformanceModel(self)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.previous_button, self.next_button = QToolButton(), QToolButton()
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.period = QComboBox()
        self.period.setObjectName("performancePeriod")
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.granularity = QComboBox()
        self.granularity.currentIndexChanged.connect(self._granularity_chosen)
        self.compare = QComboBox()
        self.compare.currentIndexChanged.connect(
            lambda _i: self.model.set_compare_last_year(self.compare.currentData() == "year"))
        self.kind, self.stage, self.owner, self.status = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        for combo in (self.kind, self.stage, self.owner, self.status):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.worst = QCheckBox()
        self.worst.setObjectName("performanceWorstFirst")
        self.worst.toggled.connect(self.model.set_worst_first)
        self.export_button, self.print_button = QPushButton(), QPushButton()
        self.definitions_button = QPushButton()
        self.definitions_button.setObjectName("kpiDefinitionsButton")
        self.definitions_button.clicked.connect(self.edit_definitions)
        self.export_button.clicked.connect(self.export_csv)
        self.print_button.clicked.connect(self.print_matrix)
        for combo in (self.period, self.granularity, self.compare):  # long choices never widen the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        w: QWidget
        for w in (self.previous_button, self.period, self.next_button, self.granularity, self.compare):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.definitions_button, self.export_button, self.print_button):
            bar.addWidget(w)
        layout.addLayout(bar)
        filters = QHBoxLayout()
        self.filter_label = QLabel()
        filters.addWidget(self.filter_label)
        for w in (self.kind, self.stage, self.owner, self.status, self.worst):
            filters.addWidget(w)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.table = QTableView()
        self.table.setObjectName("performanceMatrix")
        self.table.setModel(self.model)
        self.table.setItemDelegate(TileDelegate(self.table, compact=True))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setDefaultSectionSize(CELL_SIZE.width())
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.table.horizontalHeader().setMinimumHeight(40)
        self.table.verticalHeader().setDefaultSectionSize(CELL_SIZE.height())
        self.table.verticalHeader().setMinimumWidth(160)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda index: self.open_partner(index.data(ID_ROLE)))
        layout.addWidget(self.table, 1)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        context.hub.changed.connect(self._on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        context.hub.reload_requested.connect(self.reload)
        self._filling = False
        self._job: Any = None
        self.loading = False
        self.retranslate_ui()
        self.reload()

    # --- data ---------------------------------------------------------------------------------------------
    def current_period(self) -> Period:
        key = self.period.currentData()
        return Period.parse(key) if isinstance(key, str) and key else Period.containing(self.today)

    def current_granularity(self) -> Granularity:
        return Granularity(self.granularity.currentData() or "month")

    def reload(self) -> None:
        """Show the chosen period at once from a glance at its values, then read three years off the UI thread
        (sparklines, period switches without a query)."""
        from partnerdesk.services.kpis import default_period, load_matrix_glance

        if self.context.workspace is None:
            return
        self.today = clock.today()
        granularity = self.current_granularity()
        keep = self.period.currentData()
        period = Period.parse(keep) if keep else default_period(self.context.ws, self.today, granularity)
        if period.granularity is not granularity:
            period = default_period(self.context.ws, self.today, granularity)
        self._fill_periods(granularity, period)
        if self.model.data_ is None or self.loading:
            self.model.set_data(load_matrix_glance(self.context.ws, period), period, self.today, glance=True)
        self._fill_owner_filter()
        self._update_empty()
        self._load_window()

    def _load_window(self) -> None:
        from partnerdesk.services.kpis import load_matrix_data
        from partnerdesk.ui.jobs import BackgroundJob

        if self._job is not None:
            self._job.cancel()
        ws, newest = self.context.ws, Period.containing(self.today)
        job = BackgroundJob(lambda: load_matrix_data(ws, newest, PERIODS_SHOWN), self)
        self._job = job
        self.loading = True

        def loaded(data: Any) -> None:
            if self._job is job:
                self._job = None
                self.loading = False
                self.model.set_data(data, self.current_period(), self.today)
                self._update_empty()

        def failed(_exc: object) -> None:
            if self._job is job:
                self._job = None
                self.loading = False

        job.succeeded.connect(loaded)
        job.failed.connect(failed)
        job.start()

    def set_period(self, period: Period) -> None:
        """Show another period (same granularity as the list, or switch the list to it)."""
        if period.granularity is not self.current_granularity():
            self.granularity.blockSignals(True)
            self.granularity.setCurrentIndex(max(0, self.granularity.findData(period.granularity.value)))
            self.granularity.blockSignals(False)
            self._fill_periods(period.granularity, period)
        index = self.period.findData(period.key)
        if index < 0:
            self._fill_periods(period.granularity, period)
            index = self.period.findData(period.key)
        self.period.setCurrentIndex(index)

    def step(self, steps: int) -> None:
        index = self.period.currentIndex() - steps  # newest first in the list
        if 0 <= index < self.period.count():
            self.period.setCurrentIndex(index)

    def _fill_periods(self, granularity: Granularity, selected: Period) -> None:
        self._filling = True
        self.period.blockSignals(True)
        self.period.clear()
        newest = Period.containing(self.today, granularity)
        count = PERIODS_SHOWN if granularity is Granularity.MONTH else PERIODS_SHOWN // 3
        periods = [newest.shifted(-i) for i in range(count)]
        if selected not in periods:
            periods.append(selected)
        for p in periods:
            self.period.addItem(period_label(p), p.key)
        self.period.setCurrentIndex(max(0, self.period.findData(selected.key)))
        self.period.blockSignals(False)
        self._filling = False

    def _period_chosen(self, _index: int) -> None:
        if not self._filling and self.model.data_ is not None:
            if self.loading:  # the three years are not read yet: glance at this period meanwhile
                from partnerdesk.services.kpis import load_matrix_glance

                self.model.set_data(load_matrix_glance(self.context.ws, self.current_period()),
                                    self.current_period(), self.today, glance=True)
            else:
                self.model.set_period(self.current_period())
            self._update_empty()

    def _granularity_chosen(self, _index: int) -> None:
        granularity = self.current_granularity()
        if self.model.data_ is None:
            return
        from partnerdesk.services.kpis import default_period

        period = default_period(self.context.ws, self.today, granularity)
        self._fill_periods(granularity, period)
        self.model.set_period(period)
        self._update_empty()

    def _filters_changed(self, _index: int = 0) -> None:
        if self._filling:
            return
        self.model.set_filter(MatrixFilter(self.kind.currentData() or "", self.stage.currentData() or "",
                                           self.owner.currentData(), self.status.currentData() or ""))
        self._update_empty()

    def _fill_owner_filter(self) -> None:
        from sqlalchemy import select

        from partnerdesk.store.models import TeamMember

        current = self.owner.currentData()
        self._filling = True
        self.owner.clear()
        self.owner.addItem(_("All owners"), None)
        with self.context.ws.session() as s:
            for mid, name in s.execute(select(TeamMember.id, TeamMember.name).order_by(TeamMember.name)):
                self.owner.addItem(name, mid)
        self.owner.setCurrentIndex(max(0, self.owner.findData(current)))
        self._filling = False

    def _on_changed(self, changes: Any) -> None:
        if WATCHED & changes.entities():
            self.reload()

    def _update_empty(self) -> None:
        if not self.model.columns or not self.model.all_rows:
            self.empty.setText(_("No KPI values yet. Enter them in a partner's Performance tab or use File ▸ Import "
                                 "KPI Values…"))
        elif not self.model.rows:
            self.empty.setText(_("No partner matches the filters."))
        else:
            self.empty.setText("")
        self.empty.setVisible(bool(self.empty.text()))

    # --- actions ------------------------------------------------------------------------------------------
    def open_partner(self, partner_id: int | None) -> None:
        """Open the partner's profile on its Performance tab, for the period shown here."""
        if partner_id is None:
            return
        from partnerdesk.ui.performance.navigation import open_performance_tab

        open_performance_tab(self.window(), partner_id, self.current_period())

    def edit_definitions(self) -> Any:
        from partnerdesk.ui.performance.definitions import KpiDefinitionsDialog

        dialog = KpiDefinitionsDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_csv(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Export Performance"), _("performance-{period}.csv")
                                                    .format(period=self.current_period().key),
                                                    _("CSV files ({pattern})").format(pattern="*.csv"))
        if name:
            self.write_csv(name)

    def write_csv(self, path: str) -> None:
        import csv
        import io
        from pathlib import Path

        from partnerdesk.interop.csv_io import safe_cell

        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in self.model.export_rows():
            writer.writerow([safe_cell(c) for c in row])
        try:
            Path(path).write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
        except OSError as exc:
            QMessageBox.warning(self, _("Export Performance"), _("“{name}” could not be written: {reason}").format(
                name=path, reason=exc.strerror or str(exc)))

    def print_matrix(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.paint_to(printer)

    def paint_to(self, printer: Any) -> None:
        from partnerdesk.ui.performance.printing import print_matrix

        print_matrix(printer, self.model, _("Performance — {period}").format(
            period=period_label(self.current_period())), self.isRightToLeft())

    # --- texts --------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self._filling = True
        rtl = self.isRightToLeft()
        self.previous_button.setText("▶" if rtl else "◀")
        self.next_button.setText("◀" if rtl else "▶")
        self.previous_button.setToolTip(_("Previous period"))
        self.table.setAccessibleName(_("Performance"))
        self.next_button.setToolTip(_("Next period"))
        self._refill(self.granularity, [(_("Month"), "month"), (_("Quarter"), "quarter")],
                     first=None)
        self._refill(self.compare, [(_("Compare with the previous period"), "previous"),
                                    (_("Compare with the same period last year"), "year")], first=None)
        self._refill(self.kind, [(k.label, k.value) for k in PartnerKind], first=_("All kinds"))
        self._refill(self.stage, [(s.label, s.value) for s in PartnerStage], first=_("All stages"))
        self._refill(self.status, [(s.label, s.value) for s in (KpiStatus.AT_RISK, KpiStatus.BEHIND,
                                                                 KpiStatus.ON_TRACK)], first=_("Any status"))
        if self.owner.count():
            self.owner.setItemText(0, _("All owners"))
        self.filter_label.setText(_("Show:"))
        self.worst.setText(_("Worst status first"))
        self.export_button.setText(_("Export CSV…"))
        self.definitions_button.setText(_("KPI definitions…"))
        self.print_button.setText(_("Print…"))
        self.table.setToolTip("")
        if self.period.count():
            for i in range(self.period.count()):
                self.period.setItemText(i, period_label(Period.parse(self.period.itemData(i))))
        self._filling = False
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1))
        self._update_empty()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, Any]], first: str | None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if first is not None:
            combo.addItem(first, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
