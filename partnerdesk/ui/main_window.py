"""The main window: navigation over the registered views, the workspace life cycle, settings persistence."""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, current_language, ngettext
from partnerdesk.ui.actions import MainActions
from partnerdesk.ui.context import AppContext
from partnerdesk.ui.qt_i18n import QtLanguage
from partnerdesk.ui.views_registry import VIEWS
from partnerdesk.ui.workspace_panel import WorkspacePanel

WORKSPACE_FILTER_EXT = "*.pdk"
OPEN_LAST_VIEW = "ui/open_last_view"  # preference: start on the last view instead of Today


def leading_dock_area() -> Qt.DockWidgetArea:
    """Docks do not mirror by themselves: the reading-start side for the current layout direction."""
    rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return Qt.DockWidgetArea.RightDockWidgetArea if rtl else Qt.DockWidgetArea.LeftDockWidgetArea


def trailing_dock_area() -> Qt.DockWidgetArea:
    rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    return Qt.DockWidgetArea.LeftDockWidgetArea if rtl else Qt.DockWidgetArea.RightDockWidgetArea


class MainWindow(QMainWindow):
    workspace_opened = Signal(str)  # path; also used by the start-up benchmark
    data_shown = Signal()

    def __init__(self, context: AppContext, qt_language: QtLanguage, db_path: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.context = context
        self.qt_language = qt_language
        self.db_path = Path(db_path) if db_path else None
        self.views: dict[int, QWidget] = {}
        self.current_index = 0
        self.timings: dict[str, float] = {"created": time.perf_counter()}
        self.demo_job: Any = None
        self.reminders: Any = None  # calendar reminders, watched while a workspace is open

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setUniformItemSizes(True)
        for _key, _title, icon, _target in VIEWS:
            item = QListWidgetItem()
            item.setIcon(_theme_icon(icon))
            self.nav.addItem(item)
        self.nav.setFixedWidth(170)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.panel = WorkspacePanel()
        self.panel.start_demo.connect(lambda: self.create_first_workspace(demo=True))
        self.panel.start_empty.connect(lambda: self.create_first_workspace(demo=False))
        self.panel.open_other.connect(self.open_workspace_dialog)
        self.panel.create_new.connect(self.new_workspace_dialog)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.panel)
        for _view in VIEWS:
            self.stack.addWidget(QWidget())  # replaced by the real view when first shown
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.actions_ = MainActions(self)
        self.path_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.context.hub.changed.connect(lambda _changes: self.update_status())
        from partnerdesk.ui.today.badge import TodayBadge

        self.today_badge = TodayBadge(self)  # Today's count in the navigation, missed reminders

        self.resize(1180, 760)
        self._restore_settings()
        self.set_workspace_ui_enabled(False)
        self.retranslate_ui()

    # --- start-up -------------------------------------------------------------------------------------
    def start(self) -> None:
        """Second turn of the event loop: open the workspace (this is where SQLAlchemy gets imported)."""
        self.timings["start"] = time.perf_counter()
        from partnerdesk.store.paths import default_workspace_path

        if self.db_path is not None:
            self.open_path(self.db_path, create=True)
            return
        last = self.context.settings.value("files/last_workspace", "", type=str)
        if last and Path(last).exists():
            self.open_path(Path(last))
            return
        default = default_workspace_path()
        if default.exists():
            self.open_path(default)
        else:
            self.panel.show_first_run(str(default))
            self.stack.setCurrentWidget(self.panel)

    def create_first_workspace(self, demo: bool) -> None:
        from partnerdesk.store.paths import default_workspace_path

        path = default_workspace_path()
        if not self.open_path(path, create=True):
            return
        if demo:
            self._populate_demo()

    def _populate_demo(self) -> None:
        """Fill the new workspace with the demo off the UI thread, behind a window-modal busy indicator."""
        from PySide6.QtWidgets import QProgressDialog

        from partnerdesk.ui.jobs import BackgroundJob

        demo_module = importlib.import_module("partnerdesk.services.demo")
        ws = self.context.ws
        progress = QProgressDialog(_("Creating the demo workspace…"), "", 0, 0, self)
        progress.setObjectName("demoProgress")
        progress.setCancelButton(None)  # one transaction: it finishes or changes nothing
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setWindowTitle(_("Demo data"))
        job = BackgroundJob(lambda: demo_module.populate_demo(ws, today=None, seed=7), self)
        self.demo_job = job

        def finished() -> None:
            progress.close()
            progress.deleteLater()
            self.demo_job = None
            job.deleteLater()

        def succeeded(changes: Any) -> None:
            finished()
            self.context.hub.workspace_replaced.emit()
            self.update_status()

        def failed(exc: BaseException) -> None:
            finished()
            message = exc.message if isinstance(exc, PartnerDeskError) else str(exc)
            QMessageBox.warning(self, _("Demo data"), message)

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        progress.show()
        job.start()

    # --- workspace life cycle -------------------------------------------------------------------------
    def open_path(self, path: Path | str, create: bool = False) -> bool:
        """Open ``path`` in place of the current workspace; on error show why and keep the current one."""
        from partnerdesk.store.workspace import WorkspaceError, open_workspace

        path = Path(path).expanduser().resolve()
        current = self.context.workspace
        if current is not None and Path(current.path) == path:
            return True
        if current is None:
            self.panel.show_loading(str(path))
            self.stack.setCurrentWidget(self.panel)
        try:
            workspace = open_workspace(path, create=create)
        except WorkspaceError as exc:
            self._show_workspace_error(exc, path)
            return False
        if current is not None:
            from partnerdesk.ui.jobs import wait_for_all

            wait_for_all()  # no worker may still be writing to the workspace being closed
            current.close()
        self.context.workspace = workspace
        self.context.undo_stack.clear()
        self.context.settings.setValue("files/last_workspace", str(path))
        self.actions_.remember(str(path))
        self.set_workspace_ui_enabled(True)
        self.context.hub.workspace_replaced.emit()
        for view in self.views.values():
            reload = getattr(view, "reload", None)
            if callable(reload):
                reload()
        self.show_view(self.current_index)
        QTimer.singleShot(0, self.update_status)  # counts after the first view has painted
        self.path_label.setText(_("Workspace: {path}").format(path=_isolated(str(path))))
        self.retranslate_title()
        QTimer.singleShot(0, self.start_reminders)
        self.workspace_opened.emit(str(path))
        return True

    def start_reminders(self) -> None:
        """Reminders fire while the app runs; those missed while it was closed are listed now."""
        from partnerdesk.ui.calendar.reminders import ReminderWatcher

        if self.context.workspace is None:
            return
        if self.reminders is None:
            self.reminders = ReminderWatcher(self.context, self)
        self.today_badge.set_missed(self.reminders.start())

    def _show_workspace_error(self, exc: PartnerDeskError, path: Path) -> None:
        if self.context.workspace is None:
            self.panel.show_error(exc, str(path))
            self.stack.setCurrentWidget(self.panel)
            self.set_workspace_ui_enabled(False)
            self.update_status()
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, _("The workspace could not be opened"), exc.message,
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("workspaceErrorBox")
            box.open()  # not exec(): the window stays responsive, tests are not blocked

    def set_workspace_ui_enabled(self, enabled: bool) -> None:
        self.nav.setEnabled(enabled)
        self.actions_.back_up.setEnabled(enabled)
        self.actions_.packets.set_enabled(enabled)
        self.actions_.ics.set_enabled(enabled)
        self.actions_.performance.set_enabled(enabled)
        for action in self.actions_.view_actions:
            action.setEnabled(enabled)

    def new_workspace_dialog(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("New Workspace"), str(self._dialog_dir() / _("New workspace.pdk")), self._file_filter())
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".pdk")
        if path.exists():
            QMessageBox.warning(self, _("New Workspace"), _(
                "“{path}” already exists and was left untouched. Choose a new file name, or use Open to "
                "open it.").format(path=str(path)))
            return
        self.open_path(path, create=True)

    def open_workspace_dialog(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Open Workspace"), str(self._dialog_dir()),
                                                    self._file_filter())
        if name:
            self.open_path(Path(name), create=False)

    def back_up_dialog(self) -> None:
        import datetime as dt

        from partnerdesk.store.backup import backup_workspace

        ws = self.context.ws
        stamp = dt.date.today().isoformat()
        suggestion = Path(ws.path).with_name(f"{Path(ws.path).stem}-backup-{stamp}.pdk")
        name, _filter = QFileDialog.getSaveFileName(self, _("Back Up Workspace"), str(suggestion),
                                                    self._file_filter())
        if not name:
            return
        try:
            target = backup_workspace(ws, Path(name))
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Back Up Workspace"), exc.message)
            return
        self.statusBar().showMessage(_("Backup saved to “{path}”.").format(path=str(target)), 8000)

    def _dialog_dir(self) -> Path:
        ws = self.context.workspace
        return Path(ws.path).parent if ws is not None else Path.home()

    @staticmethod
    def _file_filter() -> str:
        return _("PartnerDesk workspaces ({pattern})").format(pattern=WORKSPACE_FILTER_EXT) + ";;" + _(
            "All files ({pattern})").format(pattern="*")

    # --- views ----------------------------------------------------------------------------------------
    def show_view(self, index: int) -> None:
        index = max(0, min(index, len(VIEWS) - 1))
        self.current_index = index
        if self.nav.currentRow() != index:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(index)
            self.nav.blockSignals(False)
        self.actions_.view_actions[index].setChecked(True)
        if self.context.workspace is None:
            return
        view = self.views.get(index) or self._load_view(index)
        self.stack.setCurrentWidget(view)
        self.retranslate_title()

    def _nav_changed(self, row: int) -> None:
        if row >= 0:
            self.show_view(row)

    def _load_view(self, index: int) -> QWidget:
        module_name, class_name = VIEWS[index][3].split(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        view: QWidget = cls(self.context, self)
        placeholder = self.stack.widget(index + 1)
        self.stack.insertWidget(index + 1, view)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.views[index] = view
        if "data" not in self.timings:
            self.timings["data"] = time.perf_counter()
            QTimer.singleShot(0, self.data_shown.emit)
        return view

    def current_view(self) -> QWidget | None:
        return self.views.get(self.current_index)

    # --- language -------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Switch the UI language now, without a restart."""
        lang = self.qt_language.apply(lang)
        self.context.settings.setValue("ui/language", lang)
        self.retranslate_ui()
        self.context.hub.language_changed.emit(lang)

    def retranslate_ui(self) -> None:
        self.actions_.retranslate_ui()
        self.actions_.check_language(current_language())
        for row, (_key, title, _icon, _target) in enumerate(VIEWS):
            item = self.nav.item(row)
            item.setText(_(title))
            item.setToolTip(_("{view} (Ctrl+{number})").format(view=_(title), number=row + 1))
        self.panel.retranslate_ui()
        for view in self.views.values():
            retranslate = getattr(view, "retranslate_ui", None)
            if callable(retranslate):
                retranslate()
        self.retranslate_title()
        self.update_status()

    def retranslate_title(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self.setWindowTitle("PartnerDesk")
            return
        view = _(VIEWS[self.current_index][1])
        self.setWindowTitle(_("{view} — {workspace} — PartnerDesk").format(view=view,
                                                                          workspace=Path(ws.path).stem))

    def update_status(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self.path_label.setText(_("No workspace open"))
            self.counts_label.setText("")
            return
        from partnerdesk.services.listing import counts

        n = counts(ws)
        self.path_label.setText(_("Workspace: {path}").format(path=_isolated(str(ws.path))))
        parts = [
            ngettext("{count} partner", "{count} partners", n["partner"]).format(count=n["partner"]),
            ngettext("{count} contact", "{count} contacts", n["contact"]).format(count=n["contact"]),
            ngettext("{count} work item", "{count} work items", n["work_item"]).format(count=n["work_item"]),
            ngettext("{count} event", "{count} events", n["event"]).format(count=n["event"]),
        ]
        self.counts_label.setText(" · ".join(parts))

    # --- dialogs --------------------------------------------------------------------------------------
    def preferences_dialog(self) -> None:
        from partnerdesk.ui.dialogs import PreferencesDialog

        settings = self.context.settings
        dialog = PreferencesDialog(current_language(), self, settings.value(OPEN_LAST_VIEW, False, type=bool))
        dialog.setObjectName("preferencesDialog")
        dialog.accepted.connect(lambda: settings.setValue(OPEN_LAST_VIEW, dialog.open_last_view()))
        dialog.accepted.connect(lambda: self.set_language(dialog.chosen_language()))
        dialog.open()

    def about_dialog(self) -> None:
        from partnerdesk.ui.dialogs import AboutDialog

        dialog = AboutDialog(self)
        dialog.setObjectName("aboutDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- settings -------------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.context.settings
        geometry: Any = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state: Any = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        # Today opens first unless the user chose (Preferences) to come back to the last view.
        last = s.value("window/last_view", "", type=str) if s.value(OPEN_LAST_VIEW, False, type=bool) else ""
        keys = [key for key, *_rest in VIEWS]
        self.show_view(keys.index(last) if last in keys else 0)

    def save_settings(self) -> None:
        s = self.context.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/last_view", VIEWS[self.current_index][0])
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.save_settings()
        super().closeEvent(event)


def _isolated(path: str) -> str:
    """A file path kept left-to-right inside right-to-left text (Unicode LRI … PDI)."""
    return "\u2066" + path + "\u2069"


def _theme_icon(name: str) -> Any:
    from PySide6.QtGui import QIcon

    return QIcon.fromTheme(name)
