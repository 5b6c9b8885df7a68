"""The per-OS build decisions (packaging/targets.py, read by partnerdesk.spec), checked as data on Linux."""

from __future__ import annotations

import plistlib
import struct
from pathlib import Path

import pytest

from partnerdesk import __version__
from partnerdesk.l10n import LANGUAGES
from tests.ship._packaging import ROOT, load

targets = load("targets")
make_icons = load("make_icons")


def test_macos_gets_a_windowed_bundle_with_a_complete_info_plist() -> None:
    mac = targets.target("darwin", "1.4.2")
    assert mac.bundle and mac.icon.endswith(".icns")
    assert [e.console for e in mac.executables] == [False]  # console=True writes LSBackgroundOnly: no Dock icon
    plist = mac.info_plist
    assert plist["CFBundleVersion"] == plist["CFBundleShortVersionString"] == "1.4.2"
    assert plist["CFBundleLocalizations"] == ["en", "pt", "pt_PT", "ja", "it", "el", "ar"] == list(LANGUAGES)
    assert plist["LSMinimumSystemVersion"] == "13.0"
    assert plist["NSHighResolutionCapable"] is True
    assert "LSBackgroundOnly" not in plist and "LSUIElement" not in plist
    (doc,) = plist["CFBundleDocumentTypes"]
    (uti,) = plist["UTExportedTypeDeclarations"]
    assert doc["LSItemContentTypes"] == [uti["UTTypeIdentifier"]]
    assert doc["CFBundleTypeRole"] == "Editor"
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["pdk"]
    # it must serialise as a real plist (PyInstaller writes it with plistlib)
    assert plistlib.loads(plistlib.dumps(plist))["CFBundleLocalizations"][-1] == "ar"


def test_windows_gets_a_windowed_app_and_a_console_cli_in_utf8_mode() -> None:
    win = targets.target("win32", "1.4.2")
    assert [(e.name, e.console) for e in win.executables] == [("PartnerDesk", False), ("partnerdesk-cli", True)]
    assert win.icon == "partnerdesk.ico" and not win.bundle and not win.strip
    assert "X utf8_mode=1" in win.exe_options
    info = win.version_info
    assert info["filevers"] == info["prodvers"] == (1, 4, 2, 0)
    assert info["strings"]["ProductVersion"] == "1.4.2"
    assert info["strings"]["OriginalFilename"] == "PartnerDesk.exe"


def test_the_windows_version_resource_compiles(tmp_path: Path) -> None:
    """The same VSVersionInfo the spec builds, serialised to the binary resource PyInstaller embeds (runs where
    PyInstaller's Windows dependency pefile is installed: the Windows job of the release workflow)."""
    pytest.importorskip("pefile")
    from PyInstaller.utils.win32 import versioninfo as vi

    info = targets.version_info(__version__, "PartnerDesk")
    res = vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=info["filevers"], prodvers=info["prodvers"]),
        kids=[vi.StringFileInfo([vi.StringTable("040904B0", [vi.StringStruct(k, v)
                                                             for k, v in info["strings"].items()])]),
              vi.VarFileInfo([vi.VarStruct("Translation", list(info["translation"]))])],
    )
    raw = res.toRaw()
    assert "ProductVersion".encode("utf-16-le") in raw
    assert __version__.encode("utf-16-le") in raw


def test_linux_keeps_a_console_executable() -> None:
    linux = targets.target("linux", "0.1.0")
    assert [(e.name, e.console) for e in linux.executables] == [("PartnerDesk", True)]
    assert not linux.bundle and linux.strip


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0)), ("3.1.4.1", (3, 1, 4, 1)),
])
def test_version_numbers_for_windows(version: str, numbers: tuple[int, ...]) -> None:
    assert targets.version_tuple(version) == numbers


@pytest.mark.parametrize(("dest", "kept"), [
    ("i18n/ja/LC_MESSAGES/partnerdesk.mo", True),
    ("i18n/ja/LC_MESSAGES/partnerdesk.po", False),  # a newer-looking .po is recompiled at every start
    ("PySide6/Qt/translations/qtbase_ja.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("babel/locale-data/el_GR.dat", True),
    ("babel/locale-data/de_DE.dat", False),
    ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
    ("PySide6/Qt6WebEngineCore.dll", False),
    ("PySide6/Qt/lib/QtQuick.framework/QtQuick", False),
    ("tzdata/zoneinfo/Asia/Tokyo", True),
    ("pytz/zoneinfo/Asia/Tokyo", False),  # pytz reads tzdata's copy in the bundle (PYTZ_TZDATADIR)
    ("pytz/__init__.pyc", True),
    ("psycopg_binary.libs/libpq-e9b5c9ac.so.5.18", True),  # Team mode reaches PostgreSQL through it
])
def test_bundle_file_filter(dest: str, kept: bool) -> None:
    assert targets.keep(dest, "/src/" + dest.rsplit("/", 1)[-1]) is kept


def test_pkg_resources_is_never_bundled() -> None:
    assert "pkg_resources" in targets.EXCLUDED_MODULES


def test_pytz_reads_the_bundled_tzdata_zone_files(tmp_path: Path) -> None:
    """The frozen launcher points pytz at the tzdata package's zone files, the only copy in the bundle: a
    vCard with a time zone still converts."""
    import subprocess
    import sys

    import tzdata

    launcher = Path(targets.__file__).parent / "launcher.py"
    code = (f"import sys; sys.frozen = True; sys._MEIPASS = {str(Path(tzdata.__file__).parent.parent)!r}\n"
            + launcher.read_text(encoding="utf-8").split("from partnerdesk.cli import main")[0]
            + "import os, pytz; print(os.environ['PYTZ_TZDATADIR']); print(pytz.timezone('Asia/Tokyo').zone)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    folder, zone = out.split()
    assert Path(folder, "Asia", "Tokyo").is_file() and zone == "Asia/Tokyo"


def test_spec_takes_every_decision_from_targets() -> None:
    spec = (ROOT / "partnerdesk.spec").read_text(encoding="utf-8")
    for used in ("targets.target(sys.platform", "TARGET.executables", "TARGET.info_plist", "targets.keep(",
                 "targets.EXCLUDED_MODULES", "TARGET.exe_options", "platform_icons("):
        assert used in spec
    assert "console=sys.platform" not in spec and "partnerdesk.po" not in spec


def _icns_entries(path: Path) -> dict[str, int]:
    data = path.read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    entries, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos:pos + 4].decode("ascii"), struct.unpack(">I", data[pos + 4:pos + 8])[0]
        entries[kind] = length
        pos += length
    return entries


def test_icons_are_generated_for_windows_and_macos(tmp_path: Path) -> None:
    from PIL import Image

    made = make_icons.platform_icons(tmp_path)
    with Image.open(made["ico"]) as ico:
        assert sorted(ico.info["sizes"]) == [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
        ico.size = (16, 16)
        small = ico.convert("RGBA")
        assert small.getbbox() is not None  # not an empty image
    entries = _icns_entries(made["icns"])
    # 128, 256, 512 px and their @2x forms up to 1024 px, plus 16@2x and 32@2x (the Retina list sizes)
    assert {"ic07", "ic08", "ic09", "ic10", "ic11", "ic12", "ic13", "ic14"} <= set(entries)
    with Image.open(made["icns"]) as icns:
        assert icns.size == (1024, 1024)
