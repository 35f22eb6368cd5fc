"""The shop's settings: one typed object with defaults, validated as a whole."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from pos.domain.barcodes import MeasureKind, VariableMeasureLayout
from pos.domain.errors import SettingsError
from pos.domain.promptpay import PromptPayError, normalize_promptpay_id
from pos.domain.taxid import is_valid_tax_id


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    """Where and how a document is printed (the printing issue widens this)."""

    name: str = "receipt"
    connection: str = "preview"  # preview | network | usb | serial | queue | file
    target: str = ""  # host:port, vendor:product, /dev/ttyUSB0, queue name or file path
    paper_mm: int = 80
    mode: str = "raster"  # raster | text
    codepage: int | None = None
    cut: bool = True
    drawer_pin: int | None = 2


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
    story_url_template: str = "https://otop.example/p/{sku}"
    central_url: str = ""
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
        if self.language not in ("th", "en"):
            out.append(("language must be th or en", "ภาษาต้องเป็น th หรือ en"))
        if "{sku}" not in self.story_url_template:
            out.append(("story URL template needs {sku}", "แม่แบบลิงก์เรื่องราวต้องมี {sku}"))
        if not 1 <= self.max_quantity <= 1_000_000:
            out.append(("max quantity must be 1-1,000,000", "จำนวนสูงสุดต้องอยู่ระหว่าง 1-1,000,000"))
        return out

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
        data["printers"] = [asdict(p) for p in self.printers]
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
            try:
                values["printers"] = tuple(PrinterProfile(**p) for p in values["printers"])
            except TypeError as exc:
                raise SettingsError(
                    f"Printer settings: {exc}", f"ค่าตั้งเครื่องพิมพ์ไม่ถูกต้อง: {exc}"
                ) from exc
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
