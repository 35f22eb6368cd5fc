"""An amount of baht in Thai words, as written on tax invoices (like Excel's BAHTTEXT)."""

from __future__ import annotations

from decimal import Decimal

from pos.domain.money import round_satang

_DIGITS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACES = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
_MILLION = 1_000_000


def thai_number(n: int) -> str:
    """A whole number 0 ≤ n in Thai words: 21 → ยี่สิบเอ็ด, 1000001 → หนึ่งล้านเอ็ด."""
    if n < 0:
        raise ValueError("thai_number reads whole numbers from zero up")
    if n == 0:
        return _DIGITS[0]
    return _read(n, higher=False)


def _read(n: int, *, higher: bool) -> str:
    """Words for n > 0; `higher` says digits stand before it (so a final 1 reads เอ็ด)."""
    if n >= _MILLION:
        millions, rest = divmod(n, _MILLION)
        head = _read(millions, higher=higher) + "ล้าน"
        return head + (_read(rest, higher=True) if rest else "")
    words: list[str] = []
    digits = str(n)
    count = len(digits)
    for i, ch in enumerate(digits):
        d = int(ch)
        place = count - 1 - i
        if d == 0:
            continue
        if place == 1 and d == 1:
            words.append("สิบ")  # 10-19: สิบ, never หนึ่งสิบ
        elif place == 1 and d == 2:
            words.append("ยี่สิบ")
        elif place == 0 and d == 1 and (count > 1 or higher):
            words.append("เอ็ด")  # 11 สิบเอ็ด, 101 หนึ่งร้อยเอ็ด, 1000001 หนึ่งล้านเอ็ด
        else:
            words.append(_DIGITS[d] + _PLACES[place])
    return "".join(words)


def bahttext(amount: Decimal) -> str:
    """1234.50 → หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์; 100 → หนึ่งร้อยบาทถ้วน.

    The amount is rounded half-up to the satang first (the shop's one rounding rule).
    """
    if not amount.is_finite():
        raise ValueError(f"not an amount of money: {amount!r}")
    value = round_satang(amount)
    sign = "ลบ" if value < 0 else ""
    satang_total = int(abs(value) * 100)
    baht, satang = divmod(satang_total, 100)
    if satang_total == 0:
        return "ศูนย์บาทถ้วน"
    baht_words = f"{thai_number(baht)}บาท" if baht else ""
    if satang == 0:
        return f"{sign}{baht_words}ถ้วน"
    # satang are read on their own: 0.01 หนึ่งสตางค์, 0.21 ยี่สิบเอ็ดสตางค์
    return f"{sign}{baht_words}{thai_number(satang)}สตางค์"
