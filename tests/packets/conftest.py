"""Shared fixtures of the packet tests."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerdesk.services.demo import populate_demo

DEMO_TODAY = dt.date(2026, 3, 2)  # the tests' TODAY: the demo's calendar and contract dates hang off it


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory):
    """A demo workspace (seed 7), one per test module."""
    from partnerdesk.store.workspace import open_workspace

    path = tmp_path_factory.mktemp("ws") / "demo.partnerdesk"
    with open_workspace(path) as ws:
        populate_demo(ws, today=DEMO_TODAY, seed=7)
        yield ws
