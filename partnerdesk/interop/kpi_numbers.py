"""Numbers and periods as they appear in KPI files, and the error every KPI reader raises."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from babel import numbers

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.periods import Period
from partnerdesk.l10n import N_
from partnerdesk.l10n.formats import babel_locale

_MACHINE = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_STRIP = re.compile(r"[\s\u00a0\u202f%‰¤$€£¥₹R\u200e\u200f\u061c]|BRL|EUR|USD|JPY|AED|SAR|GBP")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class KpiFileError(PartnerDeskError):
    """A KPI file that cannot be imported; the message names the line or column. Nothing was saved."""

    template = N_("The file cannot be imported.")


def parse_number(text: str, lang: str = "en", *, machine_first: bool = False) -> float:
    """A number as written in ``lang`` ("1.234,5" in pt/it/el, "1,234.5" in en, Arabic-Indic digits, a trailing
    % or currency sign). ``machine_first`` tries the plain "1234.5" form first (exports written by programs).
    Percent signs are dropped, not divided: the caller knows the unit. ValueError when it is not a number."""
    raw = text.strip().translate(_ARABIC_DIGITS).replace("٫", ".").replace("٬", ",").replace("−", "-")
    cleaned = _STRIP.sub("", raw)
    if not cleaned:
        raise ValueError(text)
    if machine_first and _MACHINE.match(cleaned):
        return float(cleaned)
    try:
        value = numbers.parse_decimal(cleaned, locale=babel_locale(lang), strict=True)
    except (numbers.NumberFormatError, InvalidOperation):
        if _MACHINE.match(cleaned):
            return float(cleaned)
        raise ValueError(text) from None
    return float(Decimal(value))


_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[/.](\d{4})$")


def parse_period(text: str) -> Period:
    """The month (or quarter) a cell names: 2026-11, 2026-Q4, 2026-11-05, 20261105, 202611, 05/11/2026
    (day first), 11/2026. ValueError for anything else."""
    value = text.strip()
    try:
        return Period.parse(value)
    except ValueError:
        pass
    for pattern in (_ISO_DAY, _COMPACT):
        match = pattern.match(value)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            day = int(match.group(3) or 1)
            return Period.containing(dt.date(year, month, day))
    match = _DMY.match(value)
    if match:
        return Period.containing(dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1))))
    match = _MY.match(value)
    if match:
        return Period.month(int(match.group(2)), int(match.group(1)))
    raise ValueError(text)
