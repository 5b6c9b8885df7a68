"""Google Analytics 4 report exports (CSV) as users download them.

The file starts with comment lines (``# Traffic acquisition: Session source / medium``, ``# Start date: 20260701``,
``# End date: 20260728``), then one or more tables separated by blank lines. Header names are in the GA interface
language; a "Grand total" row (translated too) sums the others and is not a source. The first table whose first
column is not a date is the one attributed to partners; a trailing ``Date,Sessions`` table is ignored.

Sessions → traffic, key events (called conversions before 2024) → conversions, total revenue → revenue.
Parsed with the standard ``csv`` module; text decoding is shared with the other readers (charset-normalizer).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field

from partnerdesk.interop.kpi_numbers import KpiFileError, parse_number
from partnerdesk.interop.records import decode
from partnerdesk.l10n import N_


def norm(text: str) -> str:
    """Case-, accent- and space-insensitive form of a header or cell."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# Metric headers in GA interface languages (normalised with ``norm``) -> KPI key.
_METRICS: dict[str, tuple[str, ...]] = {
    "traffic": ("sessions", "sessoes", "セッション", "セッション数", "sessioni", "περιοδοι λειτουργιας",
                "συνεδριες", "الجلسات", "sesiones", "sitzungen"),
    "conversions": ("key events", "conversions", "eventos principais", "principais eventos", "conversoes",
                    "キーイベント", "コンバージョン", "eventi chiave", "conversioni", "βασικα συμβαντα", "μετατροπες",
                    "الاحداث الرئيسية", "الأحداث الرئيسية", "الإحالات الناجحة", "evenements cles", "conversions",
                    "eventos clave", "conversiones", "schlusselereignisse", "conversions"),
    "revenue": ("total revenue", "receita total", "合計収益", "総収益", "entrate totali", "συνολικα εσοδα",
                "اجمالي الايرادات", "إجمالي الأرباح", "إجمالي الإيرادات", "revenu total", "revenus totaux",
                "ingresos totales", "gesamtumsatz"),
}
METRIC_OF = {norm(alias): key for key, aliases in _METRICS.items() for alias in aliases}

GRAND_TOTALS = {norm(t) for t in (
    "Grand total", "Total", "Totals", "Total geral", "Totale complessivo", "Totale", "総計", "合計",
    "Γενικό σύνολο", "Σύνολο", "الإجمالي الكلي", "الإجمالي", "المجموع الكلي", "Total général", "Total general",
    "Gesamtsumme", "Gesamtsumme", "Insgesamt")}

_DATE_LINE = re.compile(r"^#\s*(?P<label>[^:：]+)[:：]\s*(?P<date>\d{8})\s*$")
_START_LABELS = {norm(x) for x in ("Start date", "Data de início", "Data inicial", "開始日", "Data di inizio",
                                    "Ημερομηνία έναρξης", "تاريخ البدء", "Date de début", "Fecha de inicio",
                                    "Startdatum")}


@dataclass(frozen=True)
class Ga4Row:
    line: int  # line number in the file
    source: str  # the dimension text(s): "studioventura / referral"
    metrics: dict[str, float]  # KPI key -> number


@dataclass
class Ga4Report:
    name: str
    start: dt.date
    end: dt.date
    dimension: str  # the header of the attributed column(s)
    rows: list[Ga4Row] = field(default_factory=list)
    ignored_tables: int = 0


def _date(text: str, line: int) -> dt.date:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise KpiFileError(N_("Line {line}: “{text}” is not a date (YYYYMMDD)."), line=line, text=text) from None


def is_ga4(text: str) -> bool:
    """Whether decoded text looks like a GA4 export: it starts with "#" comment lines (a CSV header never does)."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return first.startswith("#")


def read_ga4(data: bytes, lang: str = "en") -> Ga4Report:
    """Parse a GA4 export; KpiFileError (naming the line) when the dates, the header or a number is missing."""
    text, _encoding = decode(data)
    lines = text.splitlines()
    name, dates = "", []
    body_start = 0
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if stripped.startswith("#"):
            body_start = number
            match = _DATE_LINE.match(stripped)
            if match:
                dates.append((norm(match.group("label")), _date(match.group("date"), number)))
            elif not name and stripped.strip("#- ").strip():
                name = stripped.lstrip("#").strip()
            continue
        if stripped:
            break
        body_start = number
    if len(dates) < 2:
        raise KpiFileError(N_("The Google Analytics export has no “Start date” and “End date” lines, so its period "
                              "is unknown."))
    starts = [d for label, d in dates if label in _START_LABELS]
    start = starts[0] if starts else dates[0][1]
    end = next(d for _label, d in dates if d != start) if any(d != start for _l, d in dates) else start
    if end < start:
        start, end = end, start
    tables = _tables(lines, body_start)
    chosen: tuple[int, list[str], list[tuple[int, list[str]]]] | None = None
    ignored = 0
    for header_line, header, rows in tables:
        metric_cols = [i for i, h in enumerate(header) if norm(h) in METRIC_OF]
        dims = list(range(min(metric_cols))) if metric_cols else []  # dimensions come before the metrics
        dated = rows and all(re.fullmatch(r"\d{8}", r[0].strip() or "x") for _n, r in rows if r and r[0].strip())
        if chosen is None and metric_cols and dims and not dated:
            chosen = (header_line, header, rows)
        else:
            ignored += 1
    if chosen is None:
        raise KpiFileError(N_("No table in the file has sessions, key events or total revenue next to a source "
                              "column."))
    header_line, header, rows = chosen
    metric_of_col = {i: METRIC_OF[norm(h)] for i, h in enumerate(header) if norm(h) in METRIC_OF}
    dims = list(range(min(metric_of_col)))
    report = Ga4Report(name, start, end, " · ".join(header[i] for i in dims), ignored_tables=ignored)
    for number, cells in rows:
        source = " · ".join(cells[i].strip() for i in dims if i < len(cells) and cells[i].strip())
        if not source or norm(source) in GRAND_TOTALS:
            continue
        metrics = {}
        for i, key in metric_of_col.items():
            cell = cells[i].strip() if i < len(cells) else ""
            if not cell:
                continue
            try:
                try:
                    metrics[key] = parse_number(cell, lang, machine_first=True)
                except ValueError:  # GA writes "2,100.5" in some interface languages whatever ours is
                    metrics[key] = parse_number(cell, "en")
            except ValueError:
                raise KpiFileError(N_("Line {line}: “{text}” in column “{column}” is not a number."), line=number,
                                   text=cell, column=header[i]) from None
        report.rows.append(Ga4Row(number, source, metrics))
    return report


def _tables(lines: list[str], after: int) -> list[tuple[int, list[str], list[tuple[int, list[str]]]]]:
    """(header line, header cells, [(line, cells)]) for each blank-line separated table after the comments."""
    tables: list[tuple[int, list[str], list[tuple[int, list[str]]]]] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if not block:
            return
        parsed = list(csv.reader(io.StringIO("\n".join(text for _n, text in block))))
        numbers = [n for n, _text in block]
        if parsed:
            tables.append((numbers[0], [h.strip() for h in parsed[0]],
                           list(zip(numbers[1:len(parsed)], parsed[1:], strict=False))))
        block.clear()

    for number, raw in enumerate(lines, start=1):
        if number <= after:
            continue
        if raw.strip().startswith("#"):
            continue
        if not raw.strip() or not raw.strip(", \t"):
            flush()
            continue
        block.append((number, raw))
    flush()
    return tables
