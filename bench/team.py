"""Team mode (issue 18) on 50,000 cards: the same service calls on a SQLite file and on PostgreSQL over loopback.

Run: python bench/team.py [--pg postgresql://user:pw@127.0.0.1:5432/postgres]
     (without --pg: PARTNERDESK_TEST_PG_URL, else a throwaway cluster from tools/pgcluster.py)
Prints a table (PostgreSQL beside SQLite); the last line is JSON.
Goals (issue 18), on PostgreSQL: board open < 300 ms, move < 60 ms, change visible in a second client < 2 s,
search p95 < 50 ms. "Board open" is what the board asks the services for on an empty filter (cards per column and
the first page of each column); "visible in a second client" polls from a second connection after the commit
(the live path adds LISTEN/NOTIFY's delivery, a few ms on loopback).
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import argparse
import datetime as dt
import importlib.util
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.services.board_query import BoardFilter, BoardQuery
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import Partner, TeamMember, WorkItem, WorkStatus
from partnerdesk.store.search import rebuild_index, search
from partnerdesk.store.workspace import Workspace, open_workspace

N_ITEMS, N_PARTNERS = 50_000, 40
WORDS = ["Invoice reconciliation", "Catalogue feed sync", "Photo shoot samples", "Renew contract terms",
         "Monthly KPI report", "Traduzir descrições", "Ερωτηματολόγιο ασφαλείας", "ホリデーキャンペーン"]
QUERIES = ["invoice", "catalogue feed", "descricoes", "ερωτηματολογιο", "キャンペーン", "report", "#123", "ky",
           "sync", "renew terms", "shoot", "ασφαλ", "monthly", "photo", "#4999", "contract"]
GOALS = {"board_open_ms": 300, "move_ms": 60, "second_client_ms": 2000, "search_p95_ms": 50}


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def populate(ws: Workspace) -> None:
    rnd = random.Random(3)
    now = dt.datetime.now(dt.UTC)
    with ws.transaction() as s:
        s.add(TeamMember(name="Ana Reis", is_me=True))
        members = [TeamMember(name=f"Member {i}") for i in range(8)]
        partners = [Partner(name=f"Partner {i:02d}", kind=PartnerKind.AGENCY) for i in range(N_PARTNERS)]
        s.add_all(members + partners)
        s.flush()
        statuses = list(s.scalars(select(WorkStatus.id).order_by(WorkStatus.position)))
        rows = [{"title": f"{rnd.choice(WORDS)} #{i}", "description": "", "status_id": statuses[i % len(statuses)],
                 "partner_id": partners[i % N_PARTNERS].id, "responsible_member_id": members[i % 8].id,
                 "priority": rnd.choice(["low", "normal", "high", "urgent"]),
                 "due_at": now + dt.timedelta(days=rnd.randint(-20, 40)) if i % 3 else None,
                 "due_has_time": False, "tags": [rnd.choice(["billing", "content", "launch"])],
                 "position": float(i), "status_changed_at": now, "archived": False, "created_at": now,
                 "updated_at": now} for i in range(N_ITEMS)]
        for start in range(0, len(rows), 5000):
            s.execute(insert(WorkItem), rows[start:start + 5000])
    with ws.engine.begin() as con:  # bulk inserts bypass the ORM hook that keeps the search index current
        rebuild_index(con)


def measure(target: Path | str) -> dict[str, float]:
    with open_workspace(target) as ws:
        t = time.perf_counter()
        populate(ws)
        fill = time.perf_counter() - t
        if ws.engine.dialect.name == "postgresql":
            with ws.engine.begin() as con:
                con.exec_driver_sql("ANALYZE")
        board = BoardQuery(ws)
        flt = BoardFilter()
        statuses = [sid for sid, _name in board.statuses()]
        opens = []
        for _ in range(5):
            t = time.perf_counter()
            board.counts(flt)
            for sid in statuses:
                board.page(flt, sid)
            opens.append(time.perf_counter() - t)
        cards = WorkItemService(ws)
        ids = [key[1] for key in board.page(flt, statuses[0], limit=40)]
        moves, seen = [], []
        with open_workspace(target, lock=False) if ws.is_server else _same(ws) as other:
            for i, wid in enumerate(ids[:20]):
                destination = statuses[1 + i % (len(statuses) - 1)]
                t = time.perf_counter()
                cards.move([wid], destination)
                moves.append(time.perf_counter() - t)
                with other.engine.connect() as con:
                    while con.execute(select(WorkItem.status_id).where(WorkItem.id == wid)).scalar() != destination:
                        con.rollback()
                seen.append(time.perf_counter() - t)
        timings = []
        with ws.session() as s:
            for _ in range(3):
                for query in QUERIES:
                    t = time.perf_counter()
                    search(s, query)
                    timings.append(time.perf_counter() - t)
        timings.sort()
        return {"fill_s": round(fill, 1), "board_open_ms": ms(statistics.median(opens)),
                "move_ms": ms(statistics.median(moves)), "second_client_ms": ms(max(seen)),
                "search_p95_ms": ms(timings[int(len(timings) * 0.95) - 1])}


class _same:  # noqa: N801 - a context manager that hands back the workspace itself (SQLite: one process)
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def __enter__(self) -> Workspace:
        return self.ws

    def __exit__(self, *exc: object) -> None:
        pass


def server_url(given: str | None) -> tuple[str, Any]:
    url = given or os.environ.get("PARTNERDESK_TEST_PG_URL")
    if url:
        return url, None
    spec = importlib.util.spec_from_file_location("pgcluster", Path(__file__).parent.parent / "tools" / "pgcluster.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["pgcluster"] = module
    spec.loader.exec_module(module)
    cluster = module.start(Path(tempfile.mkdtemp(prefix="pdbench-")) / "cluster")
    return cluster.url, cluster


def main() -> int:
    import psycopg

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="superuser URL of a PostgreSQL server (a database is created and dropped)")
    args = parser.parse_args()
    url, cluster = server_url(args.pg)
    name = f"pdbench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        with tempfile.TemporaryDirectory() as tmp:
            lite = measure(Path(tmp) / "bench.pdk")
        pg = measure(url.rsplit("/", 1)[0] + "/" + name)
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if cluster is not None:
            cluster.stop()
    print(f"{'metric':<18} {'PostgreSQL':>11} {'SQLite':>9} {'goal':>7}")
    for key in ("fill_s", *GOALS):
        goal = GOALS.get(key)
        mark = "" if goal is None else (" ok" if pg[key] <= goal else " SLOW")
        print(f"{key:<18} {pg[key]:>11} {lite[key]:>9} {goal if goal else '':>7}{mark}")
    print(json.dumps({**{f"pg_{k}": v for k, v in pg.items()}, **{f"sqlite_{k}": v for k, v in lite.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
