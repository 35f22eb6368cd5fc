"""Each shop setting's name, its place in the editor, and how typed text becomes its value.

The settings object (`pos.domain.settings.Settings`) validates a whole set of values; this
module names each field in Thai and English for the editor and the command line, says whether
an open till takes a change at once or at its next start, and turns the text someone typed
(`settings set KEY VALUE`, a form field) into the field's type, refusing it with a message that
names the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from pos.domain.errors import SettingsError
from pos.domain.settings import PrinterProfile, Settings


@dataclass(frozen=True, slots=True)
class SettingField:
    key: str
    group: str  # shop | payment | receipt | labels | till | web | security | central | printers
    label_en: str
    label_th: str
    kind: str  # str | text (several lines) | bool | int | Decimal | printers
    secret: bool = False  # shown masked (a database URL's password)
    live: bool = False  # an open till takes a change at once (False: at its next start)


_LABELS: dict[str, tuple[str, str, str]] = {
    # key: (group, English, Thai)
    "shop_name_th": ("shop", "Shop name (Thai)", "ชื่อร้าน (ไทย)"),
    "shop_name_en": ("shop", "Shop name (English)", "ชื่อร้าน (อังกฤษ)"),
    "company_th": ("shop", "Company (Thai)", "ชื่อบริษัท (ไทย)"),
    "address_th": ("shop", "Address (Thai)", "ที่อยู่ (ไทย)"),
    "address_en": ("shop", "Address (English)", "ที่อยู่ (อังกฤษ)"),
    "tax_id": ("shop", "Tax ID", "เลขประจำตัวผู้เสียภาษี"),
    "branch": ("shop", "Branch (00000 = head office)", "สาขา (00000 = สำนักงานใหญ่)"),
    "vat_registered": ("shop", "VAT registered", "จดทะเบียนภาษีมูลค่าเพิ่ม"),
    "vat_rate": ("shop", "VAT rate (%)", "อัตราภาษีมูลค่าเพิ่ม (%)"),
    "promptpay_id": ("payment", "PromptPay ID", "พร้อมเพย์"),
    "in_store_prefix": ("labels", "In-store barcode prefix", "คำนำหน้าบาร์โค้ดร้าน"),
    "vm_price_prefix": ("labels", "Scale label prefix (price)", "คำนำหน้าบาร์โค้ดตาชั่ง (ราคา)"),
    "vm_weight_prefix": ("labels", "Scale label prefix (weight)", "คำนำหน้าบาร์โค้ดตาชั่ง (น้ำหนัก)"),
    "vm_item_digits": ("labels", "Scale item code digits", "จำนวนหลักรหัสสินค้าตาชั่ง"),
    "vm_price_decimals": ("labels", "Scale price decimals", "ทศนิยมราคาตาชั่ง"),
    "story_url_template": ("labels", "Story site address ({sku})", "ลิงก์เว็บเรื่องราวสินค้า ({sku})"),
    "line_url": ("labels", "LINE address", "ลิงก์ LINE"),
    "facebook_url": ("labels", "Facebook address", "ลิงก์ Facebook"),
    "receipt_header": ("receipt", "Receipt header lines", "ข้อความหัวใบเสร็จ"),
    "receipt_footer": ("receipt", "Receipt footer lines", "ข้อความท้ายใบเสร็จ"),
    "allow_negative_stock": ("till", "Sell below zero stock", "ขายได้แม้สต็อกติดลบ"),
    "max_quantity": ("till", "Largest quantity of a line", "จำนวนสูงสุดต่อรายการ"),
    "language": ("till", "Language (th or en)", "ภาษา (th หรือ en)"),
    "require_shift": ("till", "Sell only in an open shift", "ขายได้เฉพาะเมื่อเปิดกะ"),
    "discount_limit_pct": (
        "till",
        "Discount limit without approval (%)",
        "วงเงินส่วนลดโดยไม่ต้องอนุมัติ (%)",
    ),
    "stock_adjust_limit": (
        "till",
        "Stock adjustment limit without approval (baht)",
        "วงเงินปรับปรุงสต็อกโดยไม่ต้องอนุมัติ (บาท)",
    ),
    "yearly_target": ("till", "Yearly sales target (baht)", "เป้ายอดขายรายปี (บาท)"),
    "expired_certificate": (
        "till",
        "Expired certificate: warn or block the sale",
        "ใบรับรองหมดอายุ: warn (เตือน) หรือ block (ห้ามขาย)",
    ),
    "curation_quorum": ("till", "Curation committee quorum", "องค์ประชุมกรรมการคัดสรร (คน)"),
    "curation_pass_mark": ("till", "Curation pass mark (of 50)", "เกณฑ์ผ่านการคัดสรร (จาก 50)"),
    "customer_display": (
        "till",
        "Customer display: off, window or a screen's name",
        "จอลูกค้า: off (ปิด), window (หน้าต่าง) หรือชื่อจอภาพ",
    ),
    "pin_max_attempts": ("security", "Wrong PINs before lock-out", "ใส่ PIN ผิดได้กี่ครั้งก่อนล็อก"),
    "pin_lock_minutes": ("security", "Lock-out minutes", "ระยะเวลาล็อก (นาที)"),
    "central_url": ("central", "Central database address", "ที่อยู่ฐานข้อมูลกลาง"),
    "sync_round_timeout_s": ("central", "Sync round time limit (s)", "เวลาสูงสุดของรอบซิงก์ (วินาที)"),
    # the web shop's: read by `otop-pos shop serve` and the orders window at their start
    "web_safety_buffer": (
        "web",
        "Pieces kept back from the web shop (a product's own number comes first)",
        "จำนวนชิ้นที่กันไว้ไม่ขายออนไลน์ (ใช้จำนวนของสินค้าก่อนถ้ากำหนดไว้)",
    ),
    "web_reservation_minutes": (
        "web",
        "Minutes an unpaid order holds its stock",
        "เวลาที่คำสั่งซื้อที่ยังไม่ชำระจองสินค้าไว้ (นาที)",
    ),
    "web_shipping_fee": ("web", "Delivery fee (baht)", "ค่าจัดส่ง (บาท)"),
    "web_free_shipping_over": (
        "web",
        "Free delivery from an order total of (baht, 0 = never)",
        "ส่งฟรีเมื่อยอดสั่งซื้อถึง (บาท, 0 = ไม่มี)",
    ),
    "web_receipt_prefix": (
        "web",
        "Receipt prefix of online sales",
        "คำนำหน้าเลขใบเสร็จการขายออนไลน์",
    ),
    # the online channels' (LINE, Facebook, Thailand Post): beside their secrets
    "web_public_url": (
        "channels",
        "The shop's public HTTPS address (chat links, QR images)",
        "ที่อยู่เว็บร้านสาธารณะ (HTTPS) สำหรับลิงก์และ QR ในแชท",
    ),
    "chat_enabled_channels": (
        "channels",
        "Chat channels on (line, facebook)",
        "ช่องทางแชทที่เปิดใช้ (line, facebook)",
    ),
    "line_monthly_quota": (
        "channels",
        "LINE messages a month (the account's quota)",
        "จำนวนข้อความ LINE ต่อเดือน (โควตาของบัญชี)",
    ),
    "facebook_page_id": ("channels", "Facebook page ID", "รหัสเพจ Facebook"),
    "line_api_base": ("channels", "LINE API address", "ที่อยู่ API ของ LINE"),
    "line_data_api_base": ("channels", "LINE data API address", "ที่อยู่ API ข้อมูลของ LINE"),
    "facebook_graph_base": ("channels", "Facebook Graph API address", "ที่อยู่ Graph API ของ Facebook"),
    "line_liff_sdk_url": ("channels", "LIFF SDK address", "ที่อยู่ LIFF SDK"),
    "thailandpost_api_base": (
        "channels",
        "Thailand Post tracking API address",
        "ที่อยู่ API ติดตามพัสดุไปรษณีย์ไทย",
    ),
    "thailandpost_hook_base": (
        "channels",
        "Thailand Post webhook API address",
        "ที่อยู่ API แจ้งสถานะพัสดุ (webhook) ไปรษณีย์ไทย",
    ),
    "tracking_poll_minutes": (
        "channels",
        "Minutes between asking the carriers about shipped parcels (0 = never)",
        "ความถี่ในการสอบถามสถานะพัสดุจากขนส่ง (นาที, 0 = ไม่สอบถาม)",
    ),
    "tea_printer": (
        "printers",
        "Tea corner's ticket printer (a printer's name, empty = none)",
        "เครื่องพิมพ์ใบสั่งร้านชา (ชื่อเครื่องพิมพ์ เว้นว่าง = ไม่มี)",
    ),
    "printers": ("printers", "Printers", "เครื่องพิมพ์"),
}
# What an open till takes at once: the next scan, sale, receipt, payment dialog or log-in
# reads it. Any other field (one added later too, until it is placed here) waits for the
# till's next start, as AFTER_RESTART says why. Fields checked together (VAT and the tax ID,
# the barcode prefixes) are on the same side, so a change taken at once never meets a field
# waiting for a restart in a check.
TAKES_EFFECT_NOW = frozenset({
    # what receipts, the header and the labels show
    "shop_name_th", "shop_name_en", "company_th", "address_th", "address_en",
    "receipt_header", "receipt_footer", "story_url_template", "line_url", "facebook_url",
    # the payment dialog's QR
    "promptpay_id",
    # the rules each scan, sale, adjustment, review or log-in applies
    "allow_negative_stock", "max_quantity", "discount_limit_pct", "stock_adjust_limit",
    "yearly_target", "expired_certificate", "curation_quorum", "curation_pass_mark",
    "pin_max_attempts", "pin_lock_minutes",
    # printers: their paper, mode, code page, drawer... (see PRINTER_AFTER_RESTART)
    "printers", "tea_printer",
})  # fmt: skip
AFTER_RESTART = frozenset({
    # the shop's tax identity: a shift's sales, receipts, tax invoices and Z report stay under
    # one (whether the till issues tax invoices at all is decided at its start)
    "tax_id", "branch", "vat_registered", "vat_rate",
    # the barcode layout: the scanner's rules and the labels already printed
    "in_store_prefix", "vm_price_prefix", "vm_weight_prefix", "vm_item_digits",
    "vm_price_decimals",
    # the till's start: its language (the language key switches it meanwhile), its shifts
    "language", "require_shift",
    # the connection to the central database is made at the start
    "central_url", "sync_round_timeout_s",
})  # fmt: skip
# a printer's paper, mode, code page, drawer, logo... are read by each job; which printers
# there are and how each is reached are wired into the print queue at the till's start
PRINTER_AFTER_RESTART = ("name", "connection", "target", "baud")
_SECRET = frozenset({"central_url"})
_MULTILINE = frozenset({"receipt_header", "receipt_footer"})


def _kind(name: str, type_name: str) -> str:
    if type_name.startswith("tuple[PrinterProfile"):
        return "printers"
    return "text" if name in _MULTILINE else type_name


FIELDS: dict[str, SettingField] = {}
for _f in fields(Settings):
    _group, _en, _th = _LABELS.get(_f.name, ("other", _f.name, _f.name))
    FIELDS[_f.name] = SettingField(
        _f.name, _group, _en, _th, _kind(_f.name, str(_f.type)), _f.name in _SECRET,
        _f.name in TAKES_EFFECT_NOW,
    )  # fmt: skip


def field_of(key: str) -> SettingField:
    """The setting named `key`, or a SettingsError listing the keys there are."""
    known = FIELDS.get(key.strip())
    if known is None:
        raise SettingsError(
            f"There is no setting {key!r} (see `otop-pos settings show`)",
            f"ไม่มีค่าตั้งชื่อ {key!r} (ดู `otop-pos settings show`)",
            field=key,
        )
    return known


_TRUE = {"true", "yes", "on", "1", "ใช่"}
_FALSE = {"false", "no", "off", "0", "ไม่"}


def parse_value(key: str, text: str) -> Any:
    """The typed value of setting `key` written as `text` (printers as a JSON list)."""
    f = field_of(key)
    raw = text.strip()

    def refuse(en: str, th: str) -> SettingsError:
        return SettingsError(
            f"{f.label_en} ({f.key}): {en}", f"{f.label_th} ({f.key}): {th}", field=f.key
        )

    if f.kind == "bool":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise refuse(f"{raw!r} must be yes or no", f"{raw!r} ต้องเป็น ใช่ หรือ ไม่")
    if f.kind == "int":
        if not re.fullmatch(r"[+-]?\d{1,15}", raw.replace(",", "")):
            raise refuse(f"{raw!r} must be a whole number", f"{raw!r} ต้องเป็นจำนวนเต็ม")
        return int(raw.replace(",", ""))
    if f.kind == "Decimal":
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            raise refuse(f"{raw!r} must be a number", f"{raw!r} ต้องเป็นตัวเลข")
        return value
    if f.kind == "printers":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise refuse(
                f"not a JSON list of printers: {exc.msg}", "ต้องเป็นรายการเครื่องพิมพ์แบบ JSON"
            ) from exc
        if not isinstance(data, list):
            raise refuse("must be a JSON list of printers", "ต้องเป็นรายการเครื่องพิมพ์แบบ JSON")
        try:
            return tuple(PrinterProfile.from_dict(p) for p in data)
        except SettingsError as exc:
            raise refuse(exc.message_en, exc.message_th) from exc
    return raw


def masked_url(url: str) -> str:
    """A database URL with its password hidden: postgresql://user:***@host/db."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def shown_value(key: str, value: Any) -> str:
    """How a value is shown in `settings show` and the audit log (secrets masked)."""
    f = field_of(key)
    if f.kind == "printers":
        return json.dumps([p.to_dict() for p in value], ensure_ascii=False)
    if f.kind == "bool":
        return "yes" if value else "no"
    text = str(value)
    return masked_url(text) if f.secret else text


def _printers_rewired(old: Settings, new: Settings) -> bool:
    """Printers added, removed, renamed or reached another way (not only set differently)."""

    def wiring(s: Settings) -> list[tuple[object, ...]]:
        return [tuple(getattr(p, k) for k in PRINTER_AFTER_RESTART) for p in s.printers]

    return wiring(old) != wiring(new)


def after_restart(running: Settings, saved: Settings) -> tuple[str, ...]:
    """The keys whose saved value an open till on `running` takes only at its next start."""
    out = [
        key
        for key, f in FIELDS.items()
        if getattr(running, key) != getattr(saved, key)
        and (not f.live or (key == "printers" and _printers_rewired(running, saved)))
    ]
    return tuple(out)


def take_live(running: Settings, saved: Settings) -> Settings:
    """What an open till on `running` uses once `saved` was saved: every change it takes at
    once, the others kept until its next start."""
    waiting = set(after_restart(running, saved))
    changes = {
        key: getattr(saved, key)
        for key in FIELDS
        if key not in waiting and getattr(running, key) != getattr(saved, key)
    }
    return running.with_changes(**changes) if changes else running
