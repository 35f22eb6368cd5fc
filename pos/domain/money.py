"""Money as Decimal baht, and the one VAT rounding rule of the shop."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pos.domain.bilingual import Bilingual
from pos.domain.errors import ShopError

SATANG = Decimal("0.01")
ZERO = Decimal("0.00")
DEFAULT_VAT_RATE = Decimal("7")

# A money column of the database holds 12 digits, 2 of them after the point (db/models.py
# `Money`; a test keeps the two equal). Its largest amount, 9,999,999,999.99, written
# "9999999999.99", is also exactly the 13 characters of a PromptPay QR's amount field.
MONEY_DIGITS = 12
MONEY_PLACES = 2
MAX_AMOUNT = Decimal(10) ** (MONEY_DIGITS - MONEY_PLACES) - SATANG


class MoneyError(ValueError):
    """A money amount that cannot be read."""


class AmountError(ShopError):
    """A typed amount the till refuses (not a number, too many decimals, too large …)."""


AN_AMOUNT = Bilingual("จำนวนเงิน", "amount")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_EXPONENT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+")
_LONGEST = 40  # characters of an amount worth reading ("9,999,999,999.99" is 16)


def cut(text: str, limit: int = 24) -> str:
    """A text cut short for a message (a 50 MB cell must not become the message)."""
    return text if len(text) <= limit else text[:limit] + "…"


def shown(text: str, limit: int = 24) -> str:
    """A value quoted for a message, cut short."""
    return repr(cut(text, limit))


def parse_amount(
    text: str,
    *,
    what: Bilingual = AN_AMOUNT,
    places: int = MONEY_PLACES,
    negative_ok: bool = False,
    zero_ok: bool = True,
    maximum: Decimal = MAX_AMOUNT,
) -> Decimal:
    """Read an amount typed by a person or a file: '1,250.50', '฿79', '๑๒๐' -> Decimal.

    The one amount parser of the shop. Refuses (AmountError, in English and Thai, naming
    `what`): anything but plain digits with an optional sign, thousands commas and a point;
    NaN, sNaN and Infinity; exponents ('1e30', which Excel writes for big numbers); more
    than `places` decimals; a negative amount unless `negative_ok`; zero unless `zero_ok`;
    more than `maximum` either way (by default what a money column and a PromptPay QR hold).
    """
    th, en = what.th, what.en
    raw = text.strip()
    cleaned = raw.replace(",", "").replace("฿", "").strip().translate(_THAI_DIGITS)
    if not cleaned:
        raise AmountError(f"{en} is empty", f"ไม่ได้ใส่{th}")
    if len(cleaned) > _LONGEST or not _PLAIN.fullmatch(cleaned):
        if len(cleaned) <= _LONGEST and _EXPONENT.fullmatch(cleaned):
            raise AmountError(
                f"{en} {shown(raw)} is written with an exponent: write it in plain digits",
                f"{th} {shown(raw)} เขียนแบบเลขยกกำลัง กรุณาเขียนเป็นตัวเลขธรรมดา",
            )
        raise AmountError(f"{en} {shown(raw)} is not a number", f"{th} {shown(raw)} ไม่ใช่ตัวเลข")
    value = Decimal(cleaned)
    if abs(value) > maximum:
        raise AmountError(
            f"{en} {shown(raw)} is more than {format_baht(maximum)}",
            f"{th} {shown(raw)} เกิน {format_baht(maximum)}",
        )
    step = Decimal(1).scaleb(-places)
    if value != value.quantize(step):
        raise AmountError(
            f"{en} {shown(raw)} has more than {places} decimals",
            f"{th} {shown(raw)} มีทศนิยมเกิน {places} ตำแหน่ง",
        )
    if value < 0 and not negative_ok:
        raise AmountError(f"{en} {shown(raw)} is negative", f"{th} {shown(raw)} ติดลบ")
    if value == 0 and not zero_ok:
        raise AmountError(f"{en} must be more than zero", f"{th}ต้องมากกว่าศูนย์")
    return value.quantize(step) + 0  # + 0: -0.00 is 0.00


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
