"""Icons on the main window's navigation, menu actions and the views' main buttons (re-applied after a language
switch, so directional icons follow the layout direction)."""

from __future__ import annotations

from typing import Any

from partnerdesk.ui.icons import theme_icon
from partnerdesk.ui.views_registry import VIEWS

#: attribute path on the main window → icon name.
ACTION_ICONS: dict[str, str] = {
    "actions_.new_workspace": "document-new", "actions_.open_workspace": "document-open",
    "actions_.back_up": "drive-harddisk", "actions_.quit": "application-exit", "actions_.undo": "edit-undo",
    "actions_.redo": "edit-redo", "actions_.preferences": "preferences-system", "actions_.about": "help-about",
    "actions_.recent_menu": "document-open-recent", "search.action": "edit-find",
    "actions_.packets.build": "x-office-document", "actions_.packets.brand": "applications-graphics",
    "actions_.packets.questionnaire": "view-form", "actions_.ics.import_events": "document-import",
    "actions_.ics.export_events": "document-export",
}

#: view key → {attribute of the view: icon name} for the views' main buttons.
BUTTON_ICONS: dict[str, dict[str, str]] = {
    "calendar": {"today_button": "appointment-new", "prev_button": "go-previous", "next_button": "go-next",
                 "new_button": "list-add", "find_button": "find-time", "print_button": "document-print"},
    "contacts": {"add_button": "list-add", "edit_button": "document-edit", "delete_button": "edit-delete",
                 "merge_button": "merge", "import_button": "document-import", "export_button": "document-export"},
    "partners": {"add_button": "list-add", "packet_button": "x-office-document"},
    "kanban": {"tools.add_column": "list-add", "tools.trash": "user-trash", "tools.print": "document-print",
               "tools.export": "document-export", "tools.settings": "preferences-system"},
}


def _resolve(root: Any, path: str) -> Any:
    for part in path.split("."):
        root = root.get(part) if isinstance(root, dict) else getattr(root, part, None)
        if root is None:
            return None
    return root


def apply_window_icons(window: Any) -> None:
    for row, (_key, _title, icon, _target) in enumerate(VIEWS):
        item = window.nav.item(row)
        if item is not None:
            item.setIcon(theme_icon(icon))
    for index, (_key, _title, icon, _target) in enumerate(VIEWS):
        if index < len(window.actions_.view_actions):
            window.actions_.view_actions[index].setIcon(theme_icon(icon))
    for path, name in ACTION_ICONS.items():
        target = _resolve(window, path)
        if target is not None:
            (target.menuAction() if hasattr(target, "menuAction") else target).setIcon(theme_icon(name))
    for index, view in window.views.items():
        apply_view_icons(VIEWS[index][0], view)


def apply_view_icons(key: str, view: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    for attr, name in BUTTON_ICONS.get(key, {}).items():
        button = _resolve(view, attr)
        if button is not None and hasattr(button, "setIcon"):
            button.setIcon(theme_icon(name))
            if isinstance(button, QToolButton) and attr.startswith("tools."):  # the board's words stay
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
