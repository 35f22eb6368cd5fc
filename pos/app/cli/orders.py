"""`otop-pos orders list|show NO|expire|track`: online orders from the command line."""

from __future__ import annotations

import argparse

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.errors import ShopError
from pos.domain.orders import OrderStatus
from pos.domain.settings import Settings
from pos.domain.shop_time import local
from pos.domain.tracking import HookState, TrackingEvent, current_stage
from pos.ports.orders import OrderView


def _status(text: str | None) -> OrderStatus | None:
    if not text:
        return None
    try:
        return OrderStatus(text.strip().lower())
    except ValueError:
        known = ", ".join(s.value for s in OrderStatus)
        raise ShopError(
            f"--status {text!r}: one of {known}", f"--status {text!r}: ต้องเป็นหนึ่งใน {known}"
        ) from None


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    status = _status(args.status)
    with opened(args, settings) as services:
        rows = services.order_desk.list(status, args.search or "")
    for r in rows:
        at = local(r.created_at).strftime("%Y-%m-%d %H:%M")
        print(
            f"{r.order_no}\t{r.status.value}\t{at}\t{r.name}\t{r.phone}\t"
            f"{r.payment.value}\t{r.fulfilment}\t{r.items}\t{r.total:.2f}"
            + ("\tslip" if r.slip else "")
        )
    return 0


def render(order: OrderView) -> str:
    """An order as `orders show` prints it."""
    c = order.customer
    out = [
        f"{order.order_no}  {order.status.label.en} / {order.status.label.th}",
        f"placed {local(order.created_at):%Y-%m-%d %H:%M} ({order.channel.value})",
        f"customer {c.name}  {c.phone}  {c.email}".rstrip(),
        f"{c.fulfilment.label.en}: {c.address}" if c.address else c.fulfilment.label.en,
        f"payment {order.payment.label.en}"
        + (f"  receipt {order.receipt_no}" if order.receipt_no else ""),
    ]
    if order.reserved_until and order.status is OrderStatus.AWAITING_PAYMENT:
        out.append(f"stock held until {local(order.reserved_until):%Y-%m-%d %H:%M}")
    for line in order.lines:
        out.append(
            f"  {line.ref:<14} {line.name_th}  {line.quantity} x {line.unit_price:.2f}"
            f" = {line.amount:.2f}"
        )
    out.append(
        f"subtotal {order.subtotal:.2f}  delivery {order.shipping_fee:.2f}  "
        f"total {order.total:.2f}  (VAT {order.vat:.2f})"
    )
    if order.tracking_no:
        out.append(f"shipped {order.carrier} {order.tracking_no}")
    if order.slip_path:
        out.append(f"slip {order.slip_path}")
    if order.cancel_reason:
        out.append(f"cancelled: {order.cancel_reason}")
    for event in order.history:
        note = f"  {event.note}" if event.note else ""
        out.append(f"  {local(event.at):%Y-%m-%d %H:%M}  {event.status.value}  {event.by}{note}")
    return "\n".join(out)


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        order = services.order_desk.order(args.order_no)
    print(render(order))
    return 0


def cmd_expire(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        done = services.orders.expire_reservations()
    print(f"{done} unpaid order(s) expired / ยกเลิกคำสั่งซื้อที่ไม่ชำระ {done} รายการ")
    return 0


def render_tracking(
    order_no: str, events: list[TrackingEvent], hook: HookState | None = None
) -> str:
    """An order's carrier events as `orders track NO` prints them (and where its parcel's
    subscription to the carrier's pushes stands, once one was tried)."""
    stage = current_stage(events)
    now = f"{stage.label.en} / {stage.label.th}" if stage else "no tracking yet"
    lines = [f"{order_no}  {now}"]
    if hook is not None and hook.subscribed_at is not None:
        lines.append(f"  pushes: subscribed {local(hook.subscribed_at):%Y-%m-%d %H:%M} "
                     f"({hook.barcode}) / สมัครรับแจ้งสถานะแล้ว")  # fmt: skip
    elif hook is not None and hook.attempts:
        then = f", next try {local(hook.next_at):%Y-%m-%d %H:%M}" if hook.next_at else ""
        lines.append(f"  pushes: not subscribed after {hook.attempts} tries: {hook.error}{then}"
                     " / ยังสมัครรับแจ้งสถานะไม่สำเร็จ")  # fmt: skip
    for e in events:
        where = f"  {e.location} {e.postcode}".rstrip()
        who = f"  {e.receiver}" if e.receiver else ""
        at = f"{local(e.at):%Y-%m-%d %H:%M}"
        lines.append(f"  {at}  {e.status_code}  {e.description}{where}{who}")
    return "\n".join(lines)


def cmd_track(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        tracking = services.tracking
        if args.poll:
            new = tracking.poll()
            print(f"{new} new tracking event(s) / สถานะพัสดุใหม่ {new} รายการ")
        if args.order_no:
            events = tracking.events(args.order_no)
            hook = tracking.hook_state(args.order_no)
            print(render_tracking(args.order_no.upper(), events, hook))
        elif not args.poll:
            raise ShopError("Give an order number or --poll", "กรุณาระบุเลขคำสั่งซื้อหรือ --poll")
    return 0


def add_commands(sub: Commands) -> None:
    orders = sub.add_parser("orders", help="online orders: list, show one, expire unpaid ones")
    verbs = orders.add_subparsers(dest="verb", required=True, metavar="{list,show,expire,track}")
    listing = verbs.add_parser("list", help="orders, newest first (tab-separated)")
    db_arg(listing)
    listing.add_argument("--status", help="only orders in this status (e.g. awaiting_payment)")
    listing.add_argument("--search", help="order number, name, phone or tracking number")
    listing.set_defaults(func=cmd_list)
    show = verbs.add_parser("show", help="one order: customer, lines, totals, history")
    db_arg(show)
    show.add_argument("order_no", help="the order number, e.g. W2612030007")
    show.set_defaults(func=cmd_show)
    expire = verbs.add_parser(
        "expire", help="cancel unpaid PromptPay orders past their time, releasing their stock"
    )
    db_arg(expire)
    expire.set_defaults(func=cmd_expire)
    track = verbs.add_parser(
        "track", help="a shipped order's carrier events; --poll asks the carriers first"
    )
    db_arg(track)
    track.add_argument("order_no", nargs="?", help="the order number, e.g. W2612030007")
    track.add_argument("--poll", action="store_true", help="ask the carriers about parcels due")
    track.set_defaults(func=cmd_track)
