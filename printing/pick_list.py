"""The A4 pick list of a set of online orders: products grouped by category, with check boxes."""

from __future__ import annotations

from datetime import datetime
from html import escape
from itertools import groupby
from pathlib import Path

from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK
from pos.ports.orders import PickList
from printing.qt import FAMILY
from printing.report_pdf import write_report_pdf

_TABLE = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="4" '
    'style="border-collapse:collapse;">'
)
_HEAD = 'style="background-color:#e8e8e8;"'
# the bundled font has no ballot box: the first column's empty cell is the box to tick
_BOX = "<td width='7%'>&nbsp;<br/>&nbsp;</td>"


def pick_list_html(picks: PickList, settings: Settings, printed_at: datetime) -> str:
    """One table a category (shelf), each product with its quantity, the orders it goes to
    and a box to tick; the orders it covers are listed at the top."""
    when = printed_at.astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M")
    parts = [
        f"<p><b>{escape(settings.shop_name_th)}</b><br/>{escape(settings.shop_name_en)}</p>",
        '<p><span style="font-size:16px; font-weight:bold;">'
        "ใบจัดสินค้า / Pick list</span><br/>"
        f"พิมพ์เมื่อ / Printed {when} · {len(picks.order_nos)} คำสั่งซื้อ / orders · "
        f"{sum(ln.quantity for ln in picks.lines)} ชิ้น / pieces<br/>"
        f"คำสั่งซื้อ / Orders: <b>{escape(', '.join(picks.order_nos))}</b></p>",
    ]
    ordered = sorted(picks.lines, key=lambda ln: (ln.category_code, ln.sku))
    for (_code, th, en), group in groupby(
        ordered, key=lambda ln: (ln.category_code, ln.category_th, ln.category_en)
    ):
        rows = "".join(
            f"<tr>{_BOX}"
            f"<td style='white-space:nowrap'>{escape(ln.sku)}</td>"
            f"<td>{escape(ln.name_th)}<br/><small>{escape(ln.name_en)}</small></td>"
            f"<td align='right'><b style='font-size:12px;'>{ln.quantity}</b></td>"
            f"<td>{escape(', '.join(ln.orders))}</td></tr>"
            for ln in group
        )
        parts.append(
            f"<h3>{escape(th)} / {escape(en)}</h3>{_TABLE}<tr {_HEAD}>"
            "<th>ตรวจ<br/>Done</th><th>รหัส / SKU</th><th width='44%'>สินค้า / Product</th>"
            "<th>จำนวน / Qty</th><th>คำสั่งซื้อ / Orders</th></tr>"
            f"{rows}</table>"
        )
    parts.append(
        "<p><br/>ผู้จัดสินค้า / Picked by ..............................   "
        "ผู้ตรวจ / Checked by ..............................</p>"
    )
    body = "".join(parts)
    return f"<html><body style=\"font-family:'{FAMILY}'; font-size:9px;\">{body}</body></html>"


def write_pick_list_pdf(
    picks: PickList, settings: Settings, path: Path, printed_at: datetime
) -> int:
    """The pick list as an A4 PDF; returns the pages."""
    first = picks.order_nos[0] if picks.order_nos else ""
    return write_report_pdf(pick_list_html(picks, settings, printed_at), f"Pick list {first}", path)
