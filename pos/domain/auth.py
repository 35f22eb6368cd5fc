"""Users, roles and what each role may do; PIN lockout arithmetic (pure: no hashing, no clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from pos.domain.errors import ShopError


class Role(Enum):
    CASHIER = "cashier"
    LABELS = "labels"  # label staff: shelf labels and stories, no till
    MANAGER = "manager"
    ADMIN = "admin"


class Action(Enum):
    """Things a user does that a role may or may not allow."""

    SELL = "sell"
    OPEN_SHIFT = "open_shift"
    CASH_IN_OUT = "cash_in_out"  # paid-in / paid-out
    X_REPORT = "x_report"
    CLOSE_SHIFT = "close_shift"  # count the drawer, print the Z report
    PRINT_LABELS = "print_labels"
    # these need a manager: a cashier asks for a one-time approval by PIN
    VOID_AFTER_PAYMENT = "void_after_payment"  # remove a line once payment has started
    CANCEL_SALE = "cancel_sale"
    REFUND = "refund"
    DISCOUNT_OVER_LIMIT = "discount_over_limit"
    PRICE_OVERRIDE = "price_override"
    OPEN_DRAWER = "open_drawer"  # open the cash drawer without a sale
    # a manager's own powers
    APPROVE = "approve"
    REPORTS = "reports"
    MANAGE_USERS = "manage_users"  # admin: add users, roles, PIN resets, unlock
    # the back office
    MANAGE_CATALOG = "manage_catalog"  # products, prices, barcodes, producers
    CURATE = "curate"  # record the committee's review of an application, certificates
    MANAGE_SETTINGS = "manage_settings"  # admin: shop identity, PromptPay, printers, central
    # stock
    RECEIVE_STOCK = "receive_stock"  # a delivery from a producer
    RETURN_TO_PRODUCER = "return_to_producer"
    COUNT_STOCK = "count_stock"  # start a count, count goods
    POST_COUNT = "post_count"  # a manager posts a count's differences as movements
    ADJUST_STOCK = "adjust_stock"  # damage, samples, internal use, expiry
    ADJUST_OVER_LIMIT = "adjust_over_limit"  # an adjustment worth more than the shop's limit
    # online orders
    MANAGE_ORDERS = "manage_orders"  # confirm a payment, hand over, cancel or refund an order
    PACK_ORDERS = "pack_orders"  # pick, pack by scanning, ship
    # the co-working room
    BOOK_ROOMS = "book_rooms"  # book, move, extend, cancel, check in
    MANAGE_ROOMS = "manage_rooms"  # rooms, their rules and the holidays


_TILL = frozenset({Action.SELL, Action.OPEN_SHIFT, Action.CASH_IN_OUT, Action.X_REPORT,
                   Action.CLOSE_SHIFT, Action.BOOK_ROOMS})  # fmt: skip
_MANAGER = frozenset(Action) - {Action.MANAGE_USERS, Action.MANAGE_SETTINGS}
_STOCK_STAFF = frozenset({Action.RECEIVE_STOCK, Action.RETURN_TO_PRODUCER, Action.COUNT_STOCK,
                          Action.ADJUST_STOCK})  # fmt: skip
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.CASHIER: _TILL | {Action.COUNT_STOCK},
    Role.LABELS: frozenset({Action.PRINT_LABELS, Action.PACK_ORDERS}) | _STOCK_STAFF,
    Role.MANAGER: _MANAGER,
    Role.ADMIN: frozenset(Action),
}
# Actions a manager's PIN can approve for someone who may not do them alone.
APPROVABLE = frozenset(
    {
        Action.VOID_AFTER_PAYMENT,
        Action.CANCEL_SALE,
        Action.REFUND,
        Action.DISCOUNT_OVER_LIMIT,
        Action.PRICE_OVERRIDE,
        Action.OPEN_DRAWER,
        Action.POST_COUNT,
        Action.ADJUST_OVER_LIMIT,
    }
)

ACTION_NAMES: dict[Action, tuple[str, str]] = {
    Action.SELL: ("sell", "ขายสินค้า"),
    Action.OPEN_SHIFT: ("open a shift", "เปิดกะ"),
    Action.CASH_IN_OUT: ("pay cash in or out", "นำเงินเข้า/ออก"),
    Action.X_REPORT: ("print an X report", "พิมพ์รายงาน X"),
    Action.CLOSE_SHIFT: ("close the shift", "ปิดกะ"),
    Action.PRINT_LABELS: ("print shelf labels", "พิมพ์ป้ายราคา"),
    Action.VOID_AFTER_PAYMENT: ("void a line after payment started", "ลบรายการหลังเริ่มชำระเงิน"),
    Action.CANCEL_SALE: ("cancel a sale", "ยกเลิกการขาย"),
    Action.REFUND: ("refund", "คืนเงิน"),
    Action.DISCOUNT_OVER_LIMIT: ("give a discount above the limit", "ให้ส่วนลดเกินวงเงิน"),
    Action.PRICE_OVERRIDE: ("override a price", "เปลี่ยนราคา"),
    Action.OPEN_DRAWER: ("open the drawer without a sale", "เปิดลิ้นชักโดยไม่มีการขาย"),
    Action.APPROVE: ("approve", "อนุมัติ"),
    Action.REPORTS: ("see reports", "ดูรายงาน"),
    Action.MANAGE_USERS: ("manage users", "จัดการผู้ใช้"),
    Action.MANAGE_CATALOG: ("change products or producers", "แก้ไขสินค้าหรือผู้ผลิต"),
    Action.CURATE: ("record a curation review", "บันทึกผลการคัดสรรสินค้า"),
    Action.MANAGE_SETTINGS: ("change the shop's settings", "แก้ไขการตั้งค่าร้าน"),
    Action.RECEIVE_STOCK: ("receive goods", "รับสินค้าเข้า"),
    Action.RETURN_TO_PRODUCER: ("return goods to a producer", "คืนสินค้าให้ผู้ผลิต"),
    Action.COUNT_STOCK: ("count stock", "ตรวจนับสต็อก"),
    Action.POST_COUNT: ("post a stock count", "ยืนยันผลการตรวจนับสต็อก"),
    Action.ADJUST_STOCK: ("adjust stock", "ปรับปรุงสต็อก"),
    Action.ADJUST_OVER_LIMIT: ("adjust stock above the limit", "ปรับปรุงสต็อกเกินวงเงิน"),
    Action.MANAGE_ORDERS: (
        "confirm, hand over or cancel online orders",
        "ยืนยัน ส่งมอบ หรือยกเลิกคำสั่งซื้อออนไลน์",
    ),
    Action.PACK_ORDERS: ("pick, pack and ship online orders", "จัด แพ็ก และจัดส่งคำสั่งซื้อออนไลน์"),
    Action.BOOK_ROOMS: ("book the meeting room", "จองห้องประชุม"),
    Action.MANAGE_ROOMS: ("change rooms and booking rules", "แก้ไขห้องและกฎการจอง"),
}


def may(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


class PermissionDenied(ShopError):
    """The user's role may not do this (and no manager approved it)."""


