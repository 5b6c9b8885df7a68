"""The UI language comes from what each OS reports: Qt's uiLanguages(), Windows locale names, POSIX variables."""

from __future__ import annotations

import pytest

from partnerdesk.l10n import LANGUAGES, catalog, system_language
from partnerdesk.l10n.os_locale import locale_tag, preferred_locale


@pytest.mark.parametrize(("reported", "tag"), [
    # Qt / macOS AppleLanguages / Windows LCIDToLocaleName (BCP 47)
    ("ja-JP", "ja_JP"), ("pt-PT", "pt_PT"), ("pt-BR", "pt_BR"), ("el-GR", "el_GR"), ("ar-SA", "ar_SA"),
    ("it-IT", "it_IT"), ("ar", "ar"), ("zh-Hant-TW", "zh_TW"),
    # POSIX
    ("pt_PT.UTF-8", "pt_PT"), ("el_GR.utf8@euro", "el_GR"), ("C.UTF-8", None), ("POSIX", None), ("", None),
    # Windows' Python locale names
    ("Japanese_Japan.932", "ja_JP"), ("Portuguese_Portugal.1252", "pt_PT"), ("Portuguese_Brazil.1252", "pt_BR"),
    ("Greek_Greece.1253", "el_GR"), ("Arabic_Saudi Arabia.1256", "ar_SA"), ("Italian_Italy.1252", "it_IT"),
    ("English_United States.1252", "en_US"), ("German_Germany.1252", None),
])
def test_each_os_name_maps_to_language_and_region(reported: str, tag: str | None) -> None:
    assert locale_tag(reported) == tag


def test_the_first_supported_language_wins_in_the_users_order() -> None:
    assert preferred_locale(["de-DE", "el-GR", "ja-JP"], LANGUAGES) == "el_GR"
    assert preferred_locale(["en-GB", "ja-JP"], LANGUAGES) == "en_GB"  # English first means English
    assert preferred_locale(["de-DE", "fr-FR"], LANGUAGES) is None


@pytest.fixture
def no_posix_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


@pytest.mark.parametrize(("getlocale", "expected"), [
    ("Japanese_Japan", "ja"), ("Portuguese_Portugal", "pt"), ("Greek_Greece", "el"), ("Arabic_Saudi Arabia", "ar"),
    ("Italian_Italy", "it"), ("German_Germany", "en"),
])
def test_windows_python_locale_names_pick_the_catalogue(no_posix_locale: pytest.MonkeyPatch, getlocale: str,
                                                        expected: str) -> None:
    no_posix_locale.setattr(catalog.locale, "getlocale", lambda *a: (getlocale, "cp932"))
    no_posix_locale.setattr("partnerdesk.l10n.os_locale.os_locale_names", lambda: [])
    assert system_language() == expected


def test_windows_api_wins_over_pythons_locale(no_posix_locale: pytest.MonkeyPatch) -> None:
    """The display language (GetUserDefaultUILanguage) is asked before the regional format."""
    no_posix_locale.setattr("sys.platform", "win32")
    no_posix_locale.setattr("partnerdesk.l10n.os_locale.windows_ui_locales", lambda: ["el-GR", "en-US"])
    no_posix_locale.setattr(catalog.locale, "getlocale", lambda *a: ("English_United States", "1252"))
    assert system_language() == "el"


def test_windows_kernel32_calls_are_read_through_ctypes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake kernel32 answering like Windows does (LCID 0x0411 is Japanese)."""
    import ctypes

    from partnerdesk.l10n import os_locale

    class Kernel32:
        def GetUserDefaultUILanguage(self) -> int:  # noqa: N802 - Windows API
            return 0x0411

        def LCIDToLocaleName(self, lcid: int, buf, size: int, flags: int) -> int:  # noqa: N802
            assert lcid == 0x0411
            buf.value = "ja-JP"
            return 6

        def GetUserDefaultLocaleName(self, buf, size: int) -> int:  # noqa: N802
            buf.value = "pt-PT"
            return 6

    class WinDLL:
        kernel32 = Kernel32()

    monkeypatch.setattr(ctypes, "windll", WinDLL(), raising=False)
    assert os_locale.windows_ui_locales() == ["ja-JP", "pt-PT"]


def test_posix_variables_still_decide_on_linux(no_posix_locale: pytest.MonkeyPatch) -> None:
    no_posix_locale.setenv("LANGUAGE", "de:it")
    assert system_language() == "it"
    no_posix_locale.setenv("LANGUAGE", "pt_BR.UTF-8")
    assert system_language() == "pt"


@pytest.fixture
def isolated_settings(isolated_dirs, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    folder = isolated_dirs / "settings"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(isolated_dirs / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.mark.parametrize(("ui_languages", "expected", "rtl"), [
    (["ar-SA", "en-US"], "ar", True),
    (["de-DE", "ja-JP"], "ja", False),
    (["pt-PT"], "pt", False),
])
def test_main_window_opens_in_the_language_qt_reports(qtbot, tmp_path, isolated_settings,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch, ui_languages: list[str],
                                                      expected: str, rtl: bool) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from partnerdesk.l10n import current_language
    from partnerdesk.ui import os_language
    from partnerdesk.ui.app import build_main_window

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(os_language, "os_ui_languages", lambda: ui_languages)
    win = build_main_window(tmp_path / "w.pdk", None)
    qtbot.addWidget(win)
    try:
        assert current_language() == expected
        direction = QApplication.layoutDirection()
        assert (direction == Qt.LayoutDirection.RightToLeft) is rtl
        titles = [a.text() for a in win.menuBar().actions()]
        assert "&File" not in titles and titles, titles  # the menus are translated
    finally:
        win.set_language("en")
        win.close()
