"""Pure money and aging rules: CLDR currency digits, exact minor units, status for a day, buckets, on-time rate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from partnerdesk.domain.aging import (
    AgingBucket,
    PaymentStatus,
    aging_bucket,
    aging_by_currency,
    days_overdue,
    on_time_stats,
    payment_status,
)
from partnerdesk.domain.money import (
    AmountDigitsError,
    AmountFormatError,
    NegativeAmountError,
    UnknownCurrencyError,
    currency_digits,
    plain_amount,
    to_decimal,
    to_minor,
    totals_by_currency,
)

D = dt.date(2026, 3, 2)


def test_currency_digits_come_from_cldr() -> None:
    assert (currency_digits("EUR"), currency_digits("JPY"), currency_digits("BHD"), currency_digits("BRL")) == \
        (2, 0, 3, 2)


def test_exact_minor_units_both_ways() -> None:
    assert to_minor("2500.00", "EUR") == 250000
    assert to_minor("1500", "JPY") == 1500
    assert to_minor("1500.00", "JPY") == 1500  # trailing zeros are not extra digits
    assert to_minor("1.250", "BHD") == 1250
    assert to_minor(Decimal("0.1") + Decimal("0.2"), "EUR") == 30
    assert plain_amount(250000, "EUR") == "2500.00"
    assert plain_amount(1500, "JPY") == "1500"
    assert plain_amount(1250, "BHD") == "1.250"
    assert to_decimal(5, "EUR") == Decimal("0.05")


@pytest.mark.parametrize(("amount", "currency", "error"), [
    ("10.5", "JPY", AmountDigitsError),
    ("1.2345", "BHD", AmountDigitsError),
    ("3.141", "EUR", AmountDigitsError),
    ("-5", "EUR", NegativeAmountError),
    ("abc", "EUR", AmountFormatError),
    ("10", "XYZ", UnknownCurrencyError),
    ("10", "eur", UnknownCurrencyError),
])
def test_bad_amounts_raise_translated_field_errors(amount: str, currency: str, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        to_minor(amount, currency)
    assert getattr(info.value, "field", "") in ("amount", "currency")
    assert str(info.value)


def test_totals_never_cross_currencies() -> None:
    assert totals_by_currency([("EUR", 100), ("JPY", 100), ("EUR", 50)]) == {"EUR": 150, "JPY": 100}


def test_status_for_a_day() -> None:
    assert payment_status(D, None, D) == PaymentStatus.DUE_TODAY
    assert payment_status(D + dt.timedelta(days=1), None, D) == PaymentStatus.DUE_SOON
    assert payment_status(D + dt.timedelta(days=7), None, D) == PaymentStatus.DUE_SOON
    assert payment_status(D + dt.timedelta(days=8), None, D) == PaymentStatus.SCHEDULED
    assert payment_status(D - dt.timedelta(days=1), None, D) == PaymentStatus.OVERDUE
    assert payment_status(D, D, D + dt.timedelta(days=40)) == PaymentStatus.PAID
    assert payment_status(D, D + dt.timedelta(days=2), D) == PaymentStatus.PAID_LATE
    assert payment_status(D, D + dt.timedelta(days=2), D, grace_days=2) == PaymentStatus.PAID
    assert days_overdue(D - dt.timedelta(days=12), None, D) == 12
    assert days_overdue(D - dt.timedelta(days=12), D, D) == 0
    assert days_overdue(D + dt.timedelta(days=3), None, D) == 0


@pytest.mark.parametrize(("days", "bucket"), [
    (0, AgingBucket.CURRENT), (1, AgingBucket.DAYS_1_30), (30, AgingBucket.DAYS_1_30),
    (31, AgingBucket.DAYS_31_60), (60, AgingBucket.DAYS_31_60), (61, AgingBucket.DAYS_61_90),
    (90, AgingBucket.DAYS_61_90), (91, AgingBucket.OVER_90), (-5, AgingBucket.CURRENT),
])
def test_aging_bucket_boundaries(days: int, bucket: AgingBucket) -> None:
    assert aging_bucket(days) == bucket
    # The same boundary seen through a due date.
    rows = [("EUR", 100, D - dt.timedelta(days=days), None)]
    aging = aging_by_currency(rows, D)
    assert aging["EUR"][bucket].amount_minor == 100 and aging["EUR"][bucket].count == 1


def test_aging_per_currency_ignores_paid_and_keeps_every_bucket() -> None:
    rows = [("EUR", 100, D - dt.timedelta(days=45), None), ("JPY", 7000, D - dt.timedelta(days=45), None),
            ("EUR", 40, D - dt.timedelta(days=50), None), ("EUR", 999, D - dt.timedelta(days=45), D)]
    aging = aging_by_currency(rows, D)
    assert list(aging) == ["EUR", "JPY"]
    assert list(aging["EUR"]) == list(AgingBucket)
    assert aging["EUR"][AgingBucket.DAYS_31_60].amount_minor == 140
    assert aging["EUR"][AgingBucket.DAYS_31_60].count == 2
    assert aging["JPY"][AgingBucket.DAYS_31_60].amount_minor == 7000
    assert aging["EUR"][AgingBucket.CURRENT].count == 0


def test_on_time_rate_with_grace_and_window() -> None:
    day = dt.timedelta(days=1)
    rows = [
        (D - 30 * day, D - 31 * day, D - 60 * day),  # early: on time, 29 days to pay
        (D - 20 * day, D - 20 * day, D - 50 * day),  # on the due date: on time, 30 days
        (D - 10 * day, D - 8 * day, None),  # 2 days late: on time only with grace >= 2
        (D - 5 * day, None, None),  # open, 5 days overdue: counted as not on time
        (D - 1 * day, None, None),  # open, 1 day overdue: not counted with grace 2
        (D - 400 * day, D - 300 * day, None),  # outside the 12-month window
        (D + 3 * day, None, None),  # not due yet
    ]
    strict = on_time_stats(rows, D)
    assert (strict.on_time, strict.counted) == (2, 5)
    assert strict.rate == pytest.approx(0.4)
    assert strict.average_days_to_pay == pytest.approx(29.5)
    assert strict.average_days_late == pytest.approx(2.0)
    lenient = on_time_stats(rows, D, grace_days=2)
    assert (lenient.on_time, lenient.counted) == (3, 4)
    assert on_time_stats([], D).rate is None
