"""The real main window over a copy of the demo workspace, and the .ics files the tests import."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def window(demo_window):  # type: ignore[no-untyped-def]
    """The main window, not yet started (no workspace open): call ``window.start()`` to open the demo copy."""
    return demo_window


@pytest.fixture
def ics_path() -> object:
    def path(name: str) -> Path:
        return FIXTURES / f"{name}.ics"

    return path
