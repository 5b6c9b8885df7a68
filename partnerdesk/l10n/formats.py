"""CLDR formatting through Babel for the current (or a given) language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import Locale, dates, numbers

from partnerdesk.l10n.catalog import current_language
from partnerdesk.l10n.catalog import shape_digits as _shape


def shape_digits(text: str, lang: str | None) -> str:
    """The UI's digits for text formatted in the UI language (``lang`` None). Text formatted for an explicit
    language — a packet in its partner's language — keeps that language's CLDR default (Latin)."""
    return _shape(text) if lang is None else text

# Regional defaults: a bare language tag gets the region our partners use.
_REGION: dict[str, str] = {"en": "en_GB", "pt": "pt_BR", "ja": "ja_JP", "it": "it_IT", "el": "el_GR", "ar": "ar"}


def babel_locale(lang: str | None = None) -> Locale:
    """Babel locale for a language tag; bare tags get a sensible region (pt -> pt_BR)."""
    tag = (lang or current_language()).replace("-", "_")
    if "_" not in tag:
        tag = _REGION.get(tag, tag)
    try:
        return Locale.parse(tag)
    except (ValueError, LookupError):
        return Locale.parse("en_GB")


def format_date(value: dt.date, fmt: str = "medium", lang: str | None = None) -> str:
    return shape_digits(dates.format_date(value, format=fmt, locale=babel_locale(lang)), lang)


# One clock per language. CLDR's own pattern everywhere except Greek, where CLDR says 12-hour ("8:09 μ.μ.") but
# calendars, timetables and working hours are written on the 24-hour clock: PartnerDesk uses 24 hours in Greek.
_TIME_PATTERNS: dict[str, dict[str, str]] = {"el": {"short": "HH:mm", "medium": "HH:mm:ss"}}


def time_pattern(fmt: str = "short", lang: str | None = None) -> str:
    """The CLDR-style pattern times are shown with ("HH:mm", "h:mm a"), our per-language clock included."""
    loc = babel_locale(lang)
    override = _TIME_PATTERNS.get(loc.language, {}).get(fmt)
    return override or loc.time_formats[fmt].pattern


def uses_24_hour_clock(lang: str | None = None) -> bool:
    return "a" not in time_pattern("short", lang).replace("'", "")


def format_time(value: dt.time | dt.datetime, fmt: str = "short", lang: str | None = None) -> str:
    loc = babel_locale(lang)
    pattern = _TIME_PATTERNS.get(loc.language, {}).get(fmt)
    return shape_digits(dates.format_time(value, format=pattern or fmt, locale=loc), lang)


def format_datetime(value: dt.datetime, fmt: str = "medium", lang: str | None = None,
                    tzinfo: dt.tzinfo | None = None) -> str:
    loc = babel_locale(lang)
    if loc.language not in _TIME_PATTERNS or fmt not in ("short", "medium"):
        return shape_digits(dates.format_datetime(value, format=fmt, tzinfo=tzinfo, locale=loc), lang)
    if tzinfo is not None and value.tzinfo is not None:
        value = value.astimezone(tzinfo)
    glue = str(loc.datetime_formats[fmt])
    return glue.replace("{1}", dates.format_date(value.date(), fmt, locale=loc)).replace(
        "{0}", format_time(value, fmt, lang))


def format_skeleton(skeleton: str, value: dt.date | dt.datetime, lang: str | None = None) -> str:
    """Format with a CLDR skeleton such as 'MMMEd' or 'yMMMM' (locale picks order and punctuation)."""
    return shape_digits(dates.format_skeleton(skeleton, value, locale=babel_locale(lang)), lang)


def format_number(value: float | int | Decimal, lang: str | None = None) -> str:
    return shape_digits(numbers.format_decimal(value, locale=babel_locale(lang)), lang)


def format_decimal(value: float | Decimal, digits: int = 2, lang: str | None = None) -> str:
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return shape_digits(numbers.format_decimal(value, format=pattern, locale=babel_locale(lang)), lang)


def format_percent(ratio: float, digits: int = 1, lang: str | None = None) -> str:
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return shape_digits(numbers.format_percent(ratio, format=pattern, locale=babel_locale(lang)), lang)


def currency_digits(currency: str) -> int:
    return numbers.get_currency_precision(currency)


def format_money(amount_minor: int, currency: str, lang: str | None = None) -> str:
    """Format an amount stored in minor units (cents) in ISO currency `currency`."""
    digits = currency_digits(currency)
    value = Decimal(amount_minor) / (Decimal(10) ** digits)
    return shape_digits(numbers.format_currency(value, currency, locale=babel_locale(lang)), lang)


def first_weekday(lang: str | None = None) -> int:
    """First day of the week for the language's region: 0 = Monday … 6 = Sunday."""
    return babel_locale(lang).first_week_day


def weekend_days(lang: str | None = None) -> tuple[int, ...]:
    loc = babel_locale(lang)
    start, end = loc.weekend_start, loc.weekend_end
    days = [start]
    while days[-1] != end:
        days.append((days[-1] + 1) % 7)
    return tuple(days)


def weekday_name(weekday: int, width: str = "wide", lang: str | None = None) -> str:
    """Localized name of a weekday, 0 = Monday."""
    name: str = babel_locale(lang).days["stand-alone"][width][weekday]
    return name


def month_name(month: int, width: str = "wide", lang: str | None = None) -> str:
    name: str = babel_locale(lang).months["stand-alone"][width][month]
    return name


def paper_size(lang: str | None = None) -> str:
    """'Letter' where CLDR regions use US Letter, else 'A4'."""
    territory = babel_locale(lang).territory or ""
    return "Letter" if territory in {"US", "CA", "MX", "PH", "CL", "CO", "VE"} else "A4"


def country_name(code: str, lang: str | None = None) -> str:
    """CLDR name of an ISO 3166 country code in the language (``BR`` -> ``Brasil`` in pt)."""
    if not code:
        return ""
    name: str = babel_locale(lang).territories.get(code.upper(), code.upper())
    return name


def format_list(items: list[str], lang: str | None = None) -> str:
    """"Monday, Wednesday and Friday" in the language's own list pattern (CLDR)."""
    from babel.lists import format_list as babel_format_list

    return babel_format_list(items, style="standard", locale=babel_locale(lang)) if items else ""


def format_clock(hhmm: str, lang: str | None = None) -> str:
    """A stored wall-clock time ("17:00") on the language's clock ("17:00", "5:00 م"); other text as it is."""
    try:
        hour, minute = (int(part) for part in hhmm.split(":"))
        return format_time(dt.time(hour, minute), "short", lang)
    except ValueError:
        return hhmm


def parse_clock(text: str, lang: str | None = None) -> str | None:
    """"HH:MM" for a time typed on the language's clock or on the 24-hour clock ("5:00 م", "5 pm", "17:00",
    "١٧:٠٠"); None when it is not a time."""
    import re

    plain = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")).strip()
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(.*)", plain)
    if match is None:
        return None
    hour, minute, marker = int(match.group(1)), int(match.group(2) or 0), match.group(3).strip().casefold()
    periods = babel_locale(lang).day_periods["format"]["abbreviated"]
    am = {"am", "a.m.", str(periods.get("am", "am")).casefold()}
    pm = {"pm", "p.m.", str(periods.get("pm", "pm")).casefold()}
    if marker in pm and 1 <= hour <= 12:
        hour = hour % 12 + 12
    elif marker in am and 1 <= hour <= 12:
        hour = hour % 12
    elif marker:
        return None
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"
