"""TodayView: the first screen. What is overdue, what is due this week, deadlines ahead, money, partners that
need attention and reminders missed, each row one click from its source; inline actions through the undo stack."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain import attention as rules
from partnerdesk.domain.attention import Row
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, format_date
from partnerdesk.services.attention import Options
from partnerdesk.ui.today import navigation
from partnerdesk.ui.today.delegate import TodayDelegate
from partnerdesk.ui.today.model import KPI_INPUTS, WATCHED, MoreRole, TodayModel

MINE_KEY = "today/only_mine"
HORIZON_KEY = "today/deadline_days"


class TodayView(QWidget):
    count_changed = Signal(int)  # items needing action (the navigation badge)

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.last_menu: QMenu | None = None
        self.dialog: QWidget | None = None
        self.title = QLabel()
        self.title.setObjectName("viewTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        # A long date in some languages must not set the window's minimum width.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.only_mine = QCheckBox()
        self.only_mine.setObjectName("onlyMine")
        self.only_mine.setChecked(context.settings.value(MINE_KEY, False, type=bool))
        self.only_mine.toggled.connect(self._mine_toggled)
        self.horizon_label = QLabel()
        self.horizon = QSpinBox()
        self.horizon.setObjectName("deadlineDays")
        self.horizon.setRange(1, 366)
        self.horizon.setValue(context.settings.value(HORIZON_KEY, rules.DEADLINE_HORIZON_DAYS, type=int))
        self.horizon_label.setBuddy(self.horizon)
        self.horizon.valueChanged.connect(self._horizon_changed)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printBrief")
        self.print_button.clicked.connect(self.print_preview)
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.horizon_label)
        bar.addWidget(self.horizon)
        bar.addSpacing(12)
        bar.addWidget(self.only_mine)
        bar.addWidget(self.print_button)

        self.model = TodayModel(context.workspace, self)
        self.model.options = self._options()
        self.delegate = TodayDelegate(self)
        self.list = QListView()
        self.list.setObjectName("todayList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        self.list.setMouseTracking(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.clicked.connect(self._clicked)
        self.list.activated.connect(self._clicked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu_at)
        self.empty = QLabel()
        self.empty.setObjectName("todayEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)

        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._refresh_after_change)
        self.model.refreshed.connect(self._after_refresh)
        context.hub.changed.connect(self._on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        context.hub.reload_requested.connect(self.reload)
        self.retranslate_ui()
        self.refresh()

    # --- data -----------------------------------------------------------------------------------------------------
    def _zone_name(self) -> str:
        from partnerdesk.ui.calendar.zones import user_zone_name

        return user_zone_name(self.context.workspace, self.context.settings)

    @property
    def tz(self) -> dt.tzinfo:
        from partnerdesk.ui.calendar.layout import zone

        return zone(self.model.options.zone or "UTC")

    def refresh(self) -> None:
        if self.context.workspace is None:
            return
        self.delegate.tz = self.tz
        try:
            self.model.refresh()
        except PartnerDeskError as exc:
            self.empty.setText(exc.message)
            self.empty.show()

    def _options(self) -> Options:
        return Options(zone=self._zone_name(), mine=self.only_mine.isChecked(), horizon_days=self.horizon.value())

    def _refresh_after_change(self) -> None:
        if self.context.workspace is None:
            return
        self.delegate.tz = self.tz
        try:
            self.model.refresh_later()
        except PartnerDeskError:  # e.g. the team workspace's server was lost: its return reloads every view
            pass

    def reload(self) -> None:
        self.model.options = self._options()
        self.model.missed = ()
        self.model.clear_kpi_cache()
        self.model.expanded.clear()
        self.model.ws = self.context.workspace
        self.refresh()

    def set_missed_reminders(self, reminders: list[Any]) -> None:
        """Reminders that fell due while the app was closed (from the main window's reminder watcher)."""
        if not reminders and not self.model.missed:
            return  # nothing missed: no second query at start-up
        self.model.missed = list(reminders)
        self.refresh()

    def _on_changed(self, changes: Any) -> None:
        if changes.entities() & KPI_INPUTS:
            self.model.clear_kpi_cache()
        if changes.entities() & WATCHED:
            self._pending.start()  # several announcements in one turn refresh once

    def _after_refresh(self) -> None:
        self.delegate.today = self.model.today
        self.title.setText(_("Today, {date}").format(date=format_date(self.model.today, "full")))
        nothing = self.model.rowCount() == 0
        self.empty.setVisible(nothing)
        self.list.setVisible(not nothing)
        self.count_changed.emit(self.model.action_count)

    def _mine_toggled(self, on: bool) -> None:
        self.context.settings.setValue(MINE_KEY, on)
        self.model.options = replace(self.model.options, mine=on)
        self.refresh()

    def _horizon_changed(self, days: int) -> None:
        self.context.settings.setValue(HORIZON_KEY, days)
        self.model.options = replace(self.model.options, horizon_days=days)
        self.refresh()

    # --- opening and acting ---------------------------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        row = self.model.row_of(index)
        if row is not None:
            self.open_row(row)
        elif (more := index.data(MoreRole)) is not None:
            if more.expand:
                self.model.expand(more.section)
            else:
                navigation.open_overdue_on_board(self)

    def open_row(self, row: Row) -> Any:
        return navigation.open_row(self, row)

    def _menu_at(self, pos: QPoint) -> None:
        row = self.model.row_of(self.list.indexAt(pos))
        if row is None:
            return
        from partnerdesk.ui.today.menus import row_menu

        menu = row_menu(self, row)
        self.last_menu = menu
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def push(self, command: Any) -> bool:
        """Run an undoable action; a refusal is shown, not pushed."""
        from partnerdesk.ui.kanban.commands import BoardCommand
        from partnerdesk.ui.undo import push

        if command is None:
            return False
        try:
            if isinstance(command, BoardCommand):
                self.context.undo_stack.push(command)
                if command.error is not None:
                    raise command.error
            else:
                push(self.context.undo_stack, command)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Today"), exc.message)
            return False
        return True

    def print_preview(self) -> Any:
        from partnerdesk.ui.today.printing import open_print_preview

        self.dialog = open_print_preview(self)
        return self.dialog

    def retranslate_ui(self) -> None:
        self.list.setAccessibleName(_("Today"))
        self.only_mine.setText(_("Only mine"))
        self.only_mine.setToolTip(_("Only items where you are owner #1, owner #2 or responsible"))
        self.print_button.setText(_("Print…"))
        self.horizon_label.setText(_("Deadlines within (days):"))
        self.empty.setText(_("Nothing needs you right now."))
        self.title.setText(_("Today, {date}").format(date=format_date(self.model.today, "full")))
        self.list.viewport().update()
