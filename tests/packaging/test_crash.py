"""Crash hook: uncaught errors land in a rotating log; the dialog can be switched off for automation."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from partnerdesk.ui import crash


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch, qapp) -> Iterator[list[crash.CrashDialog]]:  # type: ignore[no-untyped-def]
    shown: list[crash.CrashDialog] = []

    def fake_exec(self: crash.CrashDialog) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(crash.CrashDialog, "exec", fake_exec)
    yield shown
    crash.uninstall_crash_hook()


def _raise_and_report(message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())


def test_uncaught_error_is_logged_in_the_data_dir(dialogs: list, monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
                                                  tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path))
    crash.install_crash_hook(show_dialog=True)
    _raise_and_report("the kanban exploded")
    log = tmp_path / "logs" / "partnerdesk.log"
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: the kanban exploded" in text
    assert "Traceback" in text and "PartnerDesk 0." in text
    # the test environment sets PARTNERDESK_NO_CRASH_DIALOG=1
    assert dialogs == []


def test_no_crash_dialog_flag_keeps_the_dialog_away(dialogs: list, monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
                                                    tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PARTNERDESK_NO_CRASH_DIALOG")
    crash.install_crash_hook(show_dialog=False)
    _raise_and_report("quiet please")
    assert dialogs == []
    assert "quiet please" in (tmp_path / "logs" / "partnerdesk.log").read_text(encoding="utf-8")


def test_dialog_shows_details_and_copies_them(dialogs: list, monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
                                              tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PARTNERDESK_NO_CRASH_DIALOG")
    crash.install_crash_hook(show_dialog=True)
    _raise_and_report("visible failure")
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert "RuntimeError: visible failure" in dialog.summary_label.text()
    assert "Traceback" in dialog.details.toPlainText()
    dialog.copy_button.click()
    assert "visible failure" in qapp.clipboard().text()


def test_worker_thread_errors_are_logged(dialogs: list, monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
                                         tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path))
    crash.install_crash_hook(show_dialog=True)

    def work() -> None:
        raise ValueError("import worker failed")

    thread = threading.Thread(target=work, name="import-worker")
    thread.start()
    thread.join()
    text = (tmp_path / "logs" / "partnerdesk.log").read_text(encoding="utf-8")
    assert "ValueError: import worker failed" in text
    assert "Thread: import-worker" in text


def test_log_rotates(dialogs: list, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def,type-arg]
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(crash, "MAX_LOG_BYTES", 4000)
    crash.install_crash_hook(show_dialog=False)
    for i in range(20):
        _raise_and_report(f"failure {i} " + "x" * 300)
    logs = sorted(p.name for p in (tmp_path / "logs").glob("partnerdesk.log*"))
    assert "partnerdesk.log" in logs and "partnerdesk.log.1" in logs
    assert len(logs) <= 1 + crash.LOG_BACKUPS


def test_dialog_texts_are_translated(qapp) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk import l10n

    l10n.set_language("ar")
    dialog = crash.CrashDialog("RuntimeError: x", "Traceback ...", None)
    assert dialog.windowTitle() != "PartnerDesk ran into a problem"
    assert dialog.copy_button.text() != "Copy details"


def test_qt_warnings_and_hard_crash_traces_go_to_the_log_dir(dialogs: list, monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
                                                              tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import qWarning

    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path))
    crash.install_crash_hook(show_dialog=False)
    qWarning("QPainter::begin: Paint device returned engine == 0")
    text = (tmp_path / "logs" / "partnerdesk.log").read_text(encoding="utf-8")
    assert "Qt: QPainter::begin" in text
    assert (tmp_path / "logs" / crash.FAULT_FILE_NAME).exists()
