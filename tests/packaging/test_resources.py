"""Bundled files are found the same way from source and from a frozen (PyInstaller) app."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from partnerdesk import resources


def test_source_checkout_finds_fonts_icons_and_catalogs() -> None:
    for path in resources.font_files():
        assert path.is_file(), path
    assert resources.resource_path("icons", "partnerdesk.svg").is_file()
    assert resources.resource_path("icons", "partnerdesk-256.png").is_file()
    assert (resources.i18n_dir() / "ar" / "LC_MESSAGES" / "partnerdesk.po").is_file()


def test_frozen_app_looks_inside_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "_internal"
    (bundle / "resources" / "icons").mkdir(parents=True)
    (bundle / "resources" / "icons" / "partnerdesk.svg").write_text("<svg/>")
    (bundle / "i18n" / "ja" / "LC_MESSAGES").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.base_dir() == bundle
    assert resources.resource_path("icons", "partnerdesk.svg").read_text() == "<svg/>"
    assert resources.i18n_dir() == bundle / "i18n"
    assert resources.font_files()[0].parent == bundle / "resources" / "fonts"


def test_desktop_entry_is_translated() -> None:
    text = (Path(resources.base_dir()) / "resources" / "partnerdesk.desktop").read_text(encoding="utf-8")
    for lang in ("pt", "ja", "it", "el", "ar"):
        assert f"Comment[{lang}]=" in text and f"GenericName[{lang}]=" in text
    assert "Icon=partnerdesk" in text
