"""PromptPay (Thai QR Payment) merchant-presented payloads, EMVCo style."""

from __future__ import annotations

from decimal import Decimal

from pos.domain.money import round_satang
from pos.domain.taxid import is_valid_tax_id

PROMPTPAY_AID = "A000000677010111"


class PromptPayError(ValueError):
    """A PromptPay ID or amount that cannot go into a QR code."""


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise PromptPayError(f"field {tag} too long")
    return f"{tag}{len(value):02d}{value}"


def normalize_promptpay_id(raw: str) -> tuple[str, str]:
    """Return (sub-tag, value) for a mobile number, a tax/citizen ID or an e-wallet ID."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) != len(raw.replace("-", "").replace(" ", "")) or not digits.isascii():
        raise PromptPayError(f"PromptPay ID must be digits: {raw!r}")
    if len(digits) == 10 and digits.startswith("0"):
        return "01", "0066" + digits[1:]
    if len(digits) == 13:
        if not is_valid_tax_id(digits):
            raise PromptPayError(f"tax/citizen ID {digits} has a wrong check digit")
        return "02", digits
    if len(digits) == 15:
        return "03", digits
    raise PromptPayError(
        f"PromptPay ID must be a 10-digit mobile, 13-digit tax ID or 15-digit e-wallet: {raw!r}"
    )


def promptpay_payload(promptpay_id: str, amount: Decimal | None = None) -> str:
    """Build the QR text for paying `amount` baht (or any amount when None) to an ID."""
    sub_tag, value = normalize_promptpay_id(promptpay_id)
    merchant = _field("00", PROMPTPAY_AID) + _field(sub_tag, value)
    parts = [
        _field("00", "01"),
        _field("01", "12" if amount is not None else "11"),
        _field("29", merchant),
        _field("58", "TH"),
        _field("53", "764"),
    ]
    if amount is not None:
        amount = round_satang(amount)
        if amount <= 0:
            raise PromptPayError("amount must be more than zero")
        parts.append(_field("54", f"{amount:.2f}"))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"
