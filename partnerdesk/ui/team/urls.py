"""Telling a team workspace's address from a file path, without importing the store (start-up stays fast)."""

from __future__ import annotations

import os

SCHEMES = ("postgresql://", "postgres://")


def is_server_target(target: str | os.PathLike[str] | None) -> bool:
    """Whether ``target`` is a ``postgresql://`` (or ``postgres://``) address rather than a file."""
    return isinstance(target, str) and target.strip().lower().startswith(SCHEMES)
