"""Gift baskets: templates, price rules, availability from component stock, stock deltas."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import Enum

from pos.domain.cart import Cart, CartGroup, ProductInfo, ProductKind, spread
from pos.domain.errors import CartError
from pos.domain.money import ZERO, round_satang


class PriceRule(Enum):
    FIXED = "fixed"  # the template's price
    SUM_PLUS_FEE = "sum_plus_fee"  # the items, container and wrapping, plus a fee
    SUM_LESS_PCT = "sum_less_pct"  # the items, container and wrapping, less a percentage


@dataclass(frozen=True, slots=True)
class BasketItem:
    product: ProductInfo
    quantity: Decimal

    @property
    def value(self) -> Decimal:
        return round_satang(self.product.unit_price * self.quantity)


@dataclass(frozen=True, slots=True)
class BasketTemplate:
    """A basket the shop sells again and again (e.g. the New Year feast basket)."""

    template_id: str
    code: str
    name_th: str
    name_en: str
    rule: PriceRule
    components: tuple[BasketItem, ...]
    container: BasketItem | None = None
    wrapping: BasketItem | None = None
    price: Decimal | None = None
    fee: Decimal | None = None
    discount_pct: Decimal | None = None
    barcode: str | None = None
    active_from: date | None = None
    active_to: date | None = None
    ready_product: ProductInfo | None = None  # the pre-assembled basket's own stock item

    @property
    def items(self) -> tuple[BasketItem, ...]:
        """Everything that goes into one basket: contents, then container and wrapping."""
        extra = tuple(i for i in (self.container, self.wrapping) if i is not None)
        return self.components + extra

    def unit_price(self) -> Decimal:
        return basket_price(self.rule, self.items, self.price, self.fee, self.discount_pct)

    def is_active(self, day: date) -> bool:
        if self.active_from is not None and day < self.active_from:
            return False
        return not (self.active_to is not None and day > self.active_to)

    def needs(self, count: int = 1) -> dict[str, Decimal]:
        return requirements(self.items, count)


def basket_price(
    rule: PriceRule,
    items: Sequence[BasketItem],
    price: Decimal | None = None,
    fee: Decimal | None = None,
    discount_pct: Decimal | None = None,
) -> Decimal:
    """The price of one basket under its rule (VAT included, rounded to the satang)."""
    total = sum((i.value for i in items), ZERO)
    if rule is PriceRule.FIXED:
        if price is None:
            raise CartError("A fixed-price basket needs a price", "ตะกร้าราคาคงที่ต้องมีราคา")
        return round_satang(price)
    if rule is PriceRule.SUM_PLUS_FEE:
        return round_satang(total + (fee or ZERO))
    pct = discount_pct or ZERO
    return round_satang(total * (Decimal(100) - pct) / Decimal(100))


def requirements(items: Iterable[BasketItem], count: int = 1) -> dict[str, Decimal]:
    """Stock needed per product for `count` baskets (a product listed twice adds up)."""
    need: dict[str, Decimal] = {}
    for i in items:
        pid = i.product.product_id
        need[pid] = need.get(pid, ZERO) + i.quantity * count
    return need


def can_make(need: Mapping[str, Decimal], stock: Mapping[str, Decimal]) -> int:
    """How many baskets the stock allows ("7 can be made now"); shared items count once each."""
    counts = []
    for pid, qty in need.items():
        if qty <= 0:
            continue
        have = stock.get(pid, ZERO)
        counts.append(max(0, int((have / qty).to_integral_value(rounding=ROUND_FLOOR))))
    return min(counts) if counts else 0


def shortages(need: Mapping[str, Decimal], stock: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Products whose stock would go below zero: product id -> how many are missing."""
    return {
        pid: qty - stock.get(pid, ZERO)
        for pid, qty in need.items()
        if qty > 0 and stock.get(pid, ZERO) - qty < 0
    }


