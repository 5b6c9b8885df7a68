"""Phone numbers compared as E.164 (+5511912345678), whatever way they were written.

"+55 11 91234-5678", "0055 11 91234 5678" and, at a Brazilian partner, "(11) 91234-5678" are one number. National
forms need the country they belong to: the partner's country, else the region of the contact's language
(pt-BR), else the country of the contact's or the partner's time zone. Parsing is Google's libphonenumber
(``phonenumbers``); numbers already written in international form take a fast path, since a duplicate check
compares every phone in the workspace.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NOT_DIGIT = re.compile(r"\D")
#: An international number with nothing but separators: its E.164 form is "+" and its digits.
_PLAIN_INTERNATIONAL = re.compile(r"^\s*(?:\+|00)[\d\s().\-/\u00a0]+$")
MIN_DIGITS = 6  # shorter strings (extensions, "1", "911") never count as the same phone


@lru_cache(maxsize=512)
def region_for(country: str = "", locale: str = "", time_zone: str = "", fallback_zone: str = "") -> str:
    """Two-letter region (BR, JP…) used to read national numbers; "" when nothing tells."""
    if country and len(country.strip()) == 2:
        return country.strip().upper()
    if locale:
        parts = re.split(r"[-_]", locale.strip())
        if len(parts) >= 2 and len(parts[1]) == 2 and parts[1].isalpha():
            return parts[1].upper()
    from babel.core import get_global

    territories = get_global("zone_territories")
    for zone in (time_zone, fallback_zone):
        if zone and zone in territories and zone not in ("UTC", "Etc/UTC"):
            return str(territories[zone])
    return ""


_SEPARATORS = str.maketrans("", "", " -().\u00a0/")


def phone_key(raw: str, region: str = "") -> str:
    """The form two phones are compared in: E.164 when the number can be read, otherwise its digits
    (and "" for fewer than :data:`MIN_DIGITS` digits)."""
    text = (raw or "").strip()
    if text.startswith("+") and "(0)" not in text:
        packed = text.translate(_SEPARATORS)  # the fast path: "+55 11 91234-5678" -> "+5511912345678"
        if packed[1:].isdigit() and packed[1:].isascii():
            return packed if len(packed) > MIN_DIGITS else ""
    if text.lower().startswith("tel:"):
        text = text[4:]
    digits = _NOT_DIGIT.sub("", text)
    if len(digits) < MIN_DIGITS:
        return ""
    if _PLAIN_INTERNATIONAL.match(text) and "(0)" not in text:
        return "+" + (digits[2:] if text.lstrip().startswith("00") else digits)
    return _parsed(text, region) or digits


@lru_cache(maxsize=4096)
def _parsed(text: str, region: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
