"""Icons: the desktop's theme where it has one, the bundled Tabler set (resources/icons/partnerdesk) otherwise.

Windows, macOS and bare Linux have no freedesktop icon theme, so the bundled set is installed as Qt's fallback
theme (and as the theme itself when the platform names none). Icons whose meaning has a direction (back, next,
undo…) use a mirrored copy in right-to-left layouts.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap

from partnerdesk.resources import resource_path

THEME = "partnerdesk"
_installed = False


def install_icon_theme() -> None:
    """Make the bundled theme reachable through ``QIcon.fromTheme`` (idempotent)."""
    global _installed
    if _installed:
        return
    folder = str(resource_path("icons"))
    paths = QIcon.themeSearchPaths()
    if folder not in paths:
        QIcon.setThemeSearchPaths([*paths, folder])
    QIcon.setFallbackThemeName(THEME)
    if not QIcon.themeName() or QIcon.themeName() == "hicolor":
        QIcon.setThemeName(THEME)
    _installed = True


def _rtl() -> bool:
    return QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def theme_icon(name: str) -> QIcon:
    """The icon ``name`` (a freedesktop name), mirrored for right-to-left layouts when it points somewhere."""
    install_icon_theme()
    if _rtl() and QIcon.hasThemeIcon(f"{name}-rtl"):
        return QIcon.fromTheme(f"{name}-rtl")
    return QIcon.fromTheme(name)


@lru_cache(maxsize=256)
def _svg_bytes(name: str) -> bytes | None:
    path = resource_path("icons", THEME, "scalable", f"{name}.svg")
    return path.read_bytes() if path.exists() else None


@lru_cache(maxsize=512)
def glyph(name: str, color: str, size: int) -> QPixmap | None:
    """A bundled icon drawn in ``color`` at ``size`` px (calendar kinds on coloured chips), cached."""
    from PySide6.QtSvg import QSvgRenderer

    data = _svg_bytes(name)
    if data is None:
        return None
    svg = data.replace(b"#3B4754", color.encode())
    renderer = QSvgRenderer(QByteArray(svg))
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap
