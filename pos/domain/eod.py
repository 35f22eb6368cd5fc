"""End-of-day and consignment reports: the rows and the arithmetic (pure; times in Bangkok)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from pos.domain.bilingual import Bilingual
from pos.domain.channels import Channel
from pos.domain.money import ZERO
from pos.domain.refund import ApprovalRow, RefundRow
from pos.domain.shop_time import BANGKOK
from pos.domain.tea import TeaReport

CENT = Decimal("0.01")
NONE = Decimal(0)  # no pieces
NO_KG = Decimal("0.000")


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One line of a breakdown: a category, producer, district, hour or product.

    `quantity` is a count (receipts, payments, discounts, baskets), or for goods (`kg` not
    None) the pieces sold by the piece; `kg` the kilograms sold by weight. The two are never
    added up: "12 ชิ้น · 6.750 กก." is not 18.750 of anything."""

    key: str
    name: str
    quantity: Decimal
    sales: Decimal
    share: Decimal = ZERO  # percent of the period's sales
    kg: Decimal | None = None  # goods: kilograms sold by weight; None: the row counts

    @property
    def goods(self) -> bool:
        return self.kg is not None

    @property
    def amounts(self) -> Bilingual:
        """What the row's quantity says, per unit for goods ("12 ชิ้น · 6.750 กก.")."""
        if self.kg is None:
            return Bilingual(number_text(self.quantity), number_text(self.quantity))
        return goods_quantity(self.quantity, self.kg)


def number_text(v: Decimal) -> str:
    """A count or quantity with thousands separators, decimals only when it has them."""
    return f"{v.normalize():,f}" if v == v.to_integral() else f"{v:,.3f}"


def goods_quantity(pieces: Decimal, kg: Decimal) -> Bilingual:
    """Pieces and kilograms side by side, each in its own unit ("12 ชิ้น · 6.750 กก." /
    "12 pcs · 6.750 kg"); a unit nothing was sold in is left out ("-" when neither was)."""
    th, en = [], []
    if pieces:
        th.append(f"{number_text(pieces)} ชิ้น")
        en.append(f"{number_text(pieces)} pcs")
    if kg:
        th.append(f"{kg:,.3f} กก.")
        en.append(f"{kg:,.3f} kg")
    return Bilingual(" · ".join(th) or "-", " · ".join(en) or "-")


@dataclass(frozen=True, slots=True)
class ChannelRow:
    """Sales of one channel (counter, web, LINE, Facebook) in a report: the completed receipts
    of its terminals, and the refunds of those receipts made in the period."""

    key: str  # a Channel value
    receipts: int
    gross: Decimal  # before discounts
    discounts: Decimal
    sales: Decimal  # after discounts, VAT included
    vat: Decimal
    refunds: int = 0
    refunded: Decimal = ZERO
    share: Decimal = ZERO  # percent of the period's sales

    @property
    def net(self) -> Decimal:
        """The channel's sales less its refunds."""
        return self.sales - self.refunded

    @property
    def label(self) -> Bilingual:
        try:
            return Channel(self.key).label
        except ValueError:  # a channel this version does not know: its stored name
            return Bilingual(self.key, self.key)


_CHANNEL_ORDER = {c.value: i for i, c in enumerate(Channel)}


def channel_rows(
    sales: Mapping[str, Sequence[Decimal]],
    refunds: Mapping[str, tuple[int, Decimal]] | None = None,
) -> tuple[ChannelRow, ...]:
    """The by-channel section: `sales` per channel as (receipts, gross, discounts, sales,
    VAT), `refunds` per channel (of the sale refunded) as (refunds, amount). The counter's row
    always, another channel's only when it sold or refunded; counter, web, LINE, Facebook."""
    refunds = refunds or {}
    keys = {Channel.COUNTER.value, *sales, *refunds}
    nil = (ZERO,) * 5
    rows = []
    for key in sorted(keys, key=lambda k: (_CHANNEL_ORDER.get(k, len(_CHANNEL_ORDER)), k)):
        n, gross, discounts, total, vat = sales.get(key, nil)
        back_n, back = refunds.get(key, (0, ZERO))
        rows.append(ChannelRow(key, int(n), gross, discounts, total, vat, back_n, back))
    total = sum((r.sales for r in rows), ZERO)
    return tuple(
        replace(r, share=(r.sales * 100 / total).quantize(CENT, ROUND_HALF_UP) if total else ZERO)
        for r in rows
    )


