"""About ▸ Licence texts: every bundled component with the full text of its licence.

Library licence files are read from their installed metadata (``.dist-info``, bundled in the frozen app);
Qt/PySide6 (LGPL-3.0) and the fonts (SIL OFL 1.1) from ``resources/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from partnerdesk.resources import resource_path

_LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice)", re.I)


@dataclass(frozen=True)
class LicenceEntry:
    component: str
    version: str
    licence: str
    text: str


def _read(*parts: str) -> str:
    try:
        return resource_path(*parts).read_text(encoding="utf-8")
    except OSError:
        return ""


def distribution_licence_text(name: str) -> str:
    """The licence files in a distribution's metadata, one after the other."""
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return ""
    texts = []
    for file in sorted(dist.files or [], key=str):
        if ".dist-info" in str(file) and _LICENCE_FILE.search(file.name) and not file.name.endswith(".yml"):
            try:
                body = file.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                continue
            if body:
                texts.append(f"{file.name}\n{'=' * len(file.name)}\n\n{body}")
    return "\n\n".join(texts)


def licence_entries(third_party: tuple[tuple[str, str], ...]) -> list[LicenceEntry]:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    lgpl = _read("licenses", "LGPL-3.0.txt") + "\n\n" + _read("licenses", "GPL-3.0.txt")
    entries = [
        LicenceEntry("Qt", qVersion(), "LGPL-3.0", lgpl),
        LicenceEntry("PySide6", pyside_version, "LGPL-3.0", lgpl),
    ]
    for name, licence in third_party:
        if name.lower().startswith("pyside6"):
            continue
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "—"
        entries.append(LicenceEntry(name, version, licence, distribution_licence_text(name)))
    entries.append(LicenceEntry("Noto Sans, Noto Sans Arabic, BIZ UDPGothic", "", "OFL-1.1",
                                _read("fonts", "OFL.txt")))
    return entries


class LicencesWidget(QWidget):
    """A list of components; the selected one's licence text beside it."""

    def __init__(self, third_party: tuple[tuple[str, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = licence_entries(third_party)
        self.list = QListWidget()
        self.list.setObjectName("licence_components")
        self.text = QPlainTextEdit()
        self.text.setObjectName("licence_text")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # licence texts keep their own lines
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # licence texts are English
        for entry in self.entries:
            label = f"{entry.component} {entry.version}".strip() + f" — {entry.licence}"
            QListWidgetItem(label, self.list)
        self.list.currentRowChanged.connect(self._show)
        self.list.setMinimumWidth(min(self.list.sizeHintForColumn(0) + 32, 320))
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.text, 2)
        self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.text.setPlainText(self.entries[row].text or self.entries[row].licence)
