"""Find bundled files (fonts, icons, catalogs) the same way from source and from a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def base_dir() -> Path:
    """Folder that holds `resources/` and `i18n/`: the repository root, or the PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return base_dir().joinpath("resources", *parts)


def i18n_dir() -> Path:
    """Folder holding `<lang>/LC_MESSAGES/partnerdesk.po` (and the compiled .mo)."""
    return base_dir() / "i18n"


FONT_FILES: dict[str, tuple[str, ...]] = {
    "Noto Sans": (
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSans-Italic.ttf",
        "NotoSans-BoldItalic.ttf",
    ),
    "Noto Sans Arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "BIZ UDPGothic": ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf"),
}


def font_files() -> list[Path]:
    """Every bundled font file."""
    return [resource_path("fonts", name) for names in FONT_FILES.values() for name in names]
