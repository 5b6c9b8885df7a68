"""Qt's own strings in the UI language: qtbase catalogs where Qt ships them, our catalog for the rest
(Greek has no qtbase catalog; pt_PT only an old partial one), and the layout direction."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from partnerdesk.l10n import SOURCE_LANGUAGE, digit_system, is_rtl, set_language, translations
from partnerdesk.ui.qt_strings import CONTEXTS

# Which qtbase catalog serves a language (first one found wins).
QTBASE_CATALOGS: dict[str, tuple[str, ...]] = {
    "ar": ("qtbase_ar",),
    "ja": ("qtbase_ja",),
    "it": ("qtbase_it",),
    "pt": ("qtbase_pt_BR", "qtbase_pt_PT", "qtbase_pt"),
    "pt_PT": ("qtbase_pt_PT", "qt_pt_PT"),  # Qt ships only an old partial qt_pt_PT; our pt_PT/pt catalog fills in
    "el": ("qtbase_el",),
}
QT_LOCALES: dict[str, str] = {"en": "en_GB", "pt": "pt_BR", "pt_PT": "pt_PT", "ja": "ja_JP", "it": "it_IT",
                              "el": "el_GR", "ar": "ar_AE"}
# ar_AE: Arabic with Latin digits, like CLDR's (and Babel's) default for "ar" — ar_EG would put Arabic-Indic
# digits in date and number fields beside Latin digits in every text Babel formats.


def qt_time_format(lang: str | None = None) -> str:
    """The display format of time fields, on the language's clock (24-hour "HH:mm", or "h:mm AP")."""
    from partnerdesk.l10n import time_pattern

    pattern = time_pattern("short", lang).replace("'", "")
    return pattern.replace("a", "AP").replace(" AP", " AP") if "a" in pattern else pattern


def qt_date_format() -> str:
    """The display format of date fields: the default locale's short date, with a four-digit year."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


class CatalogQtTranslator(QTranslator):
    """Answers Qt's standard-widget contexts from our gettext catalog (msgctxt = Qt context)."""

    def __init__(self, lang: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._catalog = translations(lang)

    def language(self) -> str:
        return QT_LOCALES.get(self.lang, self.lang)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return self.lang == SOURCE_LANGUAGE

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # "No translation" must be a null QString (None), not "": Qt takes an empty string as the translation,
        # and some of its code reads an empty error text as success (the TGA reader then claimed every PNG).
        if context not in CONTEXTS or not source_text:
            return None
        text = self._catalog.pgettext(context, source_text)
        # gettext returns the source text when there is no translation: say "none" so Qt asks the next one.
        return None if text == source_text else text


# Translators currently installed in the application (one set per process, whichever window installed it).
_INSTALLED: list[QTranslator] = []


class QtLanguage:
    """Installs and swaps the application's translators."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self._installed = _INSTALLED
        self.language = SOURCE_LANGUAGE
        self.qtbase_loaded: str | None = None

    def apply(self, lang: str) -> str:
        """Switch gettext, Qt's translators, the default locale and the layout direction to ``lang``."""
        lang = set_language(lang)
        for tr in self._installed:
            QCoreApplication.removeTranslator(tr)
        self._installed.clear()
        self.qtbase_loaded = None
        if lang != SOURCE_LANGUAGE:
            # Installed first = asked last: qtbase answers where it has a translation, our catalog fills gaps.
            ours = CatalogQtTranslator(lang, self.app)
            QCoreApplication.installTranslator(ours)
            self._installed.append(ours)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for name in QTBASE_CATALOGS.get(lang, ()):
                qt = QTranslator(self.app)
                if qt.load(name, folder):
                    QCoreApplication.installTranslator(qt)
                    self._installed.append(qt)
                    self.qtbase_loaded = name
                    break
        # Arabic-Indic digits when chosen in Preferences: ar_EG writes them in every field; ar_AE writes Latin.
        locale = QLocale("ar_EG" if digit_system(lang) == "arab" else QT_LOCALES.get(lang, "en_GB"))
        QLocale.setDefault(locale)
        # A window keeps the default locale it was created with, and its widgets inherit it (digits and dates
        # of date edits and spin boxes): give every open window the new one, which reaches all its children.
        for widget in QApplication.topLevelWidgets():
            widget.setLocale(locale)
        # Always explicit: never rely on the translator's LTR/RTL marker.
        self.app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(lang)
                                    else Qt.LayoutDirection.LeftToRight)
        self.language = lang
        return lang
