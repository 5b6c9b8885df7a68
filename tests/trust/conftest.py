"""Fixture files written to mimic what real clients export (see each file's name for the client and quirk)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes():  # type: ignore[no-untyped-def]
    return lambda name: (FIXTURES / name).read_bytes()
