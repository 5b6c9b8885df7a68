"""Global full-text search over partners, contacts, work items and events.

One FTS5 table (trigram tokenizer) holds a normalised copy of each record's searchable text: NFD, combining
marks dropped, casefolded — so "acao" finds "Ação" and "καλημερα" finds "Καλημέρα" (FTS5's own diacritic folding
misses the Greek tonos). Trigram finds substrings in any script (日本語 inside a sentence); queries of one or two
characters cannot use trigrams and fall back to a substring scan of the same normalised text.

On PostgreSQL (team workspaces) the same documents go into an ordinary table of the same name and columns, with a
GIN trigram index (pg_trgm) over the normalised body: a word of three or more characters is a ``LIKE '%word%'``
the index answers, shorter ones the same substring scan. Both engines return candidates in rowid order and rank
them here, so they give the same results.

The index stays in sync through a session ``after_flush`` hook, so every service that writes these models
keeps it current without knowing about search.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, load_only

from partnerdesk.store.models import Contact, Event, Partner, WorkItem

TABLE = "search_fts"
KINDS: tuple[str, ...] = ("partner", "contact", "work_item", "event")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
_MODELS: dict[type[Any], str] = {Partner: "partner", Contact: "contact", WorkItem: "work_item", Event: "event"}

CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "title UNINDEXED, subtitle UNINDEXED, partner_id UNINDEXED, body, tokenize='trigram')"
)


# Combining marks that only accent a letter: Latin/Greek diacritics (tonos, dialytika, cedilla…), Arabic harakat.
# Japanese voicing marks (U+3099/U+309A) are NOT dropped: が and か are different sounds.
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff]")


def normalize(value: str) -> str:
    """Accent- and case-insensitive form used both for indexing and for queries (NFD, marks dropped,
    casefolded, recomposed)."""
    if value.isascii():
        return value.lower()
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", value))
    return unicodedata.normalize("NFC", stripped.casefold())


def rowid_for(kind: str, ref_id: int) -> int:
    return ref_id * len(KINDS) + _KIND_CODE[kind]


def split_rowid(rowid: int) -> tuple[str, int]:
    return KINDS[rowid % len(KINDS)], rowid // len(KINDS)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: int
    title: str
    subtitle: str
    partner_id: int | None


def _values(values: Iterable[dict[str, Any]] | None) -> list[str]:
    return [str(v.get("value", "")) for v in values or [] if isinstance(v, dict)]


_CONTACT_KEYS = ("display_name", "given_name", "family_name", "organization", "role", "emails", "phones", "tags",
                 "notes", "partner_id")


def contact_document(values: dict[str, Any]) -> tuple[str, str, int | None, str]:
    """The search document of a contact given as column values (used for rows inserted without the ORM)."""
    emails, phones = _values(values.get("emails")), _values(values.get("phones"))
    role, org = values.get("role") or "", values.get("organization") or ""
    parts = [values["display_name"], values.get("given_name") or "", values.get("family_name") or "", org, role,
             *emails, *phones, *[p.replace(" ", "") for p in phones], " ".join(values.get("tags") or []),
             values.get("notes") or ""]
    subtitle = " · ".join(x for x in (role, org, emails[0] if emails else "") if x)
    return values["display_name"], subtitle, values.get("partner_id"), " ".join(parts)


def index_contact_rows(con: Connection, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Index contacts written with a Core bulk insert (the session's flush hook does not see those)."""
    _write_many(con, [("contact", cid, contact_document(values)) for cid, values in rows])


def document_for(obj: Any) -> tuple[str, str, int | None, str] | None:
    """(title, subtitle, partner_id, searchable text) of a model instance."""
    if isinstance(obj, Partner):
        parts = [obj.name, obj.website or "", obj.country or "", obj.notes or "", " ".join(obj.tags or [])]
        return obj.name, obj.website or "", obj.id, " ".join(parts)
    if isinstance(obj, Contact):
        return contact_document({k: getattr(obj, k) for k in _CONTACT_KEYS})
    if isinstance(obj, WorkItem):
        if obj.deleted_at is not None:
            return None
        return obj.title, "", obj.partner_id, " ".join([obj.title, obj.description or "",
                                                        " ".join(obj.tags or [])])
    if isinstance(obj, Event):
        return obj.title, obj.location or "", obj.partner_id, " ".join([obj.title, obj.description or "",
                                                                        obj.location or ""])
    return None


_DELETE = text(f"DELETE FROM {TABLE} WHERE rowid = :r")
_INSERT = text(f"INSERT INTO {TABLE}(rowid, title, subtitle, partner_id, body) VALUES (:r, :t, :s, :p, :b)")


def _write_many(con: Connection, docs: list[tuple[str, int, tuple[str, str, int | None, str] | None]]) -> None:
    """Replace the documents of (kind, id) pairs in two executemany statements."""
    if not docs:
        return
    con.execute(_DELETE, [{"r": rowid_for(kind, ref_id)} for kind, ref_id, _doc in docs])
    rows = [{"r": rowid_for(kind, ref_id), "t": doc[0], "s": doc[1], "p": doc[2], "b": normalize(doc[3])}
            for kind, ref_id, doc in docs if doc is not None]
    if rows:
        con.execute(_INSERT, rows)


