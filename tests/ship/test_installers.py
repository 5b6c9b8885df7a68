"""The Windows installer, the macOS disk-image script and the release workflow, read as data (they only run on
Windows/macOS/GitHub runners; docs/packaging.md says so)."""

from __future__ import annotations

import re
import shutil
import subprocess

from partnerdesk import __version__
from partnerdesk.l10n import LANGUAGES
from tests.ship._packaging import ROOT, load

ISS = ROOT / "packaging" / "windows" / "partnerdesk.iss"
DMG = ROOT / "packaging" / "macos" / "make-dmg.sh"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
targets = load("targets")


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _iss_sections()["Setup"])


def test_installer_is_per_user_with_an_uninstaller_and_a_stable_app_id() -> None:
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"] == r"{autopf}\PartnerDesk"  # %LOCALAPPDATA%\Programs for a per-user install
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])
    assert setup["UninstallDisplayIcon"] == r"{app}\PartnerDesk.exe"
    assert setup["ChangesAssociations"] == "yes"
    assert setup["SetupIconFile"] == r"build\icons\partnerdesk.ico"  # made by packaging/make_icons.py
    assert setup["AppVersion"] == "{#AppVersion}"


def test_installer_speaks_every_ui_language_with_every_custom_message() -> None:
    sections = _iss_sections()
    names = [re.search(r'Name: "(\w+)"', line).group(1) for line in sections["Languages"]]  # type: ignore[union-attr]
    assert names == list(LANGUAGES)
    assert 'Name: "pt"; MessagesFile: "compiler:Languages\\BrazilianPortuguese.isl"' in sections["Languages"]
    keys: dict[str, set[str]] = {}
    for line in sections["CustomMessages"]:
        lang, rest = line.split(".", 1)
        keys.setdefault(rest.split("=", 1)[0], set()).add(lang)
    assert keys and all(langs == set(LANGUAGES) for langs in keys.values()), keys


def test_installer_installs_the_build_and_associates_pdk() -> None:
    sections = _iss_sections()
    assert any(line.startswith(r'Source: "dist\PartnerDesk\*"') and "recursesubdirs" in line
               for line in sections["Files"])
    icons = " ".join(sections["Icons"])
    assert r"{autoprograms}\PartnerDesk" in icons
    registry = "\n".join(sections["Registry"])
    assert r'Subkey: "Software\Classes\.pdk"' in registry
    assert r'"""{app}\PartnerDesk.exe"" ""%1"""' in registry  # the double-clicked file is passed on
    assert all(line.startswith("Root: HKA;") for line in sections["Registry"])  # per-user when per-user
    assert "uninsdeletekey" in registry


def test_installer_version_info_matches_the_exe_resource() -> None:
    """The installer passes the same version the spec writes into PartnerDesk.exe."""
    info = targets.version_info(__version__, "PartnerDesk")
    assert info["strings"]["ProductVersion"] == __version__
    assert "iscc /DAppVersion=$version packaging\\windows\\partnerdesk.iss" in WORKFLOW.read_text(encoding="utf-8")


def test_dmg_script_refuses_a_background_only_app_and_signs_only_with_secrets() -> None:
    text = DMG.read_text(encoding="utf-8")
    assert "LSBackgroundOnly" in text and "hdiutil create" in text
    assert 'if [ -n "${MACOS_SIGN_IDENTITY:-}" ]' in text and "notarytool submit" in text and "stapler staple" in text
    assert "ln -s /Applications" in text
    if shutil.which("bash"):
        assert subprocess.run(["bash", "-n", str(DMG)]).returncode == 0


def _jobs(text: str) -> dict[str, str]:
    """Top-level jobs of the workflow (two-space indented keys under `jobs:`) and their bodies."""
    body = text.split("\njobs:\n", 1)[1]
    parts = re.split(r"^  (\w[\w-]*):\n", body, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_release_workflow_builds_every_os_and_publishes_checksums_on_tags() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "\t" not in text  # YAML forbids tabs
    assert re.search(r'^on:\n  push:\n    tags: \["v\*"\]', text, re.M)
    jobs = _jobs(text)
    assert set(jobs) == {"windows", "macos", "linux", "publish"}
    assert "runs-on: windows-" in jobs["windows"] and "runs-on: macos-" in jobs["macos"]
    assert "runs-on: ubuntu-22.04" in jobs["linux"]
    for name in ("windows", "macos", "linux"):
        assert "pyinstaller --noconfirm" in jobs[name] and "partnerdesk.spec" in jobs[name]
        assert "upload-artifact" in jobs[name]
    assert "--smoke-test" in jobs["windows"] and "--smoke-test" in jobs["macos"]
    assert ".ci/deb-cycle" in jobs["linux"]
    assert "startsWith(github.ref, 'refs/tags/v')" in jobs["publish"] and "sha256sum" in jobs["publish"]
    assert "SHA256SUMS" in jobs["publish"]


def test_signing_steps_run_only_when_their_secrets_exist() -> None:
    jobs = _jobs(WORKFLOW.read_text(encoding="utf-8"))
    for job, marker in (("windows", "signtool"), ("macos", "security import")):
        steps = re.split(r"^      - ", jobs[job], flags=re.M)
        signing = [s for s in steps if marker in s]
        assert signing, job
        for step in signing:
            assert re.search(r"if: \$\{\{ env\.\w+ != '' \}\}", step), step[:200]


def test_secrets_are_visible_to_the_step_conditions() -> None:
    """A step's `if:` sees job-level env only: the secrets must be mapped on the job, not on the step."""
    jobs = _jobs(WORKFLOW.read_text(encoding="utf-8"))
    for job, name in (("windows", "WINDOWS_CERT_BASE64"), ("macos", "MACOS_CERT_BASE64")):
        head = jobs[job].split("    steps:", 1)[0]
        assert f"{name}: ${{{{ secrets.{name} }}}}" in head
