"""How money and quantities are written: decimal strings, never binary floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


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


MINUS = "−"  # the one minus sign of every amount and percentage people read


def dollars(amount: Decimal, signed: bool = False) -> str:
    """$1,234.50 for people; signed adds + to increases. A negative amount has the minus sign (−)."""
    rounded = cents(amount)
    text = f"${abs(rounded):,.2f}"
    if rounded < 0:
        return MINUS + text
    return ("+" + text) if signed and rounded > 0 else text


def unit_price(amount: Decimal) -> str:
    """Unit prices keep their precision: $0.096, $0.0000166667."""
    return "$" + format(amount.normalize(), "f")


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """part as a percentage of whole (unrounded); None when whole is 0 (a share of nothing is undefined)."""
    return part / whole * HUNDRED if whole else None


def percent_value(value: Decimal, places: int = 1) -> Decimal:
    """A percentage rounded for showing and for reports: 141.75 -> 141.8."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(value: Decimal, places: int = 1, signed: bool = False) -> str:
    """A percentage for people: 141.8%, or +12.5% when signed."""
    rounded = percent_value(value, places)
    sign = MINUS if rounded < 0 else "+" if signed and rounded > 0 else ""
    return f"{sign}{abs(rounded):,}%"


def percent_change(before: Decimal, after: Decimal) -> str:
    """The change from before to after, as people read it.

    +12%, −0.5% (below 1%, one decimal place); from nothing, "new"; at least double, a
    factor (×2.5, ×38) instead of a percentage nobody can picture (+3,700%).
    """
    if before == 0:
        return "new" if after else "0%"
    if before > 0 and after >= 2 * before:
        factor = after / before
        places = Decimal("0.1") if factor < 10 else Decimal(1)
        return f"×{factor.quantize(places, rounding=ROUND_HALF_UP):,}"
    change = (after - before) / before * HUNDRED
    return percent(change, places=0 if abs(change) >= 1 else 1, signed=True)
