"""The real start (MainWindow.launch): the window paints first, the workspace opens in a worker, the GUI thread
keeps running meanwhile, and a busy bar appears when opening takes longer than 300 ms."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer


def test_a_slow_open_keeps_the_window_responsive_and_shows_progress(demo_file: Path, tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
                                                                    isolated_dirs: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerdesk.ui import main_window
    from partnerdesk.ui.app import build_main_window

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))
    db = tmp_path / "slow.pdk"
    shutil.copy(demo_file, db)
    real_open = main_window._open_in_worker

    def slow_disk(path: Path, create: bool, view_module: str):  # type: ignore[no-untyped-def]
        time.sleep(0.8)  # a network drive, a large migration
        return real_open(path, create, view_module)

    monkeypatch.setattr(main_window, "_open_in_worker", slow_disk)
    window = build_main_window(db, "en")
    qtbot.addWidget(window)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()) if window.opening_job is not None else None)
    try:
        window.show()
        window.launch()  # waits for the first paint, then opens in a worker
        timer.start(10)
        qtbot.waitUntil(lambda: window.opening_job is not None, timeout=5000)
        assert window.painted and window.panel.mode == "loading"
        assert not window.panel.progress.isVisible()  # not before 300 ms
        qtbot.waitUntil(lambda: window.panel.progress.isVisible(), timeout=2000)
        assert window.context.workspace is None  # still opening, and the window shows it
        qtbot.waitUntil(lambda: window.context.workspace is not None, timeout=10000)
        assert not window.panel.progress.isVisible()
        assert window.stack.currentWidget() is window.current_view()
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        assert len(gaps) > 20 and max(gaps) < 0.25  # the event loop kept turning while the file opened
    finally:
        timer.stop()
        window.close()
        window.shutdown()


def test_a_window_that_is_never_painted_still_opens_its_workspace(demo_file: Path, tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
                                                                  isolated_dirs: Path) -> None:
    from partnerdesk.ui.app import build_main_window

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))
    db = tmp_path / "hidden.pdk"
    shutil.copy(demo_file, db)
    window = build_main_window(db, "en")  # not shown: started minimized, or on a desktop that maps it late
    qtbot.addWidget(window)
    try:
        window.launch()
        qtbot.waitUntil(lambda: window.context.workspace is not None, timeout=10000)
    finally:
        window.shutdown()
