"""The tea corner's menu: drinks with priced options, their recipes, and order tickets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pos.domain.bilingual import Bilingual
from pos.domain.cart import CartLine, ProductInfo, ProductKind
from pos.domain.errors import ShopError
from pos.domain.money import ZERO, round_satang

Uses = tuple[tuple[str, Decimal], ...]  # (stock product id, quantity per drink)
Choice = Mapping[str, tuple[str, ...]]  # group code -> the chosen option codes

REF_PREFIX = "tea:"
CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
MAX_CODE = 12


class TeaError(ShopError):
    """A drink, option or menu item the tea corner refuses."""


class TicketKind(StrEnum):
    ORDER = "order"
    CANCEL = "cancel"
    REPRINT = "reprint"


class OrderStatus(StrEnum):
    NEW = "new"
    READY = "ready"
    COLLECTED = "collected"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class TeaOption:
    """One choice of a group: its price adds to the item's, its recipe to the item's."""

    code: str
    name_th: str
    name_en: str
    price_delta: Decimal = ZERO
    uses: Uses = ()

    @property
    def name(self) -> Bilingual:
        return Bilingual(self.name_th, self.name_en)


@dataclass(frozen=True, slots=True)
class OptionGroup:
    """Size, sweetness, hot/iced (single, required, a default) or toppings (multi)."""

    code: str
    name_th: str
    name_en: str
    options: tuple[TeaOption, ...]
    multi: bool = False
    required: bool = False
    default: str | None = None

    def option(self, code: str) -> TeaOption | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True, slots=True)
class MenuItem:
    """A drink or snack: a products row of kind MENU, with its option groups and recipe."""

    product_id: str
    sku: str
    name_th: str
    name_en: str
    price: Decimal
    groups: tuple[OptionGroup, ...] = ()
    recipe: Uses = ()
    active: bool = True
    sort_order: int = 0
    image: str | None = None
    vat_exempt: bool = False
    unit_th: str = "แก้ว"
    unit_en: str = "cup"

    @property
    def name(self) -> Bilingual:
        return Bilingual(self.name_th, self.name_en)

    def group(self, code: str) -> OptionGroup | None:
        return next((g for g in self.groups if g.code == code), None)


@dataclass(frozen=True, slots=True)
class ChosenOption:
    """One option of a sold drink as the tickets and reports keep it."""

    group: str
    code: str
    name_th: str
    name_en: str
    price_delta: Decimal


@dataclass(frozen=True, slots=True)
class Ticket:
    """What the tea counter's printer gets for one drink line (or its cancellation)."""

    ticket_id: str
    kind: TicketKind
    order_no: int
    receipt_no: str
    at: datetime  # when the order was taken
    name_th: str
    name_en: str
    quantity: Decimal
    detail_th: str
    detail_en: str
    line_no: int = 1
    lines_in_order: int = 1
    options: tuple[ChosenOption, ...] = field(default=())


# --- checking a menu item ---------------------------------------------------------------------
def _code_problems(what: str, code: str) -> list[tuple[str, str]]:
    if not code or len(code) > MAX_CODE or not set(code) <= CODE_CHARS:
        return [
            (
                f"{what} code {code!r} must be 1-{MAX_CODE} letters, digits, - or _",
                f"รหัส{what} {code!r} ต้องเป็นตัวอักษร ตัวเลข - หรือ _ 1-{MAX_CODE} ตัว",
            )
        ]
    return []


def _uses_problems(where: str, uses: Uses) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for pid, qty in uses:
        if qty <= 0:
            out.append((f"{where}: a recipe quantity must be more than zero",
                        f"{where}: ปริมาณในสูตรต้องมากกว่าศูนย์"))  # fmt: skip
        if pid in seen:
            out.append((f"{where}: a stock item is in the recipe twice",
                        f"{where}: วัตถุดิบซ้ำในสูตร"))  # fmt: skip
        seen.add(pid)
    return out


