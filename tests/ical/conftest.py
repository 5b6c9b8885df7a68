"""Fixtures of the iCalendar tests: the sample files written like Outlook, Google, Apple and Thunderbird do."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def ics() -> object:
    def load(name: str) -> bytes:
        return (FIXTURES / f"{name}.ics").read_bytes()

    return load
