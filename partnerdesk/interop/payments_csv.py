"""Payments as CSV: a formula-safe export of the ledger (amounts as plain decimals with a currency column) and a
reader for CSV files exported by accounting tools (Xero, QuickBooks, Odoo, our own), with a column mapping.

Reading checks each row on its own (currency, amount digits, dates, direction) and lists every bad row with its
line; whether the partner exists is the import service's business.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from partnerdesk.domain.enums import PaymentDirection, PaymentMethod
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.money import plain_amount, to_minor
from partnerdesk.interop.csv_io import CsvTable, _unprotect, map_headers, read_table, safe_cell
from partnerdesk.interop.records import RecordError
from partnerdesk.l10n import N_, _

#: Payment fields a column can map to (labels translated at display).
FIELDS: dict[str, str] = {
    "partner": N_("Partner"),
    "invoice_ref": N_("Invoice"),
    "direction": N_("Direction"),
    "amount": N_("Amount"),
    "currency": N_("Currency"),
    "issued_on": N_("Invoice date"),
    "due_on": N_("Due date"),
    "paid_on": N_("Paid date"),
    "method": N_("Method"),
    "notes": N_("Notes"),
}
REQUIRED = ("partner", "invoice_ref", "amount", "currency", "due_on")

_ALIASES: dict[str, tuple[str, ...]] = {
    "partner": ("partner", "contact", "contactname", "contact name", "vendor", "supplier", "customer", "payee",
                "name", "partner_id/name", "parceiro", "fornecedor", "cliente", "fornitore", "パートナー", "取引先",
                "συνεργάτης", "الشريك"),
    "invoice_ref": ("invoice", "invoice_ref", "invoicenumber", "invoice number", "invoice no", "invoice #",
                    "bill no", "bill number", "reference", "ref", "number", "num", "no.", "fatura", "nota fiscal",
                    "fattura", "請求書", "請求書番号", "τιμολόγιο", "الفاتورة"),
    "direction": ("direction", "type", "transaction type", "move_type", "tipo", "direção", "方向",
                  "κατεύθυνση", "الاتجاه"),
    "amount": ("amount", "total", "amount due", "invoice amount", "total amount", "amount_total", "open balance",
               "valor", "importo", "金額", "ποσό", "المبلغ"),
    "currency": ("currency", "currency code", "currencycode", "currency_id", "moeda", "valuta", "通貨",
                 "νόμισμα", "العملة"),
    "issued_on": ("invoice date", "invoicedate", "issued_on", "issue date", "date", "invoice_date",
                  "data da fatura", "data fattura", "請求日", "ημερομηνία τιμολογίου", "تاريخ الفاتورة"),
    "due_on": ("due date", "duedate", "due_on", "due", "invoice_date_due", "vencimento", "data de vencimento",
               "scadenza", "支払期日", "期限", "λήξη", "ημερομηνία λήξης", "تاريخ الاستحقاق", "الاستحقاق"),
    "paid_on": ("paid date", "paid_on", "paid", "payment date", "date paid", "fully paid on date",
                "data de pagamento", "pago em", "data pagamento", "支払日", "ημερομηνία πληρωμής",
                "تاريخ الدفع"),
    "method": ("method", "payment method", "forma de pagamento", "metodo", "方法", "τρόπος", "الطريقة"),
    "notes": ("notes", "note", "description", "memo", "reference note", "observações", "note", "メモ",
              "σημειώσεις", "ملاحظات"),
}

_PAYABLE = {"payable", "we pay", "bill", "accpay", "in_invoice", "purchase", "supplier invoice", "vendor bill",
            "a pagar", "pagar", "da pagare"}
_RECEIVABLE = {"receivable", "partner pays", "invoice", "accrec", "out_invoice", "sale", "sales invoice",
               "customer invoice", "a receber", "receber", "da incassare"}
_METHODS = {"bank transfer": PaymentMethod.BANK_TRANSFER, "bank_transfer": PaymentMethod.BANK_TRANSFER,
            "transfer": PaymentMethod.BANK_TRANSFER, "wire": PaymentMethod.BANK_TRANSFER,
            "card": PaymentMethod.CARD, "credit card": PaymentMethod.CARD, "pix": PaymentMethod.PIX,
            "sepa": PaymentMethod.SEPA, "sepa transfer": PaymentMethod.SEPA, "other": PaymentMethod.OTHER}


def guess_mapping(headers: Iterable[str]) -> dict[int, str]:
    """Column index -> payment field, from header names used by accounting tools and in our languages."""
    return map_headers(headers, _ALIASES)


@dataclass
class PaymentRecord:
    """One payment read from a file: the partner by name, amounts in minor units, and where it came from."""

    partner: str
    invoice_ref: str
    direction: PaymentDirection
    amount_minor: int
    currency: str
    due_on: dt.date
    issued_on: dt.date | None = None
    paid_on: dt.date | None = None
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    notes: str = ""
    line: int = 0


@dataclass
class PaymentReadResult:
    records: list[PaymentRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    encoding: str = "utf-8"


def _date(text: str) -> dt.date:
    """ISO dates (2026-03-29), compact (20260329) or day first (29/03/2026, 29.03.2026)."""
    text = text.strip()
    if len(text) == 8 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if "/" in text or ("." in text and text.count(".") == 2):
        day, month, year = text.replace(".", "/").split("/")
        return dt.date(int(year), int(month), int(day))
    return dt.date.fromisoformat(text[:10])


def _amount_text(text: str) -> str:
    """Plain decimal from an accounting export: "1,234.56" -> "1234.56", "(120.00)" stays negative."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if text.startswith("(") and text.endswith(")"):
        text = "-" + text[1:-1]
    if "," in text and "." in text:
        text = text.replace(",", "")
    elif "," in text and text.count(",") == 1 and len(text.rsplit(",", 1)[1]) != 3:
        text = text.replace(",", ".")  # decimal comma
    return text


