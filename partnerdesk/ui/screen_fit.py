"""Windows and dialogs sized for the screen they open on: the wished size, never more than a laptop's
1280×720 work area allows (a margin is kept for the desktop's panels)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 40
#: Never taller or wider than this, whatever the screen says (offscreen screens are large).
LAPTOP = (1280, 720)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width``×``height`` or the largest size that fits its screen and a laptop."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    most_w, most_h = LAPTOP
    if screen is not None:
        area = screen.availableGeometry()
        most_w, most_h = min(most_w, area.width()), min(most_h, area.height())
    widget.resize(max(200, min(width, most_w - MARGIN)), max(200, min(height, most_h - MARGIN)))
