"""Localization shared by the UI and the packets: gettext catalogs plus CLDR formatting (Babel)."""

from typing import TYPE_CHECKING

from partnerdesk.l10n.catalog import (
    DIGIT_SYSTEMS,
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    NP_,
    RTL_LANGUAGES,
    SOURCE_LANGUAGE,
    Translator,
    _,
    current_language,
    digit_system,
    fill,
    is_rtl,
    language_for,
    ngettext,
    normalize_language,
    npgettext,
    pgettext,
    set_digits,
    set_language,
    shape_digits,
    system_language,
    translations,
)

if TYPE_CHECKING:  # the real signatures for the type checker; at run time __getattr__ loads them lazily
    from partnerdesk.l10n.formats import (
        babel_locale,
        country_name,
        first_weekday,
        format_clock,
        format_date,
        format_datetime,
        format_decimal,
        format_list,
        format_money,
        format_number,
        format_percent,
        format_skeleton,
        format_time,
        month_name,
        paper_size,
        parse_clock,
        time_pattern,
        uses_24_hour_clock,
        weekday_name,
        weekend_days,
    )

_FORMATS = frozenset({
    "babel_locale", "country_name", "first_weekday", "format_clock", "format_date", "format_datetime",
    "format_decimal", "format_list", "format_money", "format_number", "format_percent", "format_skeleton",
    "format_time", "month_name", "paper_size", "parse_clock", "time_pattern", "uses_24_hour_clock", "weekday_name",
    "weekend_days",
})


def __getattr__(name: str) -> object:
    """CLDR formatting loads Babel (~30 ms) on first use, so the GUI window can show before it."""
    if name in _FORMATS:
        from partnerdesk.l10n import formats

        return getattr(formats, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "LANGUAGES", "LANGUAGE_NAMES", "RTL_LANGUAGES", "SOURCE_LANGUAGE", "N_", "NP_", "Translator", "_",
    "DIGIT_SYSTEMS", "babel_locale", "country_name", "current_language", "digit_system", "fill", "first_weekday",
    "format_clock", "format_date", "format_datetime", "format_decimal", "format_list", "format_money",
    "format_number", "format_percent", "format_skeleton", "format_time", "is_rtl", "language_for", "month_name",
    "ngettext", "normalize_language", "npgettext", "paper_size", "parse_clock", "pgettext", "set_digits",
    "set_language", "shape_digits", "system_language", "time_pattern", "translations", "uses_24_hour_clock",
    "weekday_name", "weekend_days",
]
