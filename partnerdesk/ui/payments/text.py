"""Display texts shared by the ledger, its tables and the partner tab."""

from __future__ import annotations

from functools import lru_cache

from partnerdesk.l10n import current_language, format_money, is_rtl


def money(amount_minor: int, currency: str) -> str:
    return _money(amount_minor, currency, current_language())


@lru_cache(maxsize=8192)
def _money(amount_minor: int, currency: str, lang: str) -> str:
    """CLDR money for the UI language. In right-to-left languages the amount is isolated left-to-right, so the
    Unicode bidi algorithm keeps "18,225.00 R$" together instead of splitting the symbol ("$R 18,225.00")."""
    text = format_money(amount_minor, currency, lang)
    return f"\u2066{text}\u2069" if is_rtl(lang) else text