class LoginFailed(ShopError):
    """Unknown user, wrong PIN, locked or inactive account."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is using the till: every service call that a role limits takes one."""

    user_id: str
    username: str
    display_name: str
    role: Role

    def may(self, action: Action) -> bool:
        return may(self.role, action)


def denied(actor: Actor, action: Action) -> PermissionDenied:
    en, th = ACTION_NAMES[action]
    ask = action in APPROVABLE
    return PermissionDenied(
        f"{actor.display_name} ({actor.role.value}) may not {en}"
        + (": ask a manager to approve" if ask else ""),
        f"{actor.display_name} ไม่มีสิทธิ์{th}" + (" ต้องให้ผู้จัดการอนุมัติ" if ask else ""),
    )


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise LoginFailed("A PIN is 4 to 8 digits", "PIN ต้องเป็นตัวเลข 4 ถึง 8 หลัก")


@dataclass(frozen=True, slots=True)
class Attempts:
    """A user's wrong-PIN counter and lockout as stored."""

    failed: int
    locked_until: datetime | None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_wrong_pin(self, now: datetime, max_attempts: int, lock_minutes: int) -> Attempts:
        """One more wrong PIN: at `max_attempts` in a row the user is locked for a while,
        and the count starts again once the lock ends."""
        failed = self.failed + 1
        if failed >= max_attempts:
            return Attempts(0, now + timedelta(minutes=lock_minutes))
        return Attempts(failed, self.locked_until)

    @staticmethod
    def cleared() -> Attempts:
        return Attempts(0, None)
