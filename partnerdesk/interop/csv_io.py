"""CSV contacts: encoding detection, column mapping with a preview, and formula-safe export."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from partnerdesk.interop.records import ContactRecord, FileLineError, ReadResult, RecordError, decode
from partnerdesk.l10n import N_, _

#: Contact fields a CSV column can map to, with their English labels (translated at display).
FIELDS: dict[str, str] = {
    "display_name": N_("Display name"),
    "given_name": N_("First name"),
    "family_name": N_("Last name"),
    "organization": N_("Organization"),
    "role": N_("Job title"),
    "email": N_("Email"),
    "email2": N_("Email 2"),
    "phone": N_("Phone"),
    "mobile": N_("Mobile phone"),
    "notes": N_("Notes"),
    "tags": N_("Tags"),
    "partner": N_("Partner"),
    "time_zone": N_("Time zone"),
}

# Header names used by Outlook, Gmail, Thunderbird, Apple and in our own languages.
_ALIASES: dict[str, tuple[str, ...]] = {
    "display_name": ("display name", "name", "full name", "nome", "nome completo", "名前", "氏名", "όνομα",
                     "ονοματεπώνυμο", "الاسم", "nominativo"),
    "given_name": ("first name", "given name", "primeiro nome", "nome proprio", "名", "μικρό όνομα"),
    "family_name": ("last name", "family name", "surname", "sobrenome", "apelido", "cognome", "姓", "επώνυμο"),
    "organization": ("company", "organization", "organisation", "organization 1 - name", "empresa",
                     "azienda", "会社", "会社名", "εταιρεία", "الشركة"),
    "role": ("job title", "title", "organization 1 - title", "cargo", "ruolo", "役職", "θέση", "المسمى الوظيفي"),
    "email": ("email", "e-mail", "email address", "e-mail address", "e-mail 1 - value", "primary email",
              "メール", "メールアドレス", "البريد الإلكتروني"),
    "email2": ("e-mail 2 address", "e-mail 2 - value", "secondary email", "email 2"),
    "phone": ("phone", "business phone", "work phone", "phone 1 - value", "telefone", "telefono", "電話",
              "電話番号", "τηλέφωνο", "الهاتف"),
    "mobile": ("mobile", "mobile phone", "cell", "celular", "cellulare", "携帯", "携帯電話", "κινητό", "الجوال"),
    "notes": ("notes", "note", "notas", "note", "メモ", "σημειώσεις", "ملاحظات"),
    "tags": ("tags", "categories", "group membership", "etiquetas", "categorie", "タグ", "ετικέτες"),
    "partner": ("partner", "parceiro", "パートナー", "συνεργάτης", "الشريك"),
    "time_zone": ("time zone", "timezone", "fuso horário", "fuso orario", "タイムゾーン", "ζώνη ώρας"),
}


def _norm(header: str) -> str:
    decomposed = unicodedata.normalize("NFD", header.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def map_headers(headers: Iterable[str], aliases: Mapping[str, Iterable[str]]) -> dict[int, str]:
    """Column index -> field, each field at most once, from header names compared without case or accents."""
    lookup = {_norm(alias): field for field, names in aliases.items() for alias in names}
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        field = lookup.get(_norm(header))
        if field and field not in used:
            mapping[index] = field
            used.add(field)
    return mapping


def guess_mapping(headers: Iterable[str]) -> dict[int, str]:
    """Column index -> contact field, from header names in the languages we support."""
    return map_headers(headers, _ALIASES)


@dataclass
class CsvTable:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells)
    encoding: str
    delimiter: str

    def preview(self, count: int = 10) -> list[list[str]]:
        return [cells for _line, cells in self.rows[:count]]


#: The longest cell read (Python's csv default): a longer one is a damaged or hostile file, refused by line.
FIELD_LIMIT = 131072


def read_table(data: bytes, name: str = "") -> CsvTable:
    """Headers and rows; raises FileLineError naming the line when the CSV structure itself is broken."""
    text, encoding = decode(data)
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            cells = [c.replace("\x00", "") for c in cells] if "\x00" in text else cells
            if not headers:
                headers = [c.strip() for c in cells]
                continue
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        line = max(reader.line_num, 1)
        reason = (_("a cell is longer than {limit} characters").format(limit=FIELD_LIMIT)
                  if "field larger" in str(exc) else _("the line is not valid CSV ({detail})").format(detail=exc))
        raise FileLineError(name=name or "CSV", line=line, reason=reason) from exc
    return CsvTable(headers, rows, encoding, delimiter)


def _split_tags(value: str) -> list[str]:
    parts = value.replace(":::", ";").replace(",", ";").split(";")
    return [p.strip().lstrip("* ").strip() for p in parts if p.strip() and p.strip() != "* myContacts"]


def _unprotect(value: str) -> str:
    """Undo :func:`safe_cell` on our own exports ('+55 11 … back to +55 11 …)."""
    if len(value) > 1 and value[0] == "'" and safe_cell(value[1:]) != value[1:]:
        return value[1:]
    return value


def records_from_table(table: CsvTable, mapping: Mapping[int, str],
                       progress: Callable[[int, int], None] | None = None) -> ReadResult:
    """Records from the rows under ``mapping`` (column -> field); ``progress(done, total)`` may raise to stop."""
    records: list[ContactRecord] = []
    errors: list[RecordError] = []
    for number, (line, cells) in enumerate(table.rows, start=1):
        if progress is not None and number % 500 == 0:
            progress(number, len(table.rows))
        if len(cells) > len(table.headers) and any(c.strip() for c in cells[len(table.headers):]):
            errors.append(RecordError(number, line, _("the row has more cells than there are columns")))
            continue
        values = {field: _unprotect(cells[i].strip()) for i, field in mapping.items() if i < len(cells)}
        emails = [{"value": values[k], "type": "work"} for k in ("email", "email2") if values.get(k)]
        phones = [{"value": values["phone"], "type": "work"}] if values.get("phone") else []
        if values.get("mobile"):
            phones.append({"value": values["mobile"], "type": "mobile"})
        bad = [e["value"] for e in emails if "@" not in e["value"]]
        if bad:
            errors.append(RecordError(number, line, _("“{value}” is not an email address").format(value=bad[0])))
            continue
        record = ContactRecord(
            display_name=values.get("display_name", ""), given_name=values.get("given_name", ""),
            family_name=values.get("family_name", ""), organization=values.get("organization", ""),
            role=values.get("role", ""), emails=emails, phones=phones, notes=values.get("notes", ""),
            tags=_split_tags(values.get("tags", "")), partner=values.get("partner", ""),
            time_zone=values.get("time_zone", ""), number=number, line=line,
        )
        if not record.display_name:
            errors.append(RecordError(number, line, _("the row has no name, organization or email")))
            continue
        records.append(record)
    return ReadResult(records, errors, table.encoding)


def read_csv(data: bytes, mapping: Mapping[int, str] | None = None, name: str = "") -> ReadResult:
    table = read_table(data, name)
    return records_from_table(table, mapping if mapping is not None else guess_mapping(table.headers))


# -- export ----------------------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|", "%")
#: What a spreadsheet may evaluate once leading blanks are skipped: ASCII and full-width forms.
_FORMULA_AFTER_SPACE = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\u2212", "\ufe62", "\ufe63",
                        "\ufe66", "\ufe6b")
