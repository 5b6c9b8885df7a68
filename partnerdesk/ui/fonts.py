"""Register the bundled fonts so every script renders on a machine without system fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from partnerdesk.resources import font_files

# Latin/Greek first, then Arabic, then Japanese: Qt falls back along this list per character.
UI_FAMILIES: tuple[str, ...] = ("Noto Sans", "Noto Sans Arabic", "BIZ UDPGothic")

_registered: list[str] = []


def register_fonts() -> list[str]:
    """Add every bundled font file to Qt's font database once; return the families now available."""
    if not _registered:
        for path in font_files():
            if path.exists():
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(_registered))


def apply_application_font(app: QApplication, point_size: float | None = None) -> QFont:
    """Make the bundled families the application font, keeping the platform's size."""
    available = set(register_fonts())
    families = [name for name in UI_FAMILIES if name in available]
    font = QFont(app.font())
    if families:
        font.setFamilies(families)
    if point_size:
        font.setPointSizeF(point_size)
    app.setFont(font)
    return font
