"""Right-to-left details Qt leaves to us: shortcut texts in menus."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

LRI, PDI = "\u2066", "\u2069"


def isolate_shortcut_texts(bar: QMenuBar, rtl: bool) -> None:
    """In right-to-left menus Qt lays a shortcut out right to left too: "Ctrl+," shows as ",+Ctrl". There, every
    menu command shows its shortcut as its own left-to-right run (the text after a tab, which Qt shows in the
    shortcut column); in left-to-right menus the plain text comes back. The shortcut itself is unchanged."""

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu)
                continue
            text = action.text().split("\t", 1)[0]
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            wanted = f"{text}\t{LRI}{keys}{PDI}" if rtl and keys and text else text
            if action.text() != wanted:
                action.setText(wanted)

    for top in bar.actions():
        submenu = top.menu()
        if isinstance(submenu, QMenu):
            walk(submenu)
