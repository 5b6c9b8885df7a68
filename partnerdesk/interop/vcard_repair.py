"""A repair pass over vCard text before ``vobject`` parses it, for what real clients write and vobject refuses.

Each function takes the lines of one card and returns repaired lines plus the names of what it had to leave out:

- **Nested cards** (Lotus Notes ``AGENT:BEGIN:VCARD`` … ``END:VCARD`` inside a card): the nested card is left out.
- **Base64 continuation lines without the folding space** (iPhone): lines that can only be more base64 are folded
  back onto their property.
- **Base64 with a wrong length or stray characters** (Android photos): the value is cleaned and re-padded; a
  value that still cannot be decoded is left out.

What is still unreadable after this is found property by property (:func:`unreadable_properties`) and dropped
with a warning, so one broken property never costs the whole card.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable

_PROPERTY = re.compile(r"^(?:[\w-]+\.)?(?P<name>[\w-]+)(?P<params>(?:;[^:]*)?):", re.ASCII)
_BASE64_PARAMS = re.compile(r";\s*(?:ENCODING\s*=\s*)?(?:b|base64)\s*(?:;|$)", re.I)
_BASE64_LINE = re.compile(r"^[ \t]*[A-Za-z0-9+/=]+[ \t]*$")
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/]")
_NESTED_BEGIN = re.compile(r"^(?:(?:[\w-]+\.)?(?P<name>[\w-]+)(?:;[^:]*)?:)?[ \t]*BEGIN:VCARD[ \t]*$", re.I)
_END = re.compile(r"^[ \t]*END:VCARD[ \t]*$", re.I)


def property_name(line: str) -> str:
    """The upper-case property name of a content line ('' when the line is not a property)."""
    match = _PROPERTY.match(line)
    return match.group("name").upper() if match else ""


def drop_nested_cards(lines: list[str]) -> tuple[list[str], list[str]]:
    """Leave out cards nested inside the card (its first and last line are the outer BEGIN/END)."""
    out: list[str] = []
    dropped: list[str] = []
    depth = 0
    for index, line in enumerate(lines):
        begins = _NESTED_BEGIN.match(line) if 0 < index < len(lines) - 1 and line[-20:].upper().rstrip(
            " \t").endswith("BEGIN:VCARD") else None
        if begins is not None:
            if depth == 0:
                dropped.append((begins.group("name") or "AGENT").upper())
            depth += 1
            continue
        if depth:
            if _END.match(line):
                depth -= 1
            continue
        out.append(line)
    return out, dropped


def fold_base64_continuations(lines: list[str]) -> list[str]:
    """Fold back base64 lines that continue a binary property without the leading space (iPhone)."""
    out: list[str] = []
    in_base64 = False
    for line in lines:
        if line[:1] in (" ", "\t"):
            out.append(line)
            continue
        if in_base64 and ":" not in line and _BASE64_LINE.match(line):
            out.append(" " + line.strip())
            continue
        match = _PROPERTY.match(line)
        in_base64 = bool(match and _BASE64_PARAMS.search(match.group("params") + ";"))
        out.append(line)
    return out


def clean_base64(value: str) -> bytes | None:
    """Bytes of a base64 value written with stray characters, whitespace or a wrong length; None if hopeless."""
    data = _NOT_BASE64.sub("", value)
    if len(data) % 4 == 1:
        data = data[:-1]  # one stray character: it cannot carry a whole byte
    data += "=" * (-len(data) % 4)
    if not data:
        return None
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None


def repair_base64_values(lines: list[str]) -> tuple[list[str], list[str]]:
    """Re-encode every base64 property value cleanly (one unfolded line); leave out the ones that cannot be
    decoded at all. Other lines pass unchanged (quoted-printable soft breaks are vobject's business)."""
    out: list[str] = []
    dropped: list[str] = []
    pending: list[str] = []  # a base64 property and its continuation lines

    def flush() -> None:
        if not pending:
            return
        line = pending[0] + "".join(part[1:] for part in pending[1:])
        pending.clear()
        match = _PROPERTY.match(line)
        assert match is not None
        data = clean_base64(line[match.end():])
        if data is None:
            dropped.append(match.group("name").upper())
            return
        out.append(line[:match.end()] + base64.b64encode(data).decode("ascii"))

    for line in lines:
        if pending and line[:1] in (" ", "\t"):
            pending.append(line)
            continue
        flush()
        match = _PROPERTY.match(line)
        if match is not None and _BASE64_PARAMS.search(match.group("params") + ";"):
            pending.append(line)
        elif line.strip():  # Android ends a base64 value with a blank line: vobject would refuse it
            out.append(line)
    flush()
    return out, dropped


def unreadable_properties(groups: list[list[str]], readable: Callable[[list[str]], bool]) -> list[int]:
    """Indexes of the properties (:func:`logical_groups` of a card without BEGIN/END) that ``readable`` refuses
    on their own inside a minimal card; ``readable(card_lines)`` parses a card."""
    version = next((g[0] for g in groups if property_name(g[0]) == "VERSION"), "VERSION:3.0")
    bad: list[int] = []
    for index, group in enumerate(groups):
        name = property_name(group[0])
        if name == "VERSION":
            continue
        if not name or not readable(["BEGIN:VCARD", version, *group, "END:VCARD"]):
            bad.append(index)
    return bad


def logical_groups(lines: list[str]) -> list[list[str]]:
    """The physical lines of each property: folded lines and quoted-printable soft breaks stay with it."""
    groups: list[list[str]] = []
    soft_break = False
    for line in lines:
        if groups and (line[:1] in (" ", "\t") or soft_break):
            groups[-1].append(line)
        else:
            groups.append([line])
        head = groups[-1][0].upper()
        soft_break = line.endswith("=") and "QUOTED-PRINTABLE" in head.split(":", 1)[0]
    return groups
