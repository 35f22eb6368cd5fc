"""Money as Decimal baht, and the one VAT rounding rule of the shop."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

SATANG = Decimal("0.01")
ZERO = Decimal("0.00")
DEFAULT_VAT_RATE = Decimal("7")


class MoneyError(ValueError):
    """A money amount that cannot be read."""


def to_money(value: Decimal | int | str) -> Decimal:
    """Read an amount of baht (never a float) and round it half-up to the satang."""
    if isinstance(value, float):  # pragma: no cover - guarded by types, kept for callers
        raise MoneyError("money must not be a float")
    try:
        dec = Decimal(value) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError) as exc:
        raise MoneyError(f"not an amount of money: {value!r}") from exc
    if not dec.is_finite():
        raise MoneyError(f"not an amount of money: {value!r}")
    return dec.quantize(SATANG, rounding=ROUND_HALF_UP)


def round_satang(value: Decimal) -> Decimal:
    """Round half-up to the satang: the only rounding rule used for money."""
    return value.quantize(SATANG, rounding=ROUND_HALF_UP)


def vat_included(gross: Decimal, rate_percent: Decimal = DEFAULT_VAT_RATE) -> Decimal:
    """VAT contained in a VAT-inclusive amount: gross x rate / (100 + rate), half-up to the satang.

    This is applied once per receipt to the VAT-able total (DOMAIN.md), never per line,
    so that the receipt's VAT is within half a satang of the exact value.
    """
    if rate_percent <= 0:
        return ZERO
    return round_satang(gross * rate_percent / (Decimal(100) + rate_percent))


def to_satang(value: Decimal) -> int:
    """Baht to integer satang (exact for rounded amounts)."""
    return int(round_satang(value) * 100)


def from_satang(satang: int) -> Decimal:
    return (Decimal(satang) / 100).quantize(SATANG)


def format_baht(value: Decimal, *, symbol: bool = False) -> str:
    """1234.5 -> '1,234.50' (or '฿1,234.50')."""
    text = f"{round_satang(value):,.2f}"
    return f"฿{text}" if symbol else text
