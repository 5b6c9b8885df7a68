"""CalendarView: month, week and agenda over one model, with navigation, filters, clocks, editing and print.

Registered in ui/views_registry.py. The views show the user's zone; choosing a partner shows their local time
beside it and shades their working hours in the week view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.occurrence import Occurrence, SourceKind
from partnerdesk.l10n import _, first_weekday, format_date, format_skeleton
from partnerdesk.ui.calendar import layout, zones
from partnerdesk.ui.calendar.agenda_view import AgendaView
from partnerdesk.ui.calendar.delegates import EntryDelegate
from partnerdesk.ui.calendar.filters import FilterPanel
from partnerdesk.ui.calendar.message_bar import MessageBar
from partnerdesk.ui.calendar.model import CalendarModel
from partnerdesk.ui.calendar.month_view import MonthView
from partnerdesk.ui.calendar.week_view import WeekView

MODES = ("month", "week", "agenda")
AGENDA_DAYS = 31
Loader = Callable[[dt.datetime, dt.datetime], list[Occurrence]]


def service_loader(context: Any, failed: Callable[[str], None] | None = None) -> Loader:
    """The calendar service's entries; a workspace that cannot be read shows nothing and says why."""
    def load(start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
        if context.workspace is None:
            return []
        from sqlalchemy.exc import SQLAlchemyError

        from partnerdesk.domain.errors import PartnerDeskError
        from partnerdesk.services.calendar import occurrences

        try:
            return occurrences(context.workspace, start, end)
        except PartnerDeskError as exc:
            if failed is not None:
                failed(exc.message)
        except (SQLAlchemyError, OSError):
            if failed is not None:
                failed(_("The calendar could not be read from the workspace."))
        return []

    return load


class CalendarView(QWidget):
    source_requested = Signal(str, int)  # SourceKind value, record id: a derived entry was opened

    def __init__(self, context: Any, parent: QWidget | None = None, loader: Loader | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.zone_name = zones.user_zone_name(context.workspace, context.settings)
        self.tz = layout.zone(self.zone_name)
        self.anchor = dt.datetime.now(self.tz).date()
        self.mode = "month"
        self.payment_box: Any = None
        self.model = CalendarModel(loader or service_loader(context, self._load_failed), self.tz, self)

        self.month = MonthView(self.tz)
        self.month.setObjectName("monthView")
        self.week = WeekView(self.tz)
        self.week.setObjectName("weekView")
        for grid, style in ((self.month, "chip"), (self.week, "block")):
            grid.setModel(self.model)
            grid.setItemDelegate(EntryDelegate(self.tz, style, grid))
        self.month.day_requested.connect(self.show_week_of)
        self.week.day_requested.connect(self.show_agenda_of)
        self.agenda = AgendaView(self.model)
        self.agenda.setObjectName("agendaView")
        self.stack = QStackedWidget()
        for view in (self.month, self.week, self.agenda):
            self.stack.addWidget(view)

        # Navigation bar.
        self.today_button = QPushButton()
        self.prev_button = QToolButton()
        self.next_button = QToolButton()
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.goto = QDateEdit()
        self.goto.setObjectName("goToDate")
        self.goto.setCalendarPopup(True)
        self.goto.dateChanged.connect(self._goto_changed)
        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)  # "dezembro de 2026" takes two lines rather than widening a laptop window
        self.mode_buttons = QButtonGroup(self)
        self.mode_buttons.setExclusive(True)
        bar = QHBoxLayout()
        for widget in (self.today_button, self.prev_button, self.next_button, self.goto):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.title, 1)
        for n, mode in enumerate(MODES):
            button = QToolButton()
            button.setObjectName(f"mode_{mode}")
            button.setCheckable(True)
            self.mode_buttons.addButton(button, n)
            bar.addWidget(button)
        self.mode_buttons.idClicked.connect(lambda n: self.set_mode(MODES[n]))
        bar.addSpacing(12)
        self.new_button = QPushButton()
        self.find_button = QPushButton()
        self.print_button = QPushButton()
        for widget in (self.new_button, self.find_button, self.print_button):
            bar.addWidget(widget)

        self.filters = FilterPanel()
        self.filters.kind_toggled.connect(self._kind_toggled)
        self.filters.partner_changed.connect(self._partner_changed)
        self.filters.zone_changed.connect(self.set_view_zone)
        self.message = MessageBar()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.filters)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.message)
        body_layout.addWidget(self.stack, 1)
        splitter.addWidget(body)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout_ = QVBoxLayout(self)
        layout_.addLayout(bar)
        layout_.addWidget(splitter, 1)

        from partnerdesk.ui.calendar.editing import CalendarEditor

        self.editor = CalendarEditor(self)
        self.new_button.clicked.connect(self.editor.new_event)
        self.find_button.clicked.connect(self.editor.find_a_time)
        self.print_button.clicked.connect(self.print_preview)

        self.clock = QTimer(self)
        self.clock.timeout.connect(self._tick)
        self.clock.start(30_000)
        context.hub.changed.connect(self._on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        context.hub.reload_requested.connect(self.reload)
        self._restore_settings()
        self.retranslate_ui()
        self.reload()
        QTimer.singleShot(0, self, self._scroll_week)

    # --- state --------------------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.context.settings
        mode = s.value("calendar/mode", "month", type=str)
        self.mode = mode if mode in MODES else "month"
        hidden = s.value("calendar/hidden_kinds", [], type=list) or []
        for kind in SourceKind:
            if kind.value in hidden:
                self.filters.kind_boxes[kind].setChecked(False)
                self.model.hidden_kinds.add(kind)

    def _save_filters(self) -> None:
        self.context.settings.setValue("calendar/hidden_kinds", sorted(k.value for k in self.model.hidden_kinds))

    def reload(self) -> None:
        """A workspace was opened: the zone, partners and entries come from it."""
        self.zone_name = zones.user_zone_name(self.context.workspace, self.context.settings)
        self.set_zone(layout.zone(self.zone_name))
        self.filters.set_zone(self.zone_name)
        self.filters.set_partners(zones.partners(self.context.workspace))
        self._apply_partner()
        self.show_range(force=True)

    def set_view_zone(self, name: str) -> None:
        """Show times in another zone (travelling); remembered in the settings."""
        self.context.settings.setValue("calendar/time_zone", name)
        self.reload()

    def set_zone(self, tz: dt.tzinfo) -> None:
        self.tz = tz
        self.model.tz = tz
        for view in (self.month, self.week):
            view.tz = tz
            view.today = dt.datetime.now(tz).date()
            view.itemDelegate().tz = tz  # type: ignore[attr-defined]
        self.agenda.agenda_delegate.tz = tz

    def _on_changed(self, changes: Any) -> None:
        if "partner" in changes.entities():
            self.filters.set_partners(zones.partners(self.context.workspace))
            self._apply_partner()
        self.model.on_changed(changes)

    def _tick(self) -> None:
        today = dt.datetime.now(self.tz).date()
        for view in (self.month, self.week):
            view.today = today
        self.filters.update_clock()
        current = self.stack.currentWidget()
        if isinstance(current, QAbstractScrollArea):  # the month and week grids, the agenda list
            current.viewport().update()

    # --- navigation ---------------------------------------------------------------------------------------
    def first_weekday(self) -> int:
        return int(first_weekday())

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.context.settings.setValue("calendar/mode", mode)
        self.show_range()

    def stepped(self, direction: int) -> dt.date:
        """The anchor one period later (or earlier) in the current mode."""
        if self.mode == "month":
            month = self.anchor.month - 1 + direction
            return dt.date(self.anchor.year + month // 12, month % 12 + 1, 1)
        if self.mode == "week":
            return self.anchor + dt.timedelta(days=7 * direction)
        return self.anchor + dt.timedelta(days=AGENDA_DAYS * direction)

    def step(self, direction: int) -> None:
        self.anchor = self.stepped(direction)
        self.show_range()

    def go_today(self) -> None:
        self.go_to(dt.datetime.now(self.tz).date())

    def go_to(self, day: dt.date) -> None:
        self.anchor = day
        self.show_range()

    def show_week_of(self, day: dt.date) -> None:
        self.anchor = day
        self.set_mode("week")

    def show_agenda_of(self, day: dt.date) -> None:
        """Every entry of a day, listed (from the week view's "+N more")."""
        self.anchor = day
        self.set_mode("agenda")

    def _goto_changed(self, qdate: QDate) -> None:
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        if day != self.anchor:
            self.go_to(day)

    def current_days(self) -> list[dt.date]:
        if self.mode == "month":
            return self.month.days
        if self.mode == "week":
            return self.week.days
        return self.agenda.agenda.days

    def days_for(self, anchor: dt.date) -> list[dt.date]:
        fw = self.first_weekday()
        if self.mode == "month":
            return layout.month_grid(anchor, fw)
        if self.mode == "week":
            return layout.week_days(anchor, fw)
        return [anchor + dt.timedelta(days=i) for i in range(AGENDA_DAYS)]

    def show_range(self, force: bool = False) -> None:
        """Lay out the current mode around the anchor date and load its entries (laid out once)."""
        fw = self.first_weekday()
        index = MODES.index(self.mode)
        self.mode_buttons.button(index).setChecked(True)
        self.agenda.agenda.active = self.mode == "agenda"
        self.stack.setCurrentIndex(index)
        if self.mode == "month":
            self.month.set_month(self.anchor, fw, refresh=False)
        elif self.mode == "week":
            self.week.set_week(self.anchor, fw, refresh=False)
        else:
            self.agenda.agenda.days = self.days_for(self.anchor)
        days = self.current_days()
        if not self.model.set_range(*layout.range_bounds(days, self.tz), force=force):
            if self.mode == "agenda":
                self.agenda.rebuild()
            else:
                self.current_view().refresh()
        self.goto.blockSignals(True)
        self.goto.setDate(QDate(self.anchor.year, self.anchor.month, self.anchor.day))
        self.goto.blockSignals(False)
        self._update_title()
        # The periods on either side load while the user looks at this one.
        self.model.prefetch([layout.range_bounds(self.days_for(self.stepped(d)), self.tz) for d in (1, -1)])

    def _update_title(self) -> None:
        if self.mode == "month":
            text = format_skeleton("yMMMM", self.anchor)
        elif self.mode == "week":
            days = self.week.days
            text = _("Week {number}: {first} – {last}").format(
                number=layout.week_number(days[3]), first=format_date(days[0]), last=format_date(days[-1]))
        else:
            days = self.agenda.agenda.days
            text = f"{format_date(days[0])} – {format_date(days[-1])}"
        self.title.setText(text)

    def _scroll_week(self) -> None:
        """Open the week at the start of the working day shown (scrolled when the week is first seen)."""
        hours = self.week.hours
        start = max(0, int(hours.start.split(":")[0]) - 1) if hours is not None else 8
        if self.week.isVisible():
            self.week.scroll_to_hour(start)
        else:
            self.week.first_hour = start

    # --- filters ------------------------------------------------------------------------------------------
    def _kind_toggled(self, kind: SourceKind, visible: bool) -> None:
        self.model.set_kind_visible(kind, visible)
        self._save_filters()

    def _partner_changed(self, _partner_id: int | None) -> None:
        self._apply_partner()

    def _apply_partner(self) -> None:
        partner = self.filters.selected_partner()
        self.model.set_partners(None if partner is None else [partner.id])
        if partner is None:
            self.week.set_hours(self.my_hours(), None)
            self.agenda.set_partner_zone(None)
        else:
            self.week.set_hours(partner.hours, layout.zone(partner.time_zone))
            self.agenda.set_partner_zone(layout.zone(partner.time_zone))
        self.filters.update_clock()

    def my_hours(self) -> Any:
        """The user's own working week, in the user's own zone (whatever zone the views show)."""
        if self.context.workspace is None:
            return None
        from partnerdesk.services.calendar import my_working_hours

        return my_working_hours(self.context.ws)

    def current_view(self) -> Any:
        return self.stack.currentWidget()

    def selected_occurrence(self) -> Occurrence | None:
        return self.current_view().selected_occurrence()

    # --- print --------------------------------------------------------------------------------------------
    def print_preview(self) -> None:
        from partnerdesk.ui.calendar.printing import open_print_preview

        open_print_preview(self)

    # --- texts --------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.today_button.setText(_("Today"))
        self.prev_button.setText("›" if rtl else "‹")
        self.next_button.setText("‹" if rtl else "›")
        self.prev_button.setToolTip(_("Previous"))
        self.next_button.setToolTip(_("Next"))
        self.goto.setToolTip(_("Go to date"))
        self.goto.setAccessibleName(_("Go to date"))
        for view, label in ((self.month, _("Month")), (self.week, _("Week")), (self.agenda, _("Agenda"))):
            view.setAccessibleName(label)
        for n, label in enumerate((_("Month"), _("Week"), _("Agenda"))):
            self.mode_buttons.button(n).setText(label)
        self.new_button.setText(_("New event…"))
        self.find_button.setText(_("Find a time…"))
        self.print_button.setText(_("Print…"))
        self.filters.retranslate_ui()
        self.message.retranslate_ui()
        if hasattr(self, "editor"):
            self.show_range()

    def _load_failed(self, message: str) -> None:
        if hasattr(self, "message"):
            self.message.show_message(message, "warning")

    def changeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Mirrored: the arrows and the painted grids follow (the language switch itself calls retranslate_ui)."""
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LayoutDirectionChange and hasattr(self, "editor"):
            rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            self.prev_button.setText("›" if rtl else "‹")
            self.next_button.setText("‹" if rtl else "›")
            for grid in (self.month, self.week):
                grid.refresh()
        super().changeEvent(event)
