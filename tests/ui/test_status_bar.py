"""The status bar names the workspace file; the full path is on hover."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_status_bar_shows_the_name_and_the_path_on_hover(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    db = tmp_path / "deep" / "folder" / "Partners 2026.pdk"
    db.parent.mkdir(parents=True)
    window = make_window(db)
    qtbot.waitUntil(lambda: "Partners 2026.pdk" in window.path_label.text(), timeout=2000)
    assert str(db.parent) not in window.path_label.text()
    assert window.path_label.toolTip() == str(db.resolve())
