"""Import Events (.ics): where floating times belong and which partner the events are for, then the import off the
UI thread (one transaction: Cancel or a broken file imports nothing), then what it did."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.interop.records import UnreadableFileError
from partnerdesk.l10n import _, fill, format_number, ngettext, pgettext
from partnerdesk.services.event_import import EventImportService, EventImportSummary
from partnerdesk.services.partners import PartnerService
from partnerdesk.ui.ics.job_dialog import JobDialog, isolated, zone_name
from partnerdesk.ui.jobs import JobControl


def zone_choices(user_zone: str, partner_zones: list[str]) -> list[str]:
    """The user's zone first, then the partners' zones (the likely ones), then every other IANA zone."""
    from partnerdesk.domain.partners import known_time_zones

    first = [user_zone, *sorted({z for z in partner_zones if z and z != user_zone})]
    return first + [z for z in known_time_zones() if z not in first]


class ImportEventsDialog(JobDialog):
    """Opened with the chosen file; the import starts with the Import button (default, so Enter is enough)."""

    imported = Signal(object)  # EventImportSummary, after the change was announced

    def __init__(self, context: Any, path: Path, parent: QWidget | None = None,
                 show_calendar: Callable[[], None] | None = None) -> None:
        super().__init__(context, parent)
        self.show_calendar = show_calendar
        self.setObjectName("importEventsDialog")
        self.setWindowTitle(_("Import Events"))
        self.path = Path(path)
        self.summary: EventImportSummary | None = None
        ws = context.ws
        self.user_zone = EventImportService(ws).user_zone()
        partners = PartnerService(ws).directory()

        form = QFormLayout(self.options)
        self.file_label = QLabel(isolated(self.path.name))
        self.file_label.setToolTip(str(self.path))
        self.file_label.setObjectName("fileLabel")
        form.addRow(_("File"), self.file_label)
        self.zone = QComboBox()
        self.zone.setObjectName("zone")
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(zone_choices(self.user_zone, [p.time_zone for p in partners]))
        self.zone.setCurrentIndex(0)
        completer = QCompleter(self.zone.model(), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        form.addRow(_("Time zone for times without one"), self.zone)
        hint = QLabel(_("Used for events the file gives without a time zone (floating times) and for all-day "
                        "events, unless the file names its calendar's own zone. Yours is {zone}.").format(
            zone=zone_name(self.user_zone)))
        hint.setWordWrap(True)
        hint.setEnabled(False)  # a secondary, greyed explanation
        form.addRow("", hint)
        self.partner = QComboBox()
        self.partner.setObjectName("partner")
        self.partner.addItem(_("As found in the file (by attendees)"), None)
        for row in partners:
            self.partner.addItem(row.name, row.id)
        form.addRow(_("Partner"), self.partner)
        # Shown after a file with broken events was refused: importing the others is the user's explicit choice.
        self.partial = QCheckBox()
        self.partial.setObjectName("importPartial")
        self.partial.hide()
        form.addRow("", self.partial)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        self.counts: dict[str, QLabel] = {}
        result = QVBoxLayout(self.result_box)
        result.setContentsMargins(0, 0, 0, 0)
        result.addWidget(self.headline)
        counts = QGridLayout()  # label, number, then room: the number stays beside its label in both directions
        counts.setHorizontalSpacing(24)
        for line, (key, label) in enumerate((("created", pgettext("import summary", "New")),
                                            ("updated", pgettext("import summary", "Updated")),
                                            ("skipped", pgettext("import summary", "Unchanged")),
                                            ("deleted", pgettext("import summary", "Removed")))):
            value = QLabel()
            value.setObjectName(f"count_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            self.counts[key] = value
            counts.addWidget(QLabel(label), line, 0)
            counts.addWidget(value, line, 1)
        counts.setColumnStretch(2, 1)
        result.addLayout(counts)
        self.run_button.setText(_("Import"))
        self.resize(560, 260)

    def cancelled_text(self) -> str:
        return _("Import cancelled. Nothing was imported.")

    def progressed(self, done: int, total: int) -> None:
        self.show_message(ngettext("Importing {count} event…", "Importing {count} events…", total).format(
            count=total))

    def run(self) -> None:
        if self.busy():
            return
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            self.show_message(UnreadableFileError(name=str(self.path), reason=exc.strerror or str(exc)).message,
                              error=True)
            return
        workspace = self.context.ws
        zone = self.zone.currentText().strip() or self.user_zone
        partner_id = self.partner.currentData()
        source = self.path.name
        partial = self.partial.isVisible() and self.partial.isChecked()

        def work(control: JobControl) -> EventImportSummary:
            control.check()
            return EventImportService(workspace).import_file(data, source=source, partner_id=partner_id,
                                                             default_zone=zone, progress=control.progress,
                                                             allow_partial=partial)

        self.start(work, self._imported, _("Reading the file…"))

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        readable = getattr(exc, "readable", 0)
        self.partial.setVisible(bool(readable))
        self.partial.setChecked(False)
        if readable:
            self.partial.setText(ngettext("Import the {count} readable event and leave out the broken ones",
                                          "Import the {count} readable events and leave out the broken ones",
                                          readable).format(count=readable))

    def _imported(self, summary: EventImportSummary) -> None:
        self.summary = summary
        self.context.hub.announce(summary.changes)  # calendar, counts and any other open view refresh
        headline = fill(ngettext("{count} event read from “{name}”:", "{count} events read from “{name}”:",
                                 summary.total), count=summary.total, name=self.path.name)
        if summary.failed:
            headline += " " + ngettext("{count} broken event was left out.", "{count} broken events were left out.",
                                       summary.failed).format(count=summary.failed)
        self.headline.setText(headline)
        for key, label in self.counts.items():
            label.setText(format_number(getattr(summary, key)))
        self.imported.emit(summary)

    def extra_result_buttons(self) -> None:
        show = self.show_calendar
        if show is not None and self.summary is not None and self.summary.changes:
            button = self.buttons.addButton(_("Show calendar"), self.buttons.ButtonRole.ActionRole)
            button.setObjectName("showCalendarButton")
            def show_and_close() -> None:
                show()
                self.accept()

            button.clicked.connect(show_and_close)
