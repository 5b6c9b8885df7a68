"""`--db PATH` on a path that does not exist: the first-run panel offers to create the workspace there; nothing is
written or remembered until the user chooses, and then it is created at that path (not the default one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings


def test_start_empty_creates_the_workspace_at_the_given_path(tmp_path: Path, qtbot, isolated_dirs: Path) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.paths import default_workspace_path
    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.main_window import MissingFile

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))
    target = tmp_path / "clients" / "team.pdk"
    window = build_main_window(target, "en", MissingFile.FIRST_RUN)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        assert window.panel.mode == "first_run" and window.panel.path == str(target)
        assert str(target) in window.panel.message.text()
        assert not target.exists()
        assert window.context.settings.value("files/last_workspace", "") == ""
        window.panel.empty_button.click()
        assert target.exists() and not default_workspace_path().exists()
        assert window.context.workspace is not None and window.context.workspace.path == target.resolve()
        assert window.context.settings.value("files/last_workspace") == str(target.resolve())
    finally:
        window.close()
        window.shutdown()
