"""Screenshots of PartnerDesk, for the README and for reading every screen in every language.

    xvfb-run -a python tools/screenshots.py            # docs/screenshots/main-en.png and main-ar.png (README)
    python tools/screenshots.py --tour [LANG …]        # `make screenshots`: every view and main dialog in every
                                                       # language at 1440×900, into out/screenshots/<lang>/

Uses the demo workspace (partnerdesk.services.demo) in a temporary folder and isolated settings. The tour opens
each menu command that leads to a dialog ("…" at the end of its text), grabs the dialog and cancels it, so it
changes nothing; file pickers and the workspace commands are skipped.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TOUR_DIR = ROOT / "out" / "screenshots"
TOUR_LANGS = ("en", "pt", "pt_PT", "ja", "it", "el", "ar")
# Commands whose dialog is a file picker or that replace the open workspace: not part of the tour.
SKIPPED_ACTIONS = {"new_workspace", "open_workspace", "back_up"}


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.replace("&", "").lower()).strip("-") or "dialog"


def _menu_commands(window: Any) -> list[tuple[str, Any]]:
    """(English-ish name, QAction) of every menu command that opens a dialog."""
    from PySide6.QtWidgets import QMenu

    skipped = {id(getattr(window.actions_, name, None)) for name in SKIPPED_ACTIONS}
    names = {id(value): name for name, value in vars(window.actions_).items()}
    found: list[tuple[str, Any]] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif (action.text().endswith(("…", "...")) or id(action) == id(window.actions_.about)) \
                    and action.isEnabled() and id(action) not in skipped:
                found.append((action.objectName() or names.get(id(action), "dialog"), action))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return found


def _view_commands(view: Any) -> list[tuple[str, Any]]:
    """The view's own commands that open a dialog (toolbar buttons and context actions ending in "…")."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton

    from partnerdesk.l10n import _

    # Printing opens the platform's print dialog, which the offscreen platform cannot show.
    printing = {_("Print…"), _("Print preview…")}

    def wanted(item: Any) -> bool:
        text = item.text()
        return text.endswith(("…", "...")) and item.isEnabled() and text not in printing

    actions = [a for a in view.findChildren(QAction) if wanted(a)]
    buttons = [b for b in view.findChildren(QAbstractButton) if wanted(b) and b.isVisible()]
    return [(a.objectName() or f"command-{i}", _Clicker(a)) for i, a in enumerate([*actions, *buttons])]


class _Clicker:
    """A QAction or a button, triggered alike."""

    def __init__(self, target: Any) -> None:
        self.target = target

    def trigger(self) -> None:
        if hasattr(self.target, "click"):
            self.target.click()
        else:
            self.target.trigger()


def _grab_dialog(action: Any, path: Path) -> bool:
    """Trigger ``action``, grab the dialog it opens (modal or not), then cancel it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    grabbed: list[bool] = []

    def capture() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            fresh = [w for w in QApplication.topLevelWidgets()
                     if w.isVisible() and isinstance(w, QDialog) and id(w) not in before]
            dialog = fresh[-1] if fresh else None
        if dialog is None:
            return
        if not isinstance(dialog, QFileDialog):
            dialog.grab().save(str(path))
            grabbed.append(True)
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()

    QTimer.singleShot(700, capture)
    action.trigger()
    _wait(900)
    return bool(grabbed)


def tour(db: Path, langs: list[str]) -> None:
    from partnerdesk.ui.app import build_main_window
    from partnerdesk.ui.views_registry import VIEWS

    for lang in langs:
        folder = TOUR_DIR / lang
        folder.mkdir(parents=True, exist_ok=True)
        window = build_main_window(db, lang)
        window.resize(1440, 900)
        window.show()
        window.start()
        _wait(800)
        for index, (key, *_rest) in enumerate(VIEWS):
            window.show_view(index)
            _wait(500)
            window.grab().save(str(folder / f"{index + 1}0-view-{key}.png"))
            for number, (name, action) in enumerate(_view_commands(window.current_view()), start=1):
                _grab_dialog(action, folder / f"{index + 1}{number:01d}-{key}-dialog-{_slug(name)}.png")
        window.show_view(0)
        for number, (name, action) in enumerate(_menu_commands(window), start=1):
            _grab_dialog(action, folder / f"9{number:02d}-dialog-{_slug(name)}.png")
        print(f"{lang}: {len(list(folder.glob('*.png')))} screenshots in {folder}")
        window.close()
        window.context.workspace.close()
        window.context.workspace = None


def readme_shots(db: Path, langs: list[str]) -> None:
    from partnerdesk.ui.app import build_main_window

    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        window = build_main_window(db, lang)
        window.resize(1280, 800)
        window.show()
        window.start()
        window.show_view(0)
        _wait(600)  # let the data arrive and paint
        window.grab().save(str(out / f"main-{lang}.png"))
        print(out / f"main-{lang}.png")
        window.close()
        window.context.workspace.close()
        window.context.workspace = None


def main() -> int:
    args = sys.argv[1:]
    tour_mode = "--tour" in args
    langs = [a for a in args if not a.startswith("--")]
    tmp = Path(tempfile.mkdtemp(prefix="pd-shots-"))
    os.environ.update(HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "cfg"), PARTNERDESK_DATA_DIR=str(tmp / "data"))
    if tour_mode:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.workspace import open_workspace
    from partnerdesk.ui.app import create_application

    db = tmp / "Demo.pdk"
    with open_workspace(db) as ws:
        populate_demo(ws, today=None, seed=7)
    create_application()  # kept alive by Qt until exit
    if tour_mode:
        tour(db, langs or list(TOUR_LANGS))
    else:
        readme_shots(db, langs or ["en", "ar"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
