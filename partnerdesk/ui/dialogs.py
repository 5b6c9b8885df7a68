"""Small dialogs of the main window: About (versions and licences) and Preferences (language)."""

from __future__ import annotations

import html
import platform
import sys
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QCheckBox,
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
from partnerdesk.l10n import LANGUAGE_NAMES, LANGUAGES, _, is_rtl
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
    # Translated outside the f-string: Babel's extractor does not look inside f-strings.
    description = _("A desktop partnership manager for e-commerce account managers.")
    heads = {"versions": _("Versions"), "third": _("Third-party software"), "component": _("Component"),
             "version": _("Version"), "licence": _("Licence"), "fonts": _("Fonts"),
             "ofl": _("SIL Open Font License 1.1")}
    h = {key: html.escape(text) for key, text in heads.items()}
    order = -1 if is_rtl() else 1  # Qt lays rich-text tables out left to right: mirror the columns in Arabic

    def row(cells: list[str], tag: str = "td") -> str:
        return "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in cells[::order]) + "</tr>"

    table = "<table cellspacing='6'" + (" align='right'>" if order < 0 else ">")
    rows = "".join(row([html.escape(n), html.escape(v)]) for n, v in versions())
    libs = "".join(row([html.escape(n), html.escape(_dist_version(n)), html.escape(lic)]) for n, lic in THIRD_PARTY)
    return (
        f"<h2>{html.escape(APP_NAME)} {html.escape(__version__)}</h2>"
        f"<p>{html.escape(description)}</p>"
        f"<h3>{h['versions']}</h3>{table}{rows}</table>"
        f"<h3>{h['third']}</h3>"
        f"{table}{row([h['component'], h['version'], h['licence']], 'th')}{libs}</table>"
        f"<h3>{h['fonts']}</h3><pre>{html.escape(_read('README.md'))}</pre>"
        f"<h3>{h['ofl']}</h3><pre>{html.escape(_read('OFL.txt'))}</pre>"
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
    def __init__(self, language: str, parent: QWidget | None = None, open_last_view: bool = False,
                 appearance: str = "system", digits: str = "latn") -> None:
        from partnerdesk.ui import theme

        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.start_last = QCheckBox(_("At start, open the view I used last instead of Today"))
        self.start_last.setObjectName("openLastView")
        self.start_last.setChecked(open_last_view)
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        # Arabic reads Latin digits (CLDR's default) or Arabic-Indic ones; the other languages have one system.
        self.digits = QComboBox()
        self.digits.addItem(_("Latin (0123)"), "latn")
        self.digits.addItem(_("Arabic-Indic (٠١٢٣)"), "arab")
        self.digits.setCurrentIndex(max(0, self.digits.findData(digits)))
        self.language.currentIndexChanged.connect(self._sync_digits)
        hint = QLabel(_("The new language applies at once to every open window."))
        hint.setWordWrap(True)
        self.appearance = QComboBox()
        self.appearance.setObjectName("appearance")
        for key, label in ((theme.SYSTEM, _("Same as the system")), (theme.LIGHT, _("Light")),
                           (theme.DARK, _("Dark"))):
            self.appearance.addItem(label, key)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(appearance)))
        form = QFormLayout()
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Digits in Arabic:"), self.digits)
        form.addRow(hint)
        form.addRow(_("&Appearance:"), self.appearance)
        form.addRow(self.start_last)
        self._sync_digits()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def open_last_view(self) -> bool:
        return self.start_last.isChecked()

    def _sync_digits(self, *_args: object) -> None:
        self.digits.setEnabled(self.language.currentData() == "ar")

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def chosen_appearance(self) -> str:
        return str(self.appearance.currentData())

    def chosen_digits(self) -> str:
        return str(self.digits.currentData())