def item_problems(item: MenuItem) -> list[tuple[str, str]]:
    """What is wrong with a menu item as the back office saves it ((en, th) pairs)."""
    out: list[tuple[str, str]] = []
    if not item.name_th.strip() or not item.name_en.strip():
        out.append(("a menu item needs a Thai and an English name", "เมนูต้องมีชื่อภาษาไทยและอังกฤษ"))
    if item.price < 0 or round_satang(item.price) != item.price:
        out.append(("the price must be baht and satang, not below zero",
                    "ราคาต้องไม่ติดลบ และมีทศนิยมไม่เกิน 2 ตำแหน่ง"))  # fmt: skip
    out += _uses_problems(item.name_en, item.recipe)
    codes: set[str] = set()
    for g in item.groups:
        out += _code_problems("group", g.code)
        if g.code in codes:
            out.append((f"two option groups have the code {g.code}", f"กลุ่มตัวเลือกรหัส {g.code} ซ้ำกัน"))
        codes.add(g.code)
        if not g.options:
            out.append((f"option group {g.code} has no options", f"กลุ่มตัวเลือก {g.code} ไม่มีตัวเลือก"))
        option_codes = [o.code for o in g.options]
        for o in g.options:
            out += _code_problems("option", o.code)
            if option_codes.count(o.code) > 1:
                out.append((f"{g.code}: two options have the code {o.code}",
                            f"{g.code}: ตัวเลือกรหัส {o.code} ซ้ำกัน"))  # fmt: skip
            if round_satang(o.price_delta) != o.price_delta:
                out.append((f"{g.code}/{o.code}: the price must be baht and satang",
                            f"{g.code}/{o.code}: ราคามีทศนิยมไม่เกิน 2 ตำแหน่ง"))  # fmt: skip
            if item.price + o.price_delta < 0:
                out.append((f"{g.code}/{o.code}: the price would go below zero",
                            f"{g.code}/{o.code}: ราคาจะติดลบ"))  # fmt: skip
            out += _uses_problems(f"{g.code}/{o.code}", o.uses)
        if g.default is not None and g.option(g.default) is None:
            out.append((f"{g.code}: the default {g.default} is not one of its options",
                        f"{g.code}: ค่าเริ่มต้น {g.default} ไม่อยู่ในตัวเลือก"))  # fmt: skip
    return sorted(set(out), key=out.index)


def check_item(item: MenuItem) -> MenuItem:
    problems = item_problems(item)
    if problems:
        raise TeaError(
            "Menu item: " + "; ".join(en for en, _ in problems),
            "เมนู: " + "; ".join(th for _, th in problems),
        )
    return item


# --- a drink as chosen ----------------------------------------------------------------------
def resolve(item: MenuItem, choice: Choice) -> tuple[tuple[OptionGroup, TeaOption], ...]:
    """The options a choice picks, group by group in the menu's order, defaults filled in.

    Refuses (TeaError) a group or option the item does not have, two options of a single
    group, the same option twice, and a required group left without a choice or default.
    """
    unknown = sorted(set(choice) - {g.code for g in item.groups})
    if unknown:
        raise TeaError(
            f"{item.name_en} has no option group {', '.join(unknown)}",
            f"{item.name_th} ไม่มีกลุ่มตัวเลือก {', '.join(unknown)}",
        )
    out: list[tuple[OptionGroup, TeaOption]] = []
    for g in item.groups:
        codes = tuple(choice.get(g.code, ()))
        if not codes and g.code not in choice and g.default is not None:
            codes = (g.default,)
        if len(set(codes)) != len(codes):
            raise TeaError(f"{g.name_en}: an option is chosen twice", f"{g.name_th}: เลือกซ้ำ")
        if not g.multi and len(codes) > 1:
            raise TeaError(f"{g.name_en}: choose only one", f"{g.name_th}: เลือกได้เพียงหนึ่งอย่าง")
        if g.required and not codes:
            raise TeaError(
                f"{item.name_en}: choose the {g.name_en}", f"{item.name_th}: กรุณาเลือก{g.name_th}"
            )
        for code in codes:
            option = g.option(code)
            if option is None:
                raise TeaError(f"{g.name_en} has no option {code}", f"{g.name_th} ไม่มีตัวเลือก {code}")
            out.append((g, option))
    return tuple(out)


def validate(item: MenuItem, choice: Choice) -> None:
    """TeaError unless the choice fits the item (see `resolve`); an inactive item too."""
    if not item.active:
        raise TeaError(f"{item.name_en} is not on the menu now", f"{item.name_th} ไม่มีขายตอนนี้")
    resolve(item, choice)


def price(item: MenuItem, choice: Choice) -> Decimal:
    """The item's price plus each chosen option's."""
    return round_satang(item.price + sum((o.price_delta for _, o in resolve(item, choice)), ZERO))


def chosen(item: MenuItem, choice: Choice) -> tuple[ChosenOption, ...]:
    return tuple(
        ChosenOption(g.code, o.code, o.name_th, o.name_en, o.price_delta)
        for g, o in resolve(item, choice)
    )


