"""Packet builds on request: languages, paper, file names, batches that cancel cleanly and report errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from partnerdesk.domain.errors import NotFoundError
from partnerdesk.services import packet_builds as pb
from partnerdesk.services.packet_builds import PacketKind, PacketRequest, PartnerChoice


def _pages(pdf: Path | bytes, tmp_path: Path) -> int:
    if isinstance(pdf, bytes):
        (tmp_path / "x.pdf").write_bytes(pdf)
        pdf = tmp_path / "x.pdf"
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def test_partner_choices_carry_their_language(demo_ws) -> None:  # type: ignore[no-untyped-def]
    choices = pb.partner_choices(demo_ws)
    assert len(choices) >= 3
    assert {c.language for c in choices} <= {"en", "pt", "pt_PT", "ja", "it", "el", "ar"}
    assert {c.name: c.language for c in choices}["Casa Lusa Cerâmica"] == "pt_PT"  # a partner in Portugal
    assert [c.name for c in choices] == sorted(c.name for c in choices)


def test_request_defaults_follow_the_partner() -> None:
    partner = PartnerChoice(1, "Loja Azul", "pt")
    request = PacketRequest(PacketKind.ONBOARDING, partner)
    assert request.effective_language == "pt"
    assert request.effective_paper == "A4"
    assert PacketRequest(PacketKind.ONBOARDING, partner, language="en").effective_language == "en"
    assert PacketRequest(PacketKind.BRAND_GUIDE).effective_language == "en"
    assert pb.packet_file_name(request) .endswith("Loja Azul (pt).pdf")
    assert pb.safe_file_name('a/b:c*?"<>|') == "a_b_c_"
    assert pb.safe_file_name("  ..  ") == "packet"
    assert pb.safe_file_name("سارة العلي") == "سارة العلي"


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")
def test_build_one_packet_of_each_kind(demo_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    partner = pb.partner_choices(demo_ws)[0]
    pdf = pb.build_packet(demo_ws, PacketRequest(PacketKind.ONBOARDING, partner, "en", "Letter"))
    assert pdf.startswith(b"%PDF") and _pages(pdf, tmp_path) >= 3
    (tmp_path / "l.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "l.pdf")], capture_output=True, text=True).stdout
    assert "612 x 792" in info  # US Letter in points
    guide = pb.build_packet(demo_ws, PacketRequest(PacketKind.BRAND_GUIDE, None, "ja"))
    assert guide.startswith(b"%PDF")


def test_unknown_partner_is_a_translated_error(demo_ws) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        pb.build_packet(demo_ws, PacketRequest(PacketKind.ONBOARDING, PartnerChoice(999, "Nobody", "en")))
    with pytest.raises(pb.NoPartnerError):
        pb.build_packet(demo_ws, PacketRequest(PacketKind.ONBOARDING))


def test_sections_are_passed_only_when_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict] = []

    def old(workspace, partner_name, lang=None, paper=None, today=None):  # type: ignore[no-untyped-def]
        calls.append({"paper": paper})
        return b"%PDF-old"

    def new(workspace, partner_name, lang=None, paper=None, today=None, sections=None):  # type: ignore[no-untyped-def]
        calls.append({"paper": paper, "sections": sections})
        return b"%PDF-new"

    request = PacketRequest(PacketKind.ONBOARDING, PartnerChoice(1, "X", "en"), paper="A4", sections=("scope",))
    monkeypatch.setattr(pb.packet_service, "onboarding_pdf", old)
    monkeypatch.setattr(pb.packet_service, "onboarding_sections", lambda: [("scope", "Scope")], raising=False)
    assert pb.sections_for(PacketKind.ONBOARDING) == []  # the builder takes no sections: no choice offered
    assert pb.build_packet(object(), request) == b"%PDF-old"  # type: ignore[arg-type]
    monkeypatch.setattr(pb.packet_service, "onboarding_pdf", new)
    assert pb.sections_for(PacketKind.ONBOARDING) == [("scope", "Scope")]
    assert pb.build_packet(object(), request) == b"%PDF-new"  # type: ignore[arg-type]
    assert calls == [{"paper": "A4"}, {"paper": "A4", "sections": ["scope"]}]


def test_unexpected_failures_become_packet_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("bad image")

    monkeypatch.setattr(pb.packet_service, "brand_guide_pdf", broken)
    with pytest.raises(pb.PacketBuildError, match="bad image"):
        pb.build_packet(object(), PacketRequest(PacketKind.BRAND_GUIDE))  # type: ignore[arg-type]


def test_batch_writes_complete_files_and_reports_failures(demo_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    partners = pb.partner_choices(demo_ws)[:2] + [PartnerChoice(999, "Ghost <Co>", "el")]
    requests = [PacketRequest(PacketKind.ONBOARDING, p) for p in partners]
    seen: list[tuple[int, int, str]] = []
    summary = pb.build_batch(demo_ws, requests, tmp_path / "out", progress=lambda *a: seen.append(a))
    assert len(summary.written) == 2 and not summary.cancelled
    assert [f.partner for f in summary.failures] == ["Ghost <Co>"]
    assert isinstance(summary.failures[0].error, NotFoundError)
    assert seen[0] == (0, 3, partners[0].name) and seen[-1] == (3, 3, "")
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(p.name for p in summary.written)  # no temporary files left
    assert all(p.read_bytes().rstrip().endswith(b"%%EOF") for p in summary.written)
    assert pb.existing_files(requests, tmp_path / "out") == [tmp_path / "out" / p.name for p in summary.written]


def test_batch_cancel_stops_after_the_current_packet(demo_ws, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    requests = [PacketRequest(PacketKind.ONBOARDING, p) for p in pb.partner_choices(demo_ws)[:3]]
    stop = {"now": False}

    def progress(done: int, _total: int, _name: str) -> None:
        if done == 1:
            stop["now"] = True  # asked while the second packet is being built

    summary = pb.build_batch(demo_ws, requests, tmp_path / "out", progress=progress, cancelled=lambda: stop["now"])
    assert summary.cancelled and len(summary.written) == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in summary.written)


def test_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    from partnerdesk.services import files

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(pb.PacketWriteError, match="No space left"):
        pb.write_atomically(tmp_path / "a.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []
