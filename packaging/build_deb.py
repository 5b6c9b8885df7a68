"""Build ``partnerdesk_<version>_amd64.deb`` from the one-folder build (``make deb``).

    python packaging/build_deb.py [--bundle dist/PartnerDesk] [--out dist]

Layout (Debian policy and the freedesktop specifications):
  /usr/lib/partnerdesk/                 the PyInstaller folder, unchanged
  /usr/bin/partnerdesk                  symlink to /usr/lib/partnerdesk/PartnerDesk
  /usr/share/applications/partnerdesk.desktop   Exec=partnerdesk %f, MimeType=application/x-partnerdesk-workspace
  /usr/share/mime/packages/partnerdesk.xml      the workspace type (*.pdk + SQLite application_id)
  /usr/share/icons/hicolor/<size>/apps/partnerdesk.png, scalable/apps/partnerdesk.svg
  /usr/share/metainfo/app.partnerdesk.PartnerDesk.metainfo.xml   AppStream, releases from CHANGELOG.md
  /usr/share/man/man1/partnerdesk.1.gz
  /usr/share/doc/partnerdesk/copyright  (machine-readable: every bundled component and its licence text)
  /usr/share/doc/partnerdesk/changelog.gz
  /usr/share/lintian/overrides/partnerdesk  (each override says why)
Desktop, MIME and icon caches are refreshed by the dpkg triggers of desktop-file-utils, shared-mime-info and
the icon theme: the package needs no maintainer scripts. ``Depends`` lists the system libraries the bundle
needs but does not carry (``DT_NEEDED`` entries, owned per ``dpkg -S``) and the glibc floor (the newest
GLIBC_x.y symbol version any bundled binary needs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import gzip
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
PACKAGE = "partnerdesk"
MAINTAINER = "PartnerDesk <release@partnerdesk.app>"
HOMEPAGE = "https://partnerdesk.app/"
MIME_TYPE = "application/x-partnerdesk-workspace"
APPSTREAM_ID = "app.partnerdesk.PartnerDesk"
_ELF_MAGIC = b"\x7fELF"


def app_version() -> str:
    text = (ROOT / "partnerdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("partnerdesk/__init__.py has no __version__")
    return match.group(1)


# --- CHANGELOG.md -> Debian changelog and AppStream releases --------------------------------------------------
@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD
    items: tuple[str, ...]


def read_changelog(path: Path = ROOT / "CHANGELOG.md") -> list[Release]:
    """The releases in CHANGELOG.md (``## 1.2.0 — 2026-12-06`` headings, ``- `` items), newest first."""
    releases: list[Release] = []
    version = date = ""
    items: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), "## end"]:
        heading = re.match(r"^## (\S+)(?:\s+[—-]\s+(\d{4}-\d{2}-\d{2}))?", line)
        if heading:
            if version:
                releases.append(Release(version, date, tuple(items)))
            version, date, items = heading.group(1), heading.group(2) or "", []
        elif line.startswith("- ") and version:
            items.append(line[2:].strip())
        elif line.startswith("  ") and items:
            items[-1] += " " + line.strip()
    return [r for r in releases if r.version != "end"]


def _plain(text: str) -> str:
    return re.sub(r"[*`]", "", text)


def debian_changelog(releases: list[Release]) -> str:
    out = []
    for release in releases:
        out.append(f"{PACKAGE} ({release.version}) unstable; urgency=medium\n")
        for item in release.items:
            words, line, lines = _plain(item).split(), "  *", []
            for word in words:
                if len(line) + 1 + len(word) > 78:
                    lines.append(line)
                    line = "   "
                line += " " + word
            lines.append(line)
            out.append("\n".join(lines))
        when = email.utils.format_datetime(
            dt.datetime.fromisoformat(release.date + "T12:00:00+00:00"))
        out.append(f"\n -- {MAINTAINER}  {when}\n")
    return "\n".join(out)


def appstream_releases(releases: list[Release]) -> str:
    from xml.sax.saxutils import escape

    blocks = []
    for release in releases:
        items = "".join(f"\n          <li>{escape(_plain(i))}</li>" for i in release.items)
        blocks.append(f'    <release version="{release.version}" date="{release.date}">\n'
                      f"      <description>\n        <ul>{items}\n        </ul>\n      </description>\n"
                      f"    </release>")
    return "\n".join(blocks)