def with_channel_refunds(
    rows: Sequence[ChannelRow], refunds: Mapping[str, tuple[int, Decimal]]
) -> tuple[ChannelRow, ...]:
    """The by-channel rows with the period's refunds per channel (a channel that only refunded
    gets a row of its own)."""
    sales = {r.key: (Decimal(r.receipts), r.gross, r.discounts, r.sales, r.vat) for r in rows}
    return channel_rows(sales, refunds)


@dataclass(frozen=True, slots=True)
class EodReport:
    start: datetime
    end: datetime
    sales_count: int
    gross: Decimal
    discounts: Decimal
    total: Decimal
    vatable: Decimal
    exempt: Decimal
    vat: Decimal
    voided: int
    tenders: tuple[GroupRow, ...]
    by_category: tuple[GroupRow, ...]
    by_producer: tuple[GroupRow, ...]
    by_district: tuple[GroupRow, ...]
    by_hour: tuple[GroupRow, ...]
    top_products: tuple[GroupRow, ...]
    # baskets by template code ("custom" for baskets made up at the till): count, value
    baskets: tuple[GroupRow, ...] = ()
    # key "line" or "sale", name the reason, quantity the number of discounts, sales the amount
    discount_reasons: tuple[GroupRow, ...] = ()
    by_counter: tuple[GroupRow, ...] = ()  # only when more than one counter had sales
    counter: str = ""  # the counter reported on; "" = all counters
    # sales per channel (counter always, others when they sold or refunded); they add up to
    # the totals (receipts, gross, discounts, total, VAT, refunded)
    by_channel: tuple[ChannelRow, ...] = ()

    # voids and refunds with approvers: the period's refunds and manager approvals
    refunds: tuple[RefundRow, ...] = ()
    approvals: tuple[ApprovalRow, ...] = ()
    # the tea corner's sales (by item, option and hour) when the period sold drinks
    tea: TeaReport | None = None

    @property
    def refunded(self) -> Decimal:
        return sum((r.amount for r in self.refunds), ZERO)

    @property
    def net_total(self) -> Decimal:
        """The period's sales less its refunds."""
        return self.total - self.refunded

    @property
    def net_of_vat(self) -> Decimal:
        return self.vatable - self.vat

    @property
    def first_day(self) -> date:
        return self.start.astimezone(BANGKOK).date()

    @property
    def last_day(self) -> date:
        """The last Bangkok day in the period (inclusive)."""
        return (self.end - timedelta(microseconds=1)).astimezone(BANGKOK).date()

    @property
    def line_discounts(self) -> Decimal:
        return sum((r.sales for r in self.discount_reasons if r.key == "line"), ZERO)

    @property
    def sale_discounts(self) -> Decimal:
        return sum((r.sales for r in self.discount_reasons if r.key == "sale"), ZERO)


def with_shares(rows: Iterable[GroupRow], total: Decimal) -> tuple[GroupRow, ...]:
    out = []
    for r in rows:
        share = (r.sales * 100 / total).quantize(CENT, ROUND_HALF_UP) if total else ZERO
        out.append(replace(r, share=share))
    return tuple(out)


def hourly(moments: Iterable[tuple[datetime, Decimal]]) -> tuple[GroupRow, ...]:
    """Sales by hour of the day in Bangkok (every hour that had a sale)."""
    count: dict[int, int] = {}
    sums: dict[int, Decimal] = {}
    for when, total in moments:
        h = when.astimezone(BANGKOK).hour
        count[h] = count.get(h, 0) + 1
        sums[h] = sums.get(h, ZERO) + total
    return tuple(
        GroupRow(f"{h:02d}", f"{h:02d}:00–{h + 1:02d}:00", Decimal(count[h]), sums[h])
        for h in sorted(sums)
    )


