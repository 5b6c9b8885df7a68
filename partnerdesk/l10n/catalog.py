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
LANGUAGES: tuple[str, ...] = ("en", "pt", "pt_PT", "ja", "it", "el", "ar")
RTL_LANGUAGES = frozenset({"ar"})
# Overlay catalogs: only the entries that differ from their base language's catalog, which answers the rest.
OVERLAYS: dict[str, str] = {"pt_PT": "pt"}
# Native names, shown in the language picker whatever the UI language is.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "pt": "Português (Brasil)",
    "pt_PT": "Português (Portugal)",
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
    """Map a locale tag such as ``pt_BR.UTF-8``, ``pt-PT`` or ``ar-SA`` to a supported language, else English."""
    if not tag:
        return SOURCE_LANGUAGE
    parts = tag.replace("-", "_").split(".")[0].split("@")[0].split("_")
    base = parts[0].lower()
    regional = f"{base}_{parts[1].upper()}" if len(parts) > 1 else ""
    if regional in LANGUAGES:
        return regional
    return base if base in LANGUAGES else SOURCE_LANGUAGE


# Countries whose Portuguese follows the European norm: a partner there reads pt_PT even when its locale says "pt".
_EUROPEAN_PORTUGUESE = frozenset({"PT", "AO", "MZ", "CV", "GW", "ST", "TL"})


def language_for(locale: str | None, country: str | None = None) -> str:
    """The language a partner reads: its locale's, with European Portuguese for pt-PT or a Portuguese
    partner in Portugal (or another country that writes the European norm)."""
    lang = normalize_language(locale)
    if lang == "pt" and (country or "").upper() in _EUROPEAN_PORTUGUESE:
        return "pt_PT"
    return lang


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
    if lang in OVERLAYS:
        overlay = _load_file(lang)
        base = translations(OVERLAYS[lang])
        overlay.add_fallback(base)  # gettext asks the base catalog for the rest
        return _OverlayPlurals(overlay, base) if isinstance(overlay, gettext.GNUTranslations) else overlay
    return _load_file(lang)


class _OverlayPlurals(gettext.NullTranslations):
    """An overlay whose plural entries missing from it still follow its own plural rule: pt_PT says
    "0 parceiros" where Brazilian Portuguese (CLDR) says "0 parceiro", with the same three forms in the same order."""

    def __init__(self, overlay: gettext.GNUTranslations, base: gettext.NullTranslations) -> None:
        super().__init__()
        self._overlay, self._base = overlay, base

    def gettext(self, message: str) -> str:
        return self._overlay.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        return self._overlay.pgettext(context, message)

    def _plural(self, key: str, singular: str, plural: str, n: int) -> str | None:
        own = getattr(self._overlay, "_catalog", {})
        base = getattr(self._base, "_catalog", {})
        if (key, 0) in own or (key, 0) not in base:
            return None
        return base.get((key, self._overlay.plural(n)))  # type: ignore[attr-defined]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._plural(singular, singular, plural, n)
        return found if found is not None else self._overlay.ngettext(singular, plural, n)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        found = self._plural(f"{context}\x04{singular}", singular, plural, n)
        return found if found is not None else self._overlay.npgettext(context, singular, plural, n)


def _load_file(lang: str) -> gettext.NullTranslations:
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
        cached = _cache.get(lang)
    if cached is None:
        cached = _load(lang)  # outside the lock: an overlay loads its base catalog through translations()
        with _lock:
            cached = _cache.setdefault(lang, cached)
    return cached


def set_language(lang: str) -> str:
    """Switch the process-wide UI language; returns the language actually used."""
    global _current, _language
    lang = normalize_language(lang)
    _current = translations(lang)
    _language = lang
    return lang


def current_language() -> str:
    return _language


# --- digits -----------------------------------------------------------------------------------------------
# One digit system per language. Every language writes Latin digits, as CLDR's default for it (also plain "ar");
# Arabic can switch to Arabic-Indic digits (٠١٢٣) in Preferences: numbers inserted into translated messages and
# everything l10n formats (dates, times, numbers, money) then use them, and so do Qt's fields (qt_i18n).
DIGIT_SYSTEMS: dict[str, str] = {"latn": "0123456789", "arab": "\u0660\u0661\u0662\u0663\u0664\u0665\u0666"
                                 "\u0667\u0668\u0669"}
_digits = "latn"


def set_digits(system: str) -> str:
    """Choose the digits Arabic is shown with ("latn" or "arab"); other languages always use Latin digits."""
    global _digits
    _digits = system if system in DIGIT_SYSTEMS else "latn"
    return _digits


def digit_system(lang: str | None = None) -> str:
    """The digits ``lang`` (default: the UI language) is shown with."""
    return _digits if normalize_language(lang or _language) == "ar" else "latn"


def shape_digits(text: str, lang: str | None = None) -> str:
    """``text`` with its ASCII digits in the language's digit system."""
    system = digit_system(lang)
    return text if system == "latn" else text.translate(str.maketrans("0123456789", DIGIT_SYSTEMS[system]))


class _Message(str):
    """A translated message whose ``format()`` writes numbers in the UI's digit system."""

    def format(self, *args: object, **kwargs: object) -> str:  # noqa: A003 - str API
        def shaped(value: object) -> object:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return shape_digits(str(value))
            return value

        return str.format(self, *[shaped(a) for a in args], **{k: shaped(v) for k, v in kwargs.items()})


def _localized(text: str) -> str:
    return _Message(text) if digit_system() != "latn" else text


def is_rtl(lang: str | None = None) -> bool:
    return normalize_language(lang or _language) in RTL_LANGUAGES


def _(message: str) -> str:
    """Translate a message into the current language."""
    return _localized(_current.gettext(message))


def N_(message: str) -> str:
    """Mark a message for extraction; translate it later with `_`."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - gettext marker naming
    """Mark a message with a context for extraction; translate it later with ``pgettext(*pair)``."""
    return context, message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _localized(_current.ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    return _localized(_current.pgettext(context, message))


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _localized(_current.npgettext(context, singular, plural, n))


FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def fill(template: str, /, **params: object) -> str:
    """``template.format(**params)`` with every text value isolated (FSI … PDI) so that a name, title or path keeps
    its own direction inside the sentence (an English title in Arabic, a path's slashes and final dot) — except
    where the translation already isolates that placeholder (the Arabic catalog does), so it is never doubled."""
    isolated = {key: value if not isinstance(value, str) or not value or f"{FSI}{{{key}}}" in template
                or f"{LRI}{{{key}}}" in template else FSI + value + PDI for key, value in params.items()}
    return template.format(**isolated)


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
