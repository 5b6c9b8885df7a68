"""File ▸ Import Events (.ics)… and Export Events (.ics)…: the menu entries and what they open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMenu

from partnerdesk.l10n import _
from partnerdesk.ui.ics.files import dialog_folder, ics_filter, remember_folder
from partnerdesk.ui.modal import open_modal

if TYPE_CHECKING:
    from partnerdesk.ui.ics.export_dialog import ExportEventsDialog
    from partnerdesk.ui.ics.import_dialog import ImportEventsDialog
    from partnerdesk.ui.main_window import MainWindow

CALENDAR_VIEW = "calendar"


def dropped_ics(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local .ics file being dragged, if that is what it is."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() == ".ics" else None


class _DropFilter(QObject):
    """An .ics file dropped on the main window opens the import dialog on it (while a workspace is open)."""

    def __init__(self, actions: IcsActions) -> None:
        super().__init__(actions.window)
        self.actions = actions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDragEnterEvent | QDropEvent):
            if self.actions.import_events.isEnabled() and dropped_ics(event) is not None:
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            path = dropped_ics(event)
            if path is not None and self.actions.import_events.isEnabled():
                event.acceptProposedAction()
                self.actions.open_import(path)
                return True
        return False


class IcsActions:
    """Adds the two entries (and a separator after them) to ``menu`` before the action ``before``; an .ics file
    dropped on the window is imported like one chosen from the menu."""

    def __init__(self, window: MainWindow, menu: QMenu, before: QAction) -> None:
        self.window = window
        window.setAcceptDrops(True)
        self._drops = _DropFilter(self)
        window.installEventFilter(self._drops)
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
        open_modal(self, dialog)
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
        open_modal(self, dialog)
        return dialog

