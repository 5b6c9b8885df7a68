"""Screenshots of the main window for the README, taken through the window like the tour test does.

    python tools/screenshots.py          # every docs/screenshots/*.png (offscreen; a display works too)

Uses the demo workspace (partnerdesk.services.demo) in a temporary folder and isolated settings.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _view(window: Any, key: str) -> Any:
    from partnerdesk.ui.views_registry import VIEWS

    window.show_view([k for k, *_r in VIEWS].index(key))
    _wait(300)
    return window.current_view()


def _save(window: Any, name: str) -> None:
    window.grab().save(str(OUT / name))
    print(OUT / name)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="pd-shots-"))
    os.environ.update(HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "cfg"), PARTNERDESK_DATA_DIR=str(tmp / "data"))
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.workspace import open_workspace
    from partnerdesk.ui.app import build_main_window, create_application

    db = tmp / "Demo.pdk"
    with open_workspace(db) as ws:
        populate_demo(ws, today=None, seed=7)
    create_application()  # kept alive by Qt until exit
    OUT.mkdir(parents=True, exist_ok=True)
    shots: list[tuple[str, tuple[int, int], Any]] = [
        ("en", (1440, 900), lambda w: (_view(w, "kanban"), _save(w, "main-en.png"))),
        ("ar", (1440, 900), lambda w: (_view(w, "kanban"), _save(w, "main-ar.png"))),
        ("en", (1440, 900), _kanban_lanes),
        ("ar", (1440, 900), lambda w: (_kanban_lanes(w, "kanban-ar.png"))),
        ("en", (1440, 900), _calendar_week),
        ("en", (1440, 900), lambda w: (_view(w, "partners"), _save(w, "partners.png"))),
        ("el", (1280, 720), lambda w: (_view(w, "calendar"), _save(w, "laptop-el.png"))),
    ]
    for lang, size, take in shots:
        window = build_main_window(db, lang)
        window.resize(*size)
        window.show()
        window.start()
        _wait(400)
        take(window)
        window.close()
        window.context.workspace.close()
        window.context.workspace = None
    return 0


def _kanban_lanes(window: Any, name: str = "kanban.png") -> None:
    board = _view(window, "kanban")
    board.set_lane_mode("partner")
    _wait(300)
    _save(window, name)
    board.set_lane_mode("none")


def _calendar_week(window: Any) -> None:
    from sqlalchemy import select

    from partnerdesk.store.models import Partner

    calendar = _view(window, "calendar")
    with window.context.ws.session() as s:
        riyadh = s.scalars(select(Partner.id).where(Partner.time_zone == "Asia/Riyadh")).first()
    if riyadh is not None:
        calendar.filters.select_partner(riyadh)
    calendar.set_mode("week")
    _wait(300)
    _save(window, "calendar-week.png")
    calendar.set_mode("month")


if __name__ == "__main__":
    raise SystemExit(main())
