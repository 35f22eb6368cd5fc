"""In-memory fakes of the checkout's unit of work and repositories (no SQL, no files)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Self

from pos.domain.auth import Action, Actor, denied
from pos.domain.basket import BasketTemplate
from pos.domain.cart import ProductInfo
from pos.domain.sale import Receipt, SaleDraft
from pos.ports.sales import ParkedCart
from pos.ports.terminals import TerminalInfo
from pos.services.auth import Approval

TERMINAL = TerminalInfo("t-1", "Counter 1", "POS-1", "KK1")


class FixedClock:
    def __init__(self, at: datetime = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


@dataclass
class FakeCatalog:
    products: list[ProductInfo] = field(default_factory=list)

    def product_by_barcode(self, code: str) -> ProductInfo | None:
        return next((p for p in self.products if p.barcode == code), None)

    def product_by_sku(self, sku: str) -> ProductInfo | None:
        return next((p for p in self.products if p.sku == sku), None)

    def product_by_plu(self, plu: str) -> ProductInfo | None:
        return None

    def products_by_ids(self, ids: Iterable[str]) -> list[ProductInfo]:
        wanted = set(ids)
        return [p for p in self.products if p.product_id in wanted]

    def stock_on_hand(self, product_ids: Iterable[str]) -> dict[str, Decimal]:
        return {pid: Decimal(1000) for pid in product_ids}


@dataclass
class FakeBaskets:
    templates: list[BasketTemplate] = field(default_factory=list)

    def template_by_barcode(self, code: str) -> BasketTemplate | None:
        return next((t for t in self.templates if t.barcode == code), None)

    def template_by_ready_product(self, product_id: str) -> BasketTemplate | None:
        return None

    def lock_products(self, product_ids: Any) -> None:
        pass


@dataclass
class FakeParking:
    parked: dict[str, ParkedCart] = field(default_factory=dict)

    def park(self, terminal_id: str, label: str, payload: dict[str, Any], at: datetime) -> str:
        parked_id = str(uuid.uuid4())
        self.parked[parked_id] = ParkedCart(parked_id, label, at, payload)
        return parked_id

    def list(self, terminal_id: str) -> list[ParkedCart]:
        return list(self.parked.values())

    def take(self, parked_id: str) -> ParkedCart | None:
        return self.parked.pop(parked_id, None)


@dataclass
class FakeSales:
    drafts: list[SaleDraft] = field(default_factory=list)

    def record(self, draft: SaleDraft, terminal: TerminalInfo) -> Receipt:
        self.drafts.append(draft)
        t = draft.totals
        return Receipt(
            draft.sale_id, f"{terminal.receipt_prefix}-{len(self.drafts):06d}", draft.sold_at,
            terminal.pos_id, terminal.name, draft.cashier_name, (), t.subtotal, t.sale_discount,
            "", t.total, t.vatable, t.exempt, t.vat, draft.cart.vat_rate, (),
            draft.settlement.change,
        )  # fmt: skip


@dataclass
class FakeShifts:
    open_shift: object | None = "shift-1"

    def current(self, terminal_id: str) -> object | None:
        return self.open_shift


class FakeReservations:
    """Online orders' reservations: none unless a test holds some."""

    def __init__(self) -> None:
        self.held: dict[str, Decimal] = {}

    def reserved(self, product_ids: Iterable[str]) -> dict[str, Decimal]:
        return {p: self.held.get(p, Decimal(0)) for p in product_ids}


class FakeUnitOfWork:
    """One shared in-memory store; `committed` counts the commits."""

    def __init__(self, products: Iterable[ProductInfo] = ()) -> None:
        self.catalog = FakeCatalog(list(products))
        self.baskets = FakeBaskets()
        self.parking = FakeParking()
        self.sales = FakeSales()
        self.shifts = FakeShifts()
        self.orders = FakeReservations()
        self.committed = 0

    def __call__(self, *, write: bool = False) -> Self:
        return self

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def commit(self) -> None:
        self.committed += 1

    def rollback(self) -> None:
        pass


class FakeAuth:
    """A manager's approvals, spent once used (as the real Auth checks them)."""

    def __init__(self) -> None:
        self.spent: set[str] = set()

    def authorize(self, actor: Actor, action: Action, approval: Approval | None = None) -> None:
        if actor.may(action):
            return
        if approval is None or approval.action is not action or approval.approval_id in self.spent:
            raise denied(actor, action)
        self.spent.add(approval.approval_id)


def approval(action: Action, requester: Actor) -> Approval:
    return Approval(str(uuid.uuid4()), action, requester.user_id, "u-boss", "Boss")


def money(text: str) -> Decimal:
    return Decimal(text)
