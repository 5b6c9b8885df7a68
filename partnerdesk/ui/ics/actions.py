"""File ▸ Import Events (.ics)… and Export Events (.ics)…: the menu entries and what they open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from partnerdesk.l10n import _
from partnerdesk.ui.ics.files import dialog_folder, ics_filter, remember_folder

if TYPE_CHECKING:
    from partnerdesk.ui.ics.export_dialog import ExportEventsDialog
    from partnerdesk.ui.ics.import_dialog import ImportEventsDialog
    from partnerdesk.ui.main_window import MainWindow

CALENDAR_VIEW = "calendar"


class IcsActions:
    """Adds the two entries (and a separator after them) to ``menu`` before the action ``before``."""

    def __init__(self, window: MainWindow, menu: QMenu, before: QAction) -> None:
        self.window = window
        self.import_events = QAction(window)
        self.import_events.setObjectName("importEventsAction")
        self.import_events.triggered.connect(self.choose_and_import)
        self.export_events = QAction(window)
        self.export_events.setObjectName("exportEventsAction")
        self.export_events.triggered.connect(self.open_export)
        menu.insertActions(before, [self.import_events, self.export_events])
        menu.insertSeparator(before)
        self.dialog: ImportEventsDialog | ExportEventsDialog | None = None

    def set_enabled(self, enabled: bool) -> None:
        for action in (self.import_events, self.export_events):
            action.setEnabled(enabled)

    def retranslate_ui(self) -> None:
        self.import_events.setText(_("&Import Events (.ics)…"))
        self.import_events.setStatusTip(_("Add or update calendar events from an iCalendar file (Outlook, Google "
                                          "Calendar, Apple Calendar, Thunderbird)"))
        self.export_events.setText(_("E&xport Events (.ics)…"))
        self.export_events.setStatusTip(_("Save all events, a date range or one partner's events as an iCalendar "
                                          "file"))

    # -- import ---------------------------------------------------------------------------------------------------
    def choose_and_import(self) -> ImportEventsDialog | None:
        """Ask for the file, then open the import dialog on it."""
        w = self.window
        if w.context.workspace is None:
            return None
        settings = w.context.settings
        name, _filter = QFileDialog.getOpenFileName(w, _("Import Events"), str(dialog_folder(
            settings, w.context.ws.path)), ics_filter())
        if not name:
            return None
        remember_folder(settings, Path(name))
        return self.open_import(Path(name))

    def open_import(self, path: Path) -> ImportEventsDialog:
        from partnerdesk.ui.ics.import_dialog import ImportEventsDialog

        dialog = ImportEventsDialog(self.window.context, path, self.window, show_calendar=self.show_calendar)
        self._open(dialog)
        return dialog

    def show_calendar(self) -> None:
        from partnerdesk.ui.views_registry import VIEWS

        keys = [key for key, *_rest in VIEWS]
        if CALENDAR_VIEW in keys:
            self.window.show_view(keys.index(CALENDAR_VIEW))

    # -- export ---------------------------------------------------------------------------------------------------
    def open_export(self) -> ExportEventsDialog | None:
        from partnerdesk.ui.ics.export_dialog import ExportEventsDialog

        if self.window.context.workspace is None:
            return None
        dialog = ExportEventsDialog(self.window.context, self.window)
        self._open(dialog)
        return dialog

    def _open(self, dialog: ImportEventsDialog | ExportEventsDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # no other workspace while it writes into this one
        self.dialog = dialog

        def forget(_obj: object = None, ref: object = dialog) -> None:
            if self.dialog is ref:
                self.dialog = None

        dialog.destroyed.connect(forget)
        dialog.open()
