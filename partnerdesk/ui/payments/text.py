"""Display texts shared by the ledger, its tables and the partner tab."""

from __future__ import annotations

from partnerdesk.l10n import format_money, is_rtl


def money(amount_minor: int, currency: str) -> str:
    """CLDR money for the UI language. In right-to-left languages the amount is isolated left-to-right, so the
    Unicode bidi algorithm keeps "18,225.00 R$" together instead of splitting the symbol ("$R 18,225.00")."""
    text = format_money(amount_minor, currency)
    return f"\u2066{text}\u2069" if is_rtl() else text
