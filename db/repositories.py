"""Repositories: the ports of pos.ports implemented with SQLAlchemy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from db import models as m
from db.journal_repository import append_entry
from pos.domain.barcodes import normalize_gtin
from pos.domain.cart import ProductInfo, SoldBy
from pos.domain.catalog import (
    CATEGORY_NAMES,
    BasketEntry,
    CertificationEntry,
    OtopCategory,
    ProducerEntry,
    ProductEntry,
)
from pos.domain.errors import TaxInvoiceError
from pos.domain.journal import EntryKind, sale_record
from pos.domain.sale import Receipt, ReceiptLine, ReceiptPayment, SaleDraft
from pos.domain.taxinvoice import Buyer
from pos.ports.catalog import SearchRow
from pos.ports.print_jobs import PrintJob
from pos.ports.printing import TaxInvoiceRecord
from pos.ports.sales import ParkedCart, SaleExportRow
from pos.ports.terminals import ShopInfo, TerminalInfo

_PRODUCT_COLUMNS = (
    m.Product.id,
    m.Product.sku,
    m.Product.name_th,
    m.Product.name_en,
    m.Product.unit_price,
    m.Product.vat_exempt,
    m.Product.sold_by,
    m.Product.unit_th,
    m.Product.unit_en,
    m.Product.category_code,
)

_ACTIVE_PRODUCT = select(*_PRODUCT_COLUMNS).where(m.Product.active.is_(True))
_BY_BARCODE = _ACTIVE_PRODUCT.join(
    m.ProductBarcode, m.ProductBarcode.product_id == m.Product.id
).where(m.ProductBarcode.code == bindparam("code"))
_BY_SKU = _ACTIVE_PRODUCT.where(m.Product.sku == bindparam("sku"))
_BY_PLU = _ACTIVE_PRODUCT.where(m.Product.plu == bindparam("plu"))


def _info(row: Any, barcode: str | None = None) -> ProductInfo:
    return ProductInfo(
        product_id=row.id,
        sku=row.sku,
        name_th=row.name_th,
        name_en=row.name_en,
        unit_price=row.unit_price,
        vat_exempt=row.vat_exempt,
        sold_by=SoldBy(row.sold_by),
        unit_th=row.unit_th,
        unit_en=row.unit_en,
        barcode=barcode,
        category=row.category_code,
    )


class SqlTerminalRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def local(self) -> TerminalInfo | None:
        t = self.session.scalars(select(m.Terminal).where(m.Terminal.is_local.is_(True))).first()
        return None if t is None else TerminalInfo(t.id, t.name, t.pos_id, t.receipt_prefix)

    def create_local(
        self, name: str, pos_id: str, receipt_prefix: str, shop: ShopInfo
    ) -> TerminalInfo:
        row = self.session.scalars(select(m.Shop).where(m.Shop.code == shop.code)).first()
        if row is None:
            row = m.Shop(
                code=shop.code,
                name_th=shop.name_th,
                name_en=shop.name_en,
                tax_id=shop.tax_id,
                branch=shop.branch,
                address_th=shop.address_th,
            )
            self.session.add(row)
            self.session.flush()
        term = m.Terminal(
            shop_id=row.id, name=name, pos_id=pos_id, receipt_prefix=receipt_prefix, is_local=True
        )
        self.session.add(term)
        self.session.flush()
        self.session.add(m.ReceiptSequence(terminal_id=term.id, series="sale", next_no=1))
        return TerminalInfo(term.id, term.name, term.pos_id, term.receipt_prefix)


class SqlCatalogRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- reading -------------------------------------------------------------------------
    # Every scan runs one of these: the statements are built once, and run as Core on the
    # session's connection (0.6 ms a scan instead of 1.4 ms; bench/bench_scan.py).
    def product_by_barcode(self, code: str) -> ProductInfo | None:
        row = self.session.connection().execute(_BY_BARCODE, {"code": code}).first()
        return None if row is None else _info(row, code)

    def product_by_sku(self, sku: str) -> ProductInfo | None:
        row = self.session.connection().execute(_BY_SKU, {"sku": sku}).first()
        return None if row is None else _info(row)

    def product_by_plu(self, plu: str) -> ProductInfo | None:
        row = self.session.connection().execute(_BY_PLU, {"plu": plu}).first()
        return None if row is None else _info(row)

    def products_by_ids(self, ids: Iterable[str]) -> list[ProductInfo]:
        wanted = list(ids)
        rows = self.session.execute(select(*_PRODUCT_COLUMNS).where(m.Product.id.in_(wanted)))
        by_id = {r.id: _info(r) for r in rows}
        return [by_id[i] for i in wanted if i in by_id]

    def unit_products(self, limit: int) -> list[ProductInfo]:
        rows = self.session.execute(
            select(*_PRODUCT_COLUMNS)
            .where(m.Product.active.is_(True), m.Product.sold_by == "unit")
            .order_by(m.Product.sku)
            .limit(limit)
        )
        return [_info(r) for r in rows]

    def iter_search_rows(self) -> Iterator[SearchRow]:
        # Core on the session's connection and tuple unpacking: half the time of ORM-level
        # execute with named row access, on 100,000 rows (bench/bench_search.py)
        conn = self.session.connection()
        codes: dict[str, list[str]] = defaultdict(list)
        for pid, code in conn.execute(select(m.ProductBarcode.product_id, m.ProductBarcode.code)):
            codes[pid].append(code)
        rows = conn.execute(
            select(
                m.Product.id,
                m.Product.sku,
                m.Product.name_th,
                m.Product.name_en,
                m.Product.unit_price,
            )
            .where(m.Product.active.is_(True))
            .order_by(m.Product.sku)
        )
        for pid, sku, name_th, name_en, price in rows:
            yield SearchRow(pid, sku, " ".join(codes.get(pid, ())), name_th, name_en, price)

    def count_products(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(m.Product)) or 0)

    def stock_on_hand(self, product_ids: Iterable[str]) -> dict[str, Decimal]:
        ids = list(product_ids)
        rows = self.session.execute(
            select(m.StockMovement.product_id, func.sum(m.StockMovement.quantity))
            .where(m.StockMovement.product_id.in_(ids))
            .group_by(m.StockMovement.product_id)
        )
        found = {pid: Decimal(str(q)).quantize(Decimal("0.001")) for pid, q in rows}
        return {pid: found.get(pid, Decimal("0.000")) for pid in ids}

    # --- writing -------------------------------------------------------------------------
    def ensure_categories(self) -> None:
        have = set(self.session.scalars(select(m.Category.code)))
        for i, (cat, (th, en)) in enumerate(CATEGORY_NAMES.items()):
            if cat.value not in have:
                self.session.add(m.Category(code=cat.value, name_th=th, name_en=en, sort_order=i))
        self.session.flush()

    def producer_codes(self) -> set[str]:
        return set(self.session.scalars(select(m.Producer.code)))

    def upsert_producers(self, entries: Iterable[ProducerEntry]) -> None:
        existing = {p.code: p for p in self.session.scalars(select(m.Producer))}
        for e in entries:
            row = existing.get(e.code) or m.Producer(code=e.code)
            row.name_th, row.name_en, row.kind = e.name_th, e.name_en, e.kind
            row.contact, row.tax_id = e.contact, e.tax_id
            row.district_th, row.district_en = e.district_th, e.district_en
            row.province_th, row.province_en = e.province_th, e.province_en
            if e.code not in existing:
                self.session.add(row)
                existing[e.code] = row
        self.session.flush()

    def upsert_products(self, entries: Iterable[ProductEntry], terminal_id: str | None) -> int:
        """Insert or update products by SKU; new products get an opening stock movement."""
        producers = dict(
            self.session.execute(select(m.Producer.code, m.Producer.id)).all()
        )
        existing = dict(self.session.execute(select(m.Product.sku, m.Product.id)).all())
        barcodes = dict(
            self.session.execute(select(m.ProductBarcode.code, m.ProductBarcode.product_id))
            .all()
        )
        new_products: list[dict[str, Any]] = []
        new_codes: list[dict[str, Any]] = []
        new_certs: list[dict[str, Any]] = []
        movements: list[dict[str, Any]] = []
        count = 0
        for e in entries:
            count += 1
            values: dict[str, Any] = {
                "sku": e.sku,
                "name_th": e.name_th,
                "name_en": e.name_en,
                "category_code": e.category.value,
                "producer_id": producers[e.producer_code],
                "unit_price": e.price,
                "sold_by": e.sold_by,
                "unit_th": e.unit_th,
                "unit_en": e.unit_en,
                "vat_exempt": e.vat_exempt,
                "stars": e.stars,
                "star_year": e.star_year,
                "story_th": e.story_th,
                "story_en": e.story_en,
                "story_url": e.story_url,
                "image": e.image,
                "active": e.active,
                "commission_pct": e.commission_pct,
                "plu": e.plu,
            }
            pid = existing.get(e.sku)
            if pid is None:
                pid = m.new_id()
                now = m.utcnow()
                new_products.append({"id": pid, "created_at": now, "updated_at": now, **values})
                existing[e.sku] = pid
                if e.stock:
                    movements.append(
                        {
                            "id": m.new_id(),
                            "product_id": pid,
                            "terminal_id": terminal_id,
                            "quantity": e.stock,
                            "reason": "opening",
                            "note": "",
                            "created_at": m.utcnow(),
                        }
                    )
                for c in e.certifications:
                    new_certs.append(
                        {
                            "id": m.new_id(),
                            "product_id": pid,
                            "kind": c.kind,
                            "number": c.number,
                            "expires": c.expires,
                        }
                    )
            else:
                # a CSV row carries no scale PLU or photo: an update must not erase them
                kept = {k: v for k, v in values.items() if k not in ("plu", "image") or v}
                self.session.execute(
                    update(m.Product)
                    .where(m.Product.id == pid)
                    .values(updated_at=m.utcnow(), **kept)
                )
            # one form per code: a UPC-A is stored as the EAN-13 that scanners send
            code = normalize_gtin(e.barcode) if e.barcode else None
            if code and code not in barcodes:
                kind = "instore" if code[:1] == "2" else "gs1"
                new_codes.append({"code": code, "product_id": pid, "kind": kind})
                barcodes[code] = pid
        for table, rows in (
            (m.Product, new_products),
            (m.ProductBarcode, new_codes),
            (m.Certification, new_certs),
            (m.StockMovement, movements),
        ):
            for start in range(0, len(rows), 5000):
                self.session.execute(insert(table), rows[start : start + 5000])
        return count

    def upsert_baskets(self, entries: Iterable[BasketEntry]) -> None:
        skus = dict(self.session.execute(select(m.Product.sku, m.Product.id)).all())
        existing = {b.code: b for b in self.session.scalars(select(m.BasketTemplate))}
        for e in entries:
            row = existing.get(e.code) or m.BasketTemplate(code=e.code)
            row.name_th, row.name_en, row.price_rule = e.name_th, e.name_en, e.price_rule
            row.price, row.fee, row.discount_pct = e.price, e.fee, e.discount_pct
            row.container_id = skus[e.container_sku] if e.container_sku else None
            row.wrapping_id = skus[e.wrapping_sku] if e.wrapping_sku else None
            row.barcode, row.active_from, row.active_to = e.barcode, e.active_from, e.active_to
            row.story_th, row.story_en = e.story_th, e.story_en
            row.components = [
                m.BasketComponent(product_id=skus[c.sku], quantity=c.quantity) for c in e.components
            ]
            if e.code not in existing:
                self.session.add(row)
        self.session.flush()

    def barcode_owners(self) -> dict[str, str]:
        """Every barcode and the SKU that carries it."""
        return dict(
            self.session.execute(
                select(m.ProductBarcode.code, m.Product.sku).join(
                    m.Product, m.Product.id == m.ProductBarcode.product_id
                )
            )
            .all()
        )

    def skus_without_barcode(self) -> list[str]:
        has = select(m.ProductBarcode.product_id)
        return list(
            self.session.scalars(
                select(m.Product.sku)
                .where(m.Product.id.not_in(has), m.Product.sold_by == "unit")
                .order_by(m.Product.sku)
            )
        )

    def add_barcode(self, sku: str, code: str, kind: str) -> None:
        pid = self.session.scalar(select(m.Product.id).where(m.Product.sku == sku))
        if pid is None:
            raise KeyError(sku)
        self.session.add(m.ProductBarcode(code=code, product_id=pid, kind=kind))

    def export_entries(self) -> Iterator[tuple[ProductEntry, ProducerEntry]]:
        codes: dict[str, str] = {}
        # a product's GS1 code is preferred over its in-store one ("gs1" > "instore")
        for pid, code in self.session.execute(
            select(m.ProductBarcode.product_id, m.ProductBarcode.code).order_by(
                m.ProductBarcode.kind, m.ProductBarcode.code
            )
        ):
            codes.setdefault(pid, code)
        producers = {p.id: p for p in self.session.scalars(select(m.Producer))}
        query = (
            select(m.Product)
            .options(selectinload(m.Product.certifications))
            .order_by(m.Product.sku)
        )
        for p in self.session.scalars(query).yield_per(2000):
            pr = producers[p.producer_id]
            yield (
                ProductEntry(
                    sku=p.sku,
                    name_th=p.name_th,
                    name_en=p.name_en,
                    category=OtopCategory(p.category_code),
                    producer_code=pr.code,
                    price=p.unit_price,
                    barcode=codes.get(p.id),
                    sold_by=p.sold_by,
                    unit_th=p.unit_th,
                    unit_en=p.unit_en,
                    vat_exempt=p.vat_exempt,
                    stars=p.stars,
                    star_year=p.star_year,
                    story_th=p.story_th,
                    story_en=p.story_en,
                    story_url=p.story_url,
                    image=p.image,
                    commission_pct=p.commission_pct,
                    plu=p.plu,
                    active=p.active,
                    certifications=tuple(
                        CertificationEntry(c.kind, c.number, c.expires) for c in p.certifications
                    ),
                ),
                ProducerEntry(
                    code=pr.code,
                    name_th=pr.name_th,
                    name_en=pr.name_en,
                    kind=pr.kind,
                    district_th=pr.district_th,
                    district_en=pr.district_en,
                    province_th=pr.province_th,
                    province_en=pr.province_en,
                    contact=pr.contact,
                    tax_id=pr.tax_id,
                ),
            )


def _next_number(session: Session, terminal_id: str, series: str) -> int:
    """Take the next number of a series inside the caller's transaction (gapless)."""
    take = (
        update(m.ReceiptSequence)
        .where(m.ReceiptSequence.terminal_id == terminal_id, m.ReceiptSequence.series == series)
        .values(next_no=m.ReceiptSequence.next_no + 1)
        .returning(m.ReceiptSequence.next_no)
    )
    # Core on the session's connection: the ORM's bulk-update path costs ~1 ms more per sale
    taken = session.connection().execute(take).scalar()
    if taken is None:
        session.add(m.ReceiptSequence(terminal_id=terminal_id, series=series, next_no=2))
        session.flush()
        return 1
    return int(taken) - 1


