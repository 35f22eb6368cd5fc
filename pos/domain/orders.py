"""Online orders: statuses and their moves, the customer's details checked, order numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pos.domain.bilingual import Bilingual
from pos.domain.districts import PROVINCES, Place, find_province
from pos.domain.errors import ShopError
from pos.domain.taxinvoice import Buyer

__all__ = [
    "BOOKING_LINE",
    "MAX_ORDER_QUANTITY",
    "POSTCODE_PREFIXES",
    "CustomerDetails",
    "Fulfilment",
    "OrderError",
    "OrderFormError",
    "OrderLineRequest",
    "OrderStatus",
    "OutOfStockOnline",
    "PaymentMethod",
    "WebStock",
    "can_move",
    "checked_address",
    "checked_name",
    "customer_details",
    "initial_status",
    "order_number",
    "order_quantity",
    "service_only",
    "thai_mobile",
    "thai_postcode",
]

MAX_ORDER_QUANTITY = 99
NAME_MAX = 100
ADDRESS_MAX = 200
PLACE_MAX = 100
EMAIL_MAX = 120
NOTE_MAX = 300


class OrderError(ShopError):
    """An order operation the shop refuses (a wrong status move, an unknown order...)."""


class OrderFormError(ShopError):
    """A field of the order form that is refused; `field` names it."""

    def __init__(self, field: str, message_en: str, message_th: str) -> None:
        super().__init__(message_en, message_th)
        self.field = field


class OutOfStockOnline(ShopError):
    """Lines of an order above what the web may sell now: `available` is ref -> pieces."""

    def __init__(self, available: dict[str, int], names: dict[str, Bilingual]) -> None:
        def left(ref: str, n: int, lang: str) -> str:
            name = names.get(ref, Bilingual(ref, ref)).pick(lang)
            if lang == "en":
                return f"{name}: sold out" if n <= 0 else f"{name}: only {n} left"
            return f"{name}: สินค้าหมด" if n <= 0 else f"{name}: เหลือเพียง {n} ชิ้น"

        super().__init__(
            "Not enough stock: " + "; ".join(left(r, n, "en") for r, n in available.items()),
            "สินค้าไม่พอ: " + "; ".join(left(r, n, "th") for r, n in available.items()),
        )
        self.available = dict(available)


class OrderStatus(StrEnum):
    NEW = "new"
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    PICKING = "picking"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"

    @property
    def label(self) -> Bilingual:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still to be handled by the staff (neither delivered nor cancelled)."""
        return self not in (OrderStatus.DELIVERED, OrderStatus.CANCELLED)


_STATUS_LABELS = {
    OrderStatus.NEW: Bilingual("คำสั่งซื้อใหม่", "New"),
    OrderStatus.AWAITING_PAYMENT: Bilingual("รอชำระเงิน", "Awaiting payment"),
    OrderStatus.PAID: Bilingual("ชำระเงินแล้ว", "Paid"),
    OrderStatus.PICKING: Bilingual("กำลังจัดสินค้า", "Picking"),
    OrderStatus.PACKED: Bilingual("แพ็กแล้ว", "Packed"),
    OrderStatus.SHIPPED: Bilingual("จัดส่งแล้ว", "Shipped"),
    OrderStatus.DELIVERED: Bilingual("ส่งถึงแล้ว", "Delivered"),
    OrderStatus.CANCELLED: Bilingual("ยกเลิก", "Cancelled"),
}

S = OrderStatus
# The one table of allowed moves. COD and pay-at-pickup orders (NEW) are picked and packed
# before payment; a PromptPay order is paid before it is picked.
TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.NEW: frozenset({S.PICKING, S.CANCELLED}),
    S.AWAITING_PAYMENT: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.PICKING, S.CANCELLED}),
    S.PICKING: frozenset({S.PACKED, S.CANCELLED}),
    S.PACKED: frozenset({S.SHIPPED, S.DELIVERED, S.PICKING, S.CANCELLED}),
    S.SHIPPED: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset(),
    S.CANCELLED: frozenset(),
}


def can_move(current: OrderStatus, target: OrderStatus) -> bool:
    """Whether an order in `current` may be moved to `target` (the table above)."""
    return target in TRANSITIONS[current]


def check_move(order_no: str, current: OrderStatus, target: OrderStatus) -> None:
    """Raise OrderError unless the move is allowed."""
    if not can_move(current, target):
        raise OrderError(
            f"Order {order_no} is {current.label.en}: it cannot become {target.label.en}",
            f"คำสั่งซื้อ {order_no} อยู่ในสถานะ{current.label.th} เปลี่ยนเป็น{target.label.th}ไม่ได้",
        )


class Fulfilment(StrEnum):
    DELIVERY = "delivery"
    PICKUP = "pickup"

    @property
    def label(self) -> Bilingual:
        if self is Fulfilment.DELIVERY:
            return Bilingual("จัดส่งถึงบ้าน", "Delivery")
        return Bilingual("รับที่ศูนย์", "Pick-up at the centre")


class PaymentMethod(StrEnum):
    PROMPTPAY = "promptpay"
    COD = "cod"
    AT_PICKUP = "at_pickup"

    @property
    def label(self) -> Bilingual:
        return _PAYMENT_LABELS[self]


_PAYMENT_LABELS = {
    PaymentMethod.PROMPTPAY: Bilingual("พร้อมเพย์", "PromptPay"),
    PaymentMethod.COD: Bilingual("เก็บเงินปลายทาง", "Cash on delivery"),
    PaymentMethod.AT_PICKUP: Bilingual("ชำระเมื่อรับสินค้า", "Pay at pick-up"),
}


def initial_status(payment: PaymentMethod) -> OrderStatus:
    """PromptPay orders wait for their payment; COD and pay-at-pickup orders start NEW."""
    return S.AWAITING_PAYMENT if payment is PaymentMethod.PROMPTPAY else S.NEW


def check_payment(payment: PaymentMethod, fulfilment: Fulfilment) -> None:
    """COD is for delivery only; paying at pick-up is for pick-up only."""
    if payment is PaymentMethod.COD and fulfilment is not Fulfilment.DELIVERY:
        raise OrderFormError(
            "payment", "Cash on delivery is for delivered orders", "เก็บเงินปลายทางใช้ได้เฉพาะการจัดส่ง"
        )
    if payment is PaymentMethod.AT_PICKUP and fulfilment is not Fulfilment.PICKUP:
        raise OrderFormError(
            "payment",
            "Paying at pick-up is for orders picked up",
            "ชำระเมื่อรับสินค้าใช้ได้เฉพาะการรับที่ศูนย์",
        )


# --- the customer's details ------------------------------------------------------------------
_MOBILE = re.compile(r"0[689][0-9]{8}")
_SEPARATORS = re.compile(r"[\s\-().]")


def thai_mobile(text: str) -> str:
    """A Thai mobile number as "0812345678" (accepts 081-234-5678, spaces, +66 81 ...)."""
    digits = _SEPARATORS.sub("", text.strip())
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.fullmatch(digits):
        raise OrderFormError(
            "phone",
            "Give a Thai mobile number: 10 digits starting 06, 08 or 09 (e.g. 081-234-5678)",
            "กรุณากรอกเบอร์มือถือ 10 หลัก ขึ้นต้นด้วย 06 08 หรือ 09 (เช่น 081-234-5678)",
        )
    return digits


# The first two digits of each province's postcodes (Thailand Post's province codes).
POSTCODE_PREFIXES: dict[str, tuple[str, ...]] = {
    "Bangkok": ("10",), "Samut Prakan": ("10",), "Nonthaburi": ("11",),
    "Pathum Thani": ("12",), "Phra Nakhon Si Ayutthaya": ("13",), "Ang Thong": ("14",),
    "Lop Buri": ("15",), "Sing Buri": ("16",), "Chai Nat": ("17",), "Saraburi": ("18",),
    "Chon Buri": ("20",), "Rayong": ("21",), "Chanthaburi": ("22",), "Trat": ("23",),
    "Chachoengsao": ("24",), "Prachin Buri": ("25",), "Nakhon Nayok": ("26",),
    "Sa Kaeo": ("27",), "Nakhon Ratchasima": ("30",), "Buri Ram": ("31",), "Surin": ("32",),
    "Si Sa Ket": ("33",), "Ubon Ratchathani": ("34",), "Yasothon": ("35",),
    "Chaiyaphum": ("36",), "Amnat Charoen": ("37",), "Bueng Kan": ("38",),
    "Nong Bua Lam Phu": ("39",), "Khon Kaen": ("40",), "Udon Thani": ("41",), "Loei": ("42",),
    "Nong Khai": ("43",), "Maha Sarakham": ("44",), "Roi Et": ("45",), "Kalasin": ("46",),
    "Sakon Nakhon": ("47",), "Nakhon Phanom": ("48",), "Mukdahan": ("49",),
    "Chiang Mai": ("50",), "Lamphun": ("51",), "Lampang": ("52",), "Uttaradit": ("53",),
    "Phrae": ("54",), "Nan": ("55",), "Phayao": ("56",), "Chiang Rai": ("57",),
    "Mae Hong Son": ("58",), "Nakhon Sawan": ("60",), "Uthai Thani": ("61",),
    "Kamphaeng Phet": ("62",), "Tak": ("63",), "Sukhothai": ("64",), "Phitsanulok": ("65",),
    "Phichit": ("66",), "Phetchabun": ("67",), "Ratchaburi": ("70",), "Kanchanaburi": ("71",),
    "Suphan Buri": ("72",), "Nakhon Pathom": ("73",), "Samut Sakhon": ("74",),
    "Samut Songkhram": ("75",), "Phetchaburi": ("76",), "Prachuap Khiri Khan": ("77",),
    "Nakhon Si Thammarat": ("80",), "Krabi": ("81",), "Phang Nga": ("82",), "Phuket": ("83",),
    "Surat Thani": ("84",), "Ranong": ("85",), "Chumphon": ("86",), "Songkhla": ("90",),
    "Satun": ("91",), "Trang": ("92",), "Phatthalung": ("93",), "Pattani": ("94",),
    "Yala": ("95",), "Narathiwat": ("96",),
}  # fmt: skip
_ALL_PREFIXES = frozenset(p for prefixes in POSTCODE_PREFIXES.values() for p in prefixes)


def thai_postcode(text: str, province: Place | None) -> str:
    """A 5-digit Thai postcode (10000-96xxx) whose first two digits fit `province` if known."""
    code = text.strip()
    if not re.fullmatch(r"[0-9]{5}", code) or code[:2] not in _ALL_PREFIXES:
        raise OrderFormError(
            "postcode",
            "Give the 5-digit postcode (e.g. 40000)",
            "กรุณากรอกรหัสไปรษณีย์ 5 หลัก (เช่น 40000)",
        )
    if province is not None and code[:2] not in POSTCODE_PREFIXES.get(province.en, ()):
        raise OrderFormError(
            "postcode",
            f"Postcode {code} is not in {province.en}",
            f"รหัสไปรษณีย์ {code} ไม่ใช่ของจังหวัด{province.th}",
        )
    return code


def _text(field: str, text: str, most: int, en: str, th: str, *, required: bool) -> str:
    cleaned = " ".join(text.split())
    if any(ch in cleaned for ch in "<>") or any(ord(ch) < 32 for ch in text if ch not in "\n\t\r"):
        raise OrderFormError(
            field, f"{en}: the characters < and > are not allowed", f"{th}: ห้ามใช้อักขระ < และ >"
        )
    if required and not cleaned:
        raise OrderFormError(field, f"{en} is required", f"กรุณากรอก{th}")
    if len(cleaned) > most:
        raise OrderFormError(
            field,
            f"{en} is too long (at most {most} characters)",
            f"{th}ยาวเกินไป (ไม่เกิน {most} ตัวอักษร)",
        )
    return cleaned


def checked_name(text: str) -> str:
    """The customer's name: 2 to 100 characters, no markup."""
    name = _text("name", text, NAME_MAX, "The name", "ชื่อ", required=True)
    if len(name) < 2:
        raise OrderFormError("name", "The name is too short", "ชื่อสั้นเกินไป")
    return name


def checked_address(text: str, field: str = "address_line") -> str:
    """An address line: 5 to 200 characters, no markup."""
    line = _text(field, text, ADDRESS_MAX, "The address", "ที่อยู่", required=True)
    if len(line) < 5:
        raise OrderFormError(field, "The address is too short", "ที่อยู่สั้นเกินไป")
    return line


def order_quantity(text: str | int) -> int:
    """A quantity ordered online: 1..99 whole pieces."""
    raw = str(text).strip()
    if not re.fullmatch(r"[0-9]{1,3}", raw) or not 1 <= int(raw) <= MAX_ORDER_QUANTITY:
        raise OrderFormError(
            "quantity",
            f"The quantity must be a whole number from 1 to {MAX_ORDER_QUANTITY}",
            f"จำนวนต้องเป็นจำนวนเต็ม 1 ถึง {MAX_ORDER_QUANTITY}",
        )
    return int(raw)


_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


@dataclass(frozen=True, slots=True)
class CustomerDetails:
    name: str
    phone: str
    fulfilment: Fulfilment
    address_line: str = ""
    subdistrict: str = ""
    district: str = ""
    province: str = ""  # the province's Thai name (PROVINCES)
    postcode: str = ""
    email: str = ""
    note: str = ""
    tax_invoice: Buyer | None = None

    @property
    def address(self) -> str:
        """The delivery address in one line, as a label prints it."""
        parts = (self.address_line, self.subdistrict, self.district, self.province, self.postcode)
        return " ".join(p for p in parts if p)


