"""File names and paths that work on Windows and macOS too: device names, case-insensitive paths, Documents."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from partnerdesk.services.files import safe_file_name
from partnerdesk.store.paths import documents_dir, same_path


@pytest.mark.parametrize(("title", "expected"), [
    ("CON", "_CON"), ("nul", "_nul"), ("LPT1", "_LPT1"), ("com9", "_com9"), ("Aux.tar", "_Aux.tar"),
    ("NUL   ", "_NUL"), ("prn. ", "_prn"), ("COM¹", "_COM¹"),
    ("Console", "Console"), ("CONTRACT", "CONTRACT"), ("LPT10", "LPT10"), ("Null & Co", "Null & Co"),
    ("Report. . .", "Report"), ("a:b|c", "a_b_c"), ("Ελληνικά", "Ελληνικά"),
])
def test_windows_device_names_and_trailing_dots_are_made_safe(title: str, expected: str) -> None:
    assert safe_file_name(title, "fallback") == expected


def test_ics_export_of_an_event_titled_nul_gets_a_real_file_name() -> None:
    from partnerdesk.ui.ics.files import safe_file_name as ics_name

    assert ics_name("NUL") == "_NUL"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_paths_differing_in_case_are_the_same_file_where_the_fs_ignores_case(platform: str) -> None:
    assert same_path("/Users/Ana/Work/Lojas.pdk", "/users/ana/work/LOJAS.pdk", platform=platform)
    assert not same_path("/Users/Ana/Work/Lojas.pdk", "/Users/Ana/Work/Lojas2.pdk", platform=platform)


def test_paths_differing_in_case_are_different_files_on_linux() -> None:
    assert not same_path("/home/ana/Lojas.pdk", "/home/ana/lojas.pdk", platform="linux")
    assert same_path("/home/ana/x/../Lojas.pdk", "/home/ana/Lojas.pdk", platform="linux")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need a privilege on Windows")
def test_existing_files_compare_by_identity(tmp_path: Path) -> None:
    real = tmp_path / "a.pdk"
    real.write_bytes(b"x")
    link = tmp_path / "link.pdk"
    link.symlink_to(real)
    assert same_path(real, link)


def test_a_backup_onto_the_open_workspace_in_other_case_is_refused_on_windows(
        workspace, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.backup import BackupError, backup_workspace

    monkeypatch.setattr(sys, "platform", "win32")
    shouting = Path(workspace.path).with_name(Path(workspace.path).name.upper())
    with pytest.raises(BackupError):
        backup_workspace(workspace, shouting)
    assert not shouting.exists()


def test_file_dialogs_start_in_documents(qtbot, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                         tmp_path: Path) -> None:
    """File → Open with no workspace open starts in the user's Documents folder, not the home folder."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from partnerdesk.ui.app import build_main_window

    docs = isolated_dirs / "Documents"
    docs.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(docs))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))
    assert documents_dir() == docs
    seen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (seen.append(a[2]), ("", ""))[1])
    win = build_main_window(tmp_path / "w.pdk", "en")
    qtbot.addWidget(win)
    win.actions_.open_workspace.trigger()
    assert seen == [str(docs)]
    win.close()
