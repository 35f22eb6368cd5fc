"""Curation: a producer's application, the committee's review, certificates and their expiry."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from pos.domain.bilingual import Bilingual
from pos.domain.catalog import OtopCategory, text_problems
from pos.domain.errors import ShopError
from pos.domain.money import MAX_AMOUNT, AmountError, parse_amount


class CurationError(ShopError):
    """An application, review or certificate the committee's rules refuse (the field named)."""


class NotForSale(ShopError):
    """A product the till may not sell: not approved, or a certificate expired (block)."""


# --- applications ------------------------------------------------------------------------
class Status(Enum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    CHANGES_REQUESTED = "changes_requested"
    RESUBMITTED = "resubmitted"


class Step(Enum):
    """What happens to an application."""

    START_REVIEW = "start_review"
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"
    RESUBMIT = "resubmit"


# The allowed transitions, all of them: (from, step) -> to.
TRANSITIONS: dict[tuple[Status, Step], Status] = {
    (Status.SUBMITTED, Step.START_REVIEW): Status.UNDER_REVIEW,
    (Status.RESUBMITTED, Step.START_REVIEW): Status.UNDER_REVIEW,
    (Status.UNDER_REVIEW, Step.APPROVE): Status.APPROVED,
    (Status.UNDER_REVIEW, Step.REJECT): Status.REJECTED,
    (Status.UNDER_REVIEW, Step.REQUEST_CHANGES): Status.CHANGES_REQUESTED,
    (Status.CHANGES_REQUESTED, Step.RESUBMIT): Status.RESUBMITTED,
}

STATUS_NAMES: dict[Status, Bilingual] = {
    Status.SUBMITTED: Bilingual("ยื่นแล้ว", "submitted"),
    Status.UNDER_REVIEW: Bilingual("กำลังพิจารณา", "under review"),
    Status.APPROVED: Bilingual("ผ่านการคัดสรร", "approved"),
    Status.REJECTED: Bilingual("ไม่ผ่าน", "rejected"),
    Status.CHANGES_REQUESTED: Bilingual("ให้แก้ไข", "changes requested"),
    Status.RESUBMITTED: Bilingual("ยื่นใหม่แล้ว", "resubmitted"),
}
_STEP_NAMES: dict[Step, Bilingual] = {
    Step.START_REVIEW: Bilingual("เริ่มพิจารณา", "start the review of"),
    Step.APPROVE: Bilingual("อนุมัติ", "approve"),
    Step.REJECT: Bilingual("ปฏิเสธ", "reject"),
    Step.REQUEST_CHANGES: Bilingual("ขอให้แก้ไข", "ask for changes to"),
    Step.RESUBMIT: Bilingual("ยื่นใหม่", "resubmit"),
}


def advance(status: Status, step: Step) -> Status:
    """The status after `step`, or a CurationError if the table does not allow it."""
    to = TRANSITIONS.get((status, step))
    if to is None:
        name, verb = STATUS_NAMES[status], _STEP_NAMES[step]
        raise CurationError(
            f"Cannot {verb.en} an application that is {name.en}",
            f"ใบสมัครที่สถานะ{name.th} {verb.th}ไม่ได้",
        )
    return to


# A product's approval status as the till reads it (products.curation).
APPROVED = "approved"
PENDING = "pending"
REJECTED = "rejected"
PRODUCT_CURATION = (APPROVED, PENDING, REJECTED)


def product_curation(status: Status) -> str:
    """What an application's status makes of its product's approval."""
    if status is Status.APPROVED:
        return APPROVED
    if status is Status.REJECTED:
        return REJECTED
    return PENDING


def _field_error(field_en: str, field_th: str, why_en: str, why_th: str) -> CurationError:
    return CurationError(f"{field_en}: {why_en}", f"{field_th}: {why_th}")


_FIELD_NAMES: dict[str, tuple[str, str]] = {
    "sku": ("SKU", "รหัสสินค้า"),
    "producer": ("Producer", "ผู้ผลิต"),
    "name_th": ("Thai name", "ชื่อภาษาไทย"),
    "name_en": ("English name", "ชื่อภาษาอังกฤษ"),
    "category": ("Category", "หมวดหมู่"),
    "price": ("Proposed price", "ราคาที่เสนอ"),
    "story_th": ("Thai story", "เรื่องราวภาษาไทย"),
    "story_en": ("English story", "เรื่องราวภาษาอังกฤษ"),
    "photos": ("Photos", "รูปภาพ"),
}


@dataclass(frozen=True, slots=True)
class ApplicationDetails:
    """What a producer proposes: the product as it would be sold."""

    sku: str
    producer_code: str
    name_th: str
    name_en: str
    category: OtopCategory
    price: Decimal
    story_th: str = ""
    story_en: str = ""
    photos: tuple[str, ...] = ()


def parse_application(
    values: Mapping[str, str], photos: tuple[str, ...] = ()
) -> ApplicationDetails:
    """Validate the form's texts; the first wrong field is named in the CurationError."""
    get = {k: (v or "").strip() for k, v in values.items()}
    for key in ("sku", "producer", "name_th", "name_en", "category", "price"):
        if not get.get(key):
            en, th = _FIELD_NAMES[key]
            raise _field_error(en, th, "is empty", "ยังไม่ได้กรอก")
    for key in ("sku", "name_th", "name_en", "story_th", "story_en"):
        problems = text_problems(key, get.get(key, ""))
        if problems:
            en, th = _FIELD_NAMES[key]
            raise _field_error(en, th, problems[0], "ข้อความไม่ถูกต้อง: " + problems[0])
    if any(c.isspace() for c in get["sku"]):
        raise _field_error("SKU", "รหัสสินค้า", "must not contain spaces", "ห้ามมีช่องว่าง")
    try:
        category = OtopCategory(get["category"].casefold())
    except ValueError:
        codes = ", ".join(c.value for c in OtopCategory)
        raise _field_error(
            "Category", "หมวดหมู่", f"must be one of {codes}", f"ต้องเป็นหนึ่งใน {codes}"
        ) from None
    try:
        price = parse_amount(
            get["price"],
            what=Bilingual("ราคาที่เสนอ", "Proposed price"),
            maximum=MAX_AMOUNT,
            zero_ok=False,
        )
    except AmountError as exc:
        raise CurationError(exc.message_en, exc.message_th) from None
    for photo in photos:
        if not photo.strip() or len(photo) > 300:
            raise _field_error(
                "Photos", "รูปภาพ", "a photo's file name is empty or too long",
                "ชื่อไฟล์รูปว่างหรือยาวเกินไป",
            )  # fmt: skip
    return ApplicationDetails(
        sku=get["sku"].upper(),  # SKUs are upper case (the products service's rule)
        producer_code=get["producer"],
        name_th=get["name_th"],
        name_en=get["name_en"],
        category=category,
        price=price,
        story_th=get.get("story_th", ""),
        story_en=get.get("story_en", ""),
        photos=tuple(p.strip() for p in photos),
    )


# --- reviews -----------------------------------------------------------------------------
class Criterion(Enum):
    """The committee's standard criteria."""

    QUALITY = "quality"
    IDENTITY = "identity"  # identity and local wisdom
    PACKAGING = "packaging"
    MARKET = "market"  # market potential
    STANDARDS = "standards"  # standards and certification


CRITERION_NAMES: dict[Criterion, Bilingual] = {
    Criterion.QUALITY: Bilingual("คุณภาพสินค้า", "Quality"),
    Criterion.IDENTITY: Bilingual("เอกลักษณ์/ภูมิปัญญาท้องถิ่น", "Identity and local wisdom"),
    Criterion.PACKAGING: Bilingual("บรรจุภัณฑ์", "Packaging"),
    Criterion.MARKET: Bilingual("ศักยภาพทางการตลาด", "Market potential"),
    Criterion.STANDARDS: Bilingual("มาตรฐาน/การรับรอง", "Standards and certification"),
}


class Decision(Enum):
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"

    @property
    def step(self) -> Step:
        return Step(self.value)


DECISION_NAMES: dict[Decision, Bilingual] = {
    Decision.APPROVE: Bilingual("อนุมัติ", "Approve"),
    Decision.REJECT: Bilingual("ไม่อนุมัติ", "Reject"),
    Decision.REQUEST_CHANGES: Bilingual("ให้แก้ไขแล้วยื่นใหม่", "Ask for changes"),
}

MAX_SCORE = 10  # each criterion is scored 0-10


@dataclass(frozen=True, slots=True)
class ReviewRules:
    """The committee's quorum and pass mark (settings: curation_quorum, curation_pass_mark)."""

    quorum: int = 3
    pass_mark: int = 30  # of len(Criterion) * MAX_SCORE

    @property
    def most(self) -> int:
        return len(Criterion) * MAX_SCORE


@dataclass(frozen=True, slots=True)
class Review:
    held_on: date
    members: tuple[str, ...]
    scores: Mapping[Criterion, int]
    decision: Decision
    remarks: str = ""

    @property
    def total(self) -> int:
        return sum(self.scores.values())


def passes(scores: Mapping[Criterion, int], rules: ReviewRules) -> bool:
    return sum(scores.values()) >= rules.pass_mark


def check_review(review: Review, rules: ReviewRules) -> None:
    """Members (a quorum, named once each), a 0-10 score for every criterion, and an approval
    only at the pass mark or above; a CurationError names the field."""
    names = [m.strip() for m in review.members]
    if any(not n for n in names) or len({n.casefold() for n in names}) != len(names):
        raise _field_error(
            "Members present", "กรรมการที่เข้าร่วม", "each member is named once",
            "ต้องระบุชื่อกรรมการแต่ละคนครั้งเดียว",
        )  # fmt: skip
    if len(names) < rules.quorum:
        raise _field_error(
            "Members present", "กรรมการที่เข้าร่วม",
            f"{len(names)} present, the quorum is {rules.quorum}",
            f"มีกรรมการ {len(names)} คน ไม่ครบองค์ประชุม {rules.quorum} คน",
        )  # fmt: skip
    for c in Criterion:
        score = review.scores.get(c)
        if score is None or not 0 <= score <= MAX_SCORE:
            name = CRITERION_NAMES[c]
            raise _field_error(
                f"Score for {name.en}", f"คะแนน{name.th}", f"must be 0-{MAX_SCORE}",
                f"ต้องอยู่ระหว่าง 0-{MAX_SCORE}",
            )  # fmt: skip
    if review.decision is Decision.APPROVE and not passes(review.scores, rules):
        raise _field_error(
            "Decision", "ผลการพิจารณา",
            f"the total {review.total} is below the pass mark {rules.pass_mark}: it cannot be"
            " approved",
            f"คะแนนรวม {review.total} ต่ำกว่าเกณฑ์ผ่าน {rules.pass_mark} อนุมัติไม่ได้",
        )  # fmt: skip
    if len(review.remarks) > 2000:
        raise _field_error(
            "Remarks", "หมายเหตุ", "longer than 2000 characters", "ยาวเกิน 2000 ตัวอักษร"
        )


def parse_members(text: str) -> tuple[str, ...]:
    """Members typed one per line or separated by commas."""
    return tuple(n.strip() for n in re.split(r"[,\n]", text) if n.strip())


# --- certificates ------------------------------------------------------------------------
class CertKind(Enum):
    OTOP_STARS = "otop_stars"
    COMMUNITY_STANDARD = "community_standard"  # มผช.
    FDA = "fda"  # อย.
    GI = "gi"
    HALAL = "halal"
    ORGANIC = "organic"
    TIS = "tis"  # มอก.
    OTHER = "other"


CERT_KIND_NAMES: dict[CertKind, Bilingual] = {
    CertKind.OTOP_STARS: Bilingual("ดาว OTOP", "OTOP stars"),
    CertKind.COMMUNITY_STANDARD: Bilingual("มผช.", "Community product standard"),
    CertKind.FDA: Bilingual("อย.", "Thai FDA"),
    CertKind.GI: Bilingual("สิ่งบ่งชี้ทางภูมิศาสตร์ (GI)", "Geographical indication (GI)"),
    CertKind.HALAL: Bilingual("ฮาลาล", "Halal"),
    CertKind.ORGANIC: Bilingual("เกษตรอินทรีย์", "Organic"),
    CertKind.TIS: Bilingual("มอก.", "Thai Industrial Standard"),
    CertKind.OTHER: Bilingual("อื่น ๆ", "Other"),
}

_FDA = re.compile(r"^([0-9]{2})-?([0-9])-?([0-9]{5})-?([0-9])-?([0-9]{4})$")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalize_fda_number(text: str) -> str:
    """A Thai FDA (อย.) food serial as XX-X-XXXXX-X-XXXX: 13 digits (province, establishment
    status, establishment number, licensing agency, product serial), typed with or without
    dashes or spaces, in Thai or Arabic digits; the province code is 10-96."""
    found = _FDA.match(re.sub(r"\s", "", text).translate(_THAI_DIGITS))
    if found is None or not 10 <= int(found.group(1)) <= 96:
        raise _field_error(
            "FDA (อย.) number", "เลข อย.",
            f"{text.strip()!r} is not 13 digits in the form XX-X-XXXXX-X-XXXX"
            " (province code 10-96)",
            f"{text.strip()!r} ต้องเป็นตัวเลข 13 หลักรูปแบบ XX-X-XXXXX-X-XXXX (รหัสจังหวัด 10-96)",
        )  # fmt: skip
    return "-".join(found.groups())


@dataclass(frozen=True, slots=True)
class Certificate:
    """A certificate of one product or of one producer (exactly one of the two)."""

    kind: CertKind
    number: str  # OTOP stars: the star level 1-5
    issued: date | None = None
    expires: date | None = None
    file: str | None = None  # the scanned certificate, as stored
    product_sku: str | None = None
    producer_code: str | None = None
    cert_id: str = ""

    @property
    def stars(self) -> int | None:
        return int(self.number) if self.kind is CertKind.OTOP_STARS else None

    @property
    def title(self) -> Bilingual:
        name = CERT_KIND_NAMES[self.kind]
        if self.kind is CertKind.OTOP_STARS:
            year = "" if self.issued is None else f" ({self.issued.year + 543})"
            year_en = "" if self.issued is None else f" ({self.issued.year})"
            return Bilingual(f"OTOP {self.number} ดาว{year}", f"OTOP {self.number} stars{year_en}")
        return Bilingual(f"{name.th} {self.number}", f"{name.en} {self.number}")


def check_certificate(cert: Certificate) -> Certificate:
    """The certificate as stored (an อย. number in its dashed form), or a CurationError
    naming the field."""
    if (cert.product_sku is None) == (cert.producer_code is None):
        raise _field_error(
            "Holder", "ผู้ถือใบรับรอง", "a certificate is of one product or of one producer",
            "ใบรับรองต้องเป็นของสินค้าหนึ่งรายการหรือผู้ผลิตหนึ่งราย",
        )  # fmt: skip
    number = cert.number.strip()
    if cert.kind is CertKind.FDA:
        number = normalize_fda_number(number)
    elif cert.kind is CertKind.OTOP_STARS:
        if number not in ("1", "2", "3", "4", "5"):
            raise _field_error("Stars", "จำนวนดาว", "must be 1-5", "ต้องเป็น 1-5")
        if cert.issued is None:
            raise _field_error(
                "Issued", "วันที่ออก", "OTOP stars need the date (year) of the selection",
                "ดาว OTOP ต้องระบุวันที่ (ปี) ที่คัดสรร",
            )  # fmt: skip
    elif not number:
        raise _field_error("Number", "เลขที่", "is empty", "ยังไม่ได้กรอก")
    problems = text_problems("number", number)
    if problems or len(number) > 60:
        raise _field_error("Number", "เลขที่", (problems or ["too long"])[0], "ข้อความไม่ถูกต้อง")
    if cert.issued and cert.expires and cert.expires <= cert.issued:
        raise _field_error("Expires", "วันหมดอายุ", "must be after the issue date", "ต้องหลังวันที่ออก")
    if cert.file is not None and (not cert.file.strip() or len(cert.file) > 300):
        raise _field_error(
            "Scanned file", "ไฟล์สแกน", "the file name is empty or too long", "ชื่อไฟล์ว่างหรือยาวเกินไป"
        )
    return Certificate(
        cert.kind, number, cert.issued, cert.expires, cert.file, cert.product_sku,
        cert.producer_code, cert.cert_id,
    )  # fmt: skip


class Expiry(Enum):
    """A certificate's state on a day; the alerts come at 90, 30 and 0 days."""

    VALID = "valid"
    EXPIRING_90 = "expiring_90"  # 31-90 days left
    EXPIRING_30 = "expiring_30"  # 1-30 days left
    EXPIRED = "expired"  # its expiry day has come


def expiry_state(expires: date | None, today: date) -> Expiry:
    """A certificate is valid up to the day before `expires` (no expiry: always valid)."""
    if expires is None:
        return Expiry.VALID
    left = (expires - today).days
    if left <= 0:
        return Expiry.EXPIRED
    if left <= 30:
        return Expiry.EXPIRING_30
    if left <= 90:
        return Expiry.EXPIRING_90
    return Expiry.VALID


def expiry_text(expires: date | None, today: date) -> Bilingual:
    state = expiry_state(expires, today)
    if expires is None or state is Expiry.VALID:
        return Bilingual("ใช้ได้", "valid")
    left = (expires - today).days
    if state is Expiry.EXPIRED:
        return Bilingual(f"หมดอายุแล้ว ({expires.isoformat()})", f"expired ({expires.isoformat()})")
    return Bilingual(f"จะหมดอายุใน {left} วัน", f"expires in {left} days")


# --- the till ----------------------------------------------------------------------------
WARN = "warn"
BLOCK = "block"
EXPIRED_CERTIFICATE_RULES = (WARN, BLOCK)


@dataclass(frozen=True, slots=True)
class SaleCheck:
    """What the till does with a product: sell it, with a warning when one is due."""

    warning: Bilingual | None = None


def sale_check(
    name: Bilingual, curation: str, cert_expires: date | None, today: date, rule: str
) -> SaleCheck:
    """Refuse (NotForSale) a product the committee has not approved, and one with an expired
    certificate when `rule` is "block"; with "warn" the sale goes on with a warning.
    `cert_expires` is the earliest expiry among the product's and its producer's certificates."""
    if curation != APPROVED:
        why = (
            Bilingual("ไม่ผ่านการคัดสรร", "was rejected by the selection committee")
            if curation == REJECTED
            else Bilingual("ยังไม่ผ่านการคัดสรรของคณะกรรมการ",
                           "is not approved by the selection committee yet")
        )  # fmt: skip
        raise NotForSale(f"{name.en} {why.en}: it cannot be sold", f"{name.th} {why.th} ขายไม่ได้")
    if expiry_state(cert_expires, today) is not Expiry.EXPIRED:
        return SaleCheck()
    assert cert_expires is not None
    day = cert_expires.isoformat()
    if rule == BLOCK:
        raise NotForSale(
            f"{name.en}: a certificate expired on {day}: it cannot be sold until it is renewed",
            f"{name.th}: ใบรับรองหมดอายุเมื่อ {day} ขายไม่ได้จนกว่าจะต่ออายุ",
        )
    return SaleCheck(
        Bilingual(
            f"คำเตือน: ใบรับรองของ {name.th} หมดอายุเมื่อ {day}",
            f"Warning: a certificate of {name.en} expired on {day}",
        )
    )
