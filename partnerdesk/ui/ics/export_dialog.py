"""Export Events (.ics): everything, the events of a date range, or one partner's events; then where to save; the
export runs off the UI thread and the file is written completely or not at all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_, _, fill, ngettext
from partnerdesk.services.event_export import EventExportService
from partnerdesk.services.event_import import EventImportService
from partnerdesk.services.partners import PartnerService
from partnerdesk.ui.ics.files import (
    default_export_name,
    dialog_folder,
    ics_filter,
    remember_folder,
    with_ics_suffix,
    write_atomically,
)
from partnerdesk.ui.ics.job_dialog import JobDialog, zone_name
from partnerdesk.ui.jobs import JobControl
from partnerdesk.ui.qdates import from_qdate

ALL, RANGE, PARTNER = "all", "range", "partner"


class NothingToExportError(PartnerDeskError):
    template = N_("No events match this choice; no file was written.")


@dataclass(frozen=True)
class ExportChoice:
    scope: str
    start: dt.date | None = None
    end: dt.date | None = None
    partner_id: int | None = None
    partner_name: str = ""


@dataclass(frozen=True)
class ExportDone:
    path: Path
    events: int


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """This month and the next two."""
    start = today.replace(day=1)
    month = start.month + 3
    after = start.replace(year=start.year + (month - 1) // 12, month=(month - 1) % 12 + 1)
    return start, after - dt.timedelta(days=1)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ExportEventsDialog(JobDialog):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("exportEventsDialog")
        self.setWindowTitle(_("Export Events"))
        ws = context.ws
        self.user_zone = EventImportService(ws).user_zone()
        self.saved: ExportDone | None = None

        self.scope_all = QRadioButton(_("All events"))
        self.scope_range = QRadioButton(_("Events in a date range"))
        self.scope_partner = QRadioButton(_("Events of one partner"))
        self.group = QButtonGroup(self)
        for button, key in ((self.scope_all, ALL), (self.scope_range, RANGE), (self.scope_partner, PARTNER)):
            button.setObjectName(f"scope_{key}")
            self.group.addButton(button)
        start, end = default_range(dt.date.today())
        self.start_date, self.end_date = QDateEdit(_qdate(start)), QDateEdit(_qdate(end))
        self.start_date.setObjectName("startDate")
        self.end_date.setObjectName("endDate")
        for edit in (self.start_date, self.end_date):
            edit.setCalendarPopup(True)
        self.start_date.dateChanged.connect(self._start_changed)
        self.partner = QComboBox()
        self.partner.setObjectName("partner")
        for row in PartnerService(ws).directory():
            self.partner.addItem(row.name, row.id)
        if self.partner.count() == 0:
            self.scope_partner.setEnabled(False)

        grid = QGridLayout(self.options)
        grid.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("Which events to export"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        grid.addWidget(heading, 0, 0, 1, 2)
        grid.addWidget(self.scope_all, 1, 0, 1, 2)
        grid.addWidget(self.scope_range, 2, 0)
        dates = QHBoxLayout()
        self.from_label, self.to_label = QLabel(_("From")), QLabel(_("To"))
        self.from_label.setBuddy(self.start_date)
        self.to_label.setBuddy(self.end_date)
        for widget in (self.from_label, self.start_date, self.to_label, self.end_date):
            dates.addWidget(widget)
        dates.addStretch(1)
        grid.addLayout(dates, 2, 1)
        grid.addWidget(self.scope_partner, 3, 0)
        grid.addWidget(self.partner, 3, 1)
        note = QLabel(_("Days count in your time zone ({zone}). A recurring series is exported whole when any of "
                        "its occurrences falls in the chosen days.").format(zone=zone_name(self.user_zone)))
        note.setWordWrap(True)
        note.setEnabled(False)
        grid.addWidget(note, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.group.buttonToggled.connect(self._scope_changed)
        self.scope_all.setChecked(True)
        self._scope_changed()

        self.done_label = QLabel()
        self.done_label.setObjectName("doneLabel")
        self.done_label.setWordWrap(True)
        box = QVBoxLayout(self.result_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.done_label)
        self.run_button.setText(_("Export…"))
        self.resize(560, 260)

    def first_focus(self) -> QWidget:
        return self.group.checkedButton() or self.scope_all

    # -- choice ---------------------------------------------------------------------------------------------------
    def set_scope(self, scope: str) -> None:
        {ALL: self.scope_all, RANGE: self.scope_range, PARTNER: self.scope_partner}[scope].setChecked(True)

    def _scope_changed(self, *_args: Any) -> None:
        ranged = self.scope_range.isChecked()
        for widget in (self.start_date, self.end_date, self.from_label, self.to_label):
            widget.setEnabled(ranged)
        self.partner.setEnabled(self.scope_partner.isChecked())
        self.show_message("")

    def _start_changed(self, day: QDate) -> None:
        if self.end_date.date() < day:
            self.end_date.setDate(day)

    def choice(self) -> ExportChoice:
        if self.scope_range.isChecked():
            return ExportChoice(RANGE, from_qdate(self.start_date.date()), from_qdate(self.end_date.date()))
        if self.scope_partner.isChecked() and self.partner.currentData() is not None:
            return ExportChoice(PARTNER, partner_id=int(self.partner.currentData()),
                                partner_name=self.partner.currentText())
        return ExportChoice(ALL)

    # -- export ---------------------------------------------------------------------------------------------------
    def run(self) -> None:
        if self.busy():
            return
        choice = self.choice()
        if choice.start is not None and choice.end is not None and choice.end < choice.start:
            self.show_message(_("The end date is before the start date."), error=True)
            return
        settings = self.context.settings
        suggestion = dialog_folder(settings, self.context.ws.path) / default_export_name(
            choice.partner_name or None, choice.start, choice.end)
        name, _filter = QFileDialog.getSaveFileName(self, _("Export Events"), str(suggestion), ics_filter())
        if not name:
            return
        path = with_ics_suffix(Path(name))
        remember_folder(settings, path)
        workspace, zone = self.context.ws, self.user_zone

        def work(control: JobControl) -> ExportDone:
            control.progress(0, 2)
            result = EventExportService(workspace).export(start=choice.start, end=choice.end,
                                                          partner_id=choice.partner_id, zone=zone)
            if result.events == 0:
                raise NothingToExportError()
            control.progress(1, 2)  # a cancel up to here writes nothing
            write_atomically(path, result.data)
            return ExportDone(path, result.events)

        self.start(work, self._exported, _("Collecting the events…"))

    def progressed(self, done: int, total: int) -> None:
        if done == 1:
            self.show_message(_("Writing the file…"))

    def cancelled_text(self) -> str:
        return _("Export cancelled. No file was written.")

    def extra_result_buttons(self) -> None:
        if self.saved is None:
            return
        folder = self.saved.path.parent
        button = self.buttons.addButton(_("Open folder"), self.buttons.ButtonRole.ActionRole)
        button.setObjectName("openFolderButton")
        button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))

    def _exported(self, done: ExportDone) -> None:
        self.saved = done
        self.done_label.setText(fill(ngettext("Exported {count} event to “{path}”.",
                                              "Exported {count} events to “{path}”.", done.events),
                                     count=done.events, path=str(done.path)))
