"""`make install-desktop`: launcher entry and hicolor icons for the current user."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

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
    assert f'Exec="{app}" %f' in entry  # quoted (the folder has a space); %f: the file double-clicked
    assert "MimeType=application/x-partnerdesk-workspace;" in entry
    assert f"TryExec={app}" in entry
    assert "Name[ar]=" in entry and "Comment[ja]=" in entry
    for size in (16, 32, 48, 128, 256, 512):
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "partnerdesk.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "partnerdesk.svg").is_file()

    assert _run("--uninstall", data=data).returncode == 0
    assert not (data / "applications" / "partnerdesk.desktop").exists()
    assert not list((data / "icons" / "hicolor").glob("*/apps/partnerdesk.*"))
    assert not (data / "mime" / "packages" / "partnerdesk.xml").exists()


@pytest.mark.skipif(not shutil.which("update-mime-database"), reason="shared-mime-info is not installed")
def test_the_workspace_type_is_known_by_name_and_by_content(tmp_path: Path) -> None:
    """*.pdk, and a workspace under any name by its SQLite header's application_id; a plain SQLite file is not
    one. The icon is installed under the type's icon name."""
    app = tmp_path / "PartnerDesk"
    app.write_text("#!/bin/sh\n")
    app.chmod(0o755)
    data = tmp_path / "share"
    assert _run(str(app), data=data).returncode == 0
    assert (data / "mime" / "packages" / "partnerdesk.xml").is_file()
    assert "application/x-partnerdesk-workspace:*.pdk" in (data / "mime" / "globs2").read_text(encoding="utf-8")
    assert (data / "icons" / "hicolor" / "48x48" / "mimetypes" / "application-x-partnerdesk-workspace.png").is_file()
    if not shutil.which("gio"):
        return
    from partnerdesk.store.workspace import open_workspace

    renamed = tmp_path / "backup copy.dat"
    open_workspace(renamed).close()  # closed: the header is written to the file
    plain = tmp_path / "other.dat"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": "/usr/share"}

    def content_type(path: Path) -> str:
        out = subprocess.run(["gio", "info", "-a", "standard::content-type", str(path)], env=env,
                             capture_output=True, text=True, check=True).stdout
        return out.rsplit("standard::content-type:", 1)[1].strip()

    assert content_type(renamed) == "application/x-partnerdesk-workspace"
    assert content_type(plain) != "application/x-partnerdesk-workspace"


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
