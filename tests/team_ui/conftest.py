"""Team mode in the window (issue 18): an in-memory keyring; isolated settings and main windows closed afterwards
are the shell tests' fixtures (tests/ui/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.conftest import isolated_settings, make_window  # noqa: F401  (fixtures shared with tests/ui)


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
