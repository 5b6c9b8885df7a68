"""`make install-desktop`: launcher entry and hicolor icons for the current user."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "install-desktop"


def _run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    return subprocess.run(["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, check=False)


def test_installs_entry_and_icons_then_uninstalls(tmp_path: Path) -> None:
    app = tmp_path / "My Apps" / "PartnerDesk" / "PartnerDesk"
    app.parent.mkdir(parents=True)
    app.write_text("#!/bin/sh\n")
    app.chmod(0o755)
    data = tmp_path / "share"
    result = _run(str(app), data=data)
    assert result.returncode == 0, result.stderr
    entry = (data / "applications" / "partnerdesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{app}"' in entry  # quoted: the folder has a space
    assert f"TryExec={app}" in entry
    assert "Name[ar]=" in entry and "Comment[ja]=" in entry
    for size in (16, 32, 48, 128, 256, 512):
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "partnerdesk.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "partnerdesk.svg").is_file()

    assert _run("--uninstall", data=data).returncode == 0
    assert not (data / "applications" / "partnerdesk.desktop").exists()
    assert not list((data / "icons" / "hicolor").glob("*/apps/partnerdesk.*"))


def test_refuses_without_a_built_app(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "missing" / "PartnerDesk"), data=tmp_path / "share")
    assert result.returncode == 1
    assert "make app" in result.stderr
    assert not (tmp_path / "share" / "applications").exists()


def test_icons_cover_the_hicolor_sizes() -> None:
    from PySide6.QtGui import QImage

    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(ROOT / "resources" / "icons" / f"partnerdesk-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
