"""Laptop screens: the navigation column takes only the width its (translated) titles need."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget

LEAST, MOST = 112, 190


def fit_navigation(nav: QListWidget) -> int:
    """Set ``nav`` to the width of its widest item (icon, text, padding) within LEAST..MOST; return it."""
    metrics = nav.fontMetrics()
    widest = max((metrics.horizontalAdvance(nav.item(row).text()) for row in range(nav.count())), default=0)
    width = max(LEAST, min(MOST, widest + nav.iconSize().width() + 34 + nav.frameWidth() * 2))
    nav.setFixedWidth(width)
    return width