# --- dependencies -------------------------------------------------------------------------------------------
def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == _ELF_MAGIC:
                    found.append(path)
    return found


def _dynamic_section(path: Path) -> str:
    return subprocess.run(["objdump", "-p", "-T", str(path)], capture_output=True, text=True).stdout


def glibc_floor(binaries: list[Path]) -> str:
    """The newest ``GLIBC_x.y`` symbol version the binaries need (``2.34``): the oldest glibc they run on."""
    newest = (2, 0)
    for path in binaries:
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)", _dynamic_section(path)):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def system_sonames(binaries: list[Path]) -> set[str]:
    """Libraries the bundle needs (DT_NEEDED) but does not carry: PyInstaller leaves glibc, the GL/EGL stack
    and the X client libraries to the host on purpose."""
    needed: set[str] = set()
    for path in binaries:
        needed.update(re.findall(r"^\s+NEEDED\s+(\S+)$", _dynamic_section(path), re.M))
    carried = {p.name for p in binaries}
    return {name for name in needed if name not in carried}


def owning_packages(sonames: set[str]) -> set[str]:
    """The Debian packages that ship these sonames on this machine (ldconfig's cache, then one dpkg -S)."""
    cache = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    paths = []
    for soname in sorted(sonames):
        match = re.search(rf"^\s+{re.escape(soname)} \(libc6,x86-64[^)]*\) => (\S+)$", cache, re.M)
        if match:
            paths.append(match.group(1))
    if not paths:
        return set()
    out = subprocess.run(["dpkg", "-S", *paths, *("/usr" + p for p in paths if p.startswith("/lib/"))],
                         capture_output=True, text=True).stdout
    return {line.split(":")[0].strip() for line in out.splitlines() if ":" in line}


def depends(bundle: Path) -> list[str]:
    binaries = elf_files(bundle)
    packages = owning_packages(system_sonames(binaries)) - {"libc6", PACKAGE}
    return [f"libc6 (>= {glibc_floor(binaries)})", *sorted(packages)]


# --- copyright ----------------------------------------------------------------------------------------------
COMMON_LICENSES = {"LGPL-3.0": "LGPL-3", "LGPL-3.0-only": "LGPL-3", "LGPL-3.0-or-later": "LGPL-3",
                   "GPL-3.0": "GPL-3", "Apache-2.0": "Apache-2.0", "MPL-2.0": "MPL-2.0",
                   "GPL-2.0": "GPL-2", "LGPL-2.1": "LGPL-2.1"}


def bundled_distributions(bundle: Path) -> list[tuple[str, str, str, list[Path]]]:
    """(name, version, licence, licence files) for each .dist-info folder in the bundle."""
    from email.parser import Parser

    out = []
    for info in sorted(bundle.rglob("*.dist-info")):
        meta_file = info / "METADATA"
        if not meta_file.exists():
            continue
        meta = Parser().parsestr(meta_file.read_text(encoding="utf-8", errors="replace"), headersonly=True)
        licence = meta.get("License-Expression") or ""
        if not licence or len(licence) > 60:
            classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier", [])
                           if c.startswith("License ::")]
            short = (meta.get("License") or "").strip()
            licence = short if short and len(short) <= 60 and "\n" not in short else "; ".join(classifiers)
        files = sorted(p for p in info.rglob("*") if p.is_file()
                       and re.search(r"(licen[cs]e|copying|notice|authors)", p.name, re.I))
        out.append((meta.get("Name", info.name), meta.get("Version", ""), licence or "see licence files", files))
    return out


