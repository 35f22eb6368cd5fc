"""Carriers, their tracking numbers (the UPU S10 check digit for Thailand Post) and links.

Thailand Post numbers are S10: two letters, an 8-digit serial, a check digit and "TH". No
public check-digit rule is known for the other carriers' numbers, so only their format is
checked: Kerry (KEX) 2-5 letters then 7-15 digits, Flash "TH" then 10-13 letters or digits,
J&T 10-15 digits or 2 letters then 10-13 digits. Pick-up at the centre has no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pos.domain.bilingual import Bilingual
from pos.domain.errors import ShopError

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


class TrackingNumberError(ShopError):
    """A tracking number whose format or check digit is wrong for its carrier."""


class Carrier(StrEnum):
    """Who takes a parcel (stored: never rename the values)."""

    THAILAND_POST_EMS = "thailand_post_ems"
    THAILAND_POST_REGISTERED = "thailand_post_registered"
    KERRY = "kerry"
    FLASH = "flash"
    JT = "jt"
    PICKUP = "pickup"

    @property
    def label(self) -> Bilingual:
        return _CARRIERS[self].label

    @property
    def offers_cod(self) -> bool:
        """Whether the carrier collects cash on delivery for the shop."""
        return _CARRIERS[self].cod

    @property
    def tracking_template(self) -> str:
        """The public tracking page, `{no}` standing for the number ("" for pick-up)."""
        return _CARRIERS[self].url

    @property
    def needs_tracking(self) -> bool:
        return self is not Carrier.PICKUP

    @property
    def s10(self) -> bool:
        """Thailand Post: numbers in the UPU S10 format, with a check digit."""
        return self in (Carrier.THAILAND_POST_EMS, Carrier.THAILAND_POST_REGISTERED)


@dataclass(frozen=True, slots=True)
class _CarrierFacts:
    label: Bilingual
    cod: bool
    url: str
    pattern: re.Pattern[str] | None
    example: str


_TP_URL = "https://track.thailandpost.co.th/?trackNumber={no}"
_S10 = re.compile(r"[A-Z]{2}\d{9}TH")
_CARRIERS: dict[Carrier, _CarrierFacts] = {
    Carrier.THAILAND_POST_EMS: _CarrierFacts(
        Bilingual("ไปรษณีย์ไทย EMS", "Thailand Post EMS"), True, _TP_URL, _S10, "EX123456785TH"
    ),
    Carrier.THAILAND_POST_REGISTERED: _CarrierFacts(
        Bilingual("ไปรษณีย์ไทย ลงทะเบียน", "Thailand Post registered"),
        True,
        _TP_URL,
        _S10,
        "RB123456785TH",
    ),
    Carrier.KERRY: _CarrierFacts(
        Bilingual("เคอรี่ เอ็กซ์เพรส (KEX)", "Kerry Express (KEX)"),
        True,
        "https://th.kerryexpress.com/en/track/?track={no}",
        re.compile(r"[A-Z]{2,5}\d{7,15}"),
        "KERD123456789",
    ),
    Carrier.FLASH: _CarrierFacts(
        Bilingual("แฟลช เอ็กซ์เพรส", "Flash Express"),
        True,
        "https://www.flashexpress.co.th/fle/tracking?se={no}",
        re.compile(r"TH[0-9A-Z]{10,13}"),
        "TH0123456789A",
    ),
    Carrier.JT: _CarrierFacts(
        Bilingual("เจแอนด์ที เอ็กซ์เพรส", "J&T Express"),
        True,
        "https://www.jtexpress.co.th/service/track?billcode={no}",
        re.compile(r"\d{10,15}|[A-Z]{2}\d{10,13}"),
        "820012345678",
    ),
    Carrier.PICKUP: _CarrierFacts(
        Bilingual("รับเองที่ศูนย์", "Pick-up at the centre"), False, "", None, ""
    ),
}

_SEPARATORS = re.compile(r"[\s\-]+")


def s10_check_digit(serial8: str) -> int:
    """The UPU S10 check digit of an 8-digit serial: weights 8,6,4,2,3,5,9,7, sum mod 11,
    11 - remainder, with remainder 0 giving 5 and remainder 1 giving 0."""
    if len(serial8) != 8 or not serial8.isascii() or not serial8.isdigit():
        raise ValueError(f"an S10 serial is 8 digits, not {serial8!r}")
    remainder = sum(int(d) * w for d, w in zip(serial8, S10_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 5
    if remainder == 1:
        return 0
    return 11 - remainder


def normalize_tracking(text: str) -> str:
    """Upper case, with the spaces and dashes people type or print between groups removed."""
    return _SEPARATORS.sub("", text).upper()


def check_tracking(carrier: Carrier, text: str) -> str:
    """The tracking number normalized, or TrackingNumberError saying what is wrong with it."""
    facts = _CARRIERS[carrier]
    number = normalize_tracking(text)
    if facts.pattern is None:
        if number:
            raise TrackingNumberError(
                "A pick-up at the centre has no tracking number",
                "การรับสินค้าเองที่ศูนย์ไม่มีเลขพัสดุ",
            )
        return ""
    if not number:
        raise TrackingNumberError(
            f"Enter the {facts.label.en} tracking number",
            f"กรุณาใส่เลขพัสดุของ {facts.label.th}",
        )
    if not facts.pattern.fullmatch(number):
        raise TrackingNumberError(
            f"{number} is not a {facts.label.en} tracking number (like {facts.example})",
            f"{number} ไม่ใช่เลขพัสดุของ {facts.label.th} (ตัวอย่าง {facts.example})",
        )
    if carrier.s10:
        expected = s10_check_digit(number[2:10])
        if int(number[10]) != expected:
            raise TrackingNumberError(
                f"{number}: the check digit is wrong (it should be {expected}): "
                "check the number for a typing error",
                f"{number}: เลขตรวจสอบไม่ถูกต้อง (ควรเป็น {expected}) กรุณาตรวจเลขพัสดุอีกครั้ง",
            )
    return number


def tracking_url(carrier: Carrier, number: str) -> str:
    """The carrier's public page for the parcel ("" for pick-up or no number)."""
    template = _CARRIERS[carrier].url
    if not template or not number:
        return ""
    return template.replace("{no}", normalize_tracking(number))


def carriers_for(cod: bool, delivery: bool = True) -> tuple[Carrier, ...]:
    """The carriers an order may go with: those collecting cash when it is COD; pick-up
    only (and only pick-up) when the customer collects it."""
    if not delivery:
        return (Carrier.PICKUP,)
    return tuple(c for c in Carrier if c.needs_tracking and (c.offers_cod or not cod))


@dataclass(frozen=True, slots=True)
class ShippingLabel:
    """What a 100x150 mm shipping label carries (printing lays it out)."""

    order_no: str
    carrier: Carrier
    tracking_no: str
    sender_name: str
    sender_address: str
    sender_phone: str
    recipient_name: str
    recipient_address: tuple[str, ...]  # address line, sub-district, district, province
    postcode: str
    recipient_phone: str
    cod_amount: Decimal | None  # the cash the carrier collects, or None
    status_url: str  # the customer's order status page (QR)
    note: str = ""


def status_page_url(base_url: str, order_no: str) -> str:
    """The order status page of `order_no` under the web shop's base URL."""
    return f"{base_url.rstrip('/')}/order?no={order_no}"