def stock_moves(cart: Cart) -> list[tuple[str, Decimal]]:
    """The stock a sale of the cart moves off the shelf: (product id, quantity) in line
    order, then one per ready-made basket group.

    A GOODS line moves its own product; a SERVICE line moves nothing; a MENU line moves each
    of its `uses` (its recipe) times its quantity. A pre-assembled basket leaves the shelf as
    its ready basket (its group's count), never as its components again: they left the shelf
    when the basket was assembled.
    """
    ready = {g.group_id: g.ready_product_id for g in cart.groups.values() if g.ready_product_id}
    moves: list[tuple[str, Decimal]] = []
    for ln in cart:
        if ln.group_id in ready:
            continue
        kind = ln.product.kind
        if kind is ProductKind.GOODS:
            moves.append((ln.product.product_id, ln.quantity))
        elif kind is ProductKind.MENU:
            moves += [(pid, qty * ln.quantity) for pid, qty in ln.uses]
    moves += [(pid, Decimal(cart.groups[gid].count)) for gid, pid in ready.items()]
    return moves


def cart_needs(cart: Cart) -> dict[str, Decimal]:
    """Stock a cart takes when sold: per product id, the quantity leaving the shelf."""
    need: dict[str, Decimal] = {}
    for pid, quantity in stock_moves(cart):
        need[pid] = need.get(pid, ZERO) + quantity
    return need


@dataclass(slots=True)
class CustomBasket:
    """A basket the cashier puts together at the counter."""

    name_th: str = "ตะกร้าของขวัญ"
    name_en: str = "Gift basket"
    contents: list[BasketItem] = field(default_factory=list)
    container: BasketItem | None = None
    wrapping: BasketItem | None = None
    fee: Decimal = ZERO
    set_price: Decimal | None = None  # a price typed at the counter: needs a manager later
    message: str = ""

    def add(self, product: ProductInfo, quantity: Decimal = Decimal(1)) -> None:
        if quantity <= 0 or quantity != quantity.to_integral_value():
            raise CartError("Basket items are counted in whole pieces", "สินค้าในตะกร้านับเป็นชิ้น")
        for n, item in enumerate(self.contents):
            if item.product.product_id == product.product_id:
                self.contents[n] = BasketItem(product, item.quantity + quantity)
                return
        self.contents.append(BasketItem(product, quantity))

    @property
    def items(self) -> tuple[BasketItem, ...]:
        extra = tuple(i for i in (self.container, self.wrapping) if i is not None)
        return tuple(self.contents) + extra

    def price(self) -> Decimal:
        if self.set_price is not None:
            return round_satang(self.set_price)
        return basket_price(PriceRule.SUM_PLUS_FEE, self.items, fee=self.fee)


def basket_lines(
    items: Sequence[BasketItem], count: int, price_each: Decimal
) -> list[tuple[ProductInfo, Decimal, Decimal]]:
    """Cart lines of `count` baskets: the basket price is spread over the items by their list
    value (whole satang, summing exactly), so each share keeps its item's VAT class."""
    if count < 1:
        raise CartError("At least one basket", "ต้องมีอย่างน้อยหนึ่งตะกร้า")
    if not items:
        raise CartError("A basket needs at least one item", "ตะกร้าต้องมีสินค้าอย่างน้อยหนึ่งรายการ")
    total = round_satang(price_each) * count
    shares = spread(total, [i.value for i in items])
    return [(i.product, i.quantity * count, share) for i, share in zip(items, shares, strict=True)]


def template_group(template: BasketTemplate, count: int = 1, *, ready: bool = False) -> CartGroup:
    price = (
        template.ready_product.unit_price
        if ready and template.ready_product is not None
        else template.unit_price()
    )
    return CartGroup(
        group_id=str(uuid.uuid4()),
        name_th=template.name_th,
        name_en=template.name_en,
        count=count,
        template_id=template.template_id,
        ready_product_id=template.ready_product.product_id
        if ready and template.ready_product
        else None,
        price=round_satang(price),
    )


def add_template(
    cart: Cart, template: BasketTemplate, count: int = 1, *, ready: bool = False
) -> CartGroup:
    """Put `count` template baskets (made now, or taken ready-made off the shelf) in the cart."""
    group = template_group(template, count, ready=ready)
    cart.add_group(group, basket_lines(template.items, count, group.price))
    return group


def add_custom(cart: Cart, basket: CustomBasket) -> CartGroup:
    group = CartGroup(
        group_id=str(uuid.uuid4()),
        name_th=basket.name_th,
        name_en=basket.name_en,
        count=1,
        message=basket.message,
        price=basket.price(),
        set_price=basket.set_price is not None,
    )
    cart.add_group(group, basket_lines(basket.items, 1, group.price))
    return group
