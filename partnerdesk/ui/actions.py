"""The main window's menus and actions, with texts that can be re-set after a language switch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from partnerdesk.l10n import LANGUAGE_NAMES, LANGUAGES, _
from partnerdesk.ui.views_registry import VIEWS

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow

MAX_RECENT = 8


class MainActions:
    """Owns every QAction of the main window and the menu bar built from them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        stack = w.context.undo_stack

        def act(slot, shortcut=None, checkable=False, fallback="") -> QAction:  # type: ignore[no-untyped-def]
            action = QAction(w)
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
        self.undo = act(stack.undo, QKeySequence.StandardKey.Undo)
        self.redo = act(stack.redo, QKeySequence.StandardKey.Redo)
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
        self._undo_text, self._redo_text = stack.undoText(), stack.redoText()
        stack.undoTextChanged.connect(self._set_undo_text)
        stack.redoTextChanged.connect(self._set_redo_text)
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
        self.fill_recent_menu()
        self.retranslate_ui()

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
        for action, (_key, title, _icon, _target) in zip(self.view_actions, VIEWS, strict=True):
            action.setText(_(title))
        self._undo_texts()
        self.fill_recent_menu()

    def _set_undo_text(self, text: str) -> None:
        self._undo_text = text
        self._undo_texts()

    def _set_redo_text(self, text: str) -> None:
        self._redo_text = text
        self._undo_texts()

    def _undo_texts(self) -> None:
        undo, redo = self._undo_text, self._redo_text
        self.undo.setText(_("&Undo {action}").format(action=undo) if undo else _("&Undo"))
        self.redo.setText(_("&Redo {action}").format(action=redo) if redo else _("&Redo"))

    def check_language(self, lang: str) -> None:
        if lang in self.language_actions:
            self.language_actions[lang].setChecked(True)

    # --- recent files ----------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.window.context.settings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def remember(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
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
            action = menu.addAction(f"&{number} {path}" if number < 10 else path)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.window.open_path(p))
        if files:
            menu.addSeparator()
        menu.addAction(self.clear_recent)
        self.clear_recent.setEnabled(bool(files))
