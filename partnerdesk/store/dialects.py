"""SQL that differs between SQLite and PostgreSQL, written once here so that services never see an engine.

Small SQL constructs compiled per dialect (``@compiles``), so a service builds one query and each engine gets its
own SQL: ``json_list_has`` (a JSON list column holds a value), ``plus_days`` (date arithmetic), ``likely`` (an
SQLite planner hint, nothing on PostgreSQL); and ``glob_check`` for the CHECK constraints the migrations write.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Boolean, DateTime, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

_GLOB = re.compile(r"(\w+) GLOB '([^']*)'")


def glob_check(condition: str, dialect: str) -> str:
    """A CHECK condition written with SQLite's GLOB for the given dialect (PostgreSQL: an anchored regex)."""
    if dialect == "sqlite":
        return condition

    def regex(m: re.Match[str]) -> str:
        pattern = "".join(".*" if c == "*" else "." if c == "?" else c for c in m.group(2))
        return f"{m.group(1)} ~ '^{pattern}$'"

    return _GLOB.sub(regex, condition)


class json_list_has(FunctionElement[bool]):  # noqa: N801 - used like a SQL function
    """``json_list_has(column, value)``: the JSON list in ``column`` holds ``value`` (a string)."""

    type = Boolean()
    inherit_cache = True
    name = "json_list_has"


@compiles(json_list_has, "sqlite")
def _json_list_has_sqlite(element: json_list_has, compiler: Any, **kw: Any) -> str:
    column, value = list(element.clauses)
    return (f"EXISTS (SELECT 1 FROM json_each({compiler.process(column, **kw)}) "
            f"WHERE json_each.value = {compiler.process(value, **kw)})")


@compiles(json_list_has, "postgresql")
def _json_list_has_pg(element: json_list_has, compiler: Any, **kw: Any) -> str:
    column, value = list(element.clauses)
    return (f"(CAST({compiler.process(column, **kw)} AS jsonb) @> "
            f"jsonb_build_array(CAST({compiler.process(value, **kw)} AS text)))")


class plus_days(FunctionElement[Any]):  # noqa: N801
    """``plus_days(datetime_column, n)``: the datetime n days later (n a literal integer)."""

    type = DateTime()
    inherit_cache = True
    name = "plus_days"


@compiles(plus_days, "sqlite")
def _plus_days_sqlite(element: plus_days, compiler: Any, **kw: Any) -> str:
    column, days = list(element.clauses)
    return f"datetime({compiler.process(column, **kw)}, printf('%+d days', {compiler.process(days, **kw)}))"


@compiles(plus_days, "postgresql")
def _plus_days_pg(element: plus_days, compiler: Any, **kw: Any) -> str:
    column, days = list(element.clauses)
    return f"({compiler.process(column, **kw)} + make_interval(days => {compiler.process(days, **kw)}))"


class likely(FunctionElement[bool]):  # noqa: N801
    """SQLite's ``likely(x)`` planner hint (keeps it off an index for a condition true of most rows); plain x
    elsewhere."""

    type = Boolean()
    inherit_cache = True
    name = "likely"


@compiles(likely, "sqlite")
def _likely_sqlite(element: likely, compiler: Any, **kw: Any) -> str:
    return f"likely({compiler.process(list(element.clauses)[0], **kw)})"


@compiles(likely)
def _likely_default(element: likely, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(list(element.clauses)[0], **kw))


def is_postgresql(bind: Any) -> bool:
    return bool(getattr(getattr(bind, "dialect", None), "name", "") == "postgresql")



class per_dialect(ColumnElement[Any]):  # noqa: N801
    """One condition written differently per engine: ``per_dialect(sqlite=…, postgresql=…)`` compiles to the
    variant of the engine that runs the statement."""

    inherit_cache = False

    def __init__(self, type_: Any = None, **variants: Any) -> None:
        self.variants = variants
        self.type = type_ if type_ is not None else Boolean()


@compiles(per_dialect)
def _per_dialect(element: per_dialect, compiler: Any, **kw: Any) -> str:
    variant = element.variants.get(compiler.dialect.name, element.variants.get("sqlite"))
    return str(compiler.process(variant, **kw))


def json_elements(column: Any, bind: Any) -> Any:
    """The values of a JSON list column as a table-valued function with one column, ``value`` (for joins)."""
    from sqlalchemy import func

    if is_postgresql(bind):
        return func.json_array_elements_text(column).table_valued("value")
    return func.json_each(column).table_valued("value")