def copyright_text(bundle: Path, version: str) -> str:
    parts = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: PartnerDesk\nUpstream-Contact: {MAINTAINER}\nSource: {HOMEPAGE}\n"
        "Comment: PartnerDesk bundles Python, Qt (through PySide6) and the Python libraries below in\n"
        " /usr/lib/partnerdesk. Each component's licence text follows; the LGPL-3 components (Qt, PySide6,\n"
        " python-bidi, recurring-ical-events) can be replaced by the user: they are separate shared\n"
        " libraries and Python modules in that folder.\n",
        "Files: *\nCopyright: 2026 PartnerDesk\nLicense: LicenseRef-proprietary\n All rights reserved.\n",
        "Files: usr/lib/partnerdesk/_internal/PySide6/* usr/lib/partnerdesk/_internal/shiboken6/*\n"
        "Copyright: The Qt Company Ltd. and other contributors\nLicense: LGPL-3\n"
        " On Debian systems the complete text of the GNU Lesser General Public License version 3\n"
        " is in /usr/share/common-licenses/LGPL-3.\n",
        "Files: usr/lib/partnerdesk/_internal/libpython3*\n"
        "Copyright: Python Software Foundation\nLicense: PSF-2.0\n"
        " See https://docs.python.org/3/license.html (Python Software Foundation License Version 2).\n",
        "Files: usr/lib/partnerdesk/_internal/resources/fonts/*\n"
        "Copyright: Google LLC (Noto Sans, Noto Sans Arabic); Morisawa Inc. (BIZ UDPGothic)\n"
        "License: OFL-1.1\n" + _indent((ROOT / "resources" / "fonts" / "OFL.txt").read_text(encoding="utf-8")),
    ]
    for name, dist_version, licence, files in bundled_distributions(bundle):
        if name.lower().startswith(("pyside6", "shiboken6")):
            continue
        text = ""
        common = COMMON_LICENSES.get(licence.strip())
        if common:
            text = f"On Debian systems see /usr/share/common-licenses/{common}.\n"
        for path in files[:3]:
            body = path.read_text(encoding="utf-8", errors="replace").strip()
            common_text = _common_license_text(body)
            if common_text:  # Debian policy: refer to the copy every system has instead of repeating it
                text += f"--- {path.name}: the {common_text} text, /usr/share/common-licenses/{common_text} ---\n"
            elif body:
                body = _EMBEDDED_APACHE.sub("[the Apache License 2.0: /usr/share/common-licenses/Apache-2.0]", body)
                text += f"--- {path.name} ---\n{body}\n"
        rel = f"usr/lib/partnerdesk/_internal/{_module_folder(name)}*"
        parts.append(f"Files: {rel}\nCopyright: the {name} authors ({name} {dist_version})\n"
                     f"License: {_license_key(licence)}\n" + _indent(text or licence))
    return "\n".join(parts)


# A full Apache 2.0 text quoted inside another licence file (Pillow lists its bundled libraries' licences).
_EMBEDDED_APACHE = re.compile(r"^[ \t]*Apache License\s+Version 2\.0, January 2004.*?END OF TERMS AND CONDITIONS"
                              r"(.*?limitations under the License\.)?", re.S | re.M)


def _common_license_text(body: str) -> str | None:
    """The /usr/share/common-licenses name when ``body`` is a full GPL/LGPL/Apache/MPL licence text."""
    head = body[:3000]
    if "GNU LESSER GENERAL PUBLIC LICENSE" in head:
        return "LGPL-2.1" if "Version 2.1" in head else "LGPL-3"
    if "GNU GENERAL PUBLIC LICENSE" in head:
        return "GPL-2" if "Version 2," in head else "GPL-3"
    if re.search(r"Apache License\s+Version 2\.0", head) and "TERMS AND CONDITIONS" in head:
        return "Apache-2.0"
    if "Mozilla Public License Version 2.0" in head:
        return "MPL-2.0"
    return None


def _module_folder(dist: str) -> str:
    return {"python-dateutil": "dateutil", "python-bidi": "bidi", "pillow": "PIL", "arabic-reshaper":
            "arabic_reshaper", "charset-normalizer": "charset_normalizer", "recurring-ical-events":
            "recurring_ical_events", "x-wr-timezone": "x_wr_timezone", "typing_extensions": "typing_extensions",
            "Mako": "mako", "MarkupSafe": "markupsafe", "SQLAlchemy": "sqlalchemy"}.get(dist, dist.lower())


def _license_key(licence: str) -> str:
    key = re.sub(r"[^A-Za-z0-9.+-]+", "-", licence.strip()).strip("-")
    return key[:60] or "LicenseRef-see-text"


def _indent(text: str) -> str:
    lines = [(" " + line) if line.strip() else " ." for line in text.rstrip().splitlines()]
    return "\n".join(lines) + "\n"


# --- the desktop entry --------------------------------------------------------------------------------------
def desktop_entry(source: Path = ROOT / "resources" / "partnerdesk.desktop") -> str:
    """The repo's desktop entry with Exec/TryExec for /usr/bin and the workspace MIME type."""
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=partnerdesk %f"
        elif line.startswith("TryExec="):
            line = "TryExec=partnerdesk"
        elif line.startswith("MimeType="):
            continue
        lines.append(line)
    lines.append(f"MimeType={MIME_TYPE};")
    return "\n".join(lines) + "\n"


