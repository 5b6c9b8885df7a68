"""gettext catalogs: the current language and the `_` family of functions.

Catalogs live in ``i18n/<lang>/LC_MESSAGES/partnerdesk.po``. A compiled ``.mo`` next to the ``.po`` is used
when present (built by ``make i18n``); otherwise the ``.po`` is read with Babel, so a source checkout works
without a build step.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
import threading
from pathlib import Path

from partnerdesk.resources import i18n_dir

DOMAIN = "partnerdesk"
SOURCE_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "pt", "ja", "it", "el", "ar")
RTL_LANGUAGES = frozenset({"ar"})
# Native names, shown in the language picker whatever the UI language is.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "pt": "Português",
    "ja": "日本語",
    "it": "Italiano",
    "el": "Ελληνικά",
    "ar": "العربية",
}

_lock = threading.Lock()
_cache: dict[str, gettext.NullTranslations] = {}
_current: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def normalize_language(tag: str | None) -> str:
    """Map a locale tag such as ``pt_BR.UTF-8`` or ``ar-SA`` to a supported language, else English."""
    if not tag:
        return SOURCE_LANGUAGE
    base = tag.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return base if base in LANGUAGES else SOURCE_LANGUAGE


def system_language() -> str:
    """The supported language closest to the user's system locale: POSIX variables (Linux, a macOS
    terminal), then the OS's own API (Windows), then Python's locale (``Japanese_Japan.932`` on Windows)."""
    from partnerdesk.l10n.os_locale import os_locale_names, preferred_locale

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            tag = preferred_locale(value.split(":"), LANGUAGES)
            if tag:
                return tag.split("_")[0]
    candidates = os_locale_names()
    try:
        candidates.append(locale.getlocale()[0] or "")
    except ValueError:
        pass
    tag = preferred_locale(candidates, LANGUAGES)
    return tag.split("_")[0] if tag else SOURCE_LANGUAGE


def _load(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    folder = Path(i18n_dir()) / lang / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if po.exists():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        buf.seek(0)
        return gettext.GNUTranslations(buf)
    return gettext.NullTranslations()


def translations(lang: str) -> gettext.NullTranslations:
    """The (cached) catalog for one language, without changing the current language."""
    lang = normalize_language(lang)
    with _lock:
        if lang not in _cache:
            _cache[lang] = _load(lang)
        return _cache[lang]


def set_language(lang: str) -> str:
    """Switch the process-wide UI language; returns the language actually used."""
    global _current, _language
    lang = normalize_language(lang)
    _current = translations(lang)
    _language = lang
    return lang


def current_language() -> str:
    return _language


def is_rtl(lang: str | None = None) -> bool:
    return normalize_language(lang or _language) in RTL_LANGUAGES


def _(message: str) -> str:
    """Translate a message into the current language."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark a message for extraction; translate it later with `_`."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _current.npgettext(context, singular, plural, n)


class Translator:
    """The `_` family bound to one language (packets are built in the partner's language, not the UI's)."""

    def __init__(self, lang: str) -> None:
        self.language = normalize_language(lang)
        self._t = translations(self.language)

    def gettext(self, message: str) -> str:
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._t.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._t.pgettext(context, message)

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES
