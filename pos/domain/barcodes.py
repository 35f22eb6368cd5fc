"""Barcode rules: GS1 check digits, scan parsing, variable-measure (scale) codes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from pos.domain.errors import InvalidBarcode


def gs1_check_digit(data: str) -> int:
    """Check digit for EAN-13/EAN-8/UPC-A data digits: weights 3,1,3,... from the right."""
    if not data.isdigit() or not data.isascii():
        raise ValueError(f"digits only: {data!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(data)))
    return (10 - total % 10) % 10


def with_check_digit(data: str) -> str:
    return data + str(gs1_check_digit(data))


def is_valid_gtin(code: str) -> bool:
    """True for an 8-, 12- or 13-digit code whose last digit is its check digit."""
    if len(code) not in (8, 12, 13) or not code.isdigit() or not code.isascii():
        return False
    return gs1_check_digit(code[:-1]) == int(code[-1])


def normalize_gtin(code: str) -> str:
    """UPC-A (12 digits) is EAN-13 with a leading zero; EAN-8 stays 8 digits."""
    return "0" + code if len(code) == 12 else code


class MeasureKind(Enum):
    PRICE = "price"
    WEIGHT = "weight"


@dataclass(frozen=True, slots=True)
class VariableMeasureLayout:
    """Layout of scale-printed EAN-13: prefix(2) + item code + value + check digit.

    `prefixes` maps a 2-digit prefix (20-29) to what the value means. A price has
    `price_decimals` decimals (baht); a weight is in grams.
    """

    prefixes: tuple[tuple[str, MeasureKind], ...] = (
        ("23", MeasureKind.PRICE),
        ("21", MeasureKind.WEIGHT),
    )
    item_digits: int = 5
    price_decimals: int = 2

    def __post_init__(self) -> None:
        if not 1 <= self.item_digits <= 9:
            raise ValueError("item code must have 1 to 9 digits")
        for prefix, _ in self.prefixes:
            if len(prefix) != 2 or not prefix.isdigit() or not "20" <= prefix <= "29":
                raise ValueError(f"variable-measure prefix must be 20-29: {prefix!r}")

    def kind_of(self, prefix: str) -> MeasureKind | None:
        return dict(self.prefixes).get(prefix)

    @property
    def value_digits(self) -> int:
        return 13 - 2 - self.item_digits - 1


@dataclass(frozen=True, slots=True)
class GtinScan:
    """A fixed code that identifies a product (GS1 or in-store)."""

    code: str


@dataclass(frozen=True, slots=True)
class VariableMeasureScan:
    """A scale label: the item code plus either a price (baht) or a weight (kg)."""

    code: str
    item_code: str
    kind: MeasureKind
    price: Decimal | None = None
    weight_kg: Decimal | None = None


@dataclass(frozen=True, slots=True)
class TextScan:
    """Anything that is not a GTIN: an SKU typed or a Code128 label."""

    code: str


Scan = GtinScan | VariableMeasureScan | TextScan


def parse_scan(raw: str, layout: VariableMeasureLayout | None = None) -> Scan:
    """Classify what a scanner (or the cashier) typed.

    8/12/13 digits are GTINs and must carry a right check digit; a 13-digit code with a
    variable-measure prefix is decoded by `layout`. Other text is looked up as an SKU.
    """
    code = raw.strip()
    if not code:
        raise InvalidBarcode("Empty code", "ไม่มีรหัสสินค้า")
    if code.isdigit() and code.isascii() and len(code) in (8, 12, 13):
        if not is_valid_gtin(code):
            raise InvalidBarcode(
                f"Barcode {code} is not valid (check digit); scan again",
                f"บาร์โค้ด {code} ไม่ถูกต้อง (เลขตรวจสอบผิด) กรุณาสแกนใหม่",
            )
        code = normalize_gtin(code)
        if layout is not None and len(code) == 13:
            kind = layout.kind_of(code[:2])
            if kind is not None:
                return _decode_variable(code, kind, layout)
        return GtinScan(code)
    if code.isdigit() and code.isascii() and len(code) > 13:
        raise InvalidBarcode(
            f"Code {code} is too long for a barcode",
            f"รหัส {code} ยาวเกินกว่าจะเป็นบาร์โค้ด",
        )
    return TextScan(code)


def _decode_variable(code: str, kind: MeasureKind, layout: VariableMeasureLayout) -> Scan:
    item = code[2 : 2 + layout.item_digits]
    value = int(code[2 + layout.item_digits : 12])
    if kind is MeasureKind.PRICE:
        price = Decimal(value).scaleb(-layout.price_decimals).quantize(Decimal("0.01"))
        return VariableMeasureScan(code, item, kind, price=price)
    weight = (Decimal(value) / 1000).quantize(Decimal("0.001"))
    return VariableMeasureScan(code, item, kind, weight_kg=weight)


def make_variable_measure(
    item_code: str, kind: MeasureKind, value: Decimal, layout: VariableMeasureLayout
) -> str:
    """Build a scale label code (used by tests and by the demo's scale simulator)."""
    prefix = next(p for p, k in layout.prefixes if k is kind)
    if kind is MeasureKind.PRICE:
        number = int(value.scaleb(layout.price_decimals))
    else:
        number = int(value * 1000)
    digits = layout.value_digits
    if number < 0 or number >= 10**digits:
        raise ValueError(f"value does not fit in {digits} digits")
    return with_check_digit(f"{prefix}{item_code.zfill(layout.item_digits)}{number:0{digits}d}")


def in_store_code(prefix: str, number: int) -> str:
    """The `number`-th in-store EAN-13 of a shop with restricted-circulation `prefix`."""
    if len(prefix) < 2 or not prefix.isdigit() or not "20" <= prefix[:2] <= "29":
        raise ValueError(f"in-store prefix must start with 20-29: {prefix!r}")
    room = 12 - len(prefix)
    if number < 0 or number >= 10**room:
        raise ValueError(f"in-store code space of prefix {prefix} is full")
    return with_check_digit(f"{prefix}{number:0{room}d}")


@dataclass(frozen=True, slots=True)
class ScanInput:
    """What the scan field produced: a quantity typed before the code ("3*…") and the code."""

    quantity: int
    code: str


def split_quantity(text: str, max_quantity: int = 9999) -> ScanInput:
    """'3*8851234567890' -> quantity 3 and the code; a plain code has quantity 1."""
    text = text.strip()
    if "*" in text:
        qty_text, _, code = text.partition("*")
        qty_text = qty_text.strip()
        if not qty_text.isdigit() or not 1 <= int(qty_text) <= max_quantity:
            raise InvalidBarcode(
                f"Quantity {qty_text!r} must be a whole number from 1 to {max_quantity}",
                f"จำนวน {qty_text!r} ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง {max_quantity}",
            )
        return ScanInput(int(qty_text), code.strip())
    return ScanInput(1, text)
