"""Screenshots of the main window for the README (run under a display, e.g. `xvfb-run -a`).

    xvfb-run -a python tools/screenshots.py            # docs/screenshots/main-en.png and main-ar.png

Uses the demo workspace (partnerdesk.services.demo) in a temporary folder and isolated settings.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="pd-shots-"))
    os.environ.update(HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "cfg"), PARTNERDESK_DATA_DIR=str(tmp / "data"))
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.workspace import open_workspace
    from partnerdesk.ui.app import build_main_window, create_application

    db = tmp / "Demo.pdk"
    with open_workspace(db) as ws:
        populate_demo(ws, today=None, seed=7)
    create_application()  # kept alive by Qt until exit
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    langs = sys.argv[1:] or ["en", "ar"]
    for lang in langs:
        window = build_main_window(db, lang)
        window.resize(1280, 800)
        window.show()
        window.start()
        window.show_view(0)
        loop = QEventLoop()
        QTimer.singleShot(600, loop.quit)  # let the data arrive and paint
        loop.exec()
        window.grab().save(str(out / f"main-{lang}.png"))
        print(out / f"main-{lang}.png")
        window.close()
        window.context.workspace.close()
        window.context.workspace = None
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
