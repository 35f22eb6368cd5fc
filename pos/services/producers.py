"""The back office's producers: add, edit, deactivate; every field checked, every change audited.

A producer's district is one of the 26 districts of Khon Kaen (`pos.domain.districts`), or,
for a producer from another province, that province from the list of 77 and its district as
written; its tax ID has its check digit; its payout account is a Thai bank from the list, a
10-12 digit number and the account's name, all three or none.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from pos.domain.auth import Action, Actor
from pos.domain.banks import account_digits, find_bank
from pos.domain.catalog import PRODUCER_KINDS
from pos.domain.districts import KHON_KAEN, find_district, find_province
from pos.domain.errors import ShopError
from pos.domain.taxid import is_valid_tax_id
from pos.ports.clock import Clock
from pos.ports.producers import ProducerRecord, ProducersUnitOfWork
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import record, require

KIND_NAMES: dict[str, tuple[str, str]] = {
    "group": ("community group", "กลุ่มวิสาหกิจชุมชน"),
    "individual": ("individual", "บุคคลทั่วไป"),
    "sme": ("SME", "ผู้ประกอบการ SME"),
}
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")


class FieldError(ShopError):
    """One field of a form refused: `field` names it (the form puts the cursor there)."""

    def __init__(self, field: str, en: str, th: str) -> None:
        super().__init__(en, th)
        self.field = field


def counter_copy_refusal(what_en: str, what_th: str) -> ShopError:
    """A back office on a counter of a central database may not change central-owned data
    (its next pull would overwrite the change): where to make it instead."""
    return ShopError(
        f"This counter keeps a copy of the central database's {what_en}: a change here would "
        "be overwritten by the next sync. Open the back office on the central database: "
        "otop-pos backoffice --db postgresql://…",
        f"เครื่องขายนี้เก็บสำเนา{what_th}จากฐานข้อมูลกลาง การแก้ไขที่นี่จะถูกเขียนทับเมื่อซิงก์ครั้งถัดไป "
        "กรุณาเปิดระบบหลังร้านบนฐานข้อมูลกลาง: otop-pos backoffice --db postgresql://…",
    )


@dataclass(frozen=True, slots=True)
class ProducerForm:
    """A producer as typed in the form or given on the command line (text, not yet checked)."""

    code: str
    name_th: str
    name_en: str
    kind: str
    district: str  # a Khon Kaen district (Thai or English), or the district in `province`
    province: str = KHON_KAEN.th
    district_en: str = ""  # outside Khon Kaen: the district's English name (default: as typed)
    contact: str = ""
    tax_id: str = ""
    bank: str = ""  # a bank's code, short name or name (pos.domain.banks)
    account: str = ""
    account_name: str = ""
    active: bool = True


def form_of(producer: ProducerRecord) -> ProducerForm:
    """The form filled with a stored producer (to edit it)."""
    return ProducerForm(
        code=producer.code,
        name_th=producer.name_th,
        name_en=producer.name_en,
        kind=producer.kind,
        district=producer.district_th,
        province=producer.province_th,
        district_en=producer.district_en,
        contact=producer.contact,
        tax_id=producer.tax_id or "",
        bank=producer.bank_code or "",
        account=producer.bank_account or "",
        account_name=producer.bank_account_name,
        active=producer.active,
    )


def _text(field: str, value: str, en: str, th: str, limit: int, *, required: bool) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise FieldError(field, f"{en}: required", f"{th}: ต้องกรอก")
    if len(text) > limit:
        raise FieldError(
            field, f"{en}: at most {limit} characters", f"{th}: ยาวได้ไม่เกิน {limit} ตัวอักษร"
        )
    return text


def check_producer(form: ProducerForm) -> ProducerRecord:
    """The producer to store, or a FieldError naming the first field refused."""
    code = form.code.strip().upper()
    if not _CODE.match(code):
        raise FieldError(
            "code",
            "Producer code: 1 to 20 letters, digits, - or _ (e.g. P067)",
            "รหัสผู้ผลิต: ตัวอักษรภาษาอังกฤษ ตัวเลข - หรือ _ 1 ถึง 20 ตัว (เช่น P067)",
        )
    name_th = _text("name_th", form.name_th, "Thai name", "ชื่อภาษาไทย", 200, required=True)
    name_en = _text("name_en", form.name_en, "English name", "ชื่อภาษาอังกฤษ", 200, required=True)
    kind = form.kind.strip().lower()
    if kind not in PRODUCER_KINDS:
        raise FieldError(
            "kind",
            f"Kind: one of {', '.join(PRODUCER_KINDS)} (group, individual, SME)",
            f"ประเภท: ต้องเป็น {', '.join(PRODUCER_KINDS)} (กลุ่ม บุคคล หรือ SME)",
        )
    contact = _text("contact", form.contact, "Contact", "ช่องทางติดต่อ", 200, required=False)
    province = find_province(form.province)
    if province is None:
        raise FieldError(
            "province",
            f"Province: {form.province.strip()!r} is not a province of Thailand",
            f"จังหวัด: {form.province.strip()!r} ไม่ใช่จังหวัดของประเทศไทย",
        )
    if province == KHON_KAEN:
        district = find_district(form.district)
        if district is None:
            raise FieldError(
                "district",
                f"District: {form.district.strip()!r} is not one of the 26 districts of Khon Kaen",
                f"อำเภอ: {form.district.strip()!r} ไม่ใช่อำเภอหนึ่งใน 26 อำเภอของจังหวัดขอนแก่น",
            )
        district_th, district_en = district.th, district.en
    else:
        district_th = _text("district", form.district, "District", "อำเภอ", 100, required=True)
        district_en = _text(
            "district", form.district_en or district_th, "District", "อำเภอ", 100, required=True
        )
    tax_id = form.tax_id.replace("-", "").replace(" ", "")
    if tax_id and not is_valid_tax_id(tax_id):
        raise FieldError(
            "tax_id",
            "Tax ID: 13 digits with a correct check digit",
            "เลขประจำตัวผู้เสียภาษี: ต้องเป็นตัวเลข 13 หลักและหลักตรวจสอบถูกต้อง",
        )
    bank_code, account, account_name = _bank_account(form)
    return ProducerRecord(
        code=code, name_th=name_th, name_en=name_en, kind=kind, contact=contact,
        district_th=district_th, district_en=district_en, province_th=province.th,
        province_en=province.en, tax_id=tax_id or None, bank_code=bank_code,
        bank_account=account, bank_account_name=account_name, active=form.active,
    )  # fmt: skip


def _bank_account(form: ProducerForm) -> tuple[str | None, str | None, str]:
    if not (form.bank.strip() or form.account.strip() or form.account_name.strip()):
        return None, None, ""
    bank = find_bank(form.bank)
    if bank is None:
        raise FieldError(
            "bank",
            "Bank: choose a Thai bank from the list (code, e.g. 004, or name)",
            "ธนาคาร: เลือกธนาคารจากรายการ (รหัส เช่น 004 หรือชื่อธนาคาร)",
        )
    account = account_digits(form.account)
    if account is None:
        raise FieldError(
            "account",
            "Account number: 10 to 12 digits",
            "เลขที่บัญชี: ต้องเป็นตัวเลข 10 ถึง 12 หลัก",
        )
    name = _text("account_name", form.account_name, "Account name", "ชื่อบัญชี", 200, required=True)
    return bank.code, account, name


def snapshot(producer: ProducerRecord) -> dict[str, object]:
    """The producer as the audit log keeps it."""
    return dataclasses.asdict(producer)


class Producers:
    """Producers for the back office and the command line; changes need MANAGE_CATALOG.

    `central_copy` true: the store is a counter's copy of a central database, whose producers
    it pulls; it refuses every change (made on the central database instead)."""

    def __init__(
        self,
        uow: UnitOfWorkFactory[ProducersUnitOfWork],
        clock: Clock,
        *,
        central_copy: bool = False,
        terminal_id: str | None = None,
    ) -> None:
        self.uow = uow
        self.clock = clock
        self.central_copy = central_copy
        self.terminal_id = terminal_id

    def all(self) -> list[ProducerRecord]:
        with self.uow() as read:
            return read.producers.all()

    def get(self, code: str) -> ProducerRecord:
        with self.uow() as read:
            return _existing(read, code)

    def _may_change(self, actor: Actor) -> None:
        require(actor, Action.MANAGE_CATALOG)
        if self.central_copy:
            raise counter_copy_refusal("producers", "ข้อมูลผู้ผลิต")

    def add(self, actor: Actor, form: ProducerForm) -> ProducerRecord:
        self._may_change(actor)
        producer = check_producer(dataclasses.replace(form, active=True))
        with self.uow(write=True) as work:
            if work.producers.by_code(producer.code) is not None:
                raise FieldError(
                    "code",
                    f"Producer code: {producer.code} is taken by another producer",
                    f"รหัสผู้ผลิต: {producer.code} มีผู้ผลิตอื่นใช้แล้ว",
                )
            work.producers.add(producer)
            self._audit(work, actor, "producer.add", producer.code, after=snapshot(producer))
            work.commit()
        return producer

    def edit(self, actor: Actor, code: str, form: ProducerForm) -> ProducerRecord:
        """Every field but the code (which never changes) and the active flag."""
        self._may_change(actor)
        with self.uow(write=True) as work:
            before = _existing(work, code)
            # the code never changes, and (de)activating is its own change (set_active)
            producer = check_producer(
                dataclasses.replace(form, code=before.code, active=before.active)
            )
            work.producers.update(producer)
            self._audit(
                work, actor, "producer.edit", producer.code,
                before=snapshot(before), after=snapshot(producer),
            )  # fmt: skip
            work.commit()
        return producer

    def set_active(self, actor: Actor, code: str, active: bool) -> ProducerRecord:
        """Deactivate a producer (its products and sales stay), or bring one back."""
        self._may_change(actor)
        with self.uow(write=True) as work:
            before = _existing(work, code)
            producer = dataclasses.replace(before, active=active)
            if producer != before:
                work.producers.update(producer)
                verb = "producer.activate" if active else "producer.deactivate"
                self._audit(
                    work, actor, verb, code, before={"active": before.active},
                    after={"active": active},
                )  # fmt: skip
                work.commit()
        return producer

    def _audit(self, work: ProducersUnitOfWork, actor: Actor, action: str, key: str,
               **change: dict[str, object]) -> None:  # fmt: skip
        record(work.audit, self.clock, actor, action, key, terminal_id=self.terminal_id, **change)


def _existing(work: ProducersUnitOfWork, code: str) -> ProducerRecord:
    producer = work.producers.by_code(code.strip().upper())
    if producer is None:
        raise FieldError(
            "code", f"No producer with code {code.strip()!r}", f"ไม่มีผู้ผลิตรหัส {code.strip()!r}"
        )
    return producer
