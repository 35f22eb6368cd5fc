"""Independent references for PromptPay tests: a table-driven CRC-16 and an EMV TLV parser.

Written separately from pos.domain.promptpay (which computes the CRC bit by bit) so that
the tests compare two implementations instead of one with itself.
"""

from __future__ import annotations

from dataclasses import dataclass

_POLY = 0x1021


def _build_table() -> tuple[int, ...]:
    """CRC of every byte value shifted into the top of the register (MSB-first)."""
    table = []
    for byte in range(256):
        reg = byte << 8
        for _ in range(8):
            carry = reg & 0x8000
            reg = (reg << 1) & 0xFFFF
            if carry:
                reg ^= _POLY
        table.append(reg)
    return tuple(table)


CRC16_TABLE = _build_table()


def crc16_ccitt_false(data: bytes, crc: int = 0xFFFF) -> int:
    """CRC-16/CCITT-FALSE, one table look-up per byte (check value 0x29B1 for b'123456789')."""
    for byte in data:
        crc = ((crc << 8) & 0xFFFF) ^ CRC16_TABLE[(crc >> 8) ^ byte]
    return crc


@dataclass(frozen=True)
class Field:
    tag: str
    value: str


class TLVError(ValueError):
    """Text that is not a sequence of ID(2) + length(2 digits) + value."""


def parse_tlv(text: str) -> list[Field]:
    """Split EMV merchant-presented QR text into its fields, strictly."""
    fields: list[Field] = []
    pos = 0
    while pos < len(text):
        if pos + 4 > len(text):
            raise TLVError(f"truncated field header at {pos}: {text[pos:]!r}")
        tag, length_text = text[pos : pos + 2], text[pos + 2 : pos + 4]
        if not (tag.isascii() and tag.isdigit()):
            raise TLVError(f"field ID {tag!r} at {pos} is not two digits")
        if not (length_text.isascii() and length_text.isdigit()):
            raise TLVError(f"length {length_text!r} of field {tag} is not two digits")
        length = int(length_text)
        end = pos + 4 + length
        if end > len(text):
            raise TLVError(
                f"field {tag} wants {length} characters, only {len(text) - pos - 4} left"
            )
        fields.append(Field(tag, text[pos + 4 : end]))
        pos = end
    return fields


def tlv_dict(text: str) -> dict[str, str]:
    """Fields by ID; a repeated ID is an error (the payload would be ambiguous)."""
    out: dict[str, str] = {}
    for f in parse_tlv(text):
        if f.tag in out:
            raise TLVError(f"field {f.tag} appears twice")
        out[f.tag] = f.value
    return out
