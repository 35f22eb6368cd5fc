"""Sales reports: the sale-line CSV export (end-of-day reports land with the shifts issue)."""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from pos.domain.csv_safe import csv_writer, safe_row
from pos.domain.shop_time import local
from pos.ports.sales import SalesUnitOfWork
from pos.ports.uow import UnitOfWorkFactory

SALES_CSV_COLUMNS = (
    "receipt_no",
    "sold_at",
    "status",
    "sku",
    "name_th",
    "qty",
    "unit_price",
    "discount",
    "line_total",
    "vat_exempt",
    "line_vat",
    "sale_total",
    "vat",
    "payment_methods",
    "cashier",
)


def export_sales_csv(
    uow: UnitOfWorkFactory[SalesUnitOfWork],
    out: TextIO,
    start: datetime | None,
    end: datetime | None,
) -> int:
    """Sale lines sold in [start, end) as CSV; times in Bangkok local time (ISO 8601, +07:00)."""
    writer = csv_writer(out)
    writer.writerow(SALES_CSV_COLUMNS)
    n = 0
    with uow() as read:
        for r in read.sales.export_rows(start, end):
            writer.writerow(
                safe_row(
                    [
                        r.receipt_no,
                        _bangkok(r.sold_at),
                        r.status,
                        r.sku,
                        r.name_th,
                        r.qty,
                        r.unit_price,
                        r.discount,
                        r.line_total,
                        "yes" if r.vat_exempt else "no",
                        r.line_vat,
                        r.sale_total,
                        r.vat,
                        r.payment_methods,
                        r.cashier,
                    ]
                )
            )
            n += 1
    return n


def _bangkok(moment: datetime) -> str:
    return local(moment).isoformat(timespec="seconds")
