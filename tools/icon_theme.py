"""Rebuild the bundled icon theme (resources/icons/partnerdesk) from the Tabler Icons npm package (MIT).

    npm pack @tabler/icons@3.51.0 && tar xzf tabler-icons-3.51.0.tgz
    python tools/icon_theme.py package/          # writes resources/icons/partnerdesk/

Each freedesktop icon name the app asks for (QIcon.fromTheme) gets a Tabler outline icon, recoloured from
currentColor to a fixed grey. Directional icons also get a mirrored ``-rtl`` copy for right-to-left layouts.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "resources" / "icons" / "partnerdesk"
COLOR = "#3B4754"

#: freedesktop (or PartnerDesk) icon name → Tabler outline icon.
ICONS: dict[str, str] = {
    # navigation / views
    "view-list-details": "layout-kanban", "x-office-calendar": "calendar", "x-office-address-book": "address-book",
    "system-users": "building-store", "go-home": "home", "view-calendar-day": "sun", "office-chart-line": "chart-line",
    "wallet-open": "cash", "view-today": "sun",
    # files and workspace
    "document-new": "file-plus", "document-open": "folder-open", "document-open-recent": "history",
    "document-save": "device-floppy", "document-save-as": "device-floppy", "document-print": "printer",
    "document-print-preview": "file-search", "document-export": "file-export", "document-import": "file-import",
    "drive-harddisk": "database-export", "application-exit": "logout", "folder-new": "folder-plus",
    "x-office-document": "file-text", "applications-graphics": "palette", "view-form": "forms",
    # edit
    "edit-undo": "arrow-back-up", "edit-redo": "arrow-forward-up", "edit-find": "search", "edit-delete": "trash",
    "edit-copy": "copy", "edit-clear": "x", "list-add": "plus", "list-remove": "minus",
    "document-edit": "pencil", "preferences-system": "settings", "help-about": "info-circle",
    "help-contents": "help", "merge": "git-merge", "tag": "tag", "user-trash": "trash",
    "view-filter": "filter", "mail-message-new": "mail", "call-start": "phone",
    # navigation arrows (mirrored in RTL)
    "go-previous": "chevron-left", "go-next": "chevron-right", "go-up": "chevron-up", "go-down": "chevron-down",
    "go-first": "chevrons-left", "go-last": "chevrons-right", "zoom-in": "zoom-in", "zoom-out": "zoom-out",
    "zoom-fit-best": "arrows-maximize", "zoom-fit-width": "arrows-horizontal",
    # calendar
    "appointment-new": "calendar-plus", "appointment-recurring": "repeat", "view-refresh": "refresh",
    "find-time": "clock-search", "preferences-system-time": "world", "alarm": "bell",
    # calendar entry kinds (glyphs)
    "kind-work_item": "checkbox", "kind-contract_review": "file-certificate", "kind-contract_notice": "alert-triangle",
    "kind-payment": "coin", "kind-follow_up": "message-forward", "kind-event": "calendar-event",
    # empty states / welcome
    "welcome-partners": "users-group", "welcome-import": "file-import", "welcome-demo": "sparkles",
    "dialog-information": "info-circle", "dialog-warning": "alert-triangle", "emblem-important": "alert-circle",
    "starred": "star-filled", "non-starred": "star",
}
#: Icons whose meaning has a direction: a mirrored copy serves right-to-left layouts.
DIRECTIONAL = {"go-previous", "go-next", "go-first", "go-last", "edit-undo", "edit-redo", "document-import",
               "document-export", "application-exit", "mail-message-new", "kind-follow_up"}

INDEX = """[Icon Theme]
Name=PartnerDesk
Comment=Tabler Icons (MIT) under freedesktop names, bundled with PartnerDesk
Directories=scalable

[scalable]
Size=24
MinSize=8
MaxSize=512
Type=Scalable
"""


def convert(svg: str) -> str:
    svg = svg.replace("currentColor", COLOR)
    svg = re.sub(r'\s*class="[^"]*"', "", svg)
    return re.sub(r"\n\s*", " ", svg).strip() + "\n"


def mirrored(svg: str) -> str:
    head, _sep, rest = svg.partition(">")
    body, _sep2, _tail = rest.rpartition("</svg>")
    return f'{head}><g transform="translate(24 0) scale(-1 1)">{body}</g></svg>\n'


def main(argv: list[str]) -> int:
    source = Path(argv[0]) / "icons"
    if THEME.exists():
        shutil.rmtree(THEME)
    (THEME / "scalable").mkdir(parents=True)
    (THEME / "index.theme").write_text(INDEX, encoding="utf-8")
    for name, tabler in ICONS.items():
        folder = "filled" if tabler.endswith("-filled") else "outline"
        file = source / folder / (tabler.removesuffix("-filled") + ".svg")
        svg = convert(file.read_text(encoding="utf-8"))
        if folder == "filled":
            svg = svg.replace(f'fill="{COLOR}"', 'fill="#E0A800"')
        (THEME / "scalable" / f"{name}.svg").write_text(svg, encoding="utf-8")
        if name in DIRECTIONAL:
            (THEME / "scalable" / f"{name}-rtl.svg").write_text(mirrored(svg), encoding="utf-8")
    shutil.copy(Path(argv[0]) / "LICENSE", THEME / "LICENSE-Tabler-Icons.txt")
    print(f"{len(ICONS)} icons in {THEME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
