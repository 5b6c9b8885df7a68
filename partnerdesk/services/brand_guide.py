"""The brand guide as one editable draft: read it, validate it, save it whole in one transaction.

The editor works on a :class:`BrandGuideDraft` (plain values, no ORM objects); saving replaces the guide's
colours, typefaces and do/don't rules by the draft's lists, so undo is "save the previous draft again".
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnerdesk.domain.enums import RuleKind
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_
from partnerdesk.services.base import apply_changes
from partnerdesk.services.whole_draft import WholeDraftService
from partnerdesk.store.models import BrandColor, BrandGuide, BrandRule, BrandTypeface

MAX_LOGO_BYTES = 5 * 1024 * 1024
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
_HEX6 = re.compile(r"^#?([0-9A-Fa-f]{6})$")
_HEX3 = re.compile(r"^#?([0-9A-Fa-f]{3})$")


@dataclass(frozen=True)
class ColourDraft:
    name: str
    hex: str
    usage: str = ""


@dataclass(frozen=True)
class TypefaceDraft:
    role: str
    family: str
    usage: str = ""


@dataclass(frozen=True)
class BrandGuideDraft:
    name: str = ""
    story: str = ""
    tone_of_voice: str = ""
    imagery: str = ""
    logo: bytes | None = None
    logo_mime: str = ""
    colours: tuple[ColourDraft, ...] = field(default_factory=tuple)
    typefaces: tuple[TypefaceDraft, ...] = field(default_factory=tuple)
    dos: tuple[str, ...] = field(default_factory=tuple)
    donts: tuple[str, ...] = field(default_factory=tuple)


def normalise_hex(value: str, colour_name: str = "") -> str:
    """``#1a2b3c``, ``1A2B3C`` or ``#abc`` -> ``#1A2B3C``; anything else is a ValidationError."""
    text = (value or "").strip()
    match = _HEX6.match(text)
    if match:
        return "#" + match.group(1).upper()
    match = _HEX3.match(text)
    if match:
        return "#" + "".join(c * 2 for c in match.group(1)).upper()
    raise ValidationError(N_("“{value}” is not a colour for “{name}”: use a hex code with six digits, like "
                             "#1A2B3C."), field="colours", value=text, name=colour_name)


def logo_mime(data: bytes) -> str:
    """The MIME type of a PNG or JPEG image that Pillow can decode; a ValidationError otherwise."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(N_("The logo is larger than {size} MB. Choose a smaller image."), field="logo",
                              size=MAX_LOGO_BYTES // (1024 * 1024))
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            image.load()  # decodes the pixels: truncated or corrupt files fail here
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(N_("The logo is not a readable PNG or JPEG image."), field="logo") from exc
    if kind not in LOGO_TYPES:
        raise ValidationError(N_("The logo must be a PNG or JPEG image (this one is {kind})."), field="logo",
                              kind=kind or "?")
    return LOGO_TYPES[kind]


def read_logo_file(path: Path | str) -> tuple[bytes, str]:
    """Read and check a logo image file: (bytes, MIME type)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(N_("The logo file “{path}” could not be read: {reason}"), field="logo",
                              path=str(path), reason=exc.strerror or str(exc)) from exc
    return data, logo_mime(data)


def validate(draft: BrandGuideDraft) -> BrandGuideDraft:
    """A cleaned copy of ``draft`` (trimmed text, normalised hex codes, blank list rows dropped)."""
    name = draft.name.strip()
    if not name:
        raise ValidationError(N_("The brand guide needs a name."), field="name")
    if len(name) > 200:
        raise ValidationError(N_("The brand guide's name is longer than {count} characters."), field="name",
                              count=200)
    colours = []
    for colour in draft.colours:
        if not colour.name.strip() and not colour.hex.strip():
            continue
        if not colour.name.strip():
            raise ValidationError(N_("The colour {hex} needs a name."), field="colours", hex=colour.hex.strip())
        colours.append(ColourDraft(colour.name.strip()[:100], normalise_hex(colour.hex, colour.name.strip()),
                                   colour.usage.strip()[:300]))
    typefaces = []
    for face in draft.typefaces:
        if not face.role.strip() and not face.family.strip():
            continue
        if not face.family.strip():
            raise ValidationError(N_("The typeface for “{role}” needs a font family."), field="typefaces",
                                  role=face.role.strip())
        if not face.role.strip():
            raise ValidationError(N_("The typeface “{family}” needs a role, such as Headings or Body."),
                                  field="typefaces", family=face.family.strip())
        typefaces.append(TypefaceDraft(face.role.strip()[:100], face.family.strip()[:200], face.usage.strip()[:300]))
    mime = ""
    if draft.logo:
        mime = logo_mime(draft.logo)
    return BrandGuideDraft(
        name=name, story=draft.story.strip(), tone_of_voice=draft.tone_of_voice.strip(),
        imagery=draft.imagery.strip(), logo=draft.logo or None, logo_mime=mime, colours=tuple(colours),
        typefaces=tuple(typefaces), dos=tuple(t.strip() for t in draft.dos if t.strip()),
        donts=tuple(t.strip() for t in draft.donts if t.strip()))


def _draft_of(guide: BrandGuide) -> BrandGuideDraft:
    return BrandGuideDraft(
        name=guide.name, story=guide.story or "", tone_of_voice=guide.tone_of_voice or "",
        imagery=guide.imagery or "", logo=guide.logo, logo_mime=guide.logo_mime or "",
        colours=tuple(ColourDraft(c.name, c.hex.upper(), c.usage or "") for c in guide.colors),
        typefaces=tuple(TypefaceDraft(f.role, f.family, f.usage or "") for f in guide.typefaces),
        dos=tuple(r.text for r in guide.rules if r.kind == RuleKind.DO),
        donts=tuple(r.text for r in guide.rules if r.kind == RuleKind.DONT))


class BrandGuideService(WholeDraftService[BrandGuideDraft]):
    """The workspace's brand guide (the first one; packets use the same)."""

    model = BrandGuide
    entity = "brand_guide"
    label = "name"

    empty = staticmethod(BrandGuideDraft)
    clean = staticmethod(validate)
    draft_of = staticmethod(_draft_of)

    def write(self, guide: BrandGuide, before: BrandGuideDraft | None, clean: BrandGuideDraft) -> dict[str, Any]:
        diff = apply_changes(guide, {"name": clean.name, "story": clean.story,
                                     "tone_of_voice": clean.tone_of_voice, "imagery": clean.imagery,
                                     "logo": clean.logo, "logo_mime": clean.logo_mime})
        if before is None or before.colours != clean.colours:
            guide.colors = [BrandColor(name=c.name, hex=c.hex, usage=c.usage, position=i)
                            for i, c in enumerate(clean.colours)]
            diff["colours"] = [len(before.colours) if before else 0, len(clean.colours)]
        if before is None or before.typefaces != clean.typefaces:
            guide.typefaces = [BrandTypeface(role=f.role, family=f.family, usage=f.usage, position=i)
                               for i, f in enumerate(clean.typefaces)]
            diff["typefaces"] = [len(before.typefaces) if before else 0, len(clean.typefaces)]
        if before is None or (before.dos, before.donts) != (clean.dos, clean.donts):
            rules = [(RuleKind.DO, t) for t in clean.dos] + [(RuleKind.DONT, t) for t in clean.donts]
            guide.rules = [BrandRule(kind=k, text=t, position=i) for i, (k, t) in enumerate(rules)]
            diff["rules"] = [len(before.dos) + len(before.donts) if before else 0, len(rules)]
        return diff
