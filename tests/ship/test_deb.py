"""The Debian package, built from a stand-in bundle (the real one is built and installed by .ci/deb-cycle)."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from partnerdesk import __version__
from tests.ship._packaging import ROOT, load

pytestmark = pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="Debian tools (dpkg-deb) only")
build_deb = load("build_deb")


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bundle = tmp_path_factory.mktemp("bundle") / "PartnerDesk"
    (bundle / "_internal" / "demo_lib-1.0.dist-info").mkdir(parents=True)
    shutil.copy("/bin/true", bundle / "PartnerDesk")  # any ELF linked against glibc
    info = bundle / "_internal" / "demo_lib-1.0.dist-info"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-lib\nVersion: 1.0\nLicense-Expression: MIT\n")
    (info / "LICENSE").write_text("MIT License\n\nCopyright (c) 2026 Demo\n\nPermission is hereby granted...\n")
    return build_deb.build_deb(bundle, tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def root(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(folder)], check=True)
    return folder


def _field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True).stdout.strip()


def test_named_and_versioned_from_the_one_version_source(deb: Path) -> None:
    assert deb.name == f"partnerdesk_{__version__}_amd64.deb"
    assert _field(deb, "Package") == "partnerdesk"
    assert _field(deb, "Version") == __version__
    assert _field(deb, "Depends").startswith("libc6 (>= 2.")


def test_layout_follows_debian_and_freedesktop(root: Path) -> None:
    assert (root / "usr/lib/partnerdesk/PartnerDesk").stat().st_mode & 0o111
    link = root / "usr/bin/partnerdesk"
    assert link.is_symlink() and str(link.readlink()) == "../lib/partnerdesk/PartnerDesk"
    for rel in ("usr/share/mime/packages/partnerdesk.xml", "usr/share/icons/hicolor/256x256/apps/partnerdesk.png",
                "usr/share/icons/hicolor/scalable/apps/partnerdesk.svg",
                "usr/share/metainfo/app.partnerdesk.PartnerDesk.metainfo.xml", "usr/share/man/man1/partnerdesk.1.gz",
                "usr/share/doc/partnerdesk/copyright", "usr/share/doc/partnerdesk/changelog.gz",
                "usr/share/lintian/overrides/partnerdesk"):
        assert (root / rel).is_file(), rel
    assert (root / "usr/share/icons/hicolor/16x16/apps/partnerdesk.png").is_file()


def test_desktop_entry_opens_a_workspace_passed_as_argument(root: Path) -> None:
    entry = (root / "usr/share/applications/partnerdesk.desktop").read_text(encoding="utf-8")
    assert "\nExec=partnerdesk %f\n" in entry
    assert "\nMimeType=application/x-partnerdesk-workspace;\n" in entry
    assert "Name[ja]=" in entry and "Comment[ar]=" in entry


def test_mime_type_is_recognised_by_glob(root: Path, tmp_path: Path) -> None:
    if not shutil.which("update-mime-database"):
        pytest.skip("shared-mime-info not installed")
    db = tmp_path / "mime"
    (db / "packages").mkdir(parents=True)
    shutil.copy(root / "usr/share/mime/packages/partnerdesk.xml", db / "packages")
    subprocess.run(["update-mime-database", str(db)], check=True, capture_output=True)
    assert "application/x-partnerdesk-workspace:*.pdk" in (db / "globs2").read_text()
    assert "application/x-partnerdesk-workspace" in (db / "magic").read_bytes().decode("latin-1")


def test_appstream_metainfo_validates_with_the_changelog_releases(root: Path) -> None:
    metainfo = root / "usr/share/metainfo/app.partnerdesk.PartnerDesk.metainfo.xml"
    text = metainfo.read_text(encoding="utf-8")
    assert f'<release version="{__version__}"' in text and "@RELEASES@" not in text
    if shutil.which("appstreamcli"):
        proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_changelog_is_a_debian_changelog_from_changelog_md(root: Path, tmp_path: Path) -> None:
    text = gzip.decompress((root / "usr/share/doc/partnerdesk/changelog.gz").read_bytes()).decode("utf-8")
    assert text.startswith(f"partnerdesk ({__version__}) unstable; urgency=medium")
    if shutil.which("dpkg-parsechangelog"):
        (tmp_path / "changelog").write_text(text)
        out = subprocess.run(["dpkg-parsechangelog", "-l", str(tmp_path / "changelog"), "-S", "Version"],
                             capture_output=True, text=True, check=True).stdout.strip()
        assert out == __version__


def test_copyright_is_machine_readable_and_names_every_bundled_licence(root: Path) -> None:
    text = (root / "usr/share/doc/partnerdesk/copyright").read_text(encoding="utf-8")
    assert text.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
    for needle in ("License: LGPL-3", "/usr/share/common-licenses/LGPL-3", "License: OFL-1.1", "License: PSF-2.0",
                   "demo-lib 1.0", "Permission is hereby granted"):
        assert needle in text


def test_release_notes_parse_from_changelog_md() -> None:
    releases = build_deb.read_changelog(ROOT / "CHANGELOG.md")
    assert releases[0].version == __version__  # newest first, and it is this version
    assert releases[0].date and releases[0].items