def mime_xml() -> Path:
    """The shared-mime-info declaration: resources/ (issue 20's, used by `make install-desktop`) if it
    exists, else packaging/linux/partnerdesk-mime.xml."""
    for folder in (ROOT / "resources", LINUX):
        for path in sorted(folder.rglob("*.xml")):
            if "<mime-info" in path.read_text(encoding="utf-8") and MIME_TYPE in path.read_text(encoding="utf-8"):
                return path
    raise SystemExit("no shared-mime-info XML declaring " + MIME_TYPE)


# --- assembling ---------------------------------------------------------------------------------------------
def _install(src: Path | str | bytes, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(src, Path):
        shutil.copyfile(src, dest)
    else:
        dest.write_bytes(src.encode("utf-8") if isinstance(src, str) else src)
    dest.chmod(mode)


def _gzip(data: str | bytes) -> bytes:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return gzip.compress(raw, compresslevel=9, mtime=0)


def _normalise_modes(root: Path, executables: set[Path]) -> None:
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path in executables else 0o644)


def stage(bundle: Path, root: Path, version: str, arch: str, deps: list[str]) -> None:
    lib = root / "usr" / "lib" / PACKAGE
    shutil.copytree(bundle, lib, symlinks=True)
    exe = lib / "PartnerDesk"
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / PACKAGE).symlink_to(f"../lib/{PACKAGE}/PartnerDesk")
    share = root / "usr" / "share"
    _install(desktop_entry(), share / "applications" / "partnerdesk.desktop")
    _install(mime_xml(), share / "mime" / "packages" / "partnerdesk.xml")
    icons = ROOT / "resources" / "icons"
    for png in sorted(icons.glob("partnerdesk-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        _install(png, share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "partnerdesk.png")
    _install(icons / "partnerdesk.svg", share / "icons" / "hicolor" / "scalable" / "apps" / "partnerdesk.svg")
    releases = read_changelog()
    metainfo = (LINUX / f"{APPSTREAM_ID}.metainfo.xml").read_text(encoding="utf-8")
    _install(metainfo.replace("@RELEASES@", appstream_releases(releases)),
             share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml")
    _install(_gzip((LINUX / "partnerdesk.1").read_bytes()), share / "man" / "man1" / "partnerdesk.1.gz")
    doc = share / "doc" / PACKAGE
    _install(copyright_text(bundle, version), doc / "copyright")
    _install(_gzip(debian_changelog(releases)), doc / "changelog.gz")
    _install(LINUX / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)
    _normalise_modes(root, {exe})

    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = root / "DEBIAN"
    control.mkdir()
    control.chmod(0o755)
    description = (
        "desktop partnership manager for e-commerce account managers\n"
        " PartnerDesk keeps an account manager's e-commerce partnerships in one offline\n"
        " workspace: partners and contracts, contacts in any script, a kanban board,\n"
        " a calendar that knows each partner's working hours, and onboarding packets\n"
        " as PDF in the partner's language.\n"
        " .\n"
        " The interface speaks English, Portuguese, Japanese, Italian, Greek and Arabic."
    )
    _install(
        f"Package: {PACKAGE}\nVersion: {version}\nArchitecture: {arch}\nMaintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kb}\nDepends: {', '.join(deps)}\nSection: misc\nPriority: optional\n"
        f"Homepage: {HOMEPAGE}\nDescription: {description}\n",
        control / "control",
    )
    sums = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()
                       and "DEBIAN" not in p.relative_to(root).parts):
        sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root).as_posix()}")
    _install("\n".join(sums) + "\n", control / "md5sums")


def build_deb(bundle: Path, out_dir: Path, version: str | None = None, arch: str = "amd64",
              deps: list[str] | None = None) -> Path:
    """Build the .deb and return its path."""
    version = version or app_version()
    if not (bundle / "PartnerDesk").is_file():
        raise SystemExit(f"no one-folder build at {bundle}: run `make app` first")
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="partnerdesk-deb-") as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        root.chmod(0o755)
        stage(bundle, root, version, arch, deps if deps is not None else depends(bundle))
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z3", "--build", str(root), str(deb)], check=True,
                       stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "PartnerDesk")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    deb = build_deb(args.bundle, args.out)
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
