"""How money and quantities are written: decimal strings, never binary floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(amount: Decimal | None) -> str | None:
    """Decimal string with two places for JSON: Decimal('70.08') -> "70.08"."""
    return None if amount is None else str(cents(amount))


def plain(value: Decimal | None) -> str | None:
    """A quantity or unit price without trailing zeros or exponent: 0.0960000000 -> "0.096"."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def dollars(amount: Decimal, signed: bool = False) -> str:
    """$1,234.50 for people; signed adds + to increases and writes decreases with a minus sign (−)."""
    rounded = cents(amount)
    text = f"${abs(rounded):,.2f}"
    if rounded < 0:
        return ("−" if signed else "-") + text
    return ("+" + text) if signed and rounded > 0 else text


def unit_price(amount: Decimal) -> str:
    """Unit prices keep their precision: $0.096, $0.0000166667."""
    return "$" + format(amount.normalize(), "f")


def percent_change(before: Decimal, after: Decimal) -> str:
    if before == 0:
        return "new" if after else "0%"
    change = (after - before) / before * 100
    return f"{change:+.0f}%" if abs(change) >= 1 else f"{change:+.1f}%"