def hourly_sums(rows: Iterable[tuple[int, int, Decimal]]) -> tuple[GroupRow, ...]:
    """Rows of (Bangkok hour, receipts, sales) as the by-hour breakdown, hour by hour."""
    return tuple(
        GroupRow(f"{h:02d}", f"{h:02d}:00–{h + 1:02d}:00", Decimal(n), total)
        for h, n, total in sorted(rows)
    )


def roll_up(
    rows: Iterable[tuple[str, str, Decimal, Decimal]], total: Decimal
) -> tuple[GroupRow, ...]:
    """Add up (key, name, count, sales) rows by key, largest sales first, with shares."""
    return _rolled(((k, n, False, q, a) for k, n, q, a in rows), total, goods=False)


def roll_up_goods(
    rows: Iterable[tuple[str, str, bool, Decimal, Decimal]], total: Decimal
) -> tuple[GroupRow, ...]:
    """Add up (key, name, sold by weight, quantity, sales) rows of goods by key, the pieces
    and the kilograms each on their own, largest sales first, with shares."""
    return _rolled(rows, total, goods=True)


def _whole(v: Decimal) -> Decimal:
    """A count as a whole number (12, not 12.000) when it is one."""
    return v.quantize(NONE) if v == v.to_integral_value() else v


def _rolled(
    rows: Iterable[tuple[str, str, bool, Decimal, Decimal]], total: Decimal, *, goods: bool
) -> tuple[GroupRow, ...]:
    names: dict[str, str] = {}
    pieces: dict[str, Decimal] = {}
    kg: dict[str, Decimal] = {}
    sales: dict[str, Decimal] = {}
    for key, name, by_weight, q, amount in rows:
        names.setdefault(key, name)
        into = kg if by_weight else pieces
        into[key] = into.get(key, ZERO) + q
        sales[key] = sales.get(key, ZERO) + amount
    order = sorted(sales, key=lambda k: (-sales[k], k))
    out = (
        GroupRow(
            k,
            names[k],
            _whole(pieces.get(k, NONE)),
            sales[k],
            kg=kg.get(k, NO_KG).quantize(NO_KG) if goods else None,
        )
        for k in order
    )
    return with_shares(out, total)


@dataclass(frozen=True, slots=True)
class TargetProgress:
    """Sales of a calendar year so far against the year's target (baht, VAT included)."""

    year: int
    target: Decimal
    to_date: Decimal
    as_of: date  # the last day counted
    # the year's sales so far per channel: key the channel, quantity its receipts, sales its
    # total (the counter always, another channel when it sold); they add up to `to_date`
    by_channel: tuple[GroupRow, ...] = ()

    @property
    def reached_pct(self) -> Decimal:
        if not self.target:
            return ZERO
        return (self.to_date * 100 / self.target).quantize(CENT, ROUND_HALF_UP)

    @property
    def remaining(self) -> Decimal:
        return max(self.target - self.to_date, ZERO)

    @property
    def days_left(self) -> int:
        """Days of the year after `as_of` (all of them before the year, none after it)."""
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        if self.as_of < first:
            return (last - first).days + 1
        return max((last - self.as_of).days, 0)

    @property
    def pace_needed(self) -> Decimal:
        """Sales needed per remaining day to reach the target (the remainder when none is left)."""
        if not self.days_left:
            return self.remaining.quantize(CENT)
        return (self.remaining / self.days_left).quantize(CENT, ROUND_HALF_UP)


def channel_totals(rows: Mapping[str, tuple[int, Decimal]]) -> tuple[GroupRow, ...]:
    """(receipts, sales) per channel as breakdown rows named in Thai and English, with shares:
    the counter always, the others when they sold, in the channels' order."""
    kept = channel_rows({k: (Decimal(n), ZERO, ZERO, v, ZERO) for k, (n, v) in rows.items()})
    return tuple(
        GroupRow(r.key, f"{r.label.th} / {r.label.en}", Decimal(r.receipts), r.sales, r.share)
        for r in kept
    )


