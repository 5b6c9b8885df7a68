"""The main window: navigation over the registered views, the workspace life cycle, settings persistence."""

from __future__ import annotations

import importlib
import time
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, current_language, digit_system, fill, is_rtl, ngettext, set_digits
from partnerdesk.store.paths import documents_dir, same_path
from partnerdesk.store.targets import is_server_url as is_server_target
from partnerdesk.ui import accelerators, theme
from partnerdesk.ui.accessibility import install_accessibility_rules
from partnerdesk.ui.actions import MainActions
from partnerdesk.ui.bidi import isolate_shortcut_texts
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


class MissingFile(Enum):
    """What the window does when the file it was started with does not exist."""

    CREATE = "create"  # create it (tests, benchmarks, the demo command)
    FIRST_RUN = "first_run"  # `--db PATH`: the first-run panel offers to create it there; nothing is remembered
    REFUSE = "refuse"  # `partnerdesk FILE`: the same message as File → Open


SETTINGS_SAVE_DELAY_MS = 400  # geometry is saved this long after the last move or resize
PROGRESS_DELAY_MS = 300  # opening that takes longer shows a busy bar
REMINDERS_DELAY_MS = 500  # reminders (and the list of missed ones) start once the first view has painted
FIRST_PAINT_WAIT_MS = 1000  # a window that is not painted by then (minimized, hidden) opens its workspace anyway


