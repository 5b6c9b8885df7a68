"""Search gives the same results on both engines (issue 18): FTS5 trigram on SQLite, pg_trgm on PostgreSQL, over the
same normalised text, with the same fallback for one- and two-character words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from partnerdesk.services.contacts import ContactService
from partnerdesk.services.demo import populate_demo
from partnerdesk.store.search import search
from partnerdesk.store.workspace import Workspace, open_workspace

QUERIES = [
    # Portuguese, Italian (accents either way), Greek (tonos, capitals), Japanese, Arabic (harakat), short words
    "conceicao", "CONCEIÇÃO", "ação", "nicco", "città", "καλημερα", "ΕΛΛΑΣ", "ΉΛΙ", "ηλ", "日本", "商", "日本語 商事",
    "المنصور", "محمد", "sofia@", "a", "ma", "de", "ou", "partner", "launch", "review", "catalogo", "100%",
    "o_o", "x", "studio ventura", "zzz-nothing",
]
NAMES = ("Conceição Ferreira", "Niccolò Bianchi", "Καλημέρα Ελλάς", "日本語 商事", "أحمد المنصور", "Ήλιος",
         "مُحَمَّد", "Città Moda", "Ação Rápida 100% o_o")


def _corpus(ws: Workspace) -> None:
    populate_demo(ws, today=dt.date(2026, 3, 2), seed=7)
    svc = ContactService(ws)
    for name in NAMES:
        svc.create(display_name=name, notes=f"notas sobre {name}")
    svc.create(display_name="Sofia", emails=["sofia@example.gr"])


def results(ws: Workspace, queries: list[str] = QUERIES) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with ws.session() as s:
        for query in queries:
            out[query] = [(h.kind, h.id, h.title, h.subtitle, h.partner_id) for h in search(s, query)]
            out[query + " [contacts of partner 1]"] = [
                (h.kind, h.id) for h in search(s, query, kinds=["contact"], partner_id=1)]
    return out


def test_both_engines_find_the_same_records(tmp_path: Path, pg_database: str) -> None:
    with open_workspace(tmp_path / "corpus.pdk") as lite, open_workspace(pg_database) as pg:
        _corpus(lite)
        _corpus(pg)
        on_sqlite, on_pg = results(lite), results(pg)
    assert on_sqlite["conceicao"] and on_sqlite["日本"] and on_sqlite["ηλ"] and on_sqlite["المنصور"]
    assert on_sqlite["ma"] and not on_sqlite["zzz-nothing"]
    for query in on_sqlite:
        assert on_pg[query] == on_sqlite[query], query


@pytest.mark.parametrize("query", ["日本", "ηλ", "100%", "o_o"])
def test_like_wildcards_and_short_words_are_plain_text(pg_database: str, query: str) -> None:
    with open_workspace(pg_database) as pg:
        svc = ContactService(pg)
        for name in ("1000 Lojas", "ooo", *NAMES):
            svc.create(display_name=name)
        with pg.session() as s:
            titles = [h.title for h in search(s, query)]
    assert titles and all(query.casefold() in t.casefold().replace("ή", "η") for t in titles), titles


def test_both_engines_rank_the_same_window_when_many_match(tmp_path: Path, pg_database: str) -> None:
    """More matches than the window a keystroke reads: both engines take the same rows (rowid order)."""
    from partnerdesk.interop.records import ContactRecord

    records = [ContactRecord(display_name=f"{'Ação ' if i % 3 else ''}Contato {i:03d} ação", notes="ação")
               for i in range(300)]
    found = []
    for target in (tmp_path / "many.pdk", pg_database):
        with open_workspace(target) as ws:
            svc = ContactService(ws)
            svc.apply_import(svc.plan_import(records, []))
            with ws.session() as s:
                found.append([(h.id, h.title) for q in ("acao", "ac", "contato 2") for h in search(s, q, limit=10)])
    assert len(found[0]) == 30 and found[0] == found[1]
