"""Test isolation: offscreen Qt, temporary settings and data dirs, English unless a test switches."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from partnerdesk import l10n  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("PARTNERDESK_NO_CRASH_DIALOG", "1")
    l10n.set_language("en")
    yield home
    l10n.set_language("en")


# Test folders whose store, services and interop tests run against both engines (issue 18): the `workspace`
# fixture is parametrised [sqlite]/[postgresql] there, for tests that do not drive Qt. Everything else runs on
# SQLite only, so the suite does not double.
BOTH_ENGINES = frozenset({"calendar", "contacts", "core", "ical", "kanban", "payments", "performance", "store", "team",
                          "today", "trust", "packets"})
_QT_FIXTURES = frozenset({"qtbot", "qapp", "demo_window", "window", "main_window"})


def _runs_on_both_engines(metafunc: pytest.Metafunc) -> bool:
    path = Path(str(metafunc.definition.fspath))
    folder = path.parent.name if path.parent.name != "tests" else path.stem
    if folder not in BOTH_ENGINES and path.stem != "test_demo":
        return False
    if _QT_FIXTURES & set(metafunc.fixturenames) or metafunc.definition.get_closest_marker("sqlite_only"):
        return False
    return "PySide6" not in path.read_text(encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test of the SQLite file itself (pragmas, file lock); "
                                       "its `workspace` is never a server database")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "workspace" in metafunc.fixturenames and _runs_on_both_engines(metafunc):
        metafunc.parametrize("workspace", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def workspace(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An empty workspace: a file, or (parametrised [postgresql]) a fresh database on the test server."""
    from partnerdesk.store.workspace import open_workspace

    if getattr(request, "param", "sqlite") == "postgresql":
        ws = open_workspace(request.getfixturevalue("pg_workspace_url"))
    else:
        ws = open_workspace(tmp_path / "test.pdk")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The superuser URL of a PostgreSQL server for Team mode tests (issue 18): the one .ci/run started
    (PARTNERDESK_TEST_PG_URL), else a throwaway cluster started here and removed at the end of the session."""
    url = os.environ.get("PARTNERDESK_TEST_PG_URL")
    if url:
        yield url
        return
    import importlib.util

    spec = importlib.util.spec_from_file_location("pgcluster", Path(__file__).parent.parent / "tools" / "pgcluster.py")
    assert spec and spec.loader
    pgcluster = importlib.util.module_from_spec(spec)
    sys.modules["pgcluster"] = pgcluster  # its dataclass looks its module up there
    spec.loader.exec_module(pgcluster)
    if pgcluster.server_bin_dir() is None:
        pytest.fail("Team mode tests need PostgreSQL's server (Debian package postgresql; `make system-deps`)")
    # Not under pytest's temporary folder: every pytest session that starts resets its root to 0700, and the
    # server runs as another user (as root, `postgres`) that must reach its folder.
    cluster = pgcluster.start(Path(tempfile.mkdtemp(prefix="partnerdesk-pg-")) / "cluster")
    try:
        yield cluster.url
    finally:
        cluster.stop()


@contextmanager
def _scratch_database(pg_server: str, prefix: str = "pd", template: str | None = None) -> Iterator[str]:
    """A new database on the test server (empty, or a copy of ``template``), dropped afterwards: its name."""
    import uuid

    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield name
    finally:
        with psycopg.connect(pg_server, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _database_url(pg_server: str, name: str) -> str:
    return pg_server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def pg_database(pg_server: str) -> Iterator[str]:
    """An empty database on the test server, dropped afterwards: its URL (with the superuser's password)."""
    with _scratch_database(pg_server) as name:
        yield _database_url(pg_server, name)


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[str]:
    """A database migrated to head once per session, the template of each [postgresql] workspace (copying it
    is much faster than running the migrations for every test)."""
    from partnerdesk.store.workspace import open_workspace

    with _scratch_database(pg_server, "pd_template") as name:
        open_workspace(_database_url(pg_server, name)).close()
        yield name


@pytest.fixture
def pg_workspace_url(pg_server: str, pg_template: str) -> Iterator[str]:
    """A fresh PartnerDesk database (a copy of the migrated template), dropped afterwards: its URL."""
    with _scratch_database(pg_server, template=pg_template) as name:
        yield _database_url(pg_server, name)


DEMO_TODAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workspace built once per test session (copy it before writing)."""
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.workspace import open_workspace

    path = tmp_path_factory.mktemp("demo") / "demo.pdk"
    with open_workspace(path) as ws:
        populate_demo(ws, today=DEMO_TODAY, seed=7)
    return path


@pytest.fixture
def demo_window(demo_file: Path, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                isolated_dirs: Path):
    """The real main window over a copy of the demo workspace, not yet started: ``window.start()`` opens it.
    Background jobs are awaited and the workspace closed afterwards."""
    import shutil

    from PySide6.QtCore import QSettings

    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.jobs import wait_for_all

    folder = isolated_dirs / "settings"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    db = tmp_path / "demo.pdk"
    shutil.copy(demo_file, db)
    win = build_main_window(db, "en")
    qtbot.addWidget(win)
    win.show()
    yield win
    wait_for_all(10_000)
    win.set_language("en")
    win.close()
    if win.context.workspace is not None:
        win.context.workspace.close()
        win.context.workspace = None