_LEADING_CONTROL = ("\t", "\r", "\n")

EXPORT_COLUMNS = ("display_name", "given_name", "family_name", "organization", "role", "email", "email2",
                  "phone", "mobile", "tags", "partner", "time_zone", "notes")


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): prefix a quote to cells a spreadsheet would evaluate —
    the first non-blank character is = + - @ (full-width forms included), or the cell starts with a tab or a
    line break, | or %."""
    if not value:
        return value
    stripped = value.lstrip(" \u00a0\u3000")
    if value.startswith(_FORMULA_START) or value.startswith(_LEADING_CONTROL) or \
            stripped.startswith(_FORMULA_AFTER_SPACE):
        return "'" + value
    return value


def write_csv(records: Iterable[ContactRecord]) -> bytes:
    """UTF-8 with BOM (so Excel opens non-Latin text correctly), headers in English field names."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([FIELDS[c] for c in EXPORT_COLUMNS])
    for r in records:
        emails = [e["value"] for e in r.emails]
        work = [p["value"] for p in r.phones if p.get("type") != "mobile"]
        mobile = [p["value"] for p in r.phones if p.get("type") == "mobile"]
        row = [r.display_name, r.given_name, r.family_name, r.organization, r.role,
               emails[0] if emails else "", emails[1] if len(emails) > 1 else "",
               work[0] if work else "", mobile[0] if mobile else "", "; ".join(r.tags), r.partner,
               r.time_zone, r.notes]
        writer.writerow([safe_cell(str(v)) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
