"""`otop-pos rooms list|book|check-in|report|demo`: the co-working room for staff scripts."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from pos.app.cli.common import Commands, db_arg, opened, parse_day
from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from pos.domain.shop_time import BANGKOK, local, shop_day
from pos.ports.rooms import Customer, RoomReport


def _moment(text: str, what: str) -> datetime:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=BANGKOK)
    except ValueError:
        raise ShopError(
            f"{what} {text!r} must be like '2026-12-12 13:00' (Bangkok time)",
            f"{what} {text!r} ต้องเป็นรูปแบบ '2026-12-12 13:00' (เวลาไทย)",
        ) from None


def _room_id(services: object, code: str) -> str:
    rooms = services.rooms.rooms()  # type: ignore[attr-defined]
    for room in rooms:
        if room.code == code.strip().upper() or (not code and len(rooms) == 1):
            return str(room.id)
    raise ShopError(f"No room {code!r}", f"ไม่พบห้อง {code!r}")


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        day = parse_day(args.day, "--day") or shop_day(services.clock.now())
        room_id = _room_id(services, args.room or "")
        found = services.rooms.day(room_id, day)
    for b in found:
        s, e = local(b.start), local(b.end)
        print(
            f"{b.booking_no}\t{s:%Y-%m-%d %H:%M}-{e:%H:%M}\t{b.status.value}\t{b.customer.name}"
            f"\t{b.customer.phone}\t{b.price:.2f}\t{b.paid - b.refunded:.2f}"
        )
    return 0


def cmd_book(args: argparse.Namespace, settings: Settings) -> int:
    start = _moment(args.start, "--start")
    end = (
        _moment(f"{start:%Y-%m-%d} {args.end}", "--end")
        if len(args.end) <= 5
        else _moment(args.end, "--end")
    )
    customer = Customer(args.name, args.phone, args.organisation, args.purpose, args.attendees)
    with opened(args, settings) as services:
        room_id = _room_id(services, args.room or "")
        b = services.rooms.book(
            room_id, start, end, customer, channel="phone", idempotency_key=args.key
        )
    print(f"{b.booking_no}\t{b.status.value}\t{b.when('en')}\tprice {b.price:.2f}"
          f"\tdeposit {b.deposit:.2f}\t{b.qr}")  # fmt: skip
    return 0


def cmd_check_in(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        b = services.rooms.check_in(args.code, actor)
    print(f"{b.booking_no} checked in / เช็กอินแล้ว {b.when('th')}")
    return 0


def render_report(report: RoomReport) -> str:
    head = "period\tfrom\tto\topen h\tbooked h\tused %\tbookings\trevenue\tno-shows\tcancelled"
    out = [f"room utilisation {report.first} .. {report.last} {report.room_code}".rstrip(), head]
    for kind, rows in (("week", report.weeks), ("month", report.months)):
        for r in rows:
            out.append(
                f"{kind} {r.label}\t{r.first}\t{r.last}\t{r.open_hours:.1f}\t"
                f"{r.booked_hours:.1f}\t{r.utilisation}\t{r.bookings}\t{r.revenue:.2f}\t"
                f"{r.no_shows}\t{r.cancellations}"
            )
    return "\n".join(out)


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    first = parse_day(args.date_from, "--from")
    last = parse_day(args.date_to, "--to")
    with opened(args, settings) as services:
        today = shop_day(services.clock.now())
        first = first or date(today.year, today.month, 1)
        room_id = _room_id(services, args.room) if args.room else None
        report = services.rooms.utilisation(first, last or today, room_id)
    print(render_report(report))
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        room = services.rooms.ensure_demo_room(actor)
    print(f"{room.code}\t{room.name_th}\t{room.capacity} seats\t{', '.join(room.equipment)}")
    return 0


def _who(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", required=True, help="who does it (staff username)")
    p.add_argument("--pin", required=True, help="their PIN")


def add_commands(sub: Commands) -> None:
    rooms = sub.add_parser("rooms", help="the co-working room: bookings, check-in, report")
    verbs = rooms.add_subparsers(
        dest="verb", required=True, metavar="{list,book,check-in,report,demo}"
    )
    listing = verbs.add_parser("list", help="a day's bookings (tab-separated)")
    db_arg(listing)
    listing.add_argument("--day", help="YYYY-MM-DD (default today)")
    listing.add_argument("--room", help="room code (default the only room)")
    listing.set_defaults(func=cmd_list)
    book = verbs.add_parser("book", help="book by phone: held until its deposit is paid")
    db_arg(book)
    book.add_argument("--room", help="room code (default the only room)")
    book.add_argument("--start", required=True, help="'YYYY-MM-DD HH:MM' Bangkok time")
    book.add_argument("--end", required=True, help="HH:MM the same day, or 'YYYY-MM-DD HH:MM'")
    book.add_argument("--name", required=True)
    book.add_argument("--phone", required=True)
    book.add_argument("--organisation", default="")
    book.add_argument("--purpose", default="")
    book.add_argument("--attendees", type=int, default=1)
    book.add_argument("--key", help="an idempotency key: the same key books once")
    book.set_defaults(func=cmd_book)
    check_in = verbs.add_parser("check-in", help="check in by the slip's QR text or number")
    db_arg(check_in)
    check_in.add_argument("code", help="OTOPROOM:BK-000123:... or BK-000123")
    _who(check_in)
    check_in.set_defaults(func=cmd_check_in)
    report = verbs.add_parser(
        "report", help="utilisation, revenue, no-shows, cancellations by week and month"
    )
    db_arg(report)
    report.add_argument("--from", dest="date_from", help="YYYY-MM-DD (default this month's 1st)")
    report.add_argument("--to", dest="date_to", help="YYYY-MM-DD (default today)")
    report.add_argument("--room", help="one room's code (default every room)")
    report.set_defaults(func=cmd_report)
    demo = verbs.add_parser("demo", help="the demo centre's co-working room and its rules")
    db_arg(demo)
    _who(demo)
    demo.set_defaults(func=cmd_demo)
