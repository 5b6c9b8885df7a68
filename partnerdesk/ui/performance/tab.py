"""The Performance tab of a partner's profile: KPI tiles with status by pace, "our side" computed tiles, a chart of
one KPI with its target band, a grid to enter values, targets and notes (undoable), traffic sources for analytics
imports, "Freeze for review" and "Create a card"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.periods import Granularity, Period
from partnerdesk.l10n import _, format_datetime, ngettext
from partnerdesk.services.kpis import KpiData, KpiTile, Scorecard, format_kpi_value, scorecard_from
from partnerdesk.ui.charts import ChartWidget, LineSeries, paint_line_chart
from partnerdesk.ui.performance import clock
from partnerdesk.ui.performance.delegate import TILE_SIZE, TileDelegate
from partnerdesk.ui.performance.entry_grid import EntryGridModel
from partnerdesk.ui.performance.model import TILE_ROLE
from partnerdesk.ui.performance.tile_paint import tooltip
from partnerdesk.ui.performance.view import period_label

HISTORY_CHOICES = (12, 24, 36)


class TilesModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tiles: list[KpiTile] = []

    def set_tiles(self, tiles: list[KpiTile]) -> None:
        self.beginResetModel()
        self.tiles = tiles
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.tiles)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tile = self.tiles[index.row()]
        if role == TILE_ROLE:
            return tile
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(tile)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{tile.kpi.label}: {format_kpi_value(tile.value, tile.kpi.unit, tile.kpi.currency)}, " \
                   f"{tile.status.label}"
        return None


class TileList(QListView):
    """Tiles that wrap and take exactly the height they need (the tab scrolls as a whole)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setGridSize(TILE_SIZE)
        self.setSpacing(0)
        self.setItemDelegate(TileDelegate(self, compact=False))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def fit(self) -> None:
        count = self.model().rowCount() if self.model() else 0
        width = self.width() - 2 * self.frameWidth()
        per_row = max(1, width // TILE_SIZE.width())
        rows = max(1, -(-count // per_row))
        height = rows * TILE_SIZE.height() + 2 * self.frameWidth() + 4
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            QTimer.singleShot(0, self, self.fit)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        QTimer.singleShot(0, self, self.fit)


class PerformanceSection(QWidget):
    """One partner's scorecard. Loads when shown (switching partners stays fast)."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("performanceTab")
        self.context = context
        self.partner_id: int | None = None
        self.period: Period | None = None
        self.data: KpiData | None = None
        self.card: Scorecard | None = None
        self.selected_key = ""
        self._dirty = True
        self.today = clock.today()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("scorecardPeriod")
        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        self.granularity = QComboBox()
        self.granularity.currentIndexChanged.connect(self._granularity_chosen)
        self.freeze_button = QPushButton()
        self.freeze_button.setObjectName("freezeButton")
        self.freeze_button.clicked.connect(self.freeze)
        self.card_button = QPushButton()
        self.card_button.setObjectName("createCardButton")
        self.card_button.clicked.connect(self.create_card)
        bar.addWidget(self.period_combo)
        bar.addWidget(self.granularity)
        bar.addStretch(1)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("scorecardPdfButton")
        self.pdf_button.clicked.connect(self.scorecard_pdf)
        bar.addWidget(self.card_button)
        bar.addWidget(self.freeze_button)
        bar.addWidget(self.pdf_button)
        layout.addLayout(bar)
        self.snapshot_label = QLabel()
        self.snapshot_label.setObjectName("snapshotDifferences")
        self.snapshot_label.setWordWrap(True)
        self.snapshot_label.setStyleSheet("color: #8A4B00; background: #FFF4E0; padding: 6px; border-radius: 4px")
        layout.addWidget(self.snapshot_label)
        self.partner_heading, self.ours_heading = QLabel(), QLabel()
        self.tiles, self.ours = TileList(), TileList()
        self.tiles.setObjectName("kpiTiles")
        self.ours.setObjectName("ourSideTiles")
        self.tiles_model, self.ours_model = TilesModel(self), TilesModel(self)
        self.tiles.setModel(self.tiles_model)
        self.ours.setModel(self.ours_model)
        for view in (self.tiles, self.ours):
            view.selectionModel().currentChanged.connect(self._tile_chosen)
        layout.addWidget(self.partner_heading)
        layout.addWidget(self.tiles)
        layout.addWidget(self.ours_heading)
        layout.addWidget(self.ours)
        chart_bar = QHBoxLayout()
        self.chart_title = QLabel()
        self.history = QComboBox()
        self.history.currentIndexChanged.connect(lambda _i: self._show_chart())
        chart_bar.addWidget(self.chart_title, 1)
        chart_bar.addWidget(self.history)
        layout.addLayout(chart_bar)
        self.chart = ChartWidget(self, minimum_height=200)
        self.chart.setObjectName("kpiChart")
        layout.addWidget(self.chart)
        self.grid_model = EntryGridModel(context, self)
        self.grid = QTableView()
        self.grid.setObjectName("kpiEntryGrid")
        self.grid.setModel(self.grid_model)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.setMinimumHeight(220)
        self.grid.setTabKeyNavigation(False)
        self.grid_model.refused.connect(lambda message: QMessageBox.warning(self, _("Performance"), message))
        layout.addWidget(self.grid)
        form = QFormLayout()
        self.sources = QLineEdit()
        self.sources.setObjectName("trafficSources")
        self.sources.editingFinished.connect(self._save_sources)
        self.sources_label = QLabel()
        form.addRow(self.sources_label, self.sources)
        self.sources_label.setBuddy(self.sources)
        layout.addLayout(form)
        self._loaded_sources: list[str] = []
        self.retranslate_ui()

    # --- loading ---------------------------------------------------------------------------------------
    def load(self, session: Any) -> None:
        """Called by the profile for every partner change: remember, load only if visible."""
        from partnerdesk.store.models import Partner

        partner = session.get(Partner, self.partner_id) if self.partner_id is not None else None
        self._loaded_sources = list(partner.traffic_sources or []) if partner is not None else []
        self.sources.setText(", ".join(self._loaded_sources))
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def set_period(self, period: Period) -> None:
        self.period = period
        self._fill_periods()
        self.refresh()

    def refresh(self) -> None:
        from partnerdesk.services.kpis import default_period, load_kpi_data, window_for

        self._dirty = False
        if self.partner_id is None or self.context.workspace is None:
            return
        self.today = clock.today()
        granularity = Granularity(self.granularity.currentData() or "month")
        if self.period is None or self.period.granularity is not granularity:
            self.period = default_period(self.context.ws, self.today, granularity)
            self._fill_periods()
        longest = max(HISTORY_CHOICES)
        first, last = window_for(self.period, longest)
        newest = Period.containing(self.today, granularity)
        last = max(last, newest.end)
        with self.context.ws.session() as s:
            self.data = load_kpi_data(s, first, last, [self.partner_id], details=True)
        if self.partner_id not in self.data.partners:
            return
        self.card = scorecard_from(self.data, self.partner_id, self.period, self.today)
        self.tiles_model.set_tiles(list(self.card.tiles))
        self.ours_model.set_tiles(list(self.card.our_side))
        self.tiles.fit()
        self.ours.fit()
        keys = [t.key for t in self.card.tiles] + [t.key for t in self.card.our_side]
        if self.selected_key not in keys:
            self.selected_key = keys[0] if keys else ""
        self._select(self.selected_key)
        self._show_snapshot()
        self._show_chart()
        self._update_buttons()

    def _fill_periods(self) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        if self.period is not None:
            newest = Period.containing(self.today, self.period.granularity)
            count = 36 if self.period.granularity is Granularity.MONTH else 12
            periods = [newest.shifted(-i) for i in range(count)]
            if self.period not in periods:
                periods.append(self.period)
            for p in periods:
                self.period_combo.addItem(period_label(p), p.key)
            self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(self.period.key)))
            self.granularity.blockSignals(True)
            self.granularity.setCurrentIndex(max(0, self.granularity.findData(self.period.granularity.value)))
            self.granularity.blockSignals(False)
        self.period_combo.blockSignals(False)

    def _period_chosen(self, _index: int) -> None:
        key = self.period_combo.currentData()
        if key:
            self.period = Period.parse(key)
            self.refresh()

    def _granularity_chosen(self, _index: int) -> None:
        self.period = None
        self.refresh()

    # --- selection, chart, grid ------------------------------------------------------------------------
    def selected_tile(self) -> KpiTile | None:
        if self.card is None:
            return None
        return self.card.tile(self.selected_key)

    def _select(self, key: str) -> None:
        for view, model in ((self.tiles, self.tiles_model), (self.ours, self.ours_model)):
            row = next((i for i, t in enumerate(model.tiles) if t.key == key), -1)
            view.blockSignals(True)
            view.selectionModel().blockSignals(True)
            if row >= 0:
                view.setCurrentIndex(model.index(row))
            else:
                view.clearSelection()
            view.selectionModel().blockSignals(False)
            view.blockSignals(False)
            view.viewport().update()

    def select_kpi(self, key: str) -> None:
        self.selected_key = key
        self._select(key)
        self._show_chart()
        self._update_buttons()

    def _tile_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        tile = current.data(TILE_ROLE) if current.isValid() else None
        if tile is not None:
            self.select_kpi(tile.key)

    def _show_chart(self) -> None:
        from partnerdesk.services.kpis import build_tile

        tile = self.selected_tile()
        if tile is None or self.data is None or self.period is None or self.partner_id is None:
            self.chart.set_chart(None)
            self.chart_title.setText("")
            self.grid_model.set_series(None, None, [], self.today)
            return
        count = int(self.history.currentData() or 12)
        periods = self.period.history(count)
        full = build_tile(self.data, self.partner_id, tile.kpi, self.period, self.today, count)
        targets = [self.data.target(self.partner_id, tile.kpi, p) if not tile.kpi.our_side else tile.target
                   for p in periods]
        tolerance = tile.kpi.tolerance
        higher = tile.kpi.direction.value == "higher"
        band = [None if t is None else ((t * (1 - tolerance), t) if higher else (t, t * (1 + tolerance)))
                for t in targets]
        labels = [p.key[2:] if p.granularity is Granularity.MONTH else p.key for p in periods]
        kpi = tile.kpi

        def fmt(v: float) -> str:
            return format_kpi_value(v, kpi.unit, kpi.currency)

        values = list(full.history)

        def paint(painter: QPainter, rect: QRectF, rtl: bool) -> None:
            paint_line_chart(painter, rect, [LineSeries(values, QColor("#2F6DB5"))], labels, target=targets,
                             band=band, fmt=fmt, rtl=rtl)

        self.chart.set_chart(paint)
        self.chart_title.setText(ngettext("{kpi} over the last {count} period", "{kpi} over the last {count} periods",
                                          count).format(kpi=kpi.label, count=count)
                                 + ("  " + _("(computed)") if tile.computed else ""))
        self.grid_model.set_series(self.partner_id, kpi if not kpi.our_side and not tile.computed else None,
                                   list(reversed(periods)), self.today, self.data)

    def _update_buttons(self) -> None:
        tile = self.selected_tile()
        self.card_button.setEnabled(tile is not None and tile.status.needs_attention)
        self.freeze_button.setEnabled(self.card is not None)

    def _show_snapshot(self) -> None:
        from partnerdesk.services.kpi_values import latest_snapshot, snapshot_differences

        if self.card is None or self.partner_id is None or self.period is None:
            self.snapshot_label.hide()
            return
        snap = latest_snapshot(self.context.ws, self.partner_id, self.period)
        if snap is None:
            self.snapshot_label.hide()
            return
        diffs = snapshot_differences(snap.data, self.card)
        when = format_datetime(snap.taken_at, "short")
        heading = _("Frozen for review on {when}").format(when=when) + (f" — {snap.label}" if snap.label else "")
        if not diffs:
            self.snapshot_label.setText(heading + ". " + _("Nothing changed since."))
        else:
            lines = []
            for d in diffs:
                tile = self.card.tile(d.key)
                label = tile.kpi.label if tile else d.key
                unit, currency = (tile.kpi.unit, tile.kpi.currency) if tile else (None, "")
                before = format_kpi_value(d.frozen_value, unit, currency) if unit else str(d.frozen_value)
                now = format_kpi_value(d.value, unit, currency) if unit else str(d.value)
                lines.append(_("{kpi}: {before} at the review, {now} now").format(kpi=label, before=before, now=now))
            self.snapshot_label.setText(heading + ". " + _("Changed since:") + "\n" + "\n".join(lines))
        self.snapshot_label.show()

    # --- actions ---------------------------------------------------------------------------------------
    def _push(self, command: Any) -> bool:
        from partnerdesk.ui.undo import push

        try:
            push(self.context.undo_stack, command)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Performance"), exc.message)
            return False
        return True

    def create_card(self) -> None:
        from partnerdesk.ui.performance.commands import CreateCardCommand

        tile = self.selected_tile()
        if tile is None or self.partner_id is None or not tile.status.needs_attention:
            return
        if self._push(CreateCardCommand(self.context, self.partner_id, tile)):
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(_("Card created on the Kanban board."), 6000)

    def scorecard_pdf(self) -> Any:
        from partnerdesk.ui.performance.scorecard_dialog import ScorecardDialog

        dialog = ScorecardDialog(self.context, self.window(), self.partner_id, self.period)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def freeze(self) -> None:
        from partnerdesk.ui.performance.commands import FreezeCommand

        if self.card is not None:
            self._push(FreezeCommand(self.context, self.card, _("Business review")))

    def _save_sources(self) -> None:
        from partnerdesk.ui.performance.commands import SetTrafficSourcesCommand

        if self.partner_id is None:
            return
        new = list(dict.fromkeys(p.strip() for p in self.sources.text().replace(";", ",").split(",") if p.strip()))
        if new != self._loaded_sources:
            old = self._loaded_sources
            self._loaded_sources = new
            self._push(SetTrafficSourcesCommand(self.context, self.partner_id, new, old))

    # --- texts -----------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.granularity.blockSignals(True)
        current = self.granularity.currentData()
        self.granularity.clear()
        self.granularity.addItem(_("Month"), "month")
        self.granularity.addItem(_("Quarter"), "quarter")
        self.granularity.setCurrentIndex(max(0, self.granularity.findData(current)))
        self.granularity.blockSignals(False)
        self.history.blockSignals(True)
        current_history = self.history.currentData()
        self.history.clear()
        for n in HISTORY_CHOICES:
            self.history.addItem(ngettext("{count} period", "{count} periods", n).format(count=n), n)
        self.history.setCurrentIndex(max(0, self.history.findData(current_history)))
        self.history.blockSignals(False)
        self.freeze_button.setText(_("Freeze for review"))
        self.freeze_button.setToolTip(_("Keep the scorecard as it is now; later changes to these periods show as "
                                        "differences from it."))
        self.card_button.setText(_("Create a card"))
        self.pdf_button.setText(_("Scorecard PDF…"))
        self.card_button.setToolTip(_("A Kanban card for the selected KPI, which is behind or at risk."))
        self.partner_heading.setText("<b>" + _("The partner's KPIs") + "</b>")
        self.ours_heading.setText("<b>" + _("Our side (computed from PartnerDesk's own records)") + "</b>")
        self.sources_label.setText(_("Traffic sources:"))
        self.sources.setPlaceholderText(_("Patterns matched against analytics sources, e.g. studioventura, "
                                          "instagram / partner-coop"))
        self.grid_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.grid_model.columnCount() - 1)
        for i in range(self.period_combo.count()):
            self.period_combo.setItemText(i, period_label(Period.parse(self.period_combo.itemData(i))))
        if self.partner_id is not None and not self._dirty and self.isVisible():
            self.refresh()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(900, 1100)

