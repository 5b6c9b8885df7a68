"""What a workspace target names, told without importing SQLAlchemy (the command line and start-up use it)."""

from __future__ import annotations

SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_server_url(target: object) -> bool:
    """A ``postgresql://`` (or ``postgres://``) URL: a team workspace on a server; anything else is a file."""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)
