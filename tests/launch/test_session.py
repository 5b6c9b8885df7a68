"""A session in a real process, driven like a user through the running event loop: quit after undo, a kill
after a view change, a window destroyed by something else, an error in a Qt slot (tests/launch/launcher.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.launch.launcher import ON_X, drive, launch, tracebacks


@pytest.fixture
def demo_copy(tmp_path: Path, demo_file: Path) -> Path:
    db = tmp_path / "demo.pdk"
    shutil.copy(demo_file, db)
    return db


def _crash_logs(home: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in home.rglob("partnerdesk.log*"))


QUIT_AFTER_UNDO = r'''
def user(window, app):
    from partnerdesk.services.work_items import WorkItemService
    from partnerdesk.ui.kanban.commands import MoveCards
    from partnerdesk.ui.undo import push
    from partnerdesk.ui.views_registry import VIEWS

    window.show_view([key for key, *_rest in VIEWS].index("kanban"))  # the app opens on Today
    view = window.current_view()
    column = next(i for i, c in enumerate(view.columns) if c.cell().ids)  # the first column with a card
    card = view.columns[column].cell().ids[0]
    target = view.board_columns[(column + 1) % len(view.board_columns)].status_id
    service = WorkItemService(window.context.ws)
    push(window.context.undo_stack, MoveCards(service, window.context.hub, [card], target, None))
    window.actions_.undo.trigger()  # Edit → Undo
    assert window.context.undo_stack.index() == 0, "Undo did not undo"
    print("undone:", window.actions_.redo.text(), flush=True)
    window.actions_.quit.trigger()  # File → Quit
'''


def test_quitting_after_undo_shows_nothing_and_exits_0(tmp_path: Path, demo_copy: Path) -> None:
    home = tmp_path / "home"
    run = drive(home, QUIT_AFTER_UNDO, [str(demo_copy)], dialog=True)  # a crash dialog would hang the quit
    stdout, stderr = run.communicate(timeout=60)
    assert run.process is not None and run.process.returncode == 0, stderr[-3000:]
    assert "undone: &Redo Move card" in stdout
    assert tracebacks(stderr) == [] and "RuntimeError" not in stderr, stderr[-3000:]
    assert "Uncaught" not in _crash_logs(home)


KILL_AFTER_VIEW_CHANGE = r'''
def user(window, app):
    import os, signal
    from PySide6.QtCore import QTimer
    from partnerdesk.ui.views_registry import VIEWS
    # The app opens on Today unless Preferences says "open the view I used last": this user said so.
    window.context.settings.setValue("ui/open_last_view", True)
    window.actions_.view_actions[[key for key, *_rest in VIEWS].index("contacts")].trigger()  # View → Contacts
    window.resize(760, 560)  # inside the offscreen 800x600 screen
    QTimer.singleShot(1500, lambda: os.kill(os.getpid(), signal.SIGKILL))  # no clean quit
'''

REPORT_STATE = r'''
def user(window, app):
    from partnerdesk.ui.views_registry import VIEWS
    print("view", VIEWS[window.current_index][0], type(window.current_view()).__name__, flush=True)
    print("size", window.width(), window.height(), flush=True)
    window.close()
'''


def test_a_kill_after_a_view_change_keeps_the_view_and_size(tmp_path: Path, demo_copy: Path) -> None:
    home = tmp_path / "home"
    run = drive(home, KILL_AFTER_VIEW_CHANGE, [str(demo_copy)])
    run.communicate(timeout=60)
    assert run.process is not None and run.process.returncode == -9
    again = drive(home, REPORT_STATE, [str(demo_copy)])
    stdout, stderr = again.communicate(timeout=60)
    assert again.process is not None and again.process.returncode == 0, stderr[-3000:]
    assert "view contacts ContactsView" in stdout
    assert "size 760 560" in stdout


DESTROY_WINDOW = r'''
def user(window, app):
    print("destroying", flush=True)
    window.deleteLater()  # gone without a close event, as when something else destroys it
'''


def test_the_process_ends_when_its_window_is_destroyed(tmp_path: Path, demo_copy: Path) -> None:
    run = drive(tmp_path / "home", DESTROY_WINDOW, [str(demo_copy)])
    stdout, stderr = run.communicate(timeout=30)
    assert "destroying" in stdout
    assert run.process is not None and run.process.returncode == 0, stderr[-3000:]
    assert tracebacks(stderr) == [], stderr[-3000:]
    assert not (demo_copy.parent / (demo_copy.name + ".lock")).exists() or _unlocked(demo_copy)


def _unlocked(db: Path) -> bool:
    from partnerdesk.store.workspace import open_workspace

    open_workspace(db, create=False).close()  # the lock was released: the next start may open it
    return True


RAISE_IN_SLOT = r'''
def user(window, app):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def broken_slot():
        raise RuntimeError("deliberate failure in a Qt slot")

    def look_for_dialog():
        from partnerdesk.ui.crash import CrashDialog
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
        if dialogs:
            print("dialog:", dialogs[0].windowTitle(), "|", dialogs[0].summary_label.text(), flush=True)
            dialogs[0].reject()
            QTimer.singleShot(200, window.close)
        else:
            QTimer.singleShot(50, look_for_dialog)

    window.actions_.about.triggered.connect(broken_slot)
    QTimer.singleShot(50, look_for_dialog)
    QTimer.singleShot(0, window.actions_.about.trigger)  # Help → About, now with a broken slot behind it
    QTimer.singleShot(20000, window.close)
'''


@pytest.mark.parametrize("dialog", [True, False], ids=["dialog", "no-dialog"])
def test_an_error_in_a_qt_slot_reaches_the_crash_log(tmp_path: Path, demo_copy: Path, dialog: bool) -> None:
    home = tmp_path / "home"
    run = drive(home, RAISE_IN_SLOT, [str(demo_copy)], dialog=dialog)
    stdout, stderr = run.communicate(timeout=60)
    assert run.process is not None and run.process.returncode == 0, stderr[-3000:]
    log = _crash_logs(home)
    assert "Uncaught exception" in log and "deliberate failure in a Qt slot" in log
    assert "Traceback (most recent call last)" in log and "broken_slot" in log
    if dialog:
        assert "dialog: PartnerDesk ran into a problem | RuntimeError: deliberate failure in a Qt slot" in stdout
    else:
        assert "dialog:" not in stdout


def _destroy_x_window(window_id: int) -> None:
    """What another X client (a broken window manager, xkill-like tools) can do to our window."""
    import ctypes
    import ctypes.util

    x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDestroyWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    x11.XDestroyWindow(display, window_id)
    x11.XSync(display, 0)
    x11.XCloseDisplay(display)


@pytest.mark.skipif(not ON_X, reason="needs an X server (PARTNERDESK_LAUNCH_ON_X=1 under Xvfb, as in .ci/run)")
def test_the_process_ends_when_another_program_destroys_its_x_window(tmp_path: Path, demo_copy: Path) -> None:
    run = launch(tmp_path / "home", "script", [str(demo_copy)])
    try:
        assert run.wait_for("data")[0] == "data"
        (line,) = run.mapped_window_titles()
        _destroy_x_window(int(line.split()[0], 16))
        run.communicate(timeout=20)  # ends by itself: no window, no process
    finally:
        if run.process is not None and run.process.poll() is None:
            run.kill()
    assert run.process is not None and run.process.returncode == 0, run.stderr[-3000:]
    assert _unlocked(demo_copy)