def customer_details(
    *,
    name: str,
    phone: str,
    fulfilment: Fulfilment | str,
    address_line: str = "",
    subdistrict: str = "",
    district: str = "",
    province: str = "",
    postcode: str = "",
    email: str = "",
    note: str = "",
    tax_invoice: Buyer | None = None,
) -> CustomerDetails:
    """The order form's fields checked and tidied (OrderFormError names the first bad one)."""
    try:
        how = Fulfilment(fulfilment)
    except ValueError:
        raise OrderFormError(
            "fulfilment", "Choose delivery or pick-up", "กรุณาเลือกจัดส่งหรือรับที่ศูนย์"
        ) from None
    details = {
        "name": checked_name(name),
        "phone": thai_mobile(phone),
        "email": _text("email", email, EMAIL_MAX, "The e-mail", "อีเมล", required=False),
        "note": _text("note", note, NOTE_MAX, "The note", "หมายเหตุ", required=False),
    }
    if details["email"] and not _EMAIL.fullmatch(details["email"]):
        raise OrderFormError("email", "The e-mail address is not valid", "อีเมลไม่ถูกต้อง")
    if how is Fulfilment.PICKUP:
        return CustomerDetails(fulfilment=how, tax_invoice=tax_invoice, **details)
    place = find_province(province)
    if place is None:
        raise OrderFormError("province", "Choose the province", "กรุณาเลือกจังหวัด")
    return CustomerDetails(
        fulfilment=how,
        address_line=checked_address(address_line),
        subdistrict=_text(
            "subdistrict", subdistrict, PLACE_MAX, "The subdistrict", "ตำบล/แขวง", required=True
        ),
        district=_text("district", district, PLACE_MAX, "The district", "อำเภอ/เขต", required=True),
        province=place.th,
        postcode=thai_postcode(postcode, place),
        tax_invoice=tax_invoice,
        **details,
    )


LineKind = Literal["product", "basket"]
# an order line that is not shop goods: a held room booking's deposit (ref: the booking number);
# it takes no stock, so nothing is reserved, picked, packed or shipped for it
BOOKING_LINE = "booking"


def service_only(kinds: Sequence[str]) -> bool:
    """An order of booking lines only: paid, it is done (nothing to pick, pack or ship)."""
    return bool(kinds) and all(k == BOOKING_LINE for k in kinds)


@dataclass(frozen=True, slots=True)
class OrderLineRequest:
    """One line the customer asks for: a product by SKU or a gift basket by its code."""

    kind: LineKind
    ref: str
    quantity: int

    def __post_init__(self) -> None:
        if self.kind not in ("product", "basket"):
            raise OrderFormError("lines", "Unknown kind of item", "ไม่รู้จักประเภทสินค้า")
        if not re.fullmatch(r"[A-Za-z0-9._\-]{1,40}", self.ref):
            raise OrderFormError("lines", "Unknown item code", "ไม่รู้จักรหัสสินค้า")
        order_quantity(self.quantity)


def merged_lines(lines: list[OrderLineRequest]) -> list[OrderLineRequest]:
    """Lines of the same item added up, in first-seen order (the total still at most 99)."""
    totals: dict[tuple[str, str], int] = {}
    for line in lines:
        key = (line.kind, line.ref)
        totals[key] = totals.get(key, 0) + line.quantity
    return [OrderLineRequest(kind, ref, order_quantity(q)) for (kind, ref), q in totals.items()]  # type: ignore[arg-type]


def order_number(day: date, sequence: int) -> str:
    """ "W" + the shop day (yymmdd) + a 4-digit sequence, e.g. W2612030007."""
    return f"W{day:%y%m%d}{sequence:04d}"


def province_names() -> list[Place]:
    """The provinces a delivery address chooses from."""
    return list(PROVINCES)


@dataclass(frozen=True, slots=True)
class WebStock:
    """A product's stock as the web shop sees it: on hand, held by online orders not yet
    sold, and kept back from the web (the product's own buffer, or the shop's setting)."""

    on_hand: Decimal
    reserved: Decimal
    buffer: int
    own_buffer: bool = False  # the product's own (False: the shop's setting web_safety_buffer)

    @property
    def available(self) -> int:
        """Whole pieces the web may sell: on hand - reserved - buffer, never below 0."""
        return max(0, math.floor(self.on_hand - self.reserved - self.buffer))
