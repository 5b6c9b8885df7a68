"""macOS hands a double-clicked workspace to the running app as a QFileOpenEvent: it opens in the window."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox


def test_a_file_open_event_opens_the_workspace_in_the_running_window(demo_file: Path, tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
                                                                   isolated_dirs: Path) -> None:
    from partnerdesk.ui.app import FileOpenFilter, build_main_window
    from partnerdesk.ui.main_window import MissingFile

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))
    db = tmp_path / "Kyma.pdk"
    shutil.copy(demo_file, db)
    window = build_main_window(None, "en", MissingFile.FIRST_RUN)
    qtbot.addWidget(window)
    app = QApplication.instance()
    opener = FileOpenFilter(window)
    app.installEventFilter(opener)
    try:
        window.show()
        window.start()
        assert window.panel.mode == "first_run"
        QApplication.sendEvent(app, QFileOpenEvent(str(db)))
        assert window.context.workspace is not None and window.context.workspace.path == db
        assert "Kyma" in window.windowTitle()
        not_one = tmp_path / "notes.pdk"
        not_one.write_text("notes", encoding="utf-8")
        QApplication.sendEvent(app, QFileOpenEvent(str(not_one)))  # refused like File → Open; Kyma stays
        assert window.context.workspace.path == db
        box = window.findChild(QMessageBox, "workspaceErrorBox")
        assert box is not None and box.isVisible() and "not a PartnerDesk workspace" in box.text()
        box.close()
    finally:
        app.removeEventFilter(opener)
        window.close()
        window.shutdown()
