"""The main window's menus and actions, with texts that can be re-set after a language switch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from partnerdesk.l10n import LANGUAGE_NAMES, LANGUAGES, _
from partnerdesk.store.paths import same_path
from partnerdesk.ui.views_registry import VIEWS

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow

MAX_RECENT = 8


class StackAction(QAction):
    """Undo or Redo: its text names the command on the stack. The stack's signals are connected to this
    QObject's own slots, so Qt drops them when the action is deleted: a stack that outlives the window (it
    is cleared, and emits, when it is destroyed) can never reach a deleted action."""

    def __init__(self, parent: QObject, redo: bool) -> None:
        super().__init__(parent)
        self.is_redo = redo
        self.command_text = ""

    @Slot(str)
    def set_command_text(self, text: str) -> None:
        self.command_text = text
        self.retranslate()

    def retranslate(self) -> None:
        text = self.command_text
        if self.is_redo:
            self.setText(_("&Redo {action}").format(action=text) if text else _("&Redo"))
        else:
            self.setText(_("&Undo {action}").format(action=text) if text else _("&Undo"))


class MainActions:
    """Owns every QAction of the main window and the menu bar built from them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        stack = w.context.undo_stack

        def act(slot, shortcut=None, checkable=False, fallback="", action=None) -> QAction:
            action = action if action is not None else QAction(w)
            if isinstance(shortcut, QKeySequence.StandardKey):
                # Standard keys follow the platform; some platforms define none, so keep a usual default.
                keys = QKeySequence.keyBindings(shortcut)
                action.setShortcuts(keys or ([QKeySequence(fallback)] if fallback else []))
            elif shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.setCheckable(checkable)
            if slot is not None:
                action.triggered.connect(slot)
            return action

        self.new_workspace = act(w.new_workspace_dialog, QKeySequence.StandardKey.New)
        self.open_workspace = act(w.open_workspace_dialog, QKeySequence.StandardKey.Open)
        self.back_up = act(w.back_up_dialog)
        self.quit = act(w.close, QKeySequence.StandardKey.Quit, fallback="Ctrl+Q")
        self.undo = StackAction(w, redo=False)
        act(stack.undo, QKeySequence.StandardKey.Undo, action=self.undo)
        self.redo = StackAction(w, redo=True)
        act(stack.redo, QKeySequence.StandardKey.Redo, action=self.redo)
        self.preferences = act(w.preferences_dialog, QKeySequence.StandardKey.Preferences, fallback="Ctrl+,")
        self.about = act(w.about_dialog)
        self.about_qt = act(QApplication.aboutQt)
        self.clear_recent = act(self.clear_recent_files)

        self.view_group = QActionGroup(w)
        self.view_actions: list[QAction] = []
        for index, _view in enumerate(VIEWS):
            action = act(lambda _checked=False, i=index: w.show_view(i), f"Ctrl+{index + 1}", checkable=True)
            self.view_group.addAction(action)
            self.view_actions.append(action)

        self.language_group = QActionGroup(w)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGUAGES:
            action = act(lambda _checked=False, code=lang: w.set_language(code), checkable=True)
            action.setText(LANGUAGE_NAMES[lang])  # native names, never translated
            action.setData(lang)
            self.language_group.addAction(action)
            self.language_actions[lang] = action

        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        self.undo.command_text, self.redo.command_text = stack.undoText(), stack.redoText()
        stack.undoTextChanged.connect(self.undo.set_command_text)
        stack.redoTextChanged.connect(self.redo.set_command_text)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())

        bar = w.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(w)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        for item in (self.new_workspace, self.open_workspace, self.recent_menu, None, self.back_up, None,
                     self.quit):
            if item is None:
                self.file_menu.addSeparator()
            elif isinstance(item, QMenu):
                self.file_menu.addMenu(item)
            else:
                self.file_menu.addAction(item)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo, self.redo])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions(self.view_actions)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.about, self.about_qt])
        from partnerdesk.ui.ics.actions import IcsActions
        from partnerdesk.ui.packets.actions import PacketActions

        self.packets = PacketActions(w, self.help_menu)
        self.ics = IcsActions(w, self.file_menu, before=self.back_up)
        from partnerdesk.ui.performance.actions import PerformanceActions

        self.performance = PerformanceActions(w, self.file_menu, before=self.back_up, packets_menu=self.packets.menu)
        from partnerdesk.ui.backups.actions import BackupActions

        self.backups = BackupActions(w, self.file_menu, imports_before=self.ics.import_events, back_up=self.back_up)
        from partnerdesk.ui.release_notes import ReleaseActions

        self.release = ReleaseActions(w, self.help_menu)  # Help ▸ What's New, upgrade notices (issue 21)
        self.file_menu.setToolTipsVisible(True)  # why a disabled command is disabled (Back Up… of a team workspace)
        self.fill_recent_menu()
        self.retranslate_ui()

    def team_anchor(self) -> QAction:
        """Where File → Connect to Team Workspace… goes: after Open Recent, before the next group."""
        actions = self.file_menu.actions()
        index = actions.index(self.recent_menu.menuAction())
        return actions[index + 1]

    # --- texts -----------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.language_menu.setTitle(_("&Language"))
        self.recent_menu.setTitle(_("Open &Recent"))
        self.new_workspace.setText(_("&New Workspace…"))
        self.new_workspace.setStatusTip(_("Create an empty workspace file"))
        self.open_workspace.setText(_("&Open…"))
        self.open_workspace.setStatusTip(_("Open another workspace file"))
        self.back_up.setText(_("&Back Up…"))
        self.back_up.setStatusTip(_("Save a copy of the open workspace"))
        self.quit.setText(_("&Quit"))
        self.preferences.setText(_("&Preferences…"))
        self.about.setText(_("&About PartnerDesk"))
        self.about_qt.setText(_("About &Qt"))
        self.clear_recent.setText(_("&Clear List"))
        self.packets.retranslate_ui()
        self.ics.retranslate_ui()
        self.performance.retranslate_ui()
        self.backups.retranslate_ui()
        self.release.retranslate_ui()
        for action, (_key, title, _icon, _target) in zip(self.view_actions, VIEWS, strict=True):
            action.setText(_(title))
        self.undo.retranslate()
        self.redo.retranslate()
        self.fill_recent_menu()

    def check_language(self, lang: str) -> None:
        if lang in self.language_actions:
            self.language_actions[lang].setChecked(True)

    # --- recent files ----------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value: Any = self.window.context.settings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def remember(self, path: str) -> None:
        """``path``: a workspace file, or a team workspace's key (its address without the password)."""
        files = [path] + [p for p in self.recent_files() if not _same_target(p, path)]
        self.window.context.settings.setValue("files/recent", files[:MAX_RECENT])
        self.fill_recent_menu()

    def clear_recent_files(self) -> None:
        self.window.context.settings.setValue("files/recent", [])
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.recent_files()
        for number, path in enumerate(files, start=1):
            # A path or address is its own left-to-right run (a mirrored menu would reorder its slashes); a "&"
            # in it (an address's query) is shown, not taken as the mnemonic.
            shown = "\u2066" + path.replace("&", "&&") + "\u2069"
            action = menu.addAction(f"&{number} {shown}" if number < 10 else shown)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.window.open_path(p))
        if files:
            menu.addSeparator()
        menu.addAction(self.clear_recent)
        self.clear_recent.setEnabled(bool(files))


def _same_target(a: str, b: str) -> bool:
    from partnerdesk.store.targets import is_server_url as is_server_target

    if is_server_target(a) or is_server_target(b):
        return a == b
    return same_path(a, b)
