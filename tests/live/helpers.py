"""Helpers of the live-update tests: waiting for a condition, and a PostgreSQL cluster of a test's own (to
restart it without disturbing the session's shared server)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def wait_until(condition: Callable[[], object], timeout: float = 5.0, step: float = 0.02) -> float:
    """Seconds until ``condition()`` held; raises AssertionError after ``timeout``."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(step)
    return time.monotonic() - start


def pgcluster() -> Any:
    if "pgcluster" in sys.modules:
        return sys.modules["pgcluster"]
    spec = importlib.util.spec_from_file_location("pgcluster", TOOLS / "pgcluster.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["pgcluster"] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def restart(cluster: Any) -> None:
    """Restart a cluster started by tools/pgcluster.py (same port and options), waiting until it accepts
    connections again: every connection to it is dropped."""
    module = pgcluster()
    bindir = module.server_bin_dir()
    subprocess.run(cluster._cmd(str(bindir / "pg_ctl"), "-D", str(cluster.folder / "data"), "-m", "fast",
                                "-w", "-t", "60", "restart"),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_server(cluster: Any) -> None:
    """Stop the server but keep its data (start it again with :func:`start_server`)."""
    module = pgcluster()
    subprocess.run(cluster._cmd(str(module.server_bin_dir() / "pg_ctl"), "-D", str(cluster.folder / "data"),
                                "-m", "fast", "-w", "stop"),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_server(cluster: Any) -> None:
    module = pgcluster()
    folder = cluster.folder
    options = (f"-c listen_addresses=127.0.0.1 -c port={cluster.port} -c unix_socket_directories={folder / 'sock'} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    subprocess.run(cluster._cmd(str(module.server_bin_dir() / "pg_ctl"), "-D", str(folder / "data"), "-o", options,
                                "-l", str(folder / "server.log"), "-w", "-t", "60", "start"),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def terminate_listeners(url: str) -> int:
    """Kill (pg_terminate_backend) every connection of the database in ``url`` that is LISTENing."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        rows = con.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%%'").fetchall()
    return len(rows)


def terminate_all(url: str) -> int:
    """Kill every other connection of the database in ``url`` (the engine's pool and the listener alike)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        rows = con.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
    return len(rows)
