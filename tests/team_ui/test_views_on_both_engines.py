"""The UI smoke suite on both engines (issue 18): the same demo workspace, once a file and once a PostgreSQL
database, opened in the real main window; every view opens and shows the same records."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from tests.conftest import DEMO_TODAY

ROW_LIMIT = 400


def view_texts(view: Any) -> list[str]:
    """Every displayed text of the view's item views (sorted: engines may order ties differently)."""
    texts: list[str] = []
    for item_view in view.findChildren(QAbstractItemView):
        model = item_view.model()
        if model is None:
            continue
        try:
            columns = max(1, model.columnCount(QModelIndex()))
        except TypeError:  # a list model: one column (its columnCount is private)
            columns = 1
        for row in range(min(model.rowCount(QModelIndex()), ROW_LIMIT)):
            for column in range(columns):
                value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str) and value:
                    texts.append(value)
    return sorted(re.sub("[0-9]", "#", t) for t in texts)  # the clock may tick between the two windows


def populate(target: Path | str) -> tuple[str, int]:
    from sqlalchemy import select

    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.models import TeamMember
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(target) as ws:
        populate_demo(ws, today=DEMO_TODAY, seed=7)
        with ws.session() as s:
            me = s.scalar(select(TeamMember.id).where(TeamMember.is_me.is_(True)))
        assert me is not None
        return ws.key, me


def snapshot(make_window: Any, qtbot: Any, target: Path | str) -> dict[str, list[str]]:
    from partnerdesk.ui.views_registry import VIEWS

    window = make_window(target)
    qtbot.waitUntil(lambda: window.context.workspace is not None, timeout=30_000)
    shots = {}
    for index, (key, *_rest) in enumerate(VIEWS):
        window.show_view(index)
        QApplication.processEvents()
        view = window.current_view()
        assert view is not None and view.isVisible(), key
        shots[key] = view_texts(view)
    window.close()
    return shots


def test_every_view_shows_the_same_records_on_sqlite_and_postgresql(make_window: Any, qtbot: Any, tmp_path: Path,
                                                                    pg_database: str) -> None:
    from partnerdesk.store.server import url_password
    from partnerdesk.ui.team.identity import remember_member
    from partnerdesk.ui.team.passwords import store_password

    file_target = tmp_path / "demo.pdk"
    populate(file_target)
    key, me = populate(pg_database)
    remember_member(QSettings(), key, me)  # who I am on the team workspace: no question at opening
    password = url_password(pg_database)
    assert password and store_password(key, password)  # (the tests' in-memory keyring)

    on_file = snapshot(make_window, qtbot, file_target)
    on_server = snapshot(make_window, qtbot, key)  # the address as the recent list keeps it: no password

    assert sum(len(texts) for texts in on_file.values()) > 200  # the demo's records are on screen
    for key in on_file:
        assert on_server[key] == on_file[key], f"the {key} view differs between SQLite and PostgreSQL"
