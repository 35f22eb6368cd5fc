"""What the customer's screen shows: the sale in progress as the customer may see it, and the
producers' stories of its idle slideshow (Qt free; the window is ui.customer_display)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from pos.domain.money import ZERO

if TYPE_CHECKING:
    from pos.domain.sale import Receipt
    from pos.domain.settings import Settings
    from pos.domain.tea import MenuItem
    from pos.ports.labels import LabelUnitOfWork
    from pos.ports.uow import UnitOfWorkFactory
    from pos.services.sale_session import SaleSession


class Screen(Enum):
    """The display's page."""

    IDLE = "idle"  # nobody at the till, or an empty cart: the producers' stories
    CART = "cart"  # the lines as they are scanned, the totals
    PAYMENT = "payment"  # the amount due and its PromptPay QR
    PAID = "paid"  # paid, thank you, and the change


@dataclass(frozen=True, slots=True)
class ShownLine:
    """One cart line as the customer sees it."""

    sku: str
    name_th: str
    name_en: str
    quantity: Decimal
    unit_th: str
    unit_en: str
    unit_price: Decimal
    discount: Decimal  # the line's own discount (baht)
    amount: Decimal  # after that discount
    by_weight: bool = False
    in_basket: bool = False  # a component of a gift basket (priced with the basket)
    detail_th: str = ""  # under the name: a drink's options, a booking's room and time
    detail_en: str = ""


@dataclass(frozen=True, slots=True)
class Shown:
    """Everything the display draws; nothing else about the till reaches it."""

    screen: Screen
    lines: tuple[ShownLine, ...] = ()
    items: Decimal = ZERO
    subtotal: Decimal = ZERO  # before discounts
    discounts: Decimal = ZERO  # line and sale discounts together
    vat: Decimal = ZERO
    total: Decimal = ZERO
    paid: Decimal = ZERO  # payments already taken (a split payment)
    due: Decimal = ZERO  # what is left to pay: the QR's amount
    change: Decimal = ZERO
    receipt_no: str = ""
    ready: tuple[int, ...] = ()  # the tea corner's orders ready to collect (their numbers)


IDLE = Shown(Screen.IDLE)


def with_ready(shown: Shown, ready: Sequence[int]) -> Shown:
    """`shown` with the tea corner's ready orders called over it (on every page)."""
    numbers = tuple(ready)
    return shown if shown.ready == numbers else replace(shown, ready=numbers)


def shown_sale(session: SaleSession, *, paying: bool) -> Shown:
    """The session's sale as the customer sees it. `paying`: the payment has started and no
    line has changed since. Idle while nobody is at the till or a cart is being parked or
    recalled: another cashier's sale never shows here."""
    from pos.services.sale_session import CartBusy

    cart = session.cart
    private = session.busy in (CartBusy.PARK, CartBusy.RECALL)
    nobody = session.approvals_possible and session.actor is None
    if cart.is_empty or private or nobody:
        return IDLE
    totals = cart.totals()
    lines = tuple(
        ShownLine(
            sku=line.product.sku,
            name_th=line.product.name_th,
            name_en=line.product.name_en,
            quantity=line.quantity,
            unit_th=line.product.unit_th,
            unit_en=line.product.unit_en,
            unit_price=line.unit_price,
            discount=line.discount_amount,
            amount=line.net,
            by_weight=line.product.sold_by.value == "weight",
            in_basket=line.group_id is not None,
            detail_th=line.detail.th if line.detail else "",
            detail_en=line.detail.en if line.detail else "",
        )
        for line in cart
    )
    gross = sum((a.gross for a in totals.lines), ZERO)
    paid = sum((t.amount for t in session.tenders), ZERO)
    due = max(ZERO, totals.total - paid)
    return Shown(
        screen=Screen.PAYMENT if paying and due > 0 else Screen.CART,
        lines=lines,
        items=totals.item_count,
        subtotal=gross,
        discounts=gross - totals.total,
        vat=totals.vat,
        total=totals.total,
        paid=paid,
        due=due,
    )


def shown_paid(receipt: Receipt) -> Shown:
    """The sale just committed: its total and the change to hand back."""
    return Shown(Screen.PAID, total=receipt.total, vat=receipt.vat, change=receipt.change,
                 receipt_no=receipt.receipt_no)  # fmt: skip


# --- the idle slideshow ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Slide:
    """One producer's story on the idle screen."""

    sku: str
    name_th: str
    name_en: str
    producer_th: str
    producer_en: str
    district_th: str
    district_en: str
    province_th: str
    province_en: str
    stars: int | None
    photo: str | None  # a picture file (None: no photo)


@dataclass(frozen=True, slots=True)
class MenuTile:
    """One drink of the tea corner's menu on the idle screen."""

    sku: str
    name_th: str
    name_en: str
    price: Decimal  # its price before options ("from")
    photo: str | None


@dataclass(frozen=True, slots=True)
class Showcase:
    """The slides, every product's photo by SKU (for the cart's lines), and the tea menu
    (one more page of the slideshow when there is one)."""

    slides: tuple[Slide, ...]
    photos: dict[str, str]
    tea_menu: tuple[MenuTile, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.slides and not self.tea_menu

    @property
    def pages(self) -> int:
        """The slideshow's pages: a story each, then the tea menu."""
        return len(self.slides) + (1 if self.tea_menu else 0)


NO_SHOWCASE = Showcase((), {})
MAX_SLIDES = 60


def load_showcase(
    uow: UnitOfWorkFactory[LabelUnitOfWork],
    settings: Settings,
    photo_root: Path,
    tea_menu: Callable[[], Sequence[MenuItem]] | None = None,
) -> Showcase:
    """The approved products' stories: those with a photo first, then by stars, at most
    MAX_SLIDES; photo paths relative to `photo_root` are made whole, missing files dropped;
    and the tea corner's active drinks (`tea_menu`) in their menu order."""
    from pos.services.labels import story_pages

    photos: dict[str, str] = {}
    slides: list[Slide] = []
    for page in story_pages(uow, settings):
        photo = _photo_file(page.image, photo_root)
        if photo is not None:
            photos[page.sku] = photo
        slides.append(Slide(
            page.sku, page.name_th, page.name_en, page.producer_th, page.producer_en,
            page.district_th, page.district_en, page.province_th, page.province_en,
            page.stars, photo,
        ))  # fmt: skip
    slides.sort(key=lambda s: (s.photo is None, -(s.stars or 0), s.sku))
    tiles = () if tea_menu is None else menu_tiles(tea_menu(), photo_root)
    for tile in tiles:
        if tile.photo is not None:
            photos[tile.sku] = tile.photo
    return Showcase(tuple(slides[:MAX_SLIDES]), photos, tiles)


MAX_TILES = 12  # the tea menu's page shows at most this many drinks


def menu_tiles(menu: Sequence[MenuItem], photo_root: Path) -> tuple[MenuTile, ...]:
    """The active drinks as the idle screen shows them, in the menu's order."""
    items = sorted((i for i in menu if i.active), key=lambda i: (i.sort_order, i.sku))
    return tuple(
        MenuTile(i.sku, i.name_th, i.name_en, i.price, _photo_file(i.image, photo_root))
        for i in items[:MAX_TILES]
    )


def _photo_file(image: str | None, root: Path) -> str | None:
    if not image:
        return None
    path = Path(image)
    if not path.is_absolute():
        path = root / path
    return str(path) if path.is_file() else None
