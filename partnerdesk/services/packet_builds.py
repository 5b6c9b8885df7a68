"""Building packets on request: one packet as bytes, or a batch written into a folder (atomically, cancellable).

Plain Python, safe to call from a worker thread: every call opens its own database sessions through the
packet service functions in :mod:`partnerdesk.services.packets`. Optional arguments of those functions
(``sections``, ``paper``) are passed only when the function accepts them.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_, Translator, language_for, normalize_language, paper_size
from partnerdesk.services import files
from partnerdesk.services import packets as packet_service
from partnerdesk.services.files import FileWriteError, write_atomically
from partnerdesk.store.models import Partner
from partnerdesk.store.workspace import Workspace


class PacketKind(enum.StrEnum):
    ONBOARDING = "onboarding"
    BRAND_GUIDE = "brand_guide"


KIND_TITLES: dict[PacketKind, str] = {
    PacketKind.ONBOARDING: N_("Onboarding packet"),
    PacketKind.BRAND_GUIDE: N_("Brand guide"),
}

PAPER_SIZES: tuple[tuple[str, str], ...] = (("A4", N_("A4")), ("Letter", N_("US Letter")))


class PacketBuildError(PartnerDeskError):
    template = N_("The packet could not be built: {reason}")


class NoPartnerError(PartnerDeskError):
    template = N_("Choose a partner for the onboarding packet.")


PacketWriteError = FileWriteError  # the name callers and tests know


def _function(kind: PacketKind) -> Callable[..., bytes]:
    return packet_service.onboarding_pdf if kind == PacketKind.ONBOARDING else packet_service.brand_guide_pdf


def accepts(fn: Callable[..., Any], name: str) -> bool:
    """Whether ``fn`` takes a parameter called ``name`` (or any keyword)."""
    params = inspect.signature(fn).parameters
    return name in params or any(p.kind == inspect.Parameter.VAR_KEYWORD for p in params.values())


def sections_for(kind: PacketKind) -> list[tuple[str, str]]:
    """(key, English label) of the sections a user can choose for ``kind``, in reading order; empty when the
    packet builder offers no choice (every section is then included)."""
    lister = getattr(packet_service, "onboarding_sections" if kind == PacketKind.ONBOARDING
                     else "brand_guide_sections", None)
    if lister is None or not accepts(_function(kind), "sections"):
        return []
    return [(str(key), str(label)) for key, label in lister()]


@dataclass(frozen=True)
class PartnerChoice:
    id: int
    name: str
    language: str  # the partner's packet language (normalised locale)


def partner_choices(workspace: Workspace) -> list[PartnerChoice]:
    with workspace.session() as s:
        rows = s.execute(select(Partner.id, Partner.name, Partner.locale, Partner.country)
                         .order_by(Partner.name)).all()
    return [PartnerChoice(pid, name, language_for(locale, country)) for pid, name, locale, country in rows]


@dataclass(frozen=True)
class PacketRequest:
    kind: PacketKind
    partner: PartnerChoice | None = None  # required for onboarding packets
    language: str | None = None  # None: the partner's language (English without a partner)
    paper: str | None = None  # "A4" | "Letter"; None: from the language
    sections: tuple[str, ...] | None = None  # None: every section

    @property
    def effective_language(self) -> str:
        if self.language:
            return normalize_language(self.language)
        return self.partner.language if self.partner else "en"

    @property
    def effective_paper(self) -> str:
        return self.paper or paper_size(self.effective_language)


def automatic_paper(workspace: Workspace, request: PacketRequest) -> str:
    """The paper a request without a chosen size gets: the partner's (locale and country) when the packet
    service knows it, else the language's."""
    if request.paper:
        return request.paper
    partner_paper = getattr(packet_service, "partner_paper", None)
    if request.kind == PacketKind.ONBOARDING and request.partner is not None and partner_paper is not None:
        try:
            return str(partner_paper(workspace, request.partner.name))
        except PartnerDeskError:
            pass
    return request.effective_paper


def build_packet(workspace: Workspace, request: PacketRequest,
                 progress: Callable[[int, int], None] | None = None) -> bytes:
    """PDF bytes of one packet. Our errors pass through; anything else becomes a PacketBuildError.
    ``progress(done, total)`` is passed on when the packet builder reports progress."""
    fn = _function(request.kind)
    lang = request.effective_language
    kwargs: dict[str, Any] = {}
    if progress is not None and accepts(fn, "progress"):
        kwargs["progress"] = progress
    if request.paper and accepts(fn, "paper"):
        kwargs["paper"] = request.paper
    if request.sections is not None and accepts(fn, "sections"):
        kwargs["sections"] = list(request.sections)
    try:
        if request.kind == PacketKind.ONBOARDING:
            if request.partner is None:
                raise NoPartnerError()
            return fn(workspace, request.partner.name, lang, **kwargs)
        return fn(workspace, lang, **kwargs)
    except PartnerDeskError:
        raise
    except Exception as exc:  # ReportLab, fonts, images: report, never crash the batch
        raise PacketBuildError(reason=str(exc) or type(exc).__name__) from exc




def safe_file_name(text: str) -> str:
    """A file name that works on Windows, macOS and Linux (letters of every script are kept)."""
    return files.safe_file_name(text, "packet")


def packet_file_name(request: PacketRequest) -> str:
    """“Onboarding packet – Loja Azul (pt).pdf”, the title in the packet's language."""
    lang = request.effective_language
    title = Translator(lang).gettext(KIND_TITLES[request.kind])
    who = f" – {request.partner.name}" if request.partner else ""
    return safe_file_name(f"{title}{who} ({lang})") + ".pdf"


@dataclass
class BatchFailure:
    partner: str
    error: PartnerDeskError


@dataclass
class BatchSummary:
    total: int
    written: list[Path] = field(default_factory=list)
    failures: list[BatchFailure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def done(self) -> int:
        return len(self.written) + len(self.failures)


def existing_files(requests: Sequence[PacketRequest], folder: Path) -> list[Path]:
    """The files a batch into ``folder`` would replace."""
    return [folder / packet_file_name(r) for r in requests if (folder / packet_file_name(r)).exists()]


def build_batch(workspace: Workspace, requests: Sequence[PacketRequest], folder: Path,
                progress: Callable[[int, int, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> BatchSummary:
    """Build each request into ``folder``. A failure is recorded and the batch goes on; a cancel request is
    honoured between packets, so every file in the folder is complete."""
    folder = Path(folder)
    summary = BatchSummary(total=len(requests))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PacketWriteError(path=str(folder), reason=exc.strerror or str(exc)) from exc
    for index, request in enumerate(requests):
        if cancelled is not None and cancelled():
            summary.cancelled = True
            break
        who = request.partner.name if request.partner else ""
        if progress is not None:
            progress(index, len(requests), who)
        target = folder / packet_file_name(request)
        try:
            write_atomically(target, build_packet(workspace, request))
        except PartnerDeskError as exc:
            summary.failures.append(BatchFailure(who, exc))
        else:
            summary.written.append(target)
    if progress is not None:
        progress(summary.done, len(requests), "")
    return summary
