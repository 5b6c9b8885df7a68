"""Team workspaces on a PostgreSQL server (issue 18): the address, opening one, and what makes it PartnerDesk's.

A server workspace is a PostgreSQL database holding the same schema as a workspace file, migrated with the same
Alembic scripts. Where a file carries SQLite's ``application_id``, a database carries a small identity table
(``partnerdesk_workspace``) written in the same transaction as its first migration: a non-empty database without it
is someone else's and is never touched. No file lock (the server arbitrates), no pragmas, no file snapshots (a
server is backed up with pg_dump).

Every failure raises a translated WorkspaceError before anything is written: the checks only read, and the
migrations of an empty or older database run in one transaction (PostgreSQL DDL is transactional) under an
advisory lock, so two people opening a new database at once do not both migrate it.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError

from partnerdesk.l10n import N_, _
from partnerdesk.store.targets import is_server_url
from partnerdesk.store.workspace import NewerSchemaError, NotAWorkspaceError, Workspace, WorkspaceError

DEFAULT_PORT = 5432
DEFAULT_SSLMODE = "prefer"
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
CONNECT_TIMEOUT = 5  # seconds: an unreachable server is reported quickly
IDENTITY_TABLE = "partnerdesk_workspace"
APPLICATION = "PartnerDesk"
_MIGRATION_LOCK = 0x50444B31  # pg_advisory_xact_lock key ("PDK1"), held while a database is being migrated


class ServerUnreachableError(WorkspaceError):
    template = N_("The server “{server}” cannot be reached. Check the host name and port, your network "
                  "connection, and that the server is running.")


class ServerPasswordError(WorkspaceError):
    """``password_missing``: no password was given at all (ask for one rather than saying it is wrong)."""

    template = N_("The server “{server}” did not accept the password for the user “{user}”.")
    missing_template = N_("The server “{server}” needs a password for the user “{user}”.")

    def __init__(self, template: str | None = None, /, *, password_missing: bool = False, **params: Any) -> None:
        self.password_missing = password_missing
        super().__init__(template or (self.missing_template if password_missing else None), **params)


class ServerTLSError(WorkspaceError):
    template = N_("A secure (TLS) connection to the server “{server}” could not be made. Check the TLS setting: "
                  "the server may require it, not offer it, or present a certificate that cannot be verified.")


class ServerDatabaseMissingError(WorkspaceError):
    template = N_("The server “{server}” has no database named “{database}”. Ask its administrator to create "
                  "it (an empty database becomes a team workspace when you first connect).")


class ServerAccessError(WorkspaceError):
    template = N_("The user “{user}” may not use the database “{database}” on “{server}”. Ask the server's "
                  "administrator for access. Nothing was changed.")


class InvalidServerAddressError(WorkspaceError):
    template = N_("“{address}” is not a valid server address. Use postgresql://user@host:port/database.")


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str
    user: str
    sslmode: str = DEFAULT_SSLMODE

    @staticmethod
    def parse(url: str) -> ServerAddress:
        """``postgresql://user[:password]@host[:port]/database[?sslmode=…]`` (``postgres://`` too). The password,
        if any, is not kept: see :func:`url_password`."""
        parts = _split(url)
        query = parse_qs(parts.query)
        sslmode = (query.get("sslmode") or [DEFAULT_SSLMODE])[-1]
        host = parts.hostname or (query.get("host") or [""])[-1] or "localhost"
        database = unquote(parts.path.lstrip("/"))
        if sslmode not in SSLMODES or not database or "/" in database:
            raise InvalidServerAddressError(address=_without_password(url))
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError as exc:
            raise InvalidServerAddressError(address=_without_password(url)) from exc
        user = unquote(parts.username) if parts.username else _default_user()
        return ServerAddress(host, port, database, user, sslmode)

    def url(self, password: str | None = None) -> str:
        """The libpq URL (no password unless given): the stable identity of the workspace when without."""
        auth = quote(self.user, safe="")
        if password is not None:
            auth += ":" + quote(password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.host.startswith("/"):  # a socket folder goes into the query
            netloc, query = f"{auth}@", {"host": self.host, "port": str(self.port)}
        else:
            netloc, query = f"{auth}@{host}:{self.port}", {}
        if self.sslmode != DEFAULT_SSLMODE:
            query["sslmode"] = self.sslmode
        tail = f"?{urlencode(query)}" if query else ""
        return f"postgresql://{netloc}/{quote(self.database, safe='')}{tail}"

    def sqlalchemy_url(self, password: str | None = None) -> str:
        return "postgresql+psycopg://" + self.url(password).split("://", 1)[1]

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def display(self) -> str:
        """What the user sees: ``partners on db.example.com:5432`` (in the current language)."""
        return _("{database} on {server}").format(database=self.database, server=self.server)


def _split(url: str) -> Any:
    if not is_server_url(url):
        raise InvalidServerAddressError(address=url)
    scheme, rest = url.strip().split("://", 1)
    try:
        return urlsplit("postgresql://" + rest)
    except ValueError as exc:
        raise InvalidServerAddressError(address=_without_password(url)) from exc


def _without_password(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
        if parts.password is None:
            return url
        netloc = parts.netloc.replace(":" + parts.password + "@", "@", 1)
        return parts._replace(netloc=netloc).geturl()
    except ValueError:
        return "postgresql://…"


def _default_user() -> str:
    try:
        return os.environ.get("PGUSER") or getpass.getuser()
    except (KeyError, OSError):
        return "postgres"


def url_password(url: str) -> str | None:
    """The password written in the URL, if any."""
    parts = _split(url)
    return unquote(parts.password) if parts.password is not None else None


def resolve_password(url: str, password: str | None = None) -> str | None:
    """The password to use: the one given, else the URL's, else PGPASSWORD (libpq would read ~/.pgpass too)."""
    if password is not None:
        return password
    return url_password(url) or os.environ.get("PGPASSWORD") or None


def make_server_engine(address: ServerAddress, password: str | None) -> Engine:
    return create_engine(
        address.sqlalchemy_url(password), future=True, pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT, "application_name": APPLICATION,
                      "sslmode": address.sslmode})


def translate_error(exc: BaseException, address: ServerAddress, password: str | None) -> WorkspaceError:
    """A connection failure as one of the translated errors (libpq's messages are English and stable)."""
    message = str(getattr(exc, "orig", None) or exc).lower()
    params = {"server": address.server}
    if "no password supplied" in message or "password authentication failed" in message:
        missing = "no password supplied" in message or not password
        return ServerPasswordError(password_missing=missing, user=address.user, **params)
    if "does not exist" in message and "database" in message:
        return ServerDatabaseMissingError(database=address.database, **params)
    if "no pg_hba.conf entry" in message and "ssl" not in message and "encryption" not in message \
            or "permission denied" in message:
        return ServerAccessError(user=address.user, database=address.database, **params)
    if "ssl" in message or "certificate" in message or "tls" in message or "encryption" in message:
        return ServerTLSError(**params)
    if "no pg_hba.conf entry" in message:
        return ServerAccessError(user=address.user, database=address.database, **params)
    return ServerUnreachableError(**params)


def workspace_tables(con: Connection) -> set[str]:
    return set(inspect(con).get_table_names())


def read_revision(con: Connection, tables: set[str]) -> str | None:
    """The schema revision of a PartnerDesk database, None when empty; NotAWorkspaceError for anything else."""
    if not tables:
        return None
    if IDENTITY_TABLE not in tables or "alembic_version" not in tables:
        raise NotAWorkspaceError(path="")
    app = con.execute(text(f"SELECT value FROM {IDENTITY_TABLE} WHERE key = 'application'")).scalar()
    revision = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if app != APPLICATION or revision is None:
        raise NotAWorkspaceError(path="")
    return str(revision)


# Indexes only PostgreSQL needs: its planner does not walk ix_work_items_board in (position, id) order under
# "deleted_at IS NULL AND archived IS false", so a board page or a move sorted 10,000 rows (15-25 ms each); a
# partial index on the live cards serves them in well under a millisecond.
PG_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_work_items_live_board ON work_items (status_id, position, id) "
    "WHERE deleted_at IS NULL AND archived IS false",
)


def finish_schema(con: Connection) -> None:
    """After the migrations of a server database: its identity and the PostgreSQL-only indexes."""
    write_identity(con)
    for statement in PG_INDEXES:
        con.execute(text(statement))


def write_identity(con: Connection) -> None:
    """Mark a database as a PartnerDesk workspace (PostgreSQL's equivalent of SQLite's application_id)."""
    con.execute(text(f"CREATE TABLE IF NOT EXISTS {IDENTITY_TABLE} (key varchar(64) PRIMARY KEY, "
                     "value text NOT NULL)"))
    con.execute(text(f"INSERT INTO {IDENTITY_TABLE}(key, value) VALUES ('application', :app), "
                     "('created_at', CAST(now() AS text)) ON CONFLICT (key) DO NOTHING"), {"app": APPLICATION})


def open_server_workspace(url: str, *, create: bool = True, password: str | None = None) -> Workspace:
    """Open (creating in an empty database, or migrating) the team workspace at ``url``."""
    from partnerdesk.store.workspace import _head_without_alembic, alembic_config, known_revisions

    address = ServerAddress.parse(url)
    password = resolve_password(url, password)
    location = address.display
    engine = make_server_engine(address, password)
    try:
        try:
            connection = engine.connect()
        except Exception as exc:  # noqa: BLE001 - every connection failure becomes a translated message
            raise translate_error(exc, address, password) from exc
        migrated_from = None
        with connection:
            try:
                with connection.begin():
                    connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
                    try:
                        revision = read_revision(connection, workspace_tables(connection))
                    except NotAWorkspaceError:
                        raise NotAWorkspaceError(path=location) from None
                    if revision is None and not create:
                        raise NotAWorkspaceError(path=location)
                    head = _head_without_alembic()
                    if revision is None or revision != head:  # Alembic only when there is work or doubt
                        head, known = known_revisions()
                        if revision is not None and revision not in known:
                            raise NewerSchemaError(path=location)
                    if revision != head:
                        from alembic import command

                        cfg = alembic_config()
                        cfg.attributes["connection"] = connection
                        command.upgrade(cfg, "head")
                        finish_schema(connection)
                        migrated_from = revision
            except (OperationalError, InterfaceError) as exc:  # the connection failed meanwhile
                raise translate_error(exc, address, password) from exc
            except ProgrammingError as exc:
                if "permission denied" in str(exc.orig).lower():
                    raise ServerAccessError(server=address.server, user=address.user,
                                            database=address.database) from exc
                raise
    except BaseException:
        engine.dispose()
        raise
    return Workspace(None, engine, None, migrated_from, None, location=location, key=address.url(),
                     is_server=True, address=address)