@dataclass(frozen=True, slots=True)
class ProducerLineGroup:
    """Lines of one producer at one commission rate (the rate is the sale's snapshot): sold in
    the period, and refunded in it (`refunded_quantity`, `refunded`: the refunds' own dates)."""

    producer_code: str
    producer_name: str
    district: str
    commission_pct: Decimal | None
    quantity: Decimal
    sales: Decimal
    refunded_quantity: Decimal = ZERO
    refunded: Decimal = ZERO
    by_weight: bool = False  # the quantities are kilograms (the product is sold by weight)
    online: bool = False  # sold through the web shop, LINE or Facebook (not at a counter)


@dataclass(frozen=True, slots=True)
class Settlement:
    """What one producer is owed for a period: sales less refunds, less the centre's commission
    (`sales`, `quantity` and `kg` are net of the period's refunds; `refunded` is what they took
    off). `quantity` is the pieces sold by the piece, `kg` the kilograms sold by weight: never
    added up."""

    producer_code: str
    producer_name: str
    district: str
    quantity: Decimal
    sales: Decimal
    commission: Decimal
    owed: Decimal
    rates: tuple[Decimal, ...] = field(default_factory=tuple)
    refunded: Decimal = ZERO
    kg: Decimal = NO_KG
    online: Decimal = ZERO  # of `sales`: what came through the web shop, LINE or Facebook

    @property
    def online_pct(self) -> Decimal:
        """The online part of the producer's sales, in percent (0 with no sales)."""
        if not self.sales:
            return ZERO.quantize(CENT)
        return (self.online * 100 / self.sales).quantize(CENT, ROUND_HALF_UP)

    @property
    def amounts(self) -> Bilingual:
        """The pieces and kilograms, each in its unit ("12 ชิ้น · 6.750 กก.")."""
        return goods_quantity(self.quantity, self.kg)


def commission_of(sales: Decimal, pct: Decimal | None) -> Decimal:
    """The centre's commission on sales at a rate, half-up to the satang (None: no commission)."""
    if not pct:
        return ZERO.quantize(CENT)
    return (sales * pct / 100).quantize(CENT, ROUND_HALF_UP)


def settle_producers(groups: Sequence[ProducerLineGroup]) -> list[Settlement]:
    """One settlement per producer; commission is taken per rate on the sales less the refunds
    at that rate (a refunded line gives its commission back at the rate it was sold at), then
    added up; `online` is the part of the sales less refunds of groups sold online."""
    by: dict[str, dict[Decimal | None, list[Decimal]]] = {}
    counted: dict[str, list[Decimal]] = {}  # pieces, kilograms
    first: dict[str, ProducerLineGroup] = {}
    online: dict[str, Decimal] = {}
    for g in groups:
        first.setdefault(g.producer_code, g)
        if g.online:
            online[g.producer_code] = online.get(g.producer_code, ZERO) + g.sales - g.refunded
        at_rate = by.setdefault(g.producer_code, {}).setdefault(g.commission_pct, [ZERO] * 2)
        at_rate[0] += g.sales - g.refunded
        at_rate[1] += g.refunded
        count = counted.setdefault(g.producer_code, [NONE, NO_KG])
        count[1 if g.by_weight else 0] += g.quantity - g.refunded_quantity
    out = []
    for code in sorted(by):
        rates = by[code]
        sales = sum((v[0] for v in rates.values()), ZERO).quantize(CENT)
        commission = sum((commission_of(v[0], pct) for pct, v in rates.items()), ZERO)
        pieces, kg = counted[code]
        out.append(
            Settlement(
                code,
                first[code].producer_name,
                first[code].district,
                _whole(pieces),
                sales,
                commission.quantize(CENT),
                (sales - commission).quantize(CENT),
                tuple(sorted({pct or ZERO for pct in rates})),
                sum((v[1] for v in rates.values()), ZERO).quantize(CENT),
                kg.quantize(NO_KG),
                online.get(code, ZERO).quantize(CENT),
            )
        )
    return out
