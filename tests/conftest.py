"""Test isolation: offscreen Qt, temporary settings and data dirs, English unless a test switches."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from partnerdesk import l10n  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("PARTNERDESK_NO_CRASH_DIALOG", "1")
    l10n.set_language("en")
    yield home
    l10n.set_language("en")


@pytest.fixture
def workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    from partnerdesk.store.workspace import open_workspace

    ws = open_workspace(tmp_path / "test.pdk")
    yield ws
    ws.close()
