"""Going from the performance matrix to a partner's Performance tab (and back to the matrix)."""

from __future__ import annotations

from typing import Any

from partnerdesk.domain.periods import Period

PARTNERS_VIEW = "partners"
PERFORMANCE_VIEW = "performance"


def _show(window: Any, key: str) -> Any:
    from partnerdesk.ui.views_registry import VIEWS

    keys = [k for k, *_rest in VIEWS]
    if key not in keys or not hasattr(window, "show_view"):
        return None
    window.show_view(keys.index(key))
    return window.current_view()


def open_performance_tab(window: Any, partner_id: int, period: Period | None = None) -> Any:
    """Show the Partners view with ``partner_id`` selected and its profile on the Performance tab."""
    view = _show(window, PARTNERS_VIEW)
    if view is None:
        return None
    view.select_partner(partner_id)
    tab = view.profile.performance
    view.profile.show_section(tab)
    if period is not None:
        tab.set_period(period)
    return tab


def open_performance_view(window: Any) -> Any:
    return _show(window, PERFORMANCE_VIEW)