def index_objects(con: Connection, objects: Iterable[Any], deleted: Iterable[Any] = ()) -> None:
    docs: list[tuple[str, int, tuple[str, str, int | None, str] | None]] = []
    for obj in objects:
        kind = _MODELS.get(type(obj))
        if kind is not None and obj.id is not None:
            docs.append((kind, obj.id, document_for(obj)))
    for obj in deleted:
        kind = _MODELS.get(type(obj))
        if kind is not None and obj.id is not None:
            docs.append((kind, obj.id, None))
    _write_many(con, docs)


def _after_flush(session: Session, _ctx: Any) -> None:
    touched = [o for o in (*session.new, *session.dirty) if type(o) in _MODELS]
    gone = [o for o in session.deleted if type(o) in _MODELS]
    if touched or gone:
        index_objects(session.connection(), touched, gone)


def install_hooks() -> None:
    """Keep the index in sync for every ORM session (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


install_hooks()


PG_CREATE_SQL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE TABLE IF NOT EXISTS {TABLE} (rowid bigint PRIMARY KEY, title text NOT NULL, subtitle text, "
    "partner_id integer, body text NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_body_trgm ON {TABLE} USING gin (body gin_trgm_ops)",
)


def _is_pg(con: Connection | Session) -> bool:
    bind = con.get_bind() if isinstance(con, Session) else con
    return bool(bind.dialect.name == "postgresql")


def create_index(con: Connection) -> None:
    if _is_pg(con):
        for statement in PG_CREATE_SQL:
            con.exec_driver_sql(statement)
    else:
        con.exec_driver_sql(CREATE_SQL)


def _like_pattern(token: str) -> str:
    return "%" + token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def token_conditions(tokens: list[str], postgresql: bool, prefix: str = "t") -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on the index table for words that must all occur (already normalised): the engine's
    trigram index for words of three or more characters, a substring scan for shorter ones."""
    where: list[str] = []
    params: dict[str, Any] = {}
    long_words = [t for t in tokens if len(t) >= 3]
    short_words = [t for t in tokens if len(t) < 3]
    if long_words and postgresql:
        for i, word in enumerate(long_words):
            where.append(f"body LIKE :{prefix}l{i}")
            params[f"{prefix}l{i}"] = _like_pattern(word)
    elif long_words:
        where.append(f"{TABLE} MATCH :{prefix}match")
        params[f"{prefix}match"] = " ".join(_fts_phrase(t) for t in long_words)
    for i, word in enumerate(short_words):
        where.append(f"strpos(body, :{prefix}s{i}) > 0" if postgresql else f"instr(body, :{prefix}s{i}) > 0")
        params[f"{prefix}s{i}"] = word
    return where, params


def matching_ids(kind: str, tokens: list[str], postgresql: bool, prefix: str = "t") -> tuple[str, dict[str, Any]]:
    """``SELECT id`` of the records of ``kind`` whose text holds every token (for ``id IN (…)``)."""
    where, params = token_conditions(tokens, postgresql, prefix)
    where.append(f"rowid % {len(KINDS)} = {_KIND_CODE[kind]}")
    return f"SELECT rowid / {len(KINDS)} AS id FROM {TABLE} WHERE {' AND '.join(where)}", params


def rebuild_index(con: Connection) -> int:
    """Re-index everything (migration, repair). Returns the number of documents."""
    con.exec_driver_sql(f"DELETE FROM {TABLE}")
    session = Session(bind=con)
    count = 0
    try:
        for model, kind in _MODELS.items():
            # Load only the columns the file has: a migration run later may add columns the models already know.
            present = {c["name"] for c in sa_inspect(con).get_columns(model.__tablename__)}
            columns = [a for a in sa_inspect(model).column_attrs if a.columns[0].name in present]
            query = select(model).options(load_only(*columns))
            docs = [(kind, obj.id, document_for(obj)) for obj in session.scalars(query)]
            _write_many(con, docs)
            count += len(docs)
    finally:
        session.close()
    return count


def _fts_phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def search(con: Connection | Session, query: str, *, kinds: Iterable[str] | None = None,
           partner_id: int | None = None, limit: int = 50) -> list[SearchHit]:
    """Records whose text contains every word of ``query`` (accent-, case-insensitive substrings)."""
    tokens = [t for t in normalize(query).split() if t]
    if not tokens:
        return []
    postgresql = _is_pg(con)
    where, params = token_conditions(tokens, postgresql)
    kind_codes = [_KIND_CODE[k] for k in kinds] if kinds is not None else None
    if kind_codes is not None:
        where.append(f"(rowid % {len(KINDS)}) IN ({', '.join(str(c) for c in kind_codes)})")
    if partner_id is not None:
        where.append("partner_id = :pid")
        params["pid"] = partner_id
    # No ORDER BY: ranking every match of a common trigram over 100k rows costs more than a keystroke may.
    # Take a bounded window in index order and rank it here: title starts with the query, then shorter titles.
    # FTS5 yields its matches in rowid order; PostgreSQL is asked for the same order, so both see the same window.
    params["limit"] = max(limit * 4, 100)
    order = " ORDER BY rowid" if postgresql else ""
    sql = f"SELECT rowid, title, subtitle, partner_id FROM {TABLE} WHERE {' AND '.join(where)}{order} LIMIT :limit"
    rows = con.execute(text(sql), params).all()
    first = tokens[0]
    hits = []
    for rowid, title, subtitle, pid in rows:
        kind, ref_id = split_rowid(rowid)
        hits.append(SearchHit(kind, ref_id, title, subtitle or "", int(pid) if pid is not None else None))
    hits.sort(key=lambda h: (not normalize(h.title).startswith(first), h.kind != "partner", len(h.title)))
    return hits[:limit]
