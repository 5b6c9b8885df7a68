"""The neutral contact record that vCard and CSV readers produce and writers consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charset_normalizer import from_bytes

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import N_


@dataclass
class ContactRecord:
    display_name: str = ""
    given_name: str = ""
    family_name: str = ""
    organization: str = ""
    role: str = ""
    emails: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    photo: bytes | None = None
    photo_mime: str = ""
    time_zone: str = ""
    locale: str = ""
    advisory_board: bool = False
    partner: str = ""
    #: 1-based record number and first line in the source file (for error messages)
    number: int = 0
    line: int = 0

    def __post_init__(self) -> None:
        if not self.display_name:
            self.display_name = " ".join(x for x in (self.given_name, self.family_name) if x).strip()
        if not self.display_name:
            self.display_name = self.organization or (self.emails[0]["value"] if self.emails else "")


@dataclass
class RecordError:
    """A record that could not be read: which one, on which line, and why (translated message)."""

    number: int
    line: int
    message: str


@dataclass
class ReadResult:
    records: list[ContactRecord]
    errors: list[RecordError]
    encoding: str = "utf-8"
    #: records kept with something left out (a property that could not be read, another encoding)
    warnings: list[RecordError] = field(default_factory=list)


class UnreadableFileError(PartnerDeskError):
    template = N_("“{name}” could not be read: {reason}")


class FileLineError(PartnerDeskError):
    """A file whose structure breaks at a line, so nothing after it can be trusted: nothing is imported."""

    template = N_("Nothing was imported: “{name}”, line {line}: {reason}")


#: Single-byte and CJK encodings of a script of their own: a detection of one of these is trusted. Any other
#: guess (cp775, cp850, latin-1, mac-roman…) on text that reads as Windows-1252 is taken as Windows-1252 — the
#: usual encoding of Western Outlook/Excel files, which detectors confuse with its close cousins.
_OWN_SCRIPT = ("cp1253", "iso8859_7", "mac_greek", "cp737", "cp869", "cp1256", "iso8859_6", "cp720", "cp864",
               "cp1251", "iso8859_5", "koi8", "mac_cyrillic", "cp866", "cp855", "cp1255", "iso8859_8", "cp862",
               "cp932", "shift_jis", "euc_", "iso2022", "gb", "big5", "cp936", "cp949", "cp950", "johab", "hz",
               "tis_620", "cp874", "iso8859_11", "utf_16", "utf_32")


_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "cp1252": "Windows-1252",
           "cp1253": "Windows-1253", "cp1256": "Windows-1256", "cp1251": "Windows-1251", "cp932": "Shift_JIS"}


def encoding_label(codec: str) -> str:
    """The name people know an encoding by (Windows-1252, not cp1252)."""
    key = codec.lower().replace("_", "-")
    return _LABELS.get(key, key.upper())


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: BOMs first (UTF-8, UTF-16), strict UTF-8, then charset detection.

    Never raises: a byte-order mark that does not match the content is ignored and the rest detected."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Contacts and calendars always hold ASCII (line ends, separators): UTF-16 has NUL bytes. Without any,
        # the mark does not match the content.
        if b"\x00" in data[2:]:
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        data = data[2:]
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        try:
            return data.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding in ("ascii",):
        return data.decode("cp1252", errors="replace"), "cp1252"
    encoding = best.encoding
    if not encoding.startswith(_OWN_SCRIPT):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), encoding