class MainWindow(QMainWindow):
    workspace_opened = Signal(str)  # path (a team workspace: its key); also used by the start-up benchmark
    data_shown = Signal()
    first_painted = Signal()
    workspace_failed = Signal(str)  # the message shown

    def __init__(self, context: AppContext, qt_language: QtLanguage, db_path: Path | str | None = None,
                 missing: MissingFile = MissingFile.CREATE) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.context = context
        self.qt_language = qt_language
        # A postgresql:// address (team workspace) is opened through the team actions, never as a path.
        self.db_url = str(db_path).strip() if is_server_target(db_path) else None
        self.db_path = Path(db_path).expanduser() if db_path and self.db_url is None else None
        self.missing = missing
        self.first_run_path: Path | None = None
        self.painted = False
        self._settings_ready = False  # nothing is saved while the constructor restores the last state
        self.opening_job: Any = None
        self._settings_timer = QTimer(self)
        self._settings_timer.setSingleShot(True)
        self._settings_timer.setInterval(SETTINGS_SAVE_DELAY_MS)
        self._settings_timer.timeout.connect(self.save_settings)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self._show_opening_progress)
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
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banners = QVBoxLayout()  # strips across the top of the window (e.g. a team workspace gone offline)
        self.banners.setSpacing(0)
        outer.addLayout(self.banners)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(central)

        self.actions_ = MainActions(self)
        install_accessibility_rules(QApplication.instance())  # type: ignore[arg-type]
        theme.apply(QApplication.instance(),  # type: ignore[arg-type]
                    str(self.context.settings.value(theme.SETTINGS_KEY, theme.SYSTEM, type=str)))
        from partnerdesk.ui.search.opener import WindowSearch

        self.search = WindowSearch(self, self.actions_.edit_menu)  # Ctrl+K, Edit → Search…
        from partnerdesk.ui.empty_states import EmptyStates

        self.empty_states = EmptyStates(self)  # a view with nothing to show offers the next step
        self.path_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.path_label, 1)
        from partnerdesk.ui.team.actions import TeamActions

        # File → Connect to Team Workspace…, Change Who I Am…; the status bar's team label (issue 18).
        self.team = TeamActions(self, self.actions_.file_menu, before=self.actions_.team_anchor())
        self.panel.connect_team.connect(lambda: self.team.show_connect_dialog())
        self.statusBar().addPermanentWidget(self.counts_label)
        self.context.hub.changed.connect(self._hub_changed)
        self.context.hub.reload_requested.connect(self.update_status)
        from partnerdesk.ui.live import LiveLink

        self.live = LiveLink(self)  # a team workspace: other clients' changes, connection lost and back
        from partnerdesk.ui.today.badge import TodayBadge

        self.today_badge = TodayBadge(self)  # Today's count in the navigation, missed reminders

        self.resize(1180, 760)
        self._restore_settings()
        self._settings_ready = True
        self.set_workspace_ui_enabled(False)
        self.retranslate_ui()
        isolate_shortcut_texts(self.menuBar(), is_rtl())

    # --- start-up -------------------------------------------------------------------------------------
    def _start_target(self) -> tuple[Path | str, bool] | None:
        """The file (or team workspace address) to open at start and whether to create it; None when the
        first-run panel is shown."""
        from partnerdesk.store.paths import default_workspace_path

        if self.db_url is not None:
            return self.db_url, True
        if self.db_path is not None:
            if self.db_path.exists() or self.missing is MissingFile.CREATE:
                return self.db_path, True
            if self.missing is MissingFile.REFUSE:
                return self.db_path, False
            self.show_first_run(self.db_path)
            return None
        last = str(self.context.settings.value("files/last_workspace", "", type=str))
        if is_server_target(last):
            return last, False  # the team workspace of the last session (keyring password, else asked)
        if last and Path(last).exists():
            return Path(last), False
        default = default_workspace_path()
        if default.exists():
            return default, False
        self.show_first_run(default)
        return None

    def show_first_run(self, path: Path) -> None:
        """Offer to create a workspace at ``path`` (demo or empty); nothing is written or remembered before."""
        self.first_run_path = path
        self.panel.show_first_run(str(path))
        self.stack.setCurrentWidget(self.panel)

    def start(self) -> None:
        """Open the start-up workspace now, on this thread (tests, benchmarks). See :meth:`launch`."""
        self.timings["start"] = time.perf_counter()
        target = self._start_target()
        if target is not None:
            self.open_path(target[0], create=target[1])  # a team workspace connects in the background

    def launch(self) -> None:
        """The real start: once the window has painted, open the workspace in a worker thread (imports,
        checks, migrations) so the window keeps painting; a busy bar appears if that takes over 300 ms."""
        if not self.painted:
            self.first_painted.connect(self.launch, Qt.ConnectionType.SingleShotConnection)
            QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._paint_overdue)  # e.g. started minimized
            return
        self.timings["start"] = time.perf_counter()
        target = self._start_target()
        if target is None:
            return
        if isinstance(target[0], str):
            self.team.open_url(target[0])  # a team workspace: connects off the UI thread, asks if it must
            return
        from partnerdesk.ui.jobs import BackgroundJob

        path, create = Path(target[0]).expanduser().resolve(), target[1]
        self.panel.show_loading(str(path))
        self.stack.setCurrentWidget(self.panel)
        first_view = VIEWS[self.current_index][3].split(":")[0]
        job = BackgroundJob(lambda: _open_in_worker(path, create, first_view), self)
        self.opening_job = job
        job.succeeded.connect(lambda workspace: self._opened_in_worker(workspace, path))
        job.failed.connect(lambda exc: self._open_failed(exc, path))
        self._progress_timer.start()
        job.start()

    def _opened_in_worker(self, workspace: Any, path: Path) -> None:
        self._opening_done()
        self.adopt_workspace(workspace, path)

    def _open_failed(self, exc: BaseException, path: Path) -> None:
        from partnerdesk.store.workspace import WorkspaceError

        self._opening_done()
        if not isinstance(exc, WorkspaceError):
            raise exc  # a bug, not a bad file: the crash hook reports it
        self._show_workspace_error(exc, path)

    def _opening_done(self) -> None:
        self._progress_timer.stop()
        self.panel.show_progress(False)
        self.opening_job = None

    @Slot()
    def _show_opening_progress(self) -> None:
        if self.opening_job is not None:
            self.panel.show_progress(True)

    def _paint_overdue(self) -> None:
        if not self.painted:
            self.painted = True
            self.first_painted.emit()

    def event(self, event: QEvent) -> bool:
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)  # after this paint reaches the screen
        return super().event(event)

    def create_first_workspace(self, demo: bool) -> None:
        from partnerdesk.store.paths import default_workspace_path

        path = self.first_run_path or default_workspace_path()
        if not self.open_path(path, create=True):
            return
        if demo:
            self._populate_demo()

    def _populate_demo(self) -> None:
        """Fill the new workspace with the demo off the UI thread, behind a window-modal busy indicator."""
        from PySide6.QtWidgets import QProgressDialog

        from partnerdesk.services import demo as demo_module
        from partnerdesk.ui.jobs import BackgroundJob

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
        """Open ``path`` in place of the current workspace; on error show why and keep the current one.

        A ``postgresql://`` address connects to that team workspace in the background (see ui/team)."""
        from partnerdesk.store.workspace import WorkspaceError, open_workspace

        if is_server_target(path):
            self.team.open_url(str(path))
            return True
        path = Path(path).expanduser().resolve()
        current = self.context.workspace
        if current is not None and current.path is not None and same_path(current.path, path):
            return True
        if current is None:
            self.panel.show_loading(str(path))
            self.stack.setCurrentWidget(self.panel)
        try:
            workspace = open_workspace(path, create=create)
        except WorkspaceError as exc:
            self._show_workspace_error(exc, path)
            return False
        self.adopt_workspace(workspace, path)
        return True

    def adopt_workspace(self, workspace: Any, path: Path | str) -> None:
        """Make the opened ``workspace`` (at ``path``, or a team workspace's key) the current one, closing the
        previous one."""
        current = self.context.workspace
        if current is not None:
            from partnerdesk.ui.jobs import wait_for_all

            wait_for_all()  # no worker may still be writing to the workspace being closed
            current.close()
        self.context.workspace = workspace
        self.team.prepare(workspace)  # who I am on a team workspace, before any view is built
        self.context.undo_stack.clear()
        key = str(workspace.key) if workspace.is_server else str(path)  # a team workspace: no password in it
        self.context.settings.setValue("files/last_workspace", key)
        self.actions_.remember(key)
        self.set_workspace_ui_enabled(True)
        self.context.hub.workspace_replaced.emit()
        self.drop_views()  # built again over the new workspace when shown
        self.show_view(self.current_index)
        QTimer.singleShot(0, self, self.update_status)  # counts after the first view has painted
        self._set_path_label(workspace)
        self.retranslate_title()
        self.team.workspace_opened()  # a team workspace: who am I (remembered, else asked)
        QTimer.singleShot(REMINDERS_DELAY_MS, self, self.start_reminders)  # after the first view's data
        self.workspace_opened.emit(key)

    def _set_path_label(self, workspace: Any) -> None:
        """The file's name, the whole path on hover (a long path crowded out the counts on a laptop); a team
        workspace is named by the team label instead."""
        if workspace.path is None:
            self.path_label.setText("")
            self.path_label.setToolTip("")
            return
        self.path_label.setText(fill(_("Workspace: {path}"), path=Path(workspace.path).name))
        self.path_label.setToolTip(str(workspace.path))

    def start_reminders(self) -> None:
        """Reminders fire while the app runs; those missed while it was closed are listed now."""
        from partnerdesk.ui.calendar.reminders import ReminderWatcher

        if self.context.workspace is None:
            return
        if self.reminders is None:
            self.reminders = ReminderWatcher(self.context, self)
        self.today_badge.set_missed(self.reminders.start())

    def _show_workspace_error(self, exc: PartnerDeskError, path: Path) -> None:
        self.workspace_failed.emit(exc.message)
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
        self.team.set_file_actions(enabled)  # Back Up…: workspace files only
        self.actions_.packets.set_enabled(enabled)
        self.actions_.ics.set_enabled(enabled)
        self.actions_.performance.set_enabled(enabled)
        self.actions_.backups.set_enabled(enabled)
        self.search.set_enabled(enabled)
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
        if ws.path is None:  # a team workspace is backed up on its server (pg_dump): the action is disabled
            return
        stamp = dt.date.today().isoformat()
        suggestion = ws.file_path().with_name(f"{ws.file_path().stem}-backup-{stamp}.pdk")
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
        return Path(ws.path).parent if ws is not None and ws.path is not None else documents_dir()

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
        if self._settings_ready:  # saved at once: a crash or a kill keeps the last view
            self.context.settings.setValue("window/last_view", VIEWS[index][0])
            self.context.settings.sync()
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
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.views[index] = view
        from partnerdesk.ui.window_icons import apply_view_icons

        apply_view_icons(VIEWS[index][0], view)
        if "data" not in self.timings:
            self.timings["data"] = time.perf_counter()
            QTimer.singleShot(0, self, self.data_shown.emit)
        return view

    def current_view(self) -> QWidget | None:
        return self.views.get(self.current_index)

    # --- language -------------------------------------------------------------------------------------
    def set_appearance(self, choice: str) -> None:
        """System, light or dark colours, now and at the next start."""
        theme.apply(QApplication.instance(), choice)  # type: ignore[arg-type]
        self.context.settings.setValue(theme.SETTINGS_KEY, theme.appearance())

    def set_language(self, lang: str, digits: str | None = None) -> None:
        """Switch the UI language (and Arabic's digits) now, without a restart."""
        if digits is not None:
            self.context.settings.setValue("ui/digits", set_digits(digits))
        lang = self.qt_language.apply(lang)
        self.context.settings.setValue("ui/language", lang)
        self.retranslate_ui()
        # Every open view is built again: values, dates, times and digits are all formatted in the new
        # language, and no text cached in the old one survives (models, delegates, labels alike).
        self.drop_views()
        if self.context.workspace is not None:
            self.show_view(self.current_index)
        self.context.hub.language_changed.emit(lang)
        isolate_shortcut_texts(self.menuBar(), is_rtl())  # after every menu has its new text

    def drop_views(self) -> None:
        """Replace every loaded view by its placeholder; the next show_view builds it afresh."""
        for index, view in list(self.views.items()):
            placeholder = QWidget()
            self.stack.insertWidget(index + 1, placeholder)
            self.stack.removeWidget(view)
            view.hide()
            view.deleteLater()
        self.views.clear()

    def retranslate_ui(self) -> None:
        self.actions_.retranslate_ui()
        self.actions_.check_language(current_language())
        for row, (_key, title, _icon, _target) in enumerate(VIEWS):
            item = self.nav.item(row)
            item.setText(_(title))
            item.setToolTip(_("{view} (Ctrl+{number})").format(view=_(title), number=row + 1))
        self.panel.retranslate_ui()
        self.team.retranslate_ui()
        self.search.retranslate_ui()
        from partnerdesk.ui.window_fit import fit_navigation
        from partnerdesk.ui.window_icons import apply_window_icons

        apply_window_icons(self)  # directional icons follow the layout direction
        fit_navigation(self.nav)  # as wide as the translated titles need, no wider
        self.retranslate_title()
        self.update_status()
        accelerators.manage(self.menuBar())

    def retranslate_title(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self.setWindowTitle("PartnerDesk")
            return
        from partnerdesk.ui.team.actions import display_name

        view = _(VIEWS[self.current_index][1])
        name = Path(ws.path).stem if ws.path is not None else display_name(ws)
        self.setWindowTitle(_("{view} — {workspace} — PartnerDesk").format(view=view, workspace=name))

    def update_status(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self.path_label.setText(_("No workspace open"))
            self.path_label.setToolTip("")
            self.counts_label.setText("")
            self.team.update_status()
            return
        from partnerdesk.services.listing import counts

        n = counts(ws)
        self._set_path_label(ws)
        self.team.update_status()
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
        dialog = PreferencesDialog(current_language(), self, bool(settings.value(OPEN_LAST_VIEW, False, type=bool)),
                                   theme.appearance(), digits=digit_system("ar"))
        dialog.setObjectName("preferencesDialog")
        dialog.accepted.connect(lambda: settings.setValue(OPEN_LAST_VIEW, dialog.open_last_view()))
        dialog.accepted.connect(lambda: self.set_appearance(dialog.chosen_appearance()))
        dialog.accepted.connect(lambda: self.set_language(dialog.chosen_language(), dialog.chosen_digits()))
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

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 - Qt API
        super().moveEvent(event)
        self._geometry_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._geometry_changed()

    def _geometry_changed(self) -> None:
        """Saved shortly after the change, not only at a clean quit: a crash or a kill keeps it."""
        if self._settings_ready and self.isVisible():
            self._settings_timer.start()

    def _hub_changed(self, _changes: object) -> None:
        self.update_status()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.save_settings()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """End of the session, while every widget still exists: stop workers, empty the undo stack (its
        commands and signals must not outlive the window), close the workspace."""
        from partnerdesk.ui.jobs import wait_for_all

        self._settings_timer.stop()
        wait_for_all()  # cancel running imports (rolled back) and let workers end before the workspace closes
        self.live.stop()
        if self.reminders is not None:
            self.reminders.stop()
        self.context.undo_stack.clear()
        if self.context.workspace is not None:
            self.context.workspace.close()
            self.context.workspace = None


def _open_in_worker(path: Path, create: bool, view_module: str) -> Any:
    """Runs in a worker thread: open (check, lock, migrate) the workspace and import the first view's code,
    so the GUI thread only builds widgets."""
    from sqlalchemy.orm import configure_mappers

    from partnerdesk.store.workspace import open_workspace

    workspace = open_workspace(path, create=create)
    configure_mappers()  # otherwise the first query on the GUI thread does it (~0.15 s)
    importlib.import_module(view_module)
    import partnerdesk.ui.calendar.reminders  # noqa: F401 - started soon after the data shows
    return workspace


def _theme_icon(name: str) -> Any:
    from partnerdesk.ui.icons import theme_icon  # the bundled set where the desktop has no theme

    return theme_icon(name)