def receipt_number(prefix: str, seq: int) -> str:
    return f"{prefix}-{seq:08d}"


class SqlSalesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, draft: SaleDraft, terminal: TerminalInfo) -> Receipt:
        """Write the sale, lines, payments, stock movements and outbox row (caller commits).

        Plain Core inserts on the session's connection: the rows are append-only facts that
        nothing reads back in this transaction, so the ORM's unit of work (identity map,
        flush ordering) would only add ~5 ms of Python to every sale (bench/bench_commit.py).
        """
        seq = _next_number(self.session, terminal.terminal_id, "sale")
        receipt_no = receipt_number(terminal.receipt_prefix, seq)
        totals = draft.totals
        cart = draft.cart
        sale_id = draft.sale_id
        extra = {
            pid: (pct, producer)
            for pid, pct, producer in self.session.execute(
                select(m.Product.id, m.Product.commission_pct, m.Product.producer_id).where(
                    m.Product.id.in_([a.line.product.product_id for a in totals.lines])
                )
            )
        }
        sale_discount_reason = cart.sale_discount.reason if cart.sale_discount else ""
        sale: dict[str, Any] = {
            "id": sale_id,
            "terminal_id": terminal.terminal_id,
            "seq": seq,
            "receipt_no": receipt_no,
            "status": "completed",
            "sold_at": draft.sold_at,
            "cashier_id": draft.cashier_id,
            "cashier_name": draft.cashier_name,
            "subtotal": totals.subtotal,
            "discount_total": totals.line_discounts + totals.sale_discount,
            "sale_discount": totals.sale_discount,
            "sale_discount_reason": sale_discount_reason,
            "total": totals.total,
            "vatable": totals.vatable,
            "exempt": totals.exempt,
            "vat": totals.vat,
            "vat_rate": cart.vat_rate,
            "paid": draft.settlement.paid,
            "change": draft.settlement.change,
        }
        baskets = [
            {
                "id": g.group_id,
                "sale_id": sale_id,
                "template_id": g.template_id,
                "ready_product_id": g.ready_product_id,
                "name_th": g.name_th,
                "name_en": g.name_en,
                "count": g.count,
                "price": g.price,
                "set_price": g.set_price,
                "message": g.message,
            }
            for g in cart.groups.values()
        ]
        lines: list[dict[str, Any]] = []
        receipt_lines = []
        for no, a in enumerate(totals.lines, start=1):
            p = a.line.product
            pct, producer = extra.get(p.product_id, (None, None))
            reason = a.line.discount.reason if a.line.discount else ""
            group = cart.groups.get(a.line.group_id) if a.line.group_id else None
            lines.append(
                {
                    "id": m.new_id(),
                    "sale_id": sale_id,
                    "line_no": no,
                    "product_id": p.product_id,
                    "sku": p.sku,
                    "barcode": a.line.scanned_code,
                    "name_th": p.name_th,
                    "name_en": p.name_en,
                    "category_code": p.category,
                    "producer_id": producer,
                    "quantity": a.line.quantity,
                    "unit_price": a.line.unit_price,
                    "gross": a.gross,
                    "line_discount": a.line_discount,
                    "line_discount_reason": reason,
                    "sale_discount": a.sale_discount,
                    "total": a.total,
                    "vat_exempt": p.vat_exempt,
                    "vat": a.vat,
                    "commission_pct": pct,
                    "basket_id": a.line.group_id,
                }
            )
            receipt_lines.append(
                ReceiptLine(
                    sku=p.sku,
                    name_th=p.name_th,
                    name_en=p.name_en,
                    quantity=a.line.quantity,
                    unit_th=p.unit_th,
                    unit_price=a.line.unit_price,
                    gross=a.gross,
                    discount=a.line_discount,
                    discount_reason=reason,
                    total=a.total,
                    vat_exempt=p.vat_exempt,
                    sold_by_weight=p.sold_by is SoldBy.WEIGHT,
                    basket_id=a.line.group_id,
                    basket_name_th=group.name_th if group else "",
                    basket_name_en=group.name_en if group else "",
                    basket_count=group.count if group else 0,
                    basket_message=group.message if group else "",
                )
            )
        payments: list[dict[str, Any]] = [
            {
                "id": m.new_id(),
                "sale_id": sale_id,
                "seq": i,
                "kind": t.kind.value,
                "amount": t.amount,
                "tendered": t.handed,
                "reference": t.reference,
            }
            for i, t in enumerate(draft.tenders, start=1)
        ]
        # a pre-assembled basket leaves the shelf as its ready basket, not as its components
        ready = {g.group_id: g.ready_product_id for g in cart.groups.values() if g.ready_product_id}
        moves = [(ln["product_id"], ln["quantity"]) for ln in lines if ln["basket_id"] not in ready]
        moves += [(ready[g], Decimal(cart.groups[g].count)) for g in ready]
        conn = self.session.connection()
        conn.execute(insert(m.Sale), [sale])
        if baskets:
            conn.execute(insert(m.SaleBasket), baskets)
        conn.execute(insert(m.SaleLine), lines)
        conn.execute(insert(m.Payment), payments)
        conn.execute(
            insert(m.StockMovement),
            [
                {
                    "id": m.new_id(),
                    "product_id": pid,
                    "terminal_id": terminal.terminal_id,
                    "quantity": -qty,
                    "reason": "sale",
                    "sale_id": sale_id,
                    "note": "",
                    "created_at": draft.sold_at,
                }
                for pid, qty in moves
            ],
        )
        conn.execute(
            insert(m.OutboxEvent),
            [
                {
                    "event_id": m.new_id(),
                    "kind": "sale.completed",
                    "aggregate_id": sale_id,
                    "payload": _sale_payload(sale, lines, payments, baskets),
                    "created_at": draft.sold_at,
                    "sent_at": None,
                }
            ],
        )
        # the tamper-evident journal's link, in the sale's own transaction
        append_entry(
            self.session, terminal.terminal_id, EntryKind.SALE, sale_id, receipt_no,
            draft.sold_at, sale_record(sale, lines, payments, baskets),
        )  # fmt: skip
        return Receipt(
            sale_id=sale_id,
            receipt_no=receipt_no,
            sold_at=draft.sold_at,
            pos_id=terminal.pos_id,
            terminal_name=terminal.name,
            cashier_name=draft.cashier_name,
            lines=tuple(receipt_lines),
            subtotal=totals.subtotal,
            sale_discount=totals.sale_discount,
            sale_discount_reason=sale_discount_reason,
            total=totals.total,
            vatable=totals.vatable,
            exempt=totals.exempt,
            vat=totals.vat,
            vat_rate=cart.vat_rate,
            payments=tuple(
                ReceiptPayment(t.kind.value, t.amount, t.handed, t.reference) for t in draft.tenders
            ),
            change=draft.settlement.change,
        )

    def receipt(self, receipt_no: str) -> Receipt | None:
        sale = self.session.scalars(
            select(m.Sale)
            .where(m.Sale.receipt_no == receipt_no)
            .options(selectinload(m.Sale.lines), selectinload(m.Sale.payments))
        ).first()
        if sale is None:
            return None
        term = self.session.get(m.Terminal, sale.terminal_id)
        assert term is not None
        units = dict(
            self.session.execute(
                select(m.Product.id, m.Product.unit_th).where(
                    m.Product.id.in_([ln.product_id for ln in sale.lines])
                )
            )
            .all()
        )
        baskets = {
            b.id: b
            for b in self.session.scalars(
                select(m.SaleBasket).where(m.SaleBasket.sale_id == sale.id)
            )
        }
        weights = set(
            self.session.scalars(
                select(m.Product.id).where(
                    m.Product.id.in_([ln.product_id for ln in sale.lines]),
                    m.Product.sold_by == "weight",
                )
            )
        )
        return Receipt(
            sale_id=sale.id,
            receipt_no=sale.receipt_no,
            sold_at=sale.sold_at,
            pos_id=term.pos_id,
            terminal_name=term.name,
            cashier_name=sale.cashier_name,
            lines=tuple(
                ReceiptLine(
                    sku=ln.sku,
                    name_th=ln.name_th,
                    name_en=ln.name_en,
                    quantity=ln.quantity,
                    unit_th=units.get(ln.product_id, ""),
                    unit_price=ln.unit_price,
                    gross=ln.gross,
                    discount=ln.line_discount,
                    discount_reason=ln.line_discount_reason,
                    total=ln.total,
                    vat_exempt=ln.vat_exempt,
                    sold_by_weight=ln.product_id in weights,
                    basket_id=ln.basket_id,
                    basket_name_th=baskets[ln.basket_id].name_th if ln.basket_id else "",
                    basket_name_en=baskets[ln.basket_id].name_en if ln.basket_id else "",
                    basket_count=baskets[ln.basket_id].count if ln.basket_id else 0,
                    basket_message=baskets[ln.basket_id].message if ln.basket_id else "",
                )
                for ln in sale.lines
            ),
            subtotal=sale.subtotal,
            sale_discount=sale.sale_discount,
            sale_discount_reason=sale.sale_discount_reason,
            total=sale.total,
            vatable=sale.vatable,
            exempt=sale.exempt,
            vat=sale.vat,
            vat_rate=sale.vat_rate,
            payments=tuple(
                ReceiptPayment(p.kind, p.amount, p.tendered, p.reference) for p in sale.payments
            ),
            change=sale.change,
        )

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(m.Sale)) or 0)

    def export_rows(
        self, date_from: datetime | None, date_to: datetime | None
    ) -> Iterator[SaleExportRow]:
        conditions = []
        if date_from is not None:
            conditions.append(m.Sale.sold_at >= date_from)
        if date_to is not None:
            conditions.append(m.Sale.sold_at < date_to)
        methods: dict[str, list[str]] = defaultdict(list)
        pay_q = (
            select(m.Payment.sale_id, m.Payment.kind)
            .join(m.Sale, m.Sale.id == m.Payment.sale_id)
            .where(*conditions)
            .order_by(m.Payment.sale_id, m.Payment.seq)
        )
        for sale_id, kind in self.session.execute(pay_q):
            if kind not in methods[sale_id]:
                methods[sale_id].append(kind)
        q = (
            select(m.Sale, m.SaleLine)
            .join(m.SaleLine, m.SaleLine.sale_id == m.Sale.id)
            .where(*conditions)
            .order_by(m.Sale.sold_at, m.Sale.receipt_no, m.SaleLine.line_no)
        )
        for sale, line in self.session.execute(q).yield_per(2000):
            yield SaleExportRow(
                receipt_no=sale.receipt_no,
                sold_at=sale.sold_at,
                status=sale.status,
                sku=line.sku,
                name_th=line.name_th,
                qty=line.quantity,
                unit_price=line.unit_price,
                discount=line.line_discount + line.sale_discount,
                line_total=line.total,
                vat_exempt=line.vat_exempt,
                line_vat=line.vat,
                sale_total=sale.total,
                vat=sale.vat,
                payment_methods="+".join(methods.get(sale.id, [])),
                cashier=sale.cashier_name,
            )


