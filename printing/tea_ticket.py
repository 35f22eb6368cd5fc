"""The tea counter's ticket: the order number huge, each drink and its options big."""

from __future__ import annotations

from pos.domain.errors import PrinterUnavailable
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.shop_time import local
from pos.domain.tea import Ticket, TicketKind
from printing.document import Align, Block, Document, Rule, Size, Space, Text, quantity_text
from printing.escpos_job import build_job
from printing.printer import Deliver
from printing.transport import deliver

BANNERS = {
    TicketKind.CANCEL: "*** ยกเลิก / CANCEL ***",
    TicketKind.REPRINT: "*** พิมพ์ซ้ำ / REPRINT ***",
}


def tea_ticket_document(ticket: Ticket, settings: Settings) -> Document:
    """One drink line's ticket (or its cancellation, or a reprint)."""
    del settings  # the ticket names no shop: it stays at the tea counter
    out: list[Block] = []
    banner = BANNERS.get(ticket.kind)
    if banner:
        out.append(Text(banner, Align.CENTER, bold=True, size=Size.XLARGE))
    out.append(Text(f"คิว {ticket.order_no}", Align.CENTER, bold=True, size=Size.HUGE))
    out.append(Text(f"ORDER {ticket.order_no}", Align.CENTER, bold=True, size=Size.LARGE))
    at = local(ticket.at)
    out.append(
        Text(
            f"{at:%H:%M} · {ticket.line_no}/{ticket.lines_in_order}", Align.CENTER, size=Size.LARGE
        )
    )
    out.append(Rule(heavy=True))
    qty = quantity_text(ticket.quantity, False)
    out.append(Text(f"{qty} x {ticket.name_th}", bold=True, size=Size.XLARGE))
    if ticket.name_en and ticket.name_en != ticket.name_th:
        out.append(Text(ticket.name_en, size=Size.NORMAL))
    if ticket.options:
        for option in ticket.options:
            out.append(Text(option.name_th, bold=True, size=Size.XLARGE, indent=2))
    elif ticket.detail_th:
        out.append(Text(ticket.detail_th, bold=True, size=Size.XLARGE, indent=2))
    if ticket.detail_en:
        out.append(Text(ticket.detail_en, size=Size.NORMAL, indent=2))
    out.append(Rule(heavy=True))
    if banner:
        out.append(Text(banner, Align.CENTER, bold=True, size=Size.LARGE))
    out.append(Text(f"ใบเสร็จ {ticket.receipt_no}", Align.CENTER, size=Size.SMALL))
    out.append(Space())
    return tuple(out)


class EscPosTeaTickets:
    """Implements pos.ports.tea.TeaTicketPrinter: a ticket as one ESC/POS job, sent."""

    def __init__(self, send: Deliver = deliver) -> None:
        self._send = send

    def print_tea_ticket(self, ticket: Ticket, settings: Settings, profile: PrinterProfile) -> None:
        if profile.is_preview:
            raise PrinterUnavailable(
                f"Printer {profile.name} is a preview only and cannot print",
                f"เครื่องพิมพ์ {profile.name} เป็นเพียงการแสดงตัวอย่าง พิมพ์ไม่ได้",
            )
        job = build_job(tea_ticket_document(ticket, settings), profile, open_drawer=False)
        self._send(profile, job)
