"""PromptPay (Thai QR Payment) merchant-presented payloads, EMVCo style."""

from __future__ import annotations

from decimal import Decimal

from pos.domain.errors import ShopError
from pos.domain.money import MAX_AMOUNT, format_baht, round_satang
from pos.domain.taxid import is_valid_tax_id

PROMPTPAY_AID = "A000000677010111"
# EMVCo's Transaction Amount (tag 54) is at most 13 characters, the decimal point included:
# "9999999999.99", which is MAX_AMOUNT (a test keeps the two equal).
AMOUNT_FIELD_CHARS = 13


class PromptPayError(ShopError, ValueError):
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
        raise PromptPayError(f"field {tag} too long", f"ช่อง {tag} ยาวเกินไป")
    return f"{tag}{len(value):02d}{value}"


THAI_COUNTRY_CODE = "66"


def _id_digits(raw: str) -> str:
    """The ASCII digits of a typed ID: dashes and spaces dropped, and one leading "+" only
    before the country code 66 (an international mobile, "+66-89-123-4567")."""
    text = raw.strip().replace("-", "").replace(" ", "")
    if text.startswith("+" + THAI_COUNTRY_CODE):
        text = text[1:]
    if not text.isdigit() or not text.isascii():
        raise PromptPayError(
            f"PromptPay ID must be digits: {raw!r}", f"หมายเลขพร้อมเพย์ต้องเป็นตัวเลข: {raw!r}"
        )
    return text


def normalize_promptpay_id(raw: str) -> tuple[str, str]:
    """Return (sub-tag, value) for a mobile number, a tax/citizen ID or an e-wallet ID.

    A mobile is taken as dialled in Thailand (089-123-4567) or in international form
    (+66-89-123-4567, +66891234567, 66891234567): all three are the same ID."""
    digits = _id_digits(raw)
    if len(digits) == 11 and digits.startswith(THAI_COUNTRY_CODE) and digits[2] != "0":
        digits = "0" + digits[2:]  # 66 89 123 4567 -> 089 123 4567
    elif raw.strip().startswith("+"):
        raise PromptPayError(
            f"an international PromptPay ID must be a Thai mobile, +66 and 9 digits: {raw!r}",
            f"หมายเลขพร้อมเพย์แบบสากลต้องเป็นเบอร์มือถือไทย +66 ตามด้วย 9 หลัก: {raw!r}",
        )
    if len(digits) == 10 and digits.startswith("0"):
        return "01", "0066" + digits[1:]
    if len(digits) == 13:
        if not is_valid_tax_id(digits):
            raise PromptPayError(
                f"tax/citizen ID {digits} has a wrong check digit",
                f"เลขประจำตัวผู้เสียภาษี/บัตรประชาชน {digits} มีเลขตรวจสอบไม่ถูกต้อง",
            )
        return "02", digits
    if len(digits) == 15:
        return "03", digits
    raise PromptPayError(
        f"PromptPay ID must be a 10-digit mobile, 13-digit tax ID or 15-digit e-wallet: {raw!r}",
        f"หมายเลขพร้อมเพย์ต้องเป็นเบอร์มือถือ 10 หลัก เลขผู้เสียภาษี 13 หลัก หรือ e-wallet 15 หลัก: {raw!r}",
    )


def amount_field(amount: Decimal) -> str:
    """The QR's amount text ('1290.00'), rounded half-up to the satang; refuses an amount
    that is not a number, not more than zero, or too long for the field's 13 characters."""
    if not amount.is_finite():
        raise PromptPayError(f"amount {amount} is not a number", f"จำนวนเงิน {amount} ไม่ใช่ตัวเลข")
    fits = 0 < amount <= MAX_AMOUNT + 1  # only such an amount can be rounded (not 1e30)
    if fits:
        amount = round_satang(amount)
    if amount <= 0:
        raise PromptPayError("amount must be more than zero", "จำนวนเงินต้องมากกว่าศูนย์")
    text = f"{amount:.2f}" if fits else str(amount)
    if len(text) > AMOUNT_FIELD_CHARS or amount > MAX_AMOUNT:
        most = format_baht(MAX_AMOUNT)
        raise PromptPayError(
            f"amount {text} does not fit a PromptPay QR (at most {most} baht)",
            f"จำนวนเงิน {text} ใส่ใน QR พร้อมเพย์ไม่ได้ (ไม่เกิน {most} บาท)",
        )
    return text


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
        parts.append(_field("54", amount_field(amount)))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"