def _sale_payload(
    sale: dict[str, Any],
    lines: list[dict[str, Any]],
    payments: list[dict[str, Any]],
    baskets: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The sale as JSON for the central database (decimals as strings)."""

    def dec(v: Decimal | None) -> str | None:
        return None if v is None else str(v)

    return {
        "id": sale["id"],
        "terminal_id": sale["terminal_id"],
        "seq": sale["seq"],
        "receipt_no": sale["receipt_no"],
        "sold_at": sale["sold_at"].isoformat(),
        "cashier_id": sale["cashier_id"],
        "cashier_name": sale["cashier_name"],
        "subtotal": dec(sale["subtotal"]),
        "sale_discount": dec(sale["sale_discount"]),
        "total": dec(sale["total"]),
        "vatable": dec(sale["vatable"]),
        "exempt": dec(sale["exempt"]),
        "vat": dec(sale["vat"]),
        "vat_rate": dec(sale["vat_rate"]),
        "change": dec(sale["change"]),
        "lines": [
            {
                "id": ln["id"],
                "line_no": ln["line_no"],
                "product_id": ln["product_id"],
                "sku": ln["sku"],
                "quantity": dec(ln["quantity"]),
                "unit_price": dec(ln["unit_price"]),
                "line_discount": dec(ln["line_discount"]),
                "sale_discount": dec(ln["sale_discount"]),
                "total": dec(ln["total"]),
                "vat": dec(ln["vat"]),
                "vat_exempt": ln["vat_exempt"],
                "basket_id": ln.get("basket_id"),
            }
            for ln in lines
        ],
        "baskets": [
            {
                "id": b["id"],
                "template_id": b["template_id"],
                "ready_product_id": b["ready_product_id"],
                "name_th": b["name_th"],
                "name_en": b["name_en"],
                "count": b["count"],
                "price": dec(b["price"]),
                "set_price": b["set_price"],
                "message": b["message"],
            }
            for b in baskets or []
        ],
        "payments": [
            {
                "id": p["id"],
                "seq": p["seq"],
                "kind": p["kind"],
                "amount": dec(p["amount"]),
                "tendered": dec(p["tendered"]),
                "reference": p["reference"],
            }
            for p in payments
        ],
    }


class SqlParkingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def park(self, terminal_id: str, label: str, payload: dict[str, Any], at: datetime) -> str:
        row = m.ParkedSale(terminal_id=terminal_id, label=label, payload=payload, parked_at=at)
        self.session.add(row)
        self.session.flush()
        return row.id

    def list(self, terminal_id: str) -> list[ParkedCart]:
        rows = self.session.scalars(
            select(m.ParkedSale)
            .where(m.ParkedSale.terminal_id == terminal_id)
            .order_by(m.ParkedSale.parked_at)
        )
        return [ParkedCart(r.id, r.label, r.parked_at, dict(r.payload)) for r in rows]

    def take(self, parked_id: str) -> ParkedCart | None:
        row = self.session.get(m.ParkedSale, parked_id)
        if row is None:
            return None
        parked = ParkedCart(row.id, row.label, row.parked_at, dict(row.payload))
        self.session.delete(row)
        return parked


# --- printing: the print queue and full tax invoices -------------------------------------
def _job(row: m.PrintJob) -> PrintJob:
    return PrintJob(
        job_id=row.id,
        created_at=row.created_at,
        printer=row.printer,
        kind=row.kind,
        document_ref=row.document_ref,
        copy=row.copy,
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
        printed_at=row.printed_at,
    )


class SqlPrintJobRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, printer: str, kind: str, document_ref: str, copy: bool, at: datetime
    ) -> PrintJob:
        row = m.PrintJob(
            printer=printer,
            kind=kind,
            document_ref=document_ref,
            copy=copy,
            status="pending",
            attempts=0,
            last_error="",
            created_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _job(row)

    def get(self, job_id: str) -> PrintJob | None:
        row = self.session.get(m.PrintJob, job_id, populate_existing=True)
        return None if row is None else _job(row)

    def claim(self, job_id: str, printer: str | None = None) -> PrintJob | None:
        values: dict[str, Any] = {"status": "printing", "attempts": m.PrintJob.attempts + 1}
        if printer is not None:
            values["printer"] = printer
        taken = self.session.execute(
            update(m.PrintJob)
            .where(m.PrintJob.id == job_id, m.PrintJob.status.in_(("pending", "failed")))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if getattr(taken, "rowcount", 0) != 1:
            return None
        return self.get(job_id)

    def finish(self, job_id: str, at: datetime) -> None:
        self.session.execute(
            update(m.PrintJob)
            .where(m.PrintJob.id == job_id)
            .values(status="done", printed_at=at, last_error="")
            .execution_options(synchronize_session=False)
        )

    def fail(self, job_id: str, error: str) -> None:
        self.session.execute(
            update(m.PrintJob)
            .where(m.PrintJob.id == job_id)
            .values(status="failed", last_error=error)
            .execution_options(synchronize_session=False)
        )

    def open_jobs(self) -> list[PrintJob]:
        rows = self.session.scalars(
            select(m.PrintJob)
            .where(m.PrintJob.status.in_(("pending", "printing", "failed")))
            .order_by(m.PrintJob.created_at, m.PrintJob.id)
        )
        return [_job(r) for r in rows]

    def recover_interrupted(self, error: str) -> int:
        """Jobs left 'printing' by a crash go back to the queue as failed."""
        result = self.session.execute(
            update(m.PrintJob)
            .where(m.PrintJob.status == "printing")
            .values(status="failed", last_error=error)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def for_document(self, kind: str, document_ref: str) -> list[PrintJob]:
        rows = self.session.scalars(
            select(m.PrintJob)
            .where(m.PrintJob.kind == kind, m.PrintJob.document_ref == document_ref)
            .order_by(m.PrintJob.created_at, m.PrintJob.id)
        )
        return [_job(r) for r in rows]


def tax_invoice_number(prefix: str, seq: int) -> str:
    return f"{prefix}-T{seq:08d}"


class SqlTaxInvoiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def issue(
        self, receipt_no: str, terminal: TerminalInfo, buyer: Buyer, at: datetime
    ) -> TaxInvoiceRecord:
        """Number the invoice from the terminal's own 'tax_invoice' series (caller commits)."""
        sale = self.session.execute(
            select(m.Sale.id, m.Sale.status).where(m.Sale.receipt_no == receipt_no)
        ).first()
        if sale is None:
            raise TaxInvoiceError(f"No receipt {receipt_no}", f"ไม่พบใบเสร็จเลขที่ {receipt_no}")
        if sale.status != "completed":
            raise TaxInvoiceError(
                f"Receipt {receipt_no} was voided: no tax invoice can be issued for it",
                f"ใบเสร็จเลขที่ {receipt_no} ถูกยกเลิกแล้ว ออกใบกำกับภาษีไม่ได้",
            )
        seq = _next_number(self.session, terminal.terminal_id, "tax_invoice")
        row = m.TaxInvoice(
            sale_id=sale.id,
            terminal_id=terminal.terminal_id,
            seq=seq,
            number=tax_invoice_number(terminal.receipt_prefix, seq),
            issued_at=at,
            buyer_name=buyer.name,
            buyer_address=buyer.address,
            buyer_tax_id=buyer.tax_id,
            buyer_branch=buyer.branch,
        )
        self.session.add(row)
        self.session.flush()
        return TaxInvoiceRecord(row.number, at, receipt_no, buyer)

    def _one(self, *where: Any) -> TaxInvoiceRecord | None:
        found = self.session.execute(
            select(m.TaxInvoice, m.Sale.receipt_no)
            .join(m.Sale, m.Sale.id == m.TaxInvoice.sale_id)
            .where(*where)
            .order_by(m.TaxInvoice.issued_at)
        ).first()
        if found is None:
            return None
        row, receipt_no = found
        buyer = Buyer(row.buyer_name, row.buyer_address, row.buyer_tax_id, row.buyer_branch)
        return TaxInvoiceRecord(row.number, row.issued_at, receipt_no, buyer)

    def for_receipt(self, receipt_no: str) -> TaxInvoiceRecord | None:
        return self._one(m.Sale.receipt_no == receipt_no)

    def by_number(self, number: str) -> TaxInvoiceRecord | None:
        return self._one(m.TaxInvoice.number == number)
