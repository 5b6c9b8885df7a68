"""App icons, all generated from resources/icons/partnerdesk.svg (nothing here is drawn by hand).

    python packaging/make_icons.py            # SVG -> hicolor PNGs 16..512 (Qt, offscreen), committed
    python packaging/make_icons.py --platform build/icons
                                              # PNGs -> partnerdesk.ico (Windows) and .icns (macOS), with Pillow

The .ico/.icns are build products: `partnerdesk.spec` calls ``platform_icons()`` itself before PyInstaller
needs them, so they are never committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render(svg: Path, size: int, out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"cannot write {out}")


def _png(size: int, icons: Path):  # type: ignore[no-untyped-def]
    from PIL import Image

    return Image.open(icons / f"partnerdesk-{size}.png").convert("RGBA")


def platform_icons(out_dir: Path, icons: Path = ICONS) -> dict[str, Path]:
    """Write partnerdesk.ico (16-256 px, each size from its own hinted PNG) and partnerdesk.icns (16-1024 px)
    into ``out_dir``; return {"ico": path, "icns": path}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ico = out_dir / "partnerdesk.ico"
    images = [_png(s, icons) for s in ICO_SIZES]
    images[-1].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    icns = out_dir / "partnerdesk.icns"
    images = [_png(s, icons) for s in ICNS_SIZES]
    images[-1].save(icns, format="ICNS", append_images=images[:-1])
    return {"ico": ico, "icns": icns}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--platform"]:
        out = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "icons"
        for path in platform_icons(out).values():
            print(path)
        return 0
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    svg = ICONS / "partnerdesk.svg"
    for size in SIZES:
        out = ICONS / f"partnerdesk-{size}.png"
        render(svg, size, out)
        print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
