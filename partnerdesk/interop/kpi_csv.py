"""KPI values from CSV files: PartnerDesk's own export (partner, period, metric, value, target, note) and any other
table (a marketplace seller report, a logistics on-time report, a customer-service tool's response times) read
through a column mapping.

Two shapes, one :class:`CsvMapping`:

* **long** — one row per value: a metric column names the KPI, with value (and target) columns;
* **wide** — one row per period: each mapped column holds one KPI's values.

Reading never guesses silently: a cell that is not a number or a period raises :class:`KpiFileError` naming the
line and column. The mapping is plain JSON so it can be remembered per partner.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from partnerdesk.domain.periods import Period
from partnerdesk.interop.csv_io import CsvTable, read_table, safe_cell
from partnerdesk.interop.ga4 import norm
from partnerdesk.interop.kpi_numbers import KpiFileError, parse_number, parse_period
from partnerdesk.l10n import N_

_PERIOD = {norm(x) for x in ("period", "month", "date", "day", "período", "periodo", "mês", "mes", "data", "dia",
                              "期間", "月", "日付", "mese", "giorno", "περίοδος", "μήνας", "ημερομηνία",
                              "الفترة", "الشهر", "التاريخ", "mois", "jour", "fecha", "zeitraum", "datum")}
_PARTNER = {norm(x) for x in ("partner", "parceiro", "パートナー", "συνεργάτης", "الشريك", "partenaire", "socio")}
_METRIC = {norm(x) for x in ("metric", "kpi", "indicator", "métrica", "indicador", "指標", "metrica",
                              "indicatore", "δείκτης", "المؤشر", "métrique", "indicateur")}
_VALUE = {norm(x) for x in ("value", "valor", "値", "valore", "τιμή", "القيمة", "valeur", "wert")}
_TARGET = {norm(x) for x in ("target", "meta", "goal", "目標", "obiettivo", "στόχος", "الهدف", "objectif",
                              "objetivo", "ziel")}
_NOTE = {norm(x) for x in ("note", "notes", "nota", "observação", "メモ", "σημείωση", "ملاحظة")}

EXPORT_HEADER = ("partner", "period", "metric", "value", "target", "note")


@dataclass
class CsvMapping:
    """Which column holds what. ``columns`` (wide shape) maps a column index to a KPI key."""

    period: int | None = None
    partner: int | None = None
    metric: int | None = None
    value: int | None = None
    target: int | None = None
    note: int | None = None
    columns: dict[int, str] = field(default_factory=dict)

    @property
    def long(self) -> bool:
        return self.metric is not None

    def complete(self) -> bool:
        return self.period is not None and ((self.metric is not None and self.value is not None)
                                            or bool(self.columns))

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "partner": self.partner, "metric": self.metric, "value": self.value,
                "target": self.target, "note": self.note, "columns": {str(k): v for k, v in self.columns.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CsvMapping:
        return cls(data.get("period"), data.get("partner"), data.get("metric"), data.get("value"),
                   data.get("target"), data.get("note"), {int(k): str(v) for k, v in (data.get("columns") or {}).items()})


@dataclass(frozen=True)
class KpiRecord:
    line: int
    partner: str  # the partner column's text ("" without one)
    period: Period
    metric: str  # a KPI key (wide shape) or the metric cell's text (long shape)
    value: float | None
    target: float | None = None
    note: str = ""
    percent_signs: tuple[bool, bool] = (False, False)  # the value / target cell was written with a "%"


def signature(headers: Iterable[str]) -> str:
    """The header row in a normalised form: the key under which a mapping is remembered."""
    return "|".join(norm(h) for h in headers)


def guess_mapping(headers: list[str], kpi_names: Mapping[str, str]) -> CsvMapping:
    """A first mapping from header names; ``kpi_names`` maps a normalised KPI name or key to its key."""
    mapping = CsvMapping()
    for index, header in enumerate(headers):
        name = norm(header)
        for attr, names in (("period", _PERIOD), ("partner", _PARTNER), ("metric", _METRIC), ("value", _VALUE),
                            ("target", _TARGET), ("note", _NOTE)):
            if name in names and getattr(mapping, attr) is None:
                setattr(mapping, attr, index)
                break
        else:
            key = kpi_names.get(name)
            if key and key not in mapping.columns.values():
                mapping.columns[index] = key
    if mapping.metric is not None:
        mapping.columns = {}
    return mapping


def read_kpi_table(data: bytes) -> CsvTable:
    table = read_table(data)
    if not table.headers or not any(h.strip() for h in table.headers):
        raise KpiFileError(N_("The file has no header row."))
    return table


def records(table: CsvTable, mapping: CsvMapping, lang: str = "en", *, machine_first: bool = False,
            also: tuple[str, ...] = ()) -> list[KpiRecord]:
    """The values under ``mapping``; KpiFileError naming line and column at the first bad cell. Numbers are read
    in ``lang``, then in the languages ``also`` lists (the partner's: its report may be in its own format)."""
    if not mapping.complete():
        raise KpiFileError(N_("No column is recognised as a period and a KPI value. Choose the columns in the "
                              "mapping."))
    out: list[KpiRecord] = []
    headers = table.headers

    def cell(cells: list[str], index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def percent(cells: list[str], index: int | None) -> bool:
        return "%" in cell(cells, index)

    def number(cells: list[str], index: int | None, line: int) -> float | None:
        text = cell(cells, index)
        if not text:
            return None
        for attempt in (lang, *also):
            try:
                return parse_number(text, attempt, machine_first=machine_first)
            except ValueError:
                continue
        raise KpiFileError(N_("Line {line}: “{text}” in column “{column}” is not a number."), line=line,
                           text=text, column=headers[index] if index is not None else "")

    for line, cells in table.rows:
        period_text = cell(cells, mapping.period)
        try:
            period = parse_period(period_text)
        except ValueError:
            raise KpiFileError(N_("Line {line}: “{text}” is not a month or a date."), line=line,
                               text=period_text) from None
        partner = cell(cells, mapping.partner)
        if mapping.long:
            out.append(KpiRecord(line, partner, period, cell(cells, mapping.metric),
                                 number(cells, mapping.value, line), number(cells, mapping.target, line),
                                 cell(cells, mapping.note),
                                 (percent(cells, mapping.value), percent(cells, mapping.target))))
        else:
            for index, key in mapping.columns.items():
                value = number(cells, index, line)
                if value is not None:
                    out.append(KpiRecord(line, partner, period, key, value,
                                         percent_signs=(percent(cells, index), False)))
    return out


def write_kpi_csv(rows: Iterable[tuple[str, str, str, float | None, float | None, str]]) -> bytes:
    """PartnerDesk's own KPI export (UTF-8 with BOM): partner, period, metric, value, target, note; numbers in the
    plain "1234.5" form so any locale reads them back."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for partner, period, metric, value, target, note in rows:
        writer.writerow([safe_cell(partner), period, metric, "" if value is None else repr(float(value)),
                         "" if target is None else repr(float(target)), safe_cell(note)])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