def _sqlite_like(value: Any) -> Any:
    import datetime as dt
    import json

    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def fast_rows(bind: Any, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of plain driver SQL (``?`` placeholders) over a Session, Connection or Engine, without SQLAlchemy's
    per-row type processing, for reads of 100k rows. Values come back as SQLite stores them on both engines:
    dates and datetimes as ISO text, JSON as text."""
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    if isinstance(bind, Engine):
        with bind.connect() as con:
            return fast_rows(con, sql, params)
    con = bind.connection() if isinstance(bind, Session) else bind
    raw: Any = con.connection.driver_connection
    if con.dialect.name != "postgresql":
        return list(raw.execute(sql, params).fetchall())
    with raw.cursor() as cur:
        cur.execute(sql.replace("%", "%%").replace("?", "%s"), params)
        return [tuple(_sqlite_like(v) for v in row) for row in cur.fetchall()]


def contact_list_values(session: Any, field: str, *, with_partner: bool = False) -> list[tuple[Any, ...]]:
    """``(contact id, display name, value)`` for each entry of a contact's JSON list ``emails`` or ``phones``
    (entries are ``{"value": …}``), read in SQL: decoding 100k JSON lists in Python would dominate an import.
    ``with_partner`` adds the partner's country and time zone and the contact's locale and time zone."""
    if field not in ("emails", "phones"):
        raise ValueError(field)
    extra = ", p.country, p.time_zone, c.locale, c.time_zone" if with_partner else ""
    join = " LEFT JOIN partners p ON p.id = c.partner_id" if with_partner else ""
    if session.get_bind().dialect.name == "postgresql":
        sql = (f"SELECT c.id, c.display_name, e.value ->> 'value'{extra} FROM contacts c "
               f"CROSS JOIN json_array_elements(c.{field}) e{join}")
    else:
        sql = (f"SELECT c.id, c.display_name, json_extract(e.value, '$.value'){extra} FROM contacts c "
               f"JOIN json_each(c.{field}) e{join}")
    return fast_rows(session, sql)


def contact_emails_with_partner(session: Any) -> list[tuple[Any, ...]]:
    """``(contact id, partner id, email)`` for every email of every contact."""
    if session.get_bind().dialect.name == "postgresql":
        sql = ("SELECT c.id, c.partner_id, e.value ->> 'value' FROM contacts c "
               "CROSS JOIN json_array_elements(c.emails) e")
    else:
        sql = "SELECT c.id, c.partner_id, json_extract(e.value, '$.value') FROM contacts c, json_each(c.emails) e"
    return fast_rows(session, sql)


class stored_text(FunctionElement[str]):  # noqa: N801
    """A column's value as the text SQLite stores (datetimes ``YYYY-MM-DD HH:MM:SS[.ffffff]``, JSON as text):
    parsing those ourselves is several times faster than SQLAlchemy's per-value processing on big reads."""

    type = String()
    inherit_cache = True
    name = "stored_text"


@compiles(stored_text, "sqlite")
def _stored_text_sqlite(element: stored_text, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(list(element.clauses)[0], **kw))


@compiles(stored_text, "postgresql")
def _stored_text_pg(element: stored_text, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(list(element.clauses)[0], **kw)} AS text)"


def bulk_insert_ids(con: Any, table: Any, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> list[int]:
    """INSERT many rows and return their new ids in the rows' order.

    SQLite: one DB-API executemany, each value converted by its column type's own bind processor (the forms the
    ORM writes) without SQLAlchemy's per-row parameter handling; the transaction holds SQLite's write lock, so the
    rows got the next ids, in order. PostgreSQL: INSERT … RETURNING in parameter order (other clients may take ids
    from the same sequence meanwhile)."""
    from sqlalchemy import insert, select

    if not rows:
        return []
    if con.dialect.name == "postgresql":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [int(i) for i in con.execute(statement, [{c: r[c] for c in columns} for r in rows]).scalars()]
    processors = [table.c[name].type.bind_processor(con.dialect) for name in columns]
    data = [tuple(values[name] if convert is None else convert(values[name])
                  for name, convert in zip(columns, processors, strict=True)) for values in rows]
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' for _c in columns)})"
    con.exec_driver_sql(sql, data)
    return sorted(con.execute(select(table.c.id).order_by(table.c.id.desc()).limit(len(rows))).scalars())


def contact_list_rows(bind: Any, ids: Any = None) -> list[tuple[Any, ...]]:
    """The rows of the contact list, ordered by name: (id, display name, partner id, partner name, role,
    organisation, first email, first phone, tags as JSON text, advisory board, time zone, partner's time zone,
    has a photo, the search index's normalised document or None). For ui/contacts/model.py (one query,
    without Qt, any thread)."""
    from partnerdesk.store.search import KINDS, TABLE

    pg = _dialect_name(bind) == "postgresql"
    first_email = "c.emails -> 0 ->> 'value'" if pg else "json_extract(c.emails, '$[0].value')"
    first_phone = "c.phones -> 0 ->> 'value'" if pg else "json_extract(c.phones, '$[0].value')"
    sql = (f"SELECT c.id, c.display_name, c.partner_id, p.name, c.role, c.organization, {first_email}, "
           f"{first_phone}, c.tags, c.advisory_board, c.time_zone, p.time_zone, c.photo IS NOT NULL, f.body "
           "FROM contacts c LEFT JOIN partners p ON p.id = c.partner_id "
           f"LEFT JOIN {TABLE} f ON f.rowid = c.id * {len(KINDS)} + {KINDS.index('contact')} ")
    if ids is not None:
        sql += "WHERE c.id IN (" + ",".join(str(int(i)) for i in ids) + ") "
    return fast_rows(bind, sql + "ORDER BY c.display_name")


def _dialect_name(bind: Any) -> str:
    from sqlalchemy.orm import Session

    if isinstance(bind, Session):
        bind = bind.get_bind()
    return str(bind.dialect.name)
