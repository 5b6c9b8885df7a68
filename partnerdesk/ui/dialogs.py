"""Small dialogs of the main window: About (versions and licences) and Preferences (language)."""

from __future__ import annotations

import html
import platform
import sys
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import APP_NAME, __version__
from partnerdesk.l10n import LANGUAGE_NAMES, LANGUAGES, _
from partnerdesk.resources import resource_path

# (distribution, licence) of what PartnerDesk ships with.
THIRD_PARTY: tuple[tuple[str, str], ...] = (
    ("PySide6-Essentials", "LGPL-3.0"),
    ("SQLAlchemy", "MIT"),
    ("alembic", "MIT"),
    ("reportlab", "BSD-3-Clause"),
    ("babel", "BSD-3-Clause"),
    ("platformdirs", "MIT"),
    ("tzdata", "Apache-2.0"),
    ("arabic-reshaper", "MIT"),
    ("python-bidi", "LGPL-3.0"),
    ("vobject", "Apache-2.0"),
    ("icalendar", "BSD-2-Clause"),
    ("python-dateutil", "Apache-2.0 / BSD-3-Clause"),
    ("recurring-ical-events", "LGPL-3.0-or-later"),
    ("charset-normalizer", "MIT"),
)


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"


def versions() -> list[tuple[str, str]]:
    return [
        (APP_NAME, __version__),
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        ("SQLAlchemy", _dist_version("SQLAlchemy")),
        ("ReportLab", _dist_version("reportlab")),
        ("Babel", _dist_version("babel")),
        ("Python", f"{platform.python_version()} ({sys.platform})"),
    ]


def _read(name: str) -> str:
    try:
        return resource_path("fonts", name).read_text(encoding="utf-8")
    except OSError:
        return ""


def about_html() -> str:
    rows = "".join(f"<tr><td>{html.escape(n)}</td><td>{html.escape(v)}</td></tr>" for n, v in versions())
    libs = "".join(f"<tr><td>{html.escape(n)}</td><td>{html.escape(_dist_version(n))}</td>"
                   f"<td>{html.escape(lic)}</td></tr>" for n, lic in THIRD_PARTY)
    return (
        f"<h2>{html.escape(APP_NAME)} {html.escape(__version__)}</h2>"
        f"<p>{html.escape(_('A desktop partnership manager for e-commerce account managers.'))}</p>"
        f"<h3>{html.escape(_('Versions'))}</h3><table cellspacing='6'>{rows}</table>"
        f"<h3>{html.escape(_('Third-party software'))}</h3>"
        f"<table cellspacing='6'><tr><th>{html.escape(_('Component'))}</th><th>{html.escape(_('Version'))}"
        f"</th><th>{html.escape(_('Licence'))}</th></tr>{libs}</table>"
        f"<h3>{html.escape(_('Fonts'))}</h3><pre>{html.escape(_read('README.md'))}</pre>"
        f"<h3>{html.escape(_('SIL Open Font License 1.1'))}</h3><pre>{html.escape(_read('OFL.txt'))}</pre>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About PartnerDesk"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        from PySide6.QtWidgets import QTabWidget

        from partnerdesk.ui.licences import LicencesWidget

        self.tabs = QTabWidget()
        self.tabs.addTab(self.browser, _("About"))
        self.licences = LicencesWidget(THIRD_PARTY)
        self.tabs.addTab(self.licences, _("Licence texts"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(900, 600)


class PreferencesDialog(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        hint = QLabel(_("The new language applies at once to every open window."))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Language:"), self.language)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData())
