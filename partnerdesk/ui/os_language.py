"""The UI language the operating system asks for, read through Qt.

``QLocale.system().uiLanguages()`` is the one source that works everywhere: Windows' display language, the
macOS language list (an app started from the Finder has no ``LANG``), and the POSIX variables on Linux.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from partnerdesk.l10n import LANGUAGES, system_language
from partnerdesk.l10n.os_locale import preferred_locale


def os_ui_languages() -> list[str]:
    """The user's preferred UI languages, most preferred first (``["ja-JP", "en-US"]``)."""
    return list(QLocale.system().uiLanguages())


def os_ui_locale() -> str | None:
    """``lang_REGION`` (``pt_PT``) for the first OS UI language PartnerDesk has a catalogue for, else None."""
    return preferred_locale(os_ui_languages(), LANGUAGES)


def os_language() -> str:
    """The supported language the OS asks for, else the POSIX/Windows locale's, else English."""
    tag = os_ui_locale()
    return tag.split("_")[0] if tag else system_language()
