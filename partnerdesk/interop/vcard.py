"""vCard 2.1 / 3.0 / 4.0 import and 3.0 / 4.0 export on the maintained ``vobject`` library.

Reading: the file is cut into BEGIN:VCARD … END:VCARD blocks (keeping line numbers for error messages) and each
block is parsed by vobject, which unfolds lines and decodes quoted-printable, CHARSET and base64 values. The
quirks of the big clients are handled here: Outlook's 2.1 bare type parameters (TEL;WORK;VOICE), Gmail's
item1.EMAIL groups, iPhone's TYPE=pref and X-ABLabel, Android's CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE names,
Thunderbird's vCard 4.0 data: URIs.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Callable, Iterable
from typing import Any

import vobject

from partnerdesk.interop import vcard_repair
from partnerdesk.interop.records import ContactRecord, ReadResult, RecordError, decode, encoding_label
from partnerdesk.l10n import _

_TYPE_WORDS = {"work", "home", "cell", "mobile", "fax", "voice", "pref", "internet", "main", "other",
               "iphone", "text", "pager", "video", "x400"}
_DATA_URI = re.compile(r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)?(?:;[^,]*)?;base64,(?P<data>.*)$", re.S | re.I)


def _flat(value: Any) -> str:
    """A property value as text, whatever shape the parser returned it in (Outlook 2003 values come back as
    lists, base64-encoded text as bytes)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, list | tuple):
        return ", ".join(text for text in (_flat(v).strip() for v in value) if text)
    return str(value if value is not None else "")


def _types(line: Any) -> list[str]:
    found: list[str] = []
    for value in line.params.get("TYPE", []):
        found += [v.strip().lower() for v in str(value).split(",") if v.strip()]
    found += [str(v).lower() for v in getattr(line, "singletonparams", []) if str(v).lower() in _TYPE_WORDS]
    if "PREF" in line.params:
        found.append("pref")
    return found


def _kind(types: Iterable[str], options: tuple[str, ...], default: str) -> str:
    types = list(types)
    for option in options:
        if option in types:
            return "mobile" if option == "cell" else option
    return default


def _labels(card: Any) -> dict[str, str]:
    """Apple/Gmail custom labels: group -> label (item1.X-ABLabel:_$!<Mobile>!$_ -> Mobile)."""
    return {line.group: _flat(line.value).strip("_$!<>") for line in card.contents.get("x-ablabel", []) if line.group}


def _labelled(card: Any, name: str, options: tuple[str, ...], default: str,
              labels: dict[str, str]) -> list[dict[str, Any]]:
    items: list[tuple[bool, dict[str, Any]]] = []
    for line in card.contents.get(name.lower(), []):
        value = _flat(line.value).strip()
        if name == "TEL" and value.lower().startswith("tel:"):
            value = value[4:]
        if name == "EMAIL" and value.lower().startswith("mailto:"):
            value = value[7:]
        if not value:
            continue
        types = _types(line)
        kind = _kind(types, options, default)
        if line.group and line.group in labels:
            kind = labels[line.group].lower() or kind
        items.append(("pref" in types, {"value": value, "type": kind}))
    # The preferred one first, otherwise file order.
    return [item for _pref, item in sorted(items, key=lambda t: not t[0])]


_RAW_PHOTO = re.compile(r"^(?:[\w-]+\.)?PHOTO[^:\n]*:(data:[^\n]*)$", re.I | re.M)


def _photo(card: Any, block: str = "") -> tuple[bytes | None, str]:
    line = card.contents.get("photo", [None])[0]
    if line is None:
        return None, ""
    value = line.value
    if isinstance(value, str) and value.lower().startswith("data:") and "," not in value:
        # vobject's text behaviour cuts a vCard 4.0 data: URI at its (unescaped) comma; take it from the
        # unfolded source line instead.
        raw = _RAW_PHOTO.search(re.sub(r"\r?\n[ \t]", "", block))
        value = raw.group(1).strip() if raw else value
    if isinstance(value, bytes):
        kind = str(line.params.get("TYPE", [""])[0] or "").lower()
        return value, ("image/" + kind if kind and "/" not in kind else kind) or _sniff(value)
    text = str(value).strip()
    match = _DATA_URI.match(text)
    if match:
        try:
            data = base64.b64decode(match.group("data"), validate=False)
        except (binascii.Error, ValueError):
            return None, ""
        return data, (match.group("mime") or _sniff(data)).lower()
    return None, ""  # a URL: we keep contacts offline and do not fetch it


def _sniff(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith(b"GIF8"):
        return "image/gif"
    return "application/octet-stream"


def _text(card: Any, name: str) -> str:
    line = card.contents.get(name, [None])[0]
    if line is None:
        return ""
    return _flat(line.value).strip()


def card_to_record(card: Any, block: str = "") -> ContactRecord:
    given = family = ""
    if "n" in card.contents:
        n = card.n.value
        if isinstance(n, vobject.vcard.Name):
            given = " ".join(x for x in (_s(n.given), _s(n.additional)) if x)
            family = _s(n.family)
        else:  # a plain value (or a list of its parts)
            parts = [_flat(v) for v in n] if isinstance(n, list | tuple) else _flat(n).split(";")
            family, given = (parts + ["", ""])[:2]
    org = ""
    if "org" in card.contents:
        value = card.org.value
        org = " / ".join(_flat(v) for v in value if v) if isinstance(value, list) else _flat(value)
    categories: list[str] = []
    for line in card.contents.get("categories", []):
        value = line.value
        categories += [_flat(v).strip() for v in (value if isinstance(value, list) else _flat(value).split(","))
                       if _flat(v).strip()]
    photo, mime = _photo(card, block)
    tz = _text(card, "tz")
    labels = _labels(card)
    return ContactRecord(
        display_name=_text(card, "fn"), given_name=given.strip(), family_name=family.strip(),
        organization=org.strip(), role=_text(card, "title") or _text(card, "role"),
        emails=_labelled(card, "EMAIL", ("work", "home", "other"), "work", labels),
        phones=_labelled(card, "TEL", ("cell", "mobile", "work", "home", "fax", "main", "other"), "work", labels),
        notes=_text(card, "note").replace("\r\n", "\n"), tags=categories, photo=photo, photo_mime=mime if photo else "",
        time_zone=tz if "/" in tz else "", locale=_text(card, "lang"),
        advisory_board=_text(card, "x-partnerdesk-advisory-board") == "1",
    )


def _s(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(_flat(v) for v in value if v)
    return _flat(value or "")


_QP_LINE = re.compile(r"^(?P<head>[^:\n]*QUOTED-PRINTABLE[^:\n]*):(?P<value>(?:[^\n]*=\r?\n)*[^\n]*)$", re.I | re.M)


def _qp_charsets(block: str) -> str:
    """Outlook writes quoted-printable values in Windows-1252 without a CHARSET parameter; vobject would read
    them as UTF-8 and fail. Name the charset where the bytes are not UTF-8."""

    def fix(match: re.Match[str]) -> str:
        head, value = match.group("head"), match.group("value")
        if "CHARSET=" in head.upper():
            return match.group(0)
        try:
            raw = quopri.decodestring(value.replace("\r", "").encode("latin-1", errors="replace"))
            raw.decode("utf-8")
        except (UnicodeDecodeError, ValueError):
            return f"{head};CHARSET=windows-1252:{value}"
        return match.group(0)

    return _QP_LINE.sub(fix, block)


_TEXT_PROPERTY = re.compile(r"^(?:[\w-]+\.)?(?:FN|NOTE|TITLE|ROLE|X-ABLABEL)(?:;[^:]*)?:", re.I)
_BARE_COMMA = re.compile(r"(?<!\\),")
_TEXT_WITH_COMMA = re.compile(r"^(?:[\w-]+\.)?(?:FN|NOTE|TITLE|ROLE|X-ABLABEL)[;:][^\n]*,", re.I | re.M)


def _escape_text_commas(block: str) -> str:
    """vobject keeps only the part before the first unescaped comma of a text value ("Smith, John" -> "Smith").
    Outlook, Android and vCard 2.1 writers do not escape commas in FN, TITLE or NOTE: escape them first."""
    folded = "\n " in block or "\n\t" in block or "=\r\n" in block
    if not folded and not _TEXT_WITH_COMMA.search(block):
        return block  # the common case, checked without walking the lines
    out: list[str] = []
    in_text = False
    soft_break = False
    for line in block.split("\r\n"):
        if line[:1] in (" ", "\t") or soft_break:  # a folded or quoted-printable continuation
            if in_text:
                line = _BARE_COMMA.sub(r"\\,", line)
        else:
            match = _TEXT_PROPERTY.match(line)
            in_text = match is not None
            if match is not None:
                line = line[:match.end()] + _BARE_COMMA.sub(r"\\,", line[match.end():])
        soft_break = line.endswith("=") and "QUOTED-PRINTABLE" in line.upper() or (soft_break and line.endswith("="))
        out.append(line)
    return "\r\n".join(out)


_BEGIN = re.compile(r"^[ \t]*BEGIN:VCARD[ \t]*$", re.I | re.M)
_BEGIN_BYTES = re.compile(rb"^(?=[ \t]*BEGIN:VCARD[ \t]*\r?$)", re.I | re.M)
_NESTED_START = re.compile(r"^(?:[\w-]+\.)?[\w-]+(?:;[^:]*)?:[ \t]*$", re.I)


def _blocks(text: str) -> Iterable[tuple[int, int, list[str] | None]]:
    """(record number, first line, the card's lines or None when unterminated) for each BEGIN…END block.

    A BEGIN:VCARD right after a property with an empty value (``AGENT:``), or on the property's own line
    (``AGENT:BEGIN:VCARD``), starts a nested card that belongs to the outer one (Lotus Notes)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start: int | None = None
    buffer: list[str] = []
    depth = 0
    number = 0
    for index, line in enumerate(lines, start=1):
        upper = line.strip().upper()
        if start is not None and (upper.endswith(":BEGIN:VCARD") or (
                upper == "BEGIN:VCARD" and buffer and buffer[-1].strip().endswith(":")
                and _NESTED_START.match(buffer[-1].strip()))):
            depth += 1
            buffer.append(line)
            continue
        if upper == "BEGIN:VCARD":
            if start is not None:
                yield number, start, None
            number += 1
            start, buffer, depth = index, [line], 0
        elif start is not None:
            buffer.append(line)
            if upper == "END:VCARD":
                if depth:
                    depth -= 1
                    continue
                yield number, start, buffer
                start, buffer = None, []
    if start is not None:
        yield number, start, None


def _decode_cards(data: bytes) -> tuple[str, str, dict[int, str]]:
    """The file's text, its encoding, and the first lines of cards written in another encoding.

    A file that is UTF-8 apart from some cards (contacts merged from an older export) is decoded card by card."""
    text, encoding = decode(data)
    if encoding.startswith(("utf-8", "utf-16", "utf_16")):
        return text, encoding, {}
    chunks = _BEGIN_BYTES.split(data)
    mixed = False
    for chunk in chunks:
        if max(chunk, default=0) > 0x7F:
            try:
                chunk.decode("utf-8")
                mixed = True
                break
            except UnicodeDecodeError:
                continue
    if not mixed:
        return text, encoding, {}
    texts: list[str] = []
    others: dict[int, str] = {}
    line = 1
    for chunk in chunks:
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = decode(chunk)
            others[line] = encoding
        texts.append(text)
        line += text.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    return "".join(texts), "utf-8", others


def _readable(lines: list[str]) -> bool:
    try:
        block = "\r\n".join(lines) + "\r\n"
        quoted = "QUOTED-PRINTABLE" in block.upper()
        card = vobject.readOne(_qp_charsets(block) if quoted else block, ignoreUnreadable=False, allowQP=quoted)
        card_to_record(card, block)
    except Exception:  # noqa: BLE001 - vobject raises a zoo of exception types for malformed input
        return False
    return True


def _parse(lines: list[str]) -> tuple[Any, str]:
    block = _escape_text_commas("\r\n".join(lines) + "\r\n")
    quoted = "QUOTED-PRINTABLE" in block.upper()
    if quoted:
        block = _qp_charsets(block)
    # allowQP: vCard 2.1 soft line breaks ("=" at the end of a line) join the next line.
    card = vobject.readOne(block, ignoreUnreadable=False, allowQP=quoted)
    return card_to_record(card, block), block


def _read_card(lines: list[str]) -> tuple[ContactRecord, list[str], list[str]]:
    """One card, repaired where real clients break it; the properties whose nested card was left out and the
    properties left out because they could not be read.

    Raises whatever vobject raises when the card cannot be read even without its unreadable properties."""
    upper = "\n".join(lines).upper()
    nested: list[str] = []
    dropped: list[str] = []
    if upper.count("BEGIN:VCARD") > 1:
        lines, nested = vcard_repair.drop_nested_cards(lines)
    if "BASE64" in upper or "ENCODING=B" in upper or ";B:" in upper or ";B;" in upper:
        lines = vcard_repair.fold_base64_continuations(lines)
        lines, dropped = vcard_repair.repair_base64_values(lines)
    try:
        return _parse(lines)[0], nested, dropped
    except Exception:  # noqa: BLE001 - find the properties vobject cannot read and leave them out
        groups = vcard_repair.logical_groups(lines[1:-1])
        bad = set(vcard_repair.unreadable_properties(groups, _readable))
        if not bad:
            raise
        dropped += [vcard_repair.property_name(groups[i][0]) or groups[i][0][:20] for i in sorted(bad)]
        kept = [line for i, group in enumerate(groups) if i not in bad for line in group]
        return _parse([lines[0], *kept, lines[-1]])[0], nested, dropped


def read_vcards(data: bytes, progress: Callable[[int, int], None] | None = None) -> ReadResult:
    """Parse every card; unreadable ones are listed with their number and line, the others kept. A property
    that cannot be read is left out of its card with a warning (``ReadResult.warnings``).

    ``progress(done, total)`` is called now and then; it may raise to stop reading."""
    text, encoding, other_encodings = _decode_cards(data)
    records: list[ContactRecord] = []
    errors: list[RecordError] = []
    warnings: list[RecordError] = []
    total = len(_BEGIN.findall(text)) if progress is not None else 0
    for number, line, lines in _blocks(text):
        if progress is not None and number % 100 == 0:
            progress(number, total)
        if lines is None:
            errors.append(RecordError(number, line, _("the card has no END:VCARD line")))
            continue
        try:
            record, nested, dropped = _read_card(lines)
        except Exception as exc:  # noqa: BLE001 - vobject raises a zoo of exception types for malformed input
            errors.append(RecordError(number, line, _("the card is malformed ({detail})").format(
                detail=str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__)))
            continue
        if not record.display_name:
            errors.append(RecordError(number, line, _("the card has no name, organization or email")))
            continue
        for name in dict.fromkeys(nested):
            warnings.append(RecordError(number, line, _("the card nested in {property} was left out").format(
                property=name)))
        for name in dict.fromkeys(dropped):
            warnings.append(RecordError(number, line, _("{property} was left out: it could not be read").format(
                property=name)))
        if line in other_encodings:
            warnings.append(RecordError(number, line, _("this card was read as {encoding}, unlike the rest of "
                                                        "the file").format(encoding=encoding_label(other_encodings[line]))))
        record.number, record.line = number, line
        records.append(record)
    if not records and not errors and text.strip():
        errors.append(RecordError(1, 1, _("the file contains no vCard (BEGIN:VCARD missing)")))
    return ReadResult(records, errors, encoding, warnings)


# -- writing -------------------------------------------------------------------------------------------------
def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;"))


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2)."""
    out: list[str] = []
    current = b""
    limit = 75
    for ch in line:
        enc = ch.encode("utf-8")
        if len(current) + len(enc) > limit:
            out.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += enc
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def record_to_vcard(record: ContactRecord, version: str = "3.0") -> str:
    """One card. vCard 4.0 uses data: URIs and lower-case types; 3.0 uses ENCODING=b."""
    v4 = version == "4.0"
    lines = ["BEGIN:VCARD", f"VERSION:{version}", "FN:" + _escape(record.display_name),
             "N:" + ";".join(_escape(x) for x in (record.family_name, record.given_name, "", "", ""))]
    if record.organization:
        lines.append("ORG:" + _escape(record.organization))
    if record.role:
        lines.append("TITLE:" + _escape(record.role))
    group = 0
    for name, items in (("EMAIL", record.emails), ("TEL", record.phones)):
        for i, item in enumerate(items):
            kind = str(item.get("type") or "work")
            kind = "cell" if kind == "mobile" else kind
            value = _escape(str(item["value"]))
            if kind.lower() not in _TYPE_WORDS:
                # A custom label (Gmail / Apple style): grouped property with X-ABLabel.
                group += 1
                lines.append(f"item{group}.{name}:{value}")
                lines.append(f"item{group}.X-ABLabel:{_escape(kind)}")
                continue
            if v4:
                params = f"TYPE={kind}" + (";PREF=1" if i == 0 else "")
                params = ("VALUE=text;" + params) if name == "TEL" else params
            else:
                types = (["INTERNET"] if name == "EMAIL" else []) + [kind.upper()] + (["PREF"] if i == 0 else [])
                params = "TYPE=" + ",".join(types)
            lines.append(f"{name};{params}:{value}")
    if record.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in record.tags))
    if record.notes:
        lines.append("NOTE:" + _escape(record.notes))
    if record.time_zone:
        lines.append("TZ:" + _escape(record.time_zone))
    if record.locale:
        lines.append("LANG:" + _escape(record.locale))
    if record.advisory_board:
        lines.append("X-PARTNERDESK-ADVISORY-BOARD:1")
    if record.photo:
        mime = record.photo_mime or _sniff(record.photo)
        data = base64.b64encode(record.photo).decode("ascii")
        if v4:
            lines.append(f"PHOTO:data:{mime};base64,{data}")
        else:
            lines.append(f"PHOTO;ENCODING=b;TYPE={mime.split('/')[-1].upper()}:{data}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write_vcards(records: Iterable[ContactRecord], version: str = "3.0") -> bytes:
    return "".join(record_to_vcard(r, version) for r in records).encode("utf-8")
