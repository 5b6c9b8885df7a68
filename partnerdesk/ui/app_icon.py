"""The PartnerDesk icon for windows (title bar, taskbar, Alt+Tab), from the bundled hicolor PNGs."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from partnerdesk.resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"partnerdesk-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon
