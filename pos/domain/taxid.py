"""The 13-digit Thai tax / citizen identification number."""

from __future__ import annotations


def tax_id_check_digit(first12: str) -> int:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def is_valid_tax_id(value: str) -> bool:
    """True for 13 ASCII digits whose last digit is the check digit (DOMAIN.md)."""
    digits = value.replace("-", "").replace(" ", "")
    if len(digits) != 13 or not digits.isdigit() or not digits.isascii():
        return False
    return tax_id_check_digit(digits[:12]) == int(digits[12])
