"""Partners: the directory (sortable, filterable) beside the selected partner's profile."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import PartnerKind, PartnerStage
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, country_name
from partnerdesk.services.partners import PartnerService
from partnerdesk.ui.partners.header import PartnerHeader
from partnerdesk.ui.partners.model import ID_ROLE, SORT_ROLE, PartnersModel
from partnerdesk.ui.partners.profile import PartnerProfile
from partnerdesk.ui.shortcuts import find_shortcut


class PartnersFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.stage: PartnerStage | None = None
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        from partnerdesk.store.search import normalize

        self.beginFilterChange()
        self.text = normalize(text)
        self.endFilterChange()

    def set_stage(self, stage: PartnerStage | None) -> None:
        self.beginFilterChange()
        self.stage = stage
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, _parent: Any) -> bool:
        from partnerdesk.store.search import normalize

        row = self.sourceModel().row(source_row)  # type: ignore[attr-defined]
        if self.stage is not None and row.stage != self.stage:
            return False
        if not self.text:
            return True
        hay = normalize(" ".join([row.name, row.kind.label, row.stage.label, row.country, country_name(row.country), row.owner, row.second]))
        return all(w in hay for w in self.text.split())


class PartnersView(QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = PartnersModel(context.workspace, self)
        self.proxy = PartnersFilter(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.stage = QComboBox()
        self.stage.currentIndexChanged.connect(lambda _i: self.proxy.set_stage(self.stage.currentData()))
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_partner)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.stage)
        bar.addWidget(self.add_button)
        self.packet_button = QPushButton()
        self.packet_button.setObjectName("partnerPacketButton")
        self.packet_button.clicked.connect(self.build_packet)
        bar.addWidget(self.packet_button)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)  # "Overdue" is a number, not a third of it
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.profile = PartnerProfile(context, self)
        self.header = PartnerHeader()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.header)
        lower_layout.addWidget(self.profile, 1)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        self._split_set = False
        layout.addWidget(splitter, 1)
        find_shortcut(self, self.search)
        self.clock = QTimer(self)
        self.clock.timeout.connect(self._tick)
        self.clock.start(60_000)
        context.hub.changed.connect(self._on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        context.hub.reload_requested.connect(self.reload)
        self.retranslate_ui()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._split_set:  # first show: the directory gets a third of the height, the profile (it scrolls) the rest
            self._split_set = True
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total // 3, total - total // 3])

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Filter partners…"))
        self.search.setAccessibleName(_("Filter partners…"))
        self.table.setAccessibleName(_("Partners"))
        self.add_button.setText(_("New partner…"))
        self.packet_button.setText(_("Build packet…"))
        current = self.stage.currentData()
        self.stage.blockSignals(True)
        self.stage.clear()
        self.stage.addItem(_("All stages"), None)
        for stage in PartnerStage:
            self.stage.addItem(stage.label, stage)
        self.stage.setCurrentIndex(max(0, self.stage.findData(current)))
        self.stage.blockSignals(False)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.profile.retranslate_ui()
        if hasattr(self, "header"):
            self._show_header()

    def reload(self) -> None:
        selected = self.current_partner_id()
        self.model.workspace = self.context.workspace
        self.model.reload()
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select_partner(selected)
        elif self.proxy.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _tick(self) -> None:
        self.model.tick()
        self._show_header()  # their local time moves on

    def _on_changed(self, changes: Any) -> None:
        if {"partner", "work_item", "team_member"} & changes.entities():
            self.reload()
            self._show_header()
        if {"kpi_value", "kpi_definition", "partner"} & changes.entities():
            self._show_health()
        self.profile.on_changed(changes)

    def current_partner_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, ID_ROLE) if index.isValid() else None

    def select_partner(self, partner_id: int) -> None:
        row = self.model.row_of(partner_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            # Not selectRow(): it finds no column in a right-to-left view that is not laid out yet.
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def _current_changed(self, current: Any, _previous: Any) -> None:
        self.profile.show_partner(self.proxy.data(current, ID_ROLE) if current.isValid() else None)
        self._show_header()
        self._show_health()

    def _show_health(self) -> None:
        from partnerdesk.ui.partners.health import show_partner_health

        show_partner_health(self.header, self.context.workspace, self.current_partner_id())

    def _show_header(self) -> None:
        partner_id = self.current_partner_id()
        row = self.model.row_of(partner_id) if partner_id is not None else -1
        self.header.show_row(self.model.row(row) if row >= 0 else None)

    def build_packet(self) -> None:
        from partnerdesk.ui.packets.actions import open_build_dialog

        open_build_dialog(self.context, self.window(), self.current_partner_id())

    def add_partner(self) -> None:
        name, ok = QInputDialog.getText(self, _("New partner"), _("Name of the partner:"))
        if not ok or not name.strip():
            return
        try:
            result = PartnerService(self.context.ws).create(name=name, kind=PartnerKind.AGENCY)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("New partner"), exc.message)
            return
        self.context.hub.announce(result.changes)
        self.select_partner(result.id)
