"""Team mode in the window (issue 18): isolated settings, an in-memory keyring, main windows closed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings


class MemoryKeyring:
    """A keyring backend that keeps passwords in a dict (tests never touch the real keyring)."""

    def __init__(self) -> None:
        from keyring.backend import KeyringBackend

        class _Backend(KeyringBackend):
            priority = 1  # type: ignore[assignment]

            def __init__(self, store: dict[tuple[str, str], str]) -> None:
                super().__init__()
                self.store = store

            def get_password(self, service: str, username: str) -> str | None:
                return self.store.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                self.store[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                from keyring.errors import PasswordDeleteError

                if (service, username) not in self.store:
                    raise PasswordDeleteError(username)
                del self.store[(service, username)]

        self.store: dict[tuple[str, str], str] = {}
        self.backend = _Backend(self.store)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    import keyring

    previous = keyring.get_keyring()
    fake = MemoryKeyring()
    keyring.set_keyring(fake.backend)
    yield fake
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_settings(isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = isolated_dirs / "settings"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def make_window(qtbot: Any) -> Iterator[Callable[..., Any]]:
    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.jobs import wait_for_all

    windows = []

    def factory(db: Path | str | None = None, lang: str | None = None, start: bool = True) -> Any:
        window = build_main_window(db, lang)
        qtbot.addWidget(window)
        window.show()
        if start:
            window.start()
        windows.append(window)
        return window

    yield factory
    wait_for_all(10_000)
    for window in windows:
        if window.team.dialog is not None:  # a dialog left open must not outlive the test
            window.team.dialog.close()
        window.close()
        if window.context.workspace is not None:
            window.context.workspace.close()
            window.context.workspace = None
