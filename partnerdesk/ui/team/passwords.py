"""Team workspace passwords in the system keyring (the ``keyring`` package), never in settings or logs.

Entries are stored under the service "PartnerDesk" with the workspace's key (its URL without the password) as
the user name. Any keyring failure (no backend, a locked or refusing keyring) counts as "nothing stored": the
password is then asked for, and the failure is never shown as a traceback."""

from __future__ import annotations

SERVICE = "PartnerDesk"


def keyring_available() -> bool:
    """Whether a real keyring backend is there (the "fail" backend, used when there is none, has priority 0)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and float(getattr(backend, "priority", 1)) > 0
    except Exception:  # noqa: BLE001 - a broken keyring set-up means no keyring, never a crash
        return False


def stored_password(key: str) -> str | None:
    try:
        import keyring

        value = keyring.get_password(SERVICE, key)
    except Exception:  # noqa: BLE001 - see the module docstring
        return None
    return value if value else None


def store_password(key: str, password: str) -> bool:
    """Remember ``password`` for the workspace ``key``; False when the keyring refused."""
    try:
        import keyring

        keyring.set_password(SERVICE, key, password)
    except Exception:  # noqa: BLE001 - see the module docstring
        return False
    return True


def forget_password(key: str) -> None:
    try:
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, key)
        except PasswordDeleteError:
            pass  # nothing was stored
    except Exception:  # noqa: BLE001 - see the module docstring
        pass
