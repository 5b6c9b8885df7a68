"""The one window-modal dialog an action set (File menu imports, restores) keeps open at a time."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


class DialogHolder(Protocol):
    dialog: Any


def open_modal(holder: DialogHolder, dialog: QDialog) -> None:
    """Open ``dialog`` modal to its window (no other workspace while it works on this one), deleted when closed;
    ``holder.dialog`` names it until it is destroyed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    holder.dialog = dialog

    def forget(_obj: object = None, ref: object = dialog) -> None:
        if holder.dialog is ref:
            holder.dialog = None

    dialog.destroyed.connect(forget)
    dialog.open()
