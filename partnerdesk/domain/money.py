"""Money rules: ISO currencies, their CLDR minor-unit digits, and exact conversion between decimals and minor units.

Amounts are integers in minor units end to end (2,500.00 EUR is 250000; 1,500 JPY is 1500; 1.250 BHD is 1250).
Totals are kept per currency and never added across currencies.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import numbers

from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_


class UnknownCurrencyError(ValidationError):
    template = N_("“{currency}” is not a known ISO 4217 currency code.")


class AmountDigitsError(ValidationError):
    template = N_("{currency} amounts have {digits} decimal places at most; “{amount}” has more.")


class NegativeAmountError(ValidationError):
    template = N_("The amount cannot be negative.")


class AmountFormatError(ValidationError):
    template = N_("“{amount}” is not an amount. Write it like 2500.00.")


@cache
def _known_currencies() -> frozenset[str]:
    return frozenset(numbers.list_currencies())


def is_known_currency(code: str) -> bool:
    """True for an ISO 4217 code that CLDR knows (``"EUR"``, ``"JPY"``); case-sensitive, upper case only."""
    return len(code) == 3 and code.isupper() and code in _known_currencies()


def check_currency(code: str, field: str = "currency") -> str:
    """The code itself when known; else an :class:`UnknownCurrencyError` naming it."""
    if not is_known_currency(code):
        raise UnknownCurrencyError(field=field, currency=code)
    return code


@cache
def currency_digits(code: str) -> int:
    """Minor-unit digits from CLDR: EUR 2, JPY 0, BHD 3."""
    return int(numbers.get_currency_precision(code))


def to_decimal(amount_minor: int, currency: str) -> Decimal:
    """250000, "EUR" -> Decimal("2500.00") (exact, with the currency's number of places)."""
    digits = currency_digits(currency)
    return Decimal(amount_minor).scaleb(-digits).quantize(Decimal(1).scaleb(-digits))


def plain_amount(amount_minor: int, currency: str) -> str:
    """A locale-free decimal string for files: 250000 EUR -> "2500.00", 1500 JPY -> "1500"."""
    return str(to_decimal(amount_minor, currency))


def to_minor(amount: Decimal | str | int, currency: str, field: str = "amount") -> int:
    """Exact minor units of a decimal amount in ``currency``.

    Raises a translated error for an unknown currency, a negative amount, text that is not a number, or more
    decimal places than the currency has (``"10.5"`` JPY, ``"1.2345"`` BHD). Trailing zeros are fine
    (``"1500.00"`` JPY is 1500)."""
    check_currency(currency)
    raw = amount
    if isinstance(amount, str):
        text = amount.strip().replace(" ", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise AmountFormatError(field=field, amount=raw) from None
    value = Decimal(amount)
    if not value.is_finite():
        raise AmountFormatError(field=field, amount=raw)
    if value < 0:
        raise NegativeAmountError(field=field)
    digits = currency_digits(currency)
    scaled = value.scaleb(digits)
    if scaled != scaled.to_integral_value():
        raise AmountDigitsError(field=field, currency=currency, digits=digits, amount=raw)
    return int(scaled)


def totals_by_currency(amounts: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Sum (currency, amount_minor) pairs per currency; never across currencies. Keys sorted by code."""
    out: dict[str, int] = {}
    for currency, amount in amounts:
        out[currency] = out.get(currency, 0) + amount
    return dict(sorted(out.items()))