def records_from_table(table: CsvTable, mapping: Mapping[int, str]) -> PaymentReadResult:
    missing = [FIELDS[f] for f in REQUIRED if f not in mapping.values()]
    result = PaymentReadResult(encoding=table.encoding)
    if missing:
        result.errors.append(RecordError(0, 1, _("No column is mapped to: {fields}").format(
            fields=", ".join(_(m) for m in missing))))
        return result
    for number, (line, cells) in enumerate(table.rows, start=1):
        values = {name: _unprotect(cells[i].strip()) for i, name in mapping.items() if i < len(cells)}
        try:
            result.records.append(_record(values, line))
        except PartnerDeskError as exc:
            result.errors.append(RecordError(number, line, exc.message))
        except ValueError as exc:
            result.errors.append(RecordError(number, line, _("“{value}” is not a date (use YYYY-MM-DD)").format(
                value=str(exc.args[0]) if exc.args else "")))
    return result


class MissingValueError(PartnerDeskError):
    template = N_("The column “{field}” is empty.")


def _record(values: Mapping[str, str], line: int) -> PaymentRecord:
    for name in REQUIRED:
        if not values.get(name):
            raise MissingValueError(field=_(FIELDS[name]))
    currency = values["currency"].upper()
    amount = to_minor(_amount_text(values["amount"]), currency)
    dates: dict[str, dt.date | None] = {}
    for name in ("issued_on", "due_on", "paid_on"):
        raw = values.get(name, "")
        try:
            dates[name] = _date(raw) if raw else None
        except (ValueError, TypeError):
            raise ValueError(raw) from None
    word = values.get("direction", "").strip().casefold()
    if not word or word in _PAYABLE:
        direction = PaymentDirection.PAYABLE
    elif word in _RECEIVABLE:
        direction = PaymentDirection.RECEIVABLE
    else:
        raise UnknownDirectionError(value=values["direction"])
    method = _METHODS.get(values.get("method", "").strip().casefold(), PaymentMethod.OTHER) \
        if values.get("method") else PaymentMethod.BANK_TRANSFER
    due = dates["due_on"]
    assert due is not None
    return PaymentRecord(values["partner"], values["invoice_ref"], direction, amount, currency, due,
                         dates["issued_on"], dates["paid_on"], method, values.get("notes", ""), line)


class UnknownDirectionError(PartnerDeskError):
    template = N_("“{value}” is not a direction; use payable or receivable.")


def read_payments_csv(data: bytes, mapping: Mapping[int, str] | None = None) -> PaymentReadResult:
    table = read_table(data)
    return records_from_table(table, mapping if mapping is not None else guess_mapping(table.headers))


EXPORT_COLUMNS = ("partner", "invoice", "direction", "amount", "currency", "issued_on", "due_on", "paid_on",
                  "method", "status", "days_overdue", "notes")


def write_payments_csv(rows: Iterable[tuple[str, str, str, int, str, dt.date | None, dt.date, dt.date | None,
                                            str, str, int, str]]) -> bytes:
    """UTF-8 with BOM, English machine headers, amounts as plain decimals ("18225.00", "1500" for JPY),
    dates ISO, text cells made formula-safe. Rows: (partner, invoice, direction, amount_minor, currency,
    issued_on, due_on, paid_on, method, status, days_overdue, notes)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for (partner, invoice, direction, amount, currency, issued, due, paid, method, status, overdue,
         notes) in rows:
        writer.writerow([safe_cell(partner), safe_cell(invoice), direction, plain_amount(amount, currency),
                         currency, issued.isoformat() if issued else "", due.isoformat(),
                         paid.isoformat() if paid else "", method, status, overdue, safe_cell(notes)])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