def detail(item: MenuItem, choice: Choice) -> Bilingual:
    """ "L · หวาน 50% · เย็น · ไข่มุก" / "L · 50% sweet · iced · pearls"."""
    picked = resolve(item, choice)
    return Bilingual(
        " · ".join(o.name_th for _, o in picked), " · ".join(o.name_en for _, o in picked)
    )


def uses(item: MenuItem, choice: Choice) -> Uses:
    """Stock one drink takes: the item's recipe plus each chosen option's, summed per item."""
    total: dict[str, Decimal] = {}
    for pid, qty in item.recipe:
        total[pid] = total.get(pid, ZERO) + qty
    for _, option in resolve(item, choice):
        for pid, qty in option.uses:
            total[pid] = total.get(pid, ZERO) + qty
    return tuple((pid, qty) for pid, qty in total.items() if qty != 0)


def option_codes(item: MenuItem, choice: Choice) -> str:
    """The choice as text, e.g. "size=L,sweet=50,temp=iced,top=pearl+jelly"."""
    by_group: dict[str, list[str]] = {}
    for g, o in resolve(item, choice):
        by_group.setdefault(g.code, []).append(o.code)
    return ",".join(f"{g}={'+'.join(codes)}" for g, codes in by_group.items())


def parse_codes(text: str) -> dict[str, tuple[str, ...]]:
    """`option_codes` read back into a choice."""
    out: dict[str, tuple[str, ...]] = {}
    for part in filter(None, text.split(",")):
        group, _, codes = part.partition("=")
        out[group] = tuple(filter(None, codes.split("+")))
    return out


def line_ref(item: MenuItem, choice: Choice) -> str:
    """The cart line's ref: "tea:<product id>:<option codes>" (at most 80 characters)."""
    return f"{REF_PREFIX}{item.product_id}:{option_codes(item, choice)}"[:80]


def parse_ref(ref: str | None) -> tuple[str, str] | None:
    """(product id, option codes) of a tea line's ref; None for any other line."""
    if not ref or not ref.startswith(REF_PREFIX):
        return None
    pid, _, codes = ref[len(REF_PREFIX) :].partition(":")
    return pid, codes


# --- the day's order numbers ------------------------------------------------------------------
def order_note(number: int) -> Bilingual:
    """The receipt's big note: "คิว 23" / "ORDER 23"."""
    return Bilingual(f"คิว {number}", f"ORDER {number}")


def sum_uses(lines: Sequence[tuple[Uses, Decimal]]) -> dict[str, Decimal]:
    """Stock that drinks take, per stock item: each line's uses times its quantity."""
    need: dict[str, Decimal] = {}
    for line_uses, quantity in lines:
        for pid, qty in line_uses:
            need[pid] = need.get(pid, ZERO) + qty * quantity
    return need


def product_info(item: MenuItem, unit_price: Decimal | None = None) -> ProductInfo:
    """The cart's view of a menu item (kind MENU: stock moves only by its recipe)."""
    return ProductInfo(
        item.product_id, item.sku, item.name_th, item.name_en,
        item.price if unit_price is None else unit_price, vat_exempt=item.vat_exempt,
        unit_th=item.unit_th, unit_en=item.unit_en, kind=ProductKind.MENU,
    )  # fmt: skip


def menu_line(item: MenuItem, choice: Choice, quantity: Decimal | int = 1) -> CartLine:
    """A drink as a cart line: its price with the options, the options under it, its ref,
    and the stock one of it takes."""
    validate(item, choice)
    unit_price = price(item, choice)
    text = detail(item, choice)
    return CartLine(
        product_info(item, unit_price),
        Decimal(quantity),
        unit_price,
        detail=text if text.th or text.en else None,
        ref=line_ref(item, choice),
        uses=uses(item, choice),
    )


# --- the tea corner's sales report -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TeaItemRow:
    sku: str
    name_th: str
    name_en: str
    quantity: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class TeaOptionRow:
    group: str
    code: str
    name_th: str
    name_en: str
    quantity: Decimal  # drinks sold with the option


@dataclass(frozen=True, slots=True)
class TeaHourRow:
    hour: int  # Bangkok hour of the day, 0-23
    orders: int
    quantity: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class TeaReport:
    """The tea corner's sales of some Bangkok days: by item, by option and by hour.

    Refunded drinks are taken off (quantity and amount); cancelled orders count as refunded
    only when their money went back."""

    day_from: date
    day_to: date
    orders: int
    quantity: Decimal
    amount: Decimal
    by_item: tuple[TeaItemRow, ...]
    by_option: tuple[TeaOptionRow, ...]
    by_hour: tuple[TeaHourRow, ...]

    @property
    def empty(self) -> bool:
        return self.orders == 0
