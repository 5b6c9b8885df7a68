"""The user's language as each operating system reports it, mapped to PartnerDesk's catalogues.

Linux reports POSIX names (``pt_BR.UTF-8``), Qt's ``QLocale.uiLanguages()`` BCP 47 tags (``ja-JP``,
``zh-Hant-TW``), macOS ``AppleLanguages`` tags (``pt-PT``), and Python's ``locale.getlocale()`` on Windows
names such as ``Japanese_Japan.932`` or ``Portuguese_Brazil``. Everything here is plain Python (no Qt): the UI
passes Qt's list in, the CLI asks the OS directly.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterable

# Windows' English language and country names (locale.getlocale() / setlocale(LC_ALL, "")) for the languages
# PartnerDesk has catalogues for, plus English; anything else falls through to the next candidate.
_WINDOWS_LANGUAGES: dict[str, str] = {
    "english": "en", "portuguese": "pt", "japanese": "ja", "italian": "it", "greek": "el", "arabic": "ar",
}
_WINDOWS_COUNTRIES: dict[str, str] = {
    "united states": "US", "united kingdom": "GB", "brazil": "BR", "portugal": "PT", "angola": "AO",
    "mozambique": "MZ", "japan": "JP", "italy": "IT", "switzerland": "CH", "greece": "GR", "cyprus": "CY",
    "saudi arabia": "SA", "egypt": "EG", "united arab emirates": "AE", "morocco": "MA", "jordan": "JO",
    "lebanon": "LB", "qatar": "QA", "kuwait": "KW", "algeria": "DZ", "tunisia": "TN", "iraq": "IQ",
    "oman": "OM", "bahrain": "BH", "syria": "SY", "yemen": "YE", "libya": "LY",
}


def locale_tag(name: str | None) -> str | None:
    """``language_REGION`` for one OS locale name, or None when it names no language.

    >>> locale_tag("ja-JP"), locale_tag("pt_PT.UTF-8"), locale_tag("Japanese_Japan.932"), locale_tag("C")
    ('ja_JP', 'pt_PT', 'ja_JP', None)
    """
    if not name:
        return None
    text = name.strip().split(".")[0].split("@")[0]
    if not text or text.upper() in {"C", "POSIX"}:
        return None
    if "_" in text and " " in text or text.split("_")[0].lower() in _WINDOWS_LANGUAGES:
        # Windows style: Language_Country (the country may contain spaces)
        lang_name, _sep, country = text.partition("_")
        lang = _WINDOWS_LANGUAGES.get(lang_name.strip().lower())
        if lang is None:
            return None
        region = _WINDOWS_COUNTRIES.get(country.strip().lower(), "")
        return f"{lang}_{region}" if region else lang
    parts = text.replace("-", "_").split("_")
    lang = parts[0].lower()
    if not lang.isalpha() or not 2 <= len(lang) <= 3:
        return None
    # BCP 47 may put a script between language and region (zh_Hant_TW, sr_Latn_RS): the region is the
    # 2-letter or 3-digit part.
    region = next((p.upper() for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())),
                  "")
    return f"{lang}_{region}" if region else lang


def preferred_locale(names: Iterable[str], supported: Iterable[str]) -> str | None:
    """The first OS locale (in the user's order) whose language has a catalogue, as ``lang_REGION`` or
    ``lang``; None when none does. English counts as supported: a user who put English first gets English,
    not their second language."""
    known = set(supported)
    for name in names:
        tag = locale_tag(name)
        if tag and tag.split("_")[0] in known:
            return tag
    return None


def windows_ui_locales() -> list[str]:
    """The Windows user's UI language and locale (``ja-JP`` …) from kernel32; empty elsewhere or on error."""
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return []
    names: list[str] = []
    try:
        kernel32 = windll.kernel32
        buffer = ctypes.create_unicode_buffer(85)  # LOCALE_NAME_MAX_LENGTH
        lang_id = kernel32.GetUserDefaultUILanguage()
        if kernel32.LCIDToLocaleName(lang_id, buffer, len(buffer), 0):
            names.append(buffer.value)
        if kernel32.GetUserDefaultLocaleName(buffer, len(buffer)):
            names.append(buffer.value)
    except (AttributeError, OSError):
        return names
    return names


def os_locale_names() -> list[str]:
    """The UI locale names the OS API reports for this user, most preferred first (Windows only: macOS and
    Linux report through the environment and Qt)."""
    if sys.platform == "win32":
        return windows_ui_locales()
    return []
