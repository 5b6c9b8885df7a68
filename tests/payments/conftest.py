from __future__ import annotations

import pytest


@pytest.fixture
def payments_window(demo_window):  # type: ignore[no-untyped-def]
    """The demo main window; its undo stack is emptied before the window goes (the stack outlives it)."""
    yield demo_window
    demo_window.context.undo_stack.clear()
