"""The shop's settings: one typed object with defaults, validated as a whole."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from pos.domain.barcodes import MeasureKind, VariableMeasureLayout
from pos.domain.errors import SettingsError
from pos.domain.promptpay import PromptPayError, normalize_promptpay_id
from pos.domain.taxid import is_valid_tax_id

CONNECTIONS = ("preview", "network", "usb", "serial", "queue", "file")
PRINT_MODES = ("raster", "text")
PAPER_DOTS = {80: 576, 58: 384}  # printable dots at 203 dpi
TEXT_COLUMNS = {80: 48, 58: 32}  # font A (12 x 24 dots)
SERIAL_BAUDS = (2400, 4800, 9600, 19200, 38400, 57600, 115200)
DEFAULT_TCP_PORT = 9100
RECEIPT_TEXT_LINES = 4  # the receipt's own header and footer text, each
RECEIPT_TEXT_CHARS = 64


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    """Where and how a document is printed: one per printer of the counter."""

    name: str = "receipt"
    connection: str = "preview"  # preview | network | usb | serial | queue | file
    target: str = ""  # host[:port], VID:PID (hex), /dev/ttyUSB0 or COM3, queue name, file path
    paper_mm: int = 80  # 80 (576 dots) or 58 (384 dots)
    mode: str = "raster"  # raster (any printer) | text (printers with Thai firmware)
    codepage: int | None = None  # the ESC t n number of the printer's Thai code page (text mode)
    cut: bool = True
    drawer_pin: int | None = 2  # 2 or 5; None: no cash drawer on this printer
    baud: int = 9600  # serial only
    drawer_pulse_ms: int = 100  # how long the drawer kick is powered (2-510 ms)
    logo: str = ""  # an image file printed at the top of receipts
    columns: int | None = None  # text mode characters per line (default 48 on 80 mm, 32 on 58)
    status_check: bool = True  # ask the printer's status (DLE EOT) before and after each job
    timeout_s: int = 5  # seconds to wait for the printer to connect or answer

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            label = self.name or "?"
            raise SettingsError(
                f"Printer {label!r}: " + "; ".join(en for en, _ in problems),
                f"เครื่องพิมพ์ {label!r}: " + "; ".join(th for _, th in problems),
            )

    @property
    def dots(self) -> int:
        """Printable width in dots."""
        return PAPER_DOTS[self.paper_mm]

    @property
    def text_columns(self) -> int:
        return self.columns or TEXT_COLUMNS[self.paper_mm]

    @property
    def is_preview(self) -> bool:
        return self.connection == "preview"

    def network_address(self) -> tuple[str, int]:
        """(host, port) of a network printer; the port defaults to 9100."""
        host, sep, port = self.target.rpartition(":")
        if not sep:
            return self.target, DEFAULT_TCP_PORT
        return host, int(port)

    def usb_ids(self) -> tuple[int, int]:
        vid, _, pid = self.target.partition(":")
        return int(vid, 16), int(pid, 16)

    def describe(self) -> str:
        """How staff recognise this printer in messages: name and where it is."""
        where = {"preview": "preview"}.get(self.connection, f"{self.connection} {self.target}")
        return f"{self.name} ({where.strip()})"

    def problems(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if not self.name.strip() or len(self.name) > 40:
            out.append(("name must be 1-40 characters", "ชื่อต้องมี 1-40 ตัวอักษร"))
        if self.connection not in CONNECTIONS:
            out.append(
                (
                    f"connection must be one of {', '.join(CONNECTIONS)}",
                    f"การเชื่อมต่อต้องเป็น {', '.join(CONNECTIONS)}",
                )
            )
        else:
            out.extend(self._target_problems())
        if self.paper_mm not in PAPER_DOTS:
            out.append(("paper must be 58 or 80 mm", "กระดาษต้องกว้าง 58 หรือ 80 มม."))
        if self.mode not in PRINT_MODES:
            out.append(("mode must be raster or text", "โหมดต้องเป็น raster หรือ text"))
        if self.codepage is not None and not 0 <= self.codepage <= 255:
            out.append(("code page must be 0-255", "โค้ดเพจต้องอยู่ระหว่าง 0-255"))
        if self.mode == "text" and self.codepage is None:
            out.append(
                (
                    "text mode needs the printer's Thai code page number (see its self-test)",
                    "โหมดข้อความต้องระบุเลขโค้ดเพจภาษาไทยของเครื่องพิมพ์ (ดูจากใบทดสอบตัวเครื่อง)",
                )
            )
        if self.drawer_pin not in (None, 2, 5):
            out.append(("cash drawer pin must be 2 or 5", "ขาลิ้นชักเก็บเงินต้องเป็น 2 หรือ 5"))
        if not 2 <= self.drawer_pulse_ms <= 510:
            out.append(
                ("drawer pulse must be 2-510 ms", "ระยะเวลาสั่งเปิดลิ้นชักต้องอยู่ระหว่าง 2-510 มิลลิวินาที")
            )
        if self.baud not in SERIAL_BAUDS:
            out.append(
                (
                    f"baud must be one of {', '.join(map(str, SERIAL_BAUDS))}",
                    f"ความเร็วพอร์ตอนุกรมต้องเป็น {', '.join(map(str, SERIAL_BAUDS))}",
                )
            )
        if self.columns is not None and not 16 <= self.columns <= 80:
            out.append(("columns must be 16-80", "จำนวนตัวอักษรต่อบรรทัดต้องอยู่ระหว่าง 16-80"))
        if not 1 <= self.timeout_s <= 120:
            out.append(("timeout must be 1-120 seconds", "เวลารอต้องอยู่ระหว่าง 1-120 วินาที"))
        return out

    def _target_problems(self) -> list[tuple[str, str]]:
        target = self.target.strip()
        kind = self.connection
        if kind in ("preview", "queue"):
            return []  # an empty queue name means the system's default printer
        if not target:
            return [(f"a {kind} printer needs a target", f"เครื่องพิมพ์แบบ {kind} ต้องระบุที่อยู่")]
        if kind == "network":
            host, sep, port = target.rpartition(":")
            if not sep:
                host, port = target, str(DEFAULT_TCP_PORT)
            if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
                return [
                    (
                        f"network target {target!r} must be host or host:port",
                        f"ที่อยู่เครื่องพิมพ์เครือข่าย {target!r} ต้องเป็น host หรือ host:port",
                    )
                ]
        if kind == "usb":
            vid, sep, pid = target.partition(":")
            if not sep or not _is_hex16(vid) or not _is_hex16(pid):
                return [
                    (
                        f"USB target {target!r} must be VID:PID in hex, e.g. 04b8:0202",
                        f"ที่อยู่ USB {target!r} ต้องเป็น VID:PID เลขฐานสิบหก เช่น 04b8:0202",
                    )
                ]
        return []

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> PrinterProfile:
        """Build from stored values, refusing unknown keys and values of the wrong type."""
        if not isinstance(data, dict):
            raise SettingsError("Printer settings must be objects", "ค่าตั้งเครื่องพิมพ์ผิดรูปแบบ")
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise SettingsError(
                f"Printer settings: unknown {', '.join(unknown)}",
                f"ค่าตั้งเครื่องพิมพ์: ไม่รู้จัก {', '.join(unknown)}",
            )
        for key, value in data.items():
            kind = str(known[key])
            optional = "None" in kind
            if value is None and optional:
                continue
            if "bool" in kind:
                ok = isinstance(value, bool)
            elif "int" in kind:
                ok = isinstance(value, int) and not isinstance(value, bool)
            else:
                ok = isinstance(value, str)
            if not ok:
                raise SettingsError(
                    f"Printer setting {key} must be a {kind}",
                    f"ค่าตั้งเครื่องพิมพ์ {key} ต้องเป็น {kind}",
                )
        return cls(**data)


def _is_hex16(text: str) -> bool:
    try:
        return len(text) <= 4 and 0 <= int(text, 16) <= 0xFFFF
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Settings:
    shop_name_th: str = "ศูนย์ส่งเสริมและพัฒนาสินค้า OTOP จังหวัดขอนแก่น"
    shop_name_en: str = "Khon Kaen OTOP Promotion and Development Centre"
    company_th: str = "บริษัท ขอนแก่น โอทอป อินเตอร์เทรดเดอร์ จำกัด"
    address_th: str = "ศาลากลางจังหวัดขอนแก่น ถ.ศูนย์ราชการ ต.ในเมือง อ.เมืองขอนแก่น จ.ขอนแก่น 40000"
    address_en: str = "Khon Kaen Provincial Hall, Sun Ratchakan Rd, Mueang Khon Kaen 40000"
    tax_id: str = "0994000617721"
    branch: str = "00000"  # 00000 = head office (สำนักงานใหญ่)
    vat_registered: bool = True
    vat_rate: Decimal = Decimal("7")
    promptpay_id: str = "0994000617721"
    in_store_prefix: str = "20"
    vm_price_prefix: str = "23"
    vm_weight_prefix: str = "21"
    vm_item_digits: int = 5
    vm_price_decimals: int = 2
    allow_negative_stock: bool = True
    max_quantity: int = 9999
    language: str = "th"
    line_url: str = "https://line.me/R/ti/p/@kkotop"
    facebook_url: str = "https://www.facebook.com/kkotopcenter"
    # lines printed under the shop's name (e.g. opening hours) and above the thank-you
    receipt_header: str = ""
    receipt_footer: str = ""
    story_url_template: str = "https://otop.example/p/{sku}"
    central_url: str = ""
    # a sync round with the central database is done or given up (rolled back) within this
    sync_round_timeout_s: int = 30
    pin_max_attempts: int = 5  # wrong PINs in a row before a user is locked out
    pin_lock_minutes: int = 5  # how long the lockout lasts
    yearly_target: int = 0  # sales target for a calendar year, whole baht; 0 = none
    require_shift: bool = True  # the till sells only while a shift is open at the counter
    discount_limit_pct: int = 20  # a bigger discount (whole %) needs a manager's approval
    # an adjustment (damage, samples, ...) worth more (baht, at selling price) needs a manager
    stock_adjust_limit: int = 500
    # curation: a product whose certificate expired is sold with a warning, or not at all
    expired_certificate: str = "warn"  # warn | block
    curation_quorum: int = 3  # committee members present for a review to count
    curation_pass_mark: int = 30  # of 50: five criteria scored 0-10 each
    # the web shop: stock kept back from it, how long an unpaid order holds its stock,
    # the delivery fee and the order total (whole baht) above which delivery is free (0: never),
    # and the receipt prefix of the online channel's own series
    web_safety_buffer: int = 0
    web_reservation_minutes: int = 30
    web_shipping_fee: int = 50
    web_free_shipping_over: int = 1000
    web_receipt_prefix: str = "KK-W"
    # LINE and Facebook chat (issue 17): the shop's public HTTPS address (links and the QR
    # images in messages), the channels switched on ("line,facebook"), LINE's monthly push
    # quota, the Facebook page, and the APIs' base addresses (tests point them at fakes)
    web_public_url: str = ""
    chat_enabled_channels: str = ""
    line_monthly_quota: int = 300
    facebook_page_id: str = ""
    line_api_base: str = "https://api.line.me"
    line_data_api_base: str = "https://api-data.line.me"
    line_liff_sdk_url: str = "https://static.line-scdn.net/liff/edge/2/sdk.js"  # the LIFF SDK
    facebook_graph_base: str = "https://graph.facebook.com/v21.0"
    thailandpost_api_base: str = "https://trackapi.thailandpost.co.th"
    thailandpost_hook_base: str = "https://trackwebhook.thailandpost.co.th"  # its hook API
    # carriers' tracking: how often the shop server asks about shipped parcels (0: never)
    tracking_poll_minutes: int = 30
    # the customer's screen: off | window | a screen's name (full-screen there; see the till's
    # log for the names this machine has)
    customer_display: str = "off"
    # the tea corner's ticket printer: the name of one of `printers` ("" = none: tickets are
    # shown on the tea counter's orders window only)
    tea_printer: str = ""
    printers: tuple[PrinterProfile, ...] = field(default_factory=lambda: (PrinterProfile(),))

    def __post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise SettingsError(
                "Invalid settings: " + "; ".join(en for en, _ in problems),
                "ค่าตั้งไม่ถูกต้อง: " + "; ".join(th for _, th in problems),
            )

    def _problems(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if not self.shop_name_th.strip():
            out.append(("shop name is empty", "ไม่มีชื่อร้าน"))
        if self.tax_id and not is_valid_tax_id(self.tax_id):
            out.append(
                (f"tax ID {self.tax_id} is not valid", f"เลขประจำตัวผู้เสียภาษี {self.tax_id} ไม่ถูกต้อง")
            )
        if self.vat_registered and not self.tax_id:
            out.append(("a VAT-registered shop needs a tax ID", "ร้านที่จดทะเบียน VAT ต้องมีเลขผู้เสียภาษี"))
        if len(self.branch) != 5 or not self.branch.isdigit():
            out.append(
                ("branch must be 5 digits (00000 = head office)", "รหัสสาขาต้องเป็นตัวเลข 5 หลัก")
            )
        if not Decimal(0) <= self.vat_rate <= Decimal(30):
            out.append(("VAT rate must be 0-30%", "อัตรา VAT ต้องอยู่ระหว่าง 0-30%"))
        if self.promptpay_id:
            try:
                normalize_promptpay_id(self.promptpay_id)
            except PromptPayError as exc:
                out.append((f"PromptPay ID: {exc}", f"พร้อมเพย์ไม่ถูกต้อง: {self.promptpay_id}"))
        prefixes = [self.in_store_prefix, self.vm_price_prefix, self.vm_weight_prefix]
        for p in prefixes:
            if len(p) != 2 or not p.isdigit() or not "20" <= p <= "29":
                out.append(
                    (
                        f"barcode prefix {p!r} must be 20-29",
                        f"คำนำหน้าบาร์โค้ด {p!r} ต้องอยู่ระหว่าง 20-29",
                    )
                )
        if len(set(prefixes)) != len(prefixes):
            out.append(
                ("in-store and scale prefixes must differ", "คำนำหน้าบาร์โค้ดร้านและตาชั่งต้องไม่ซ้ำกัน")
            )
        if not 3 <= self.vm_item_digits <= 6:
            out.append(("scale item code must have 3-6 digits", "รหัสสินค้าตาชั่งต้องมี 3-6 หลัก"))
        if self.vm_price_decimals not in (0, 1, 2):
            out.append(("scale price decimals must be 0, 1 or 2", "ทศนิยมราคาตาชั่งต้องเป็น 0, 1 หรือ 2"))
        if not 5 <= self.sync_round_timeout_s <= 600:
            out.append(
                ("sync round timeout must be 5-600 seconds", "เวลารอซิงก์ต้องอยู่ระหว่าง 5-600 วินาที")
            )
        if self.language not in ("th", "en"):
            out.append(("language must be th or en", "ภาษาต้องเป็น th หรือ en"))
        for name, text in (("header", self.receipt_header), ("footer", self.receipt_footer)):
            lines = text.splitlines()
            if len(lines) > RECEIPT_TEXT_LINES or any(len(ln) > RECEIPT_TEXT_CHARS for ln in lines):
                out.append(
                    (
                        f"receipt {name}: at most {RECEIPT_TEXT_LINES} lines of "
                        f"{RECEIPT_TEXT_CHARS} characters",
                        f"ข้อความ{'หัว' if name == 'header' else 'ท้าย'}ใบเสร็จ: ไม่เกิน "
                        f"{RECEIPT_TEXT_LINES} บรรทัด บรรทัดละไม่เกิน {RECEIPT_TEXT_CHARS} ตัวอักษร",
                    )
                )
        if "{sku}" not in self.story_url_template:
            out.append(("story URL template needs {sku}", "แม่แบบลิงก์เรื่องราวต้องมี {sku}"))
        if not 1 <= self.max_quantity <= 1_000_000:
            out.append(("max quantity must be 1-1,000,000", "จำนวนสูงสุดต้องอยู่ระหว่าง 1-1,000,000"))
        if not 1 <= self.pin_max_attempts <= 20:
            out.append(("wrong-PIN limit must be 1-20", "จำนวนครั้งที่ใส่ PIN ผิดได้ต้องอยู่ระหว่าง 1-20"))
        if not 1 <= self.pin_lock_minutes <= 1440:
            out.append(("PIN lockout must be 1-1440 minutes", "เวลาล็อก PIN ต้องอยู่ระหว่าง 1-1440 นาที"))
        if not 0 <= self.stock_adjust_limit <= 10_000_000:
            out.append(
                (
                    "stock adjustment limit must be 0-10,000,000 baht",
                    "วงเงินปรับปรุงสต็อกต้องอยู่ระหว่าง 0-10,000,000 บาท",
                )
            )
        if not 0 <= self.discount_limit_pct <= 100:
            out.append(("discount limit must be 0-100%", "วงเงินส่วนลดต้องอยู่ระหว่าง 0-100%"))
        if not 0 <= self.yearly_target <= 10**12:
            out.append(
                (
                    "yearly target must be 0-1,000,000,000,000 baht",
                    "เป้ายอดขายรายปีต้องอยู่ระหว่าง 0-1,000,000,000,000 บาท",
                )
            )
        if self.expired_certificate not in ("warn", "block"):
            out.append(
                (
                    "expired certificate must be warn or block",
                    "ใบรับรองหมดอายุต้องตั้งเป็น warn (เตือน) หรือ block (ห้ามขาย)",
                )
            )
        if not 1 <= self.curation_quorum <= 50:
            out.append(("curation quorum must be 1-50", "องค์ประชุมคัดสรรต้องอยู่ระหว่าง 1-50 คน"))
        if not 0 <= self.curation_pass_mark <= 50:
            out.append(("curation pass mark must be 0-50", "เกณฑ์ผ่านการคัดสรรต้องอยู่ระหว่าง 0-50"))
        out += self._web_problems()
        if not self.customer_display.strip() or len(self.customer_display) > 100:
            out.append(
                (
                    "customer display must be off, window or a screen's name",
                    "จอลูกค้าต้องเป็น off, window หรือชื่อจอภาพ",
                )
            )
        names = [p.name for p in self.printers]
        if self.tea_printer and self.tea_printer not in names:
            out.append(
                (
                    f"tea printer {self.tea_printer!r} is not one of the printers",
                    f"เครื่องพิมพ์ร้านชา {self.tea_printer!r} ไม่อยู่ในรายการเครื่องพิมพ์",
                )
            )
        for name in sorted({n for n in names if names.count(n) > 1}):
            out.append((f"two printers are named {name!r}", f"มีเครื่องพิมพ์ชื่อ {name!r} ซ้ำกัน"))
        return out

    def _web_problems(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if not 0 <= self.web_safety_buffer <= 10_000:
            out.append(
                ("web safety buffer must be 0-10,000", "จำนวนกันไว้ไม่ขายออนไลน์ต้องอยู่ระหว่าง 0-10,000")
            )
        if not 1 <= self.web_reservation_minutes <= 10_080:
            out.append(
                (
                    "web reservation must be 1-10,080 minutes",
                    "เวลาจองสินค้าออนไลน์ต้องอยู่ระหว่าง 1-10,080 นาที",
                )
            )
        if not 0 <= self.web_shipping_fee <= 10_000:
            out.append(("web shipping fee must be 0-10,000 baht", "ค่าจัดส่งต้องอยู่ระหว่าง 0-10,000 บาท"))
        if not 0 <= self.web_free_shipping_over <= 10_000_000:
            out.append(
                (
                    "free shipping threshold must be 0-10,000,000 baht",
                    "ยอดส่งฟรีต้องอยู่ระหว่าง 0-10,000,000 บาท",
                )
            )
        if not 0 <= self.tracking_poll_minutes <= 1440:
            out.append(
                (
                    "tracking poll must be 0-1,440 minutes",
                    "รอบการติดตามพัสดุต้องอยู่ระหว่าง 0-1,440 นาที",
                )
            )
        if not re.fullmatch(r"[A-Z0-9]{1,6}(-[A-Z0-9]{1,4})?", self.web_receipt_prefix):
            out.append(
                (
                    "web receipt prefix must be letters and digits (e.g. KK-W)",
                    "คำนำหน้าใบเสร็จออนไลน์ต้องเป็นตัวอักษรและตัวเลข (เช่น KK-W)",
                )
            )
        return out + self._chat_problems()

    def _chat_problems(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.web_public_url and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?",
                                                    self.web_public_url):  # fmt: skip
            out.append(
                (
                    "the shop's public address must be https://host (e.g. https://shop.example.th)",
                    "ที่อยู่เว็บร้านต้องเป็น https://ชื่อโฮสต์ (เช่น https://shop.example.th)",
                )
            )
        unknown = set(self.chat_channels) - {"line", "facebook"}
        if unknown:
            out.append(
                (
                    "chat channels must be line and/or facebook",
                    "ช่องทางแชทต้องเป็น line และ/หรือ facebook",
                )
            )
        if not 0 <= self.line_monthly_quota <= 100_000_000:
            out.append(
                (
                    "LINE monthly quota must be 0-100,000,000",
                    "โควตาข้อความ LINE ต่อเดือนต้องอยู่ระหว่าง 0-100,000,000",
                )
            )
        if self.facebook_page_id and not self.facebook_page_id.isdigit():
            out.append(("Facebook page ID must be digits", "รหัสเพจ Facebook ต้องเป็นตัวเลข"))
        for name in ("line_api_base", "line_data_api_base", "line_liff_sdk_url",
                     "facebook_graph_base", "thailandpost_api_base",
                     "thailandpost_hook_base"):  # fmt: skip
            if not re.fullmatch(r"https?://[^\s?#]+", getattr(self, name)):
                out.append((f"{name} must be an http(s) address", f"{name} ต้องเป็นที่อยู่ http(s)"))
        return out

    @property
    def chat_channels(self) -> tuple[str, ...]:
        """The chat channels switched on ("line", "facebook")."""
        return tuple(c.strip().lower() for c in self.chat_enabled_channels.split(",") if c.strip())

    @property
    def public_url(self) -> str:
        """The shop's public address without a trailing slash ("" when not set)."""
        return self.web_public_url.rstrip("/")

    @property
    def receipt_printer(self) -> PrinterProfile:
        """The profile receipts print on: the one named "receipt", else the first."""
        return self.printer("receipt") or (self.printers[0] if self.printers else PrinterProfile())

    def printer(self, name: str) -> PrinterProfile | None:
        return next((p for p in self.printers if p.name == name), None)

    @property
    def vm_layout(self) -> VariableMeasureLayout:
        return VariableMeasureLayout(
            prefixes=(
                (self.vm_price_prefix, MeasureKind.PRICE),
                (self.vm_weight_prefix, MeasureKind.WEIGHT),
            ),
            item_digits=self.vm_item_digits,
            price_decimals=self.vm_price_decimals,
        )

    def story_url(self, sku: str) -> str:
        return self.story_url_template.replace("{sku}", sku)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["vat_rate"] = str(self.vat_rate)
        data["printers"] = [p.to_dict() for p in self.printers]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build from stored values; unknown keys are refused so typos do not pass silently."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SettingsError(
                f"Unknown settings: {', '.join(unknown)}", f"ไม่รู้จักค่าตั้ง: {', '.join(unknown)}"
            )
        values = dict(data)
        if "vat_rate" in values:
            try:
                values["vat_rate"] = Decimal(str(values["vat_rate"]))
            except InvalidOperation as exc:
                raise SettingsError("VAT rate must be a number", "อัตรา VAT ต้องเป็นตัวเลข") from exc
            if not values["vat_rate"].is_finite():  # NaN would break the range check
                raise SettingsError("VAT rate must be a number", "อัตรา VAT ต้องเป็นตัวเลข")
        if "printers" in values:
            if not isinstance(values["printers"], list | tuple):
                raise SettingsError("Printer settings must be a list", "ค่าตั้งเครื่องพิมพ์ต้องเป็นรายการ")
            values["printers"] = tuple(PrinterProfile.from_dict(p) for p in values["printers"])
        for f in fields(cls):
            if (
                f.name in values
                and f.type in ("bool", "int", "str")
                and not isinstance(values[f.name], str if f.type == "str" else (bool, int))
            ):
                raise SettingsError(f"{f.name} must be a {f.type}", f"{f.name} ต้องเป็น {f.type}")
        return cls(**values)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)
