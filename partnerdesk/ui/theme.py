"""Colours the UI paints: named roles with a light and a dark value, following the system colour scheme live or
the user's choice (Preferences → Appearance: System, Light, Dark).

Painted views ask ``color(role)`` at paint time, so a switch repaints them right; widgets styled with colours
register with ``styled()`` and get their style sheet again on every switch. Paper (printing, PDF previews) is
always light: wrap printing in ``with on_paper():``. Text drawn on a colour the user chose (a partner's colour, an
event kind) is black or white by contrast (``text_on``), never fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

SYSTEM, LIGHT, DARK = "system", "light", "dark"
APPEARANCES = (SYSTEM, LIGHT, DARK)
SETTINGS_KEY = "ui/appearance"


@dataclass(frozen=True)
class Role:
    light: str
    dark: str


#: Every colour the UI paints. Text roles reach 4.5:1 on their background in both schemes, marks 3:1
#: (tests/ui/test_theme.py measures them).
ROLES: dict[str, Role] = {
    "surface": Role("#FFFFFF", "#1E2227"),          # calendar page, cards
    "surface.alt": Role("#F6F7F9", "#262B31"),      # other-month days, off hours
    "surface.weekend": Role("#F1F3F6", "#2B3037"),
    "surface.today": Role("#E8F0FC", "#1F3350"),
    "surface.selected": Role("#EEF4FC", "#1E3553"),
    "surface.stale": Role("#FFFBF0", "#33291A"),
    "grid": Role("#D5DAE1", "#3C434C"),
    "border": Role("#D5DAE1", "#4A525C"),
    "border.selected": Role("#3D6FB6", "#7FA7E0"),
    "text": Role("#1F2933", "#E6E9ED"),
    "text.muted": Role("#52606D", "#AEB7C2"),
    "text.faint": Role("#616E7C", "#9AA5B1"),       # days in column, other-month day numbers
    "text.accent": Role("#1D4E89", "#8CB4F0"),      # today's date, the current week day
    "text.partner": Role("#7A5C00", "#E3C267"),     # the partner's local time column
    "danger": Role("#B3261E", "#FF8A80"),           # overdue, errors, WIP exceeded
    "success": Role("#1E6B2F", "#7BD88F"),          # KPIs on track
    "danger.surface": Role("#FDE7E9", "#3B1F22"),
    "warning": Role("#7A4A00", "#F2C27B"),          # stale, warnings
    "warning.surface": Role("#FFF4CE", "#3A3016"),
    "warning.border": Role("#A07E16", "#8C7330"),
    "info.surface": Role("#E8F0FC", "#1F2F47"),
    "info.border": Role("#6F8FC4", "#6F8FC4"),
    "chip": Role("#E4E7EB", "#3A4049"),
    "chip.text": Role("#3E4C59", "#D5DAE1"),
    "now": Role("#D93025", "#FF7B72"),              # the current-time line
    "priority.urgent": Role("#C62828", "#FF6B6B"),
    "priority.high": Role("#C25E00", "#FFA24D"),
    "priority.normal": Role("#6B7785", "#9AA5B1"),
    "priority.low": Role("#808C98", "#77828E"),
}


class _Notifier(QObject):
    changed = Signal()


_notifier: _Notifier | None = None
_appearance = SYSTEM
_paper_depth = 0
_styled: WeakKeyDictionary[QWidget, Callable[[], str]] = WeakKeyDictionary()


def notifier() -> _Notifier:
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def is_dark() -> bool:
    """Whether the screen shows the dark scheme now (never on paper)."""
    if _paper_depth:
        return False
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def color(role: str) -> QColor:
    value = ROLES[role]
    return QColor(value.dark if is_dark() else value.light)


def name(role: str) -> str:
    """The role's colour as #RRGGBB, for style sheets."""
    return color(role).name()


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


_BLACK, _WHITE = QColor("#111111"), QColor("#FFFFFF")


def text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on `background` (a partner's or an event kind's colour)."""
    return _WHITE if contrast(_WHITE, background) >= contrast(_BLACK, background) else _BLACK


@contextmanager
def on_paper() -> Iterator[None]:
    """Paint in the light scheme whatever the screen shows (printing)."""
    global _paper_depth
    _paper_depth += 1
    try:
        yield
    finally:
        _paper_depth -= 1


def paint_focus_frame(painter: QPainter, rect: QRectF) -> None:
    """The keyboard focus in a painted view: a 2-px dotted frame in the text colour, visible on any fill."""
    painter.save()
    painter.setPen(QPen(color("text"), 2, Qt.PenStyle.DotLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(1, 1, -1, -1))
    painter.restore()


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, "#1E2227"), (roles.WindowText, "#E6E9ED"), (roles.Base, "#171A1E"),
                        (roles.AlternateBase, "#22262B"), (roles.ToolTipBase, "#2A2F36"),
                        (roles.ToolTipText, "#E6E9ED"), (roles.PlaceholderText, "#9AA5B1"), (roles.Text, "#E6E9ED"),
                        (roles.Button, "#2A2F36"), (roles.ButtonText, "#E6E9ED"), (roles.BrightText, "#FF8A80"),
                        (roles.Highlight, "#3D6FB6"), (roles.HighlightedText, "#FFFFFF"), (roles.Link, "#8CB4F0"),
                        (roles.LinkVisited, "#B39DDB"), (roles.Light, "#3A4049"), (roles.Midlight, "#30353C"),
                        (roles.Mid, "#4A525C"), (roles.Dark, "#101214"), (roles.Shadow, "#000000")):
        p.setColor(role, QColor(value))
    for role, value in ((roles.WindowText, "#7B8794"), (roles.Text, "#7B8794"), (roles.ButtonText, "#7B8794")):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
    return p


def appearance() -> str:
    return _appearance


def apply(app: QApplication, choice: str) -> None:
    """Use `choice` (system, light or dark) now and whenever the system scheme changes."""
    global _appearance
    _appearance = choice if choice in APPEARANCES else SYSTEM
    hints = app.styleHints()
    if not app.property("_pd_theme_hooked"):
        app.setProperty("_pd_theme_hooked", True)
        hints.colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
    if _appearance == DARK:
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    elif _appearance == LIGHT:
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(app.style().standardPalette())
    else:
        hints.unsetColorScheme()
        if hints.colorScheme() == Qt.ColorScheme.Dark:
            app.setPalette(dark_palette())
        else:
            app.setPalette(app.style().standardPalette())
    _refresh()


def _follow_system(app: QApplication) -> None:
    if _appearance == SYSTEM:
        apply(app, SYSTEM)


def styled(widget: QWidget, sheet: Callable[[], str]) -> None:
    """Give `widget` the style sheet `sheet()` now and again after every theme change."""
    _styled[widget] = sheet
    widget.setStyleSheet(sheet())


def _refresh() -> None:
    for widget, sheet in list(_styled.items()):
        try:
            widget.setStyleSheet(sheet())
        except RuntimeError:  # deleted on the C++ side
            continue
    # Painted views repaint by themselves: setting the application palette sends every widget a PaletteChange.
    notifier().changed.emit()
