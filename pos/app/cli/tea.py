"""`otop-pos tea menu|list|ready|collected|cancel|reprint|resume|orders`: the tea corner's
orders (`orders`: the tea counter's window on a dedicated terminal)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from pos.app.cli.common import Commands, db_arg, opened, parse_day
from pos.domain.settings import Settings
from pos.domain.shop_time import local

if TYPE_CHECKING:
    from pos.ports.tea import TeaOrderView


def render_order(order: TeaOrderView) -> str:
    """An order as `tea list` prints it: number, status, time, receipt, then its drinks."""
    out = [f"{order.number}\t{order.status}\t{local(order.created_at):%H:%M}\t{order.receipt_no}"]
    for line in order.lines:
        cancelled = f" (cancelled {line.cancelled.normalize():f})" if line.cancelled else ""
        sent = "" if line.sent else " [ticket not printed]"
        out.append(
            f"  {line.quantity.normalize():f} x {line.name_th}  {line.detail_th}{cancelled}{sent}"
        )
    return "\n".join(out)


def cmd_menu(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        items = services.tea_menu.items()
    for item in items:
        state = "" if item.active else "\t(inactive)"
        print(f"{item.sku}\t{item.price:.2f}\t{item.name_th}\t{item.name_en}{state}")
        for group in item.groups:
            options = ", ".join(
                f"{o.code} {o.name_th}" + (f" {o.price_delta:+.2f}" if o.price_delta else "")
                for o in group.options
            )
            print(f"  {group.code}: {options}")
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        orders = services.tea.orders(args.status, parse_day(args.date, "--date"))
    for order in orders:
        print(render_order(order))
    return 0


def _change(args: argparse.Namespace, settings: Settings, what: str) -> int:
    with opened(args, settings, queue_prints=what in ("cancel", "reprint")) as services:
        actor = services.auth.login(args.user, args.pin)
        corner = services.tea
        change = {
            "ready": corner.mark_ready,
            "collected": corner.mark_collected,
            "cancel": corner.cancel,
            "reprint": corner.reprint,
        }[what]
        order = change(args.number, actor, parse_day(args.date, "--date"))
    print(render_order(order))
    return 0


def cmd_resume(args: argparse.Namespace, settings: Settings) -> int:
    """Print the tickets still queued (a tea printer that was off, a till that stopped)."""
    with opened(args, settings, queue_prints=True) as services:
        printed = services.tea.flush()
    print(f"{printed} ticket(s) printed")
    return 0


def cmd_orders(args: argparse.Namespace, settings: Settings) -> int:
    """The tea counter's orders window: a log-in, then today's orders until it is closed."""
    from ui.app import ensure_app
    from ui.tea.orders_window import run_tea_orders

    ensure_app()
    with opened(args, settings, queue_prints=True) as services:
        return run_tea_orders(
            services.tea, services.auth, language=getattr(args, "lang", None) or settings.language
        )


def add_commands(sub: Commands) -> None:
    tea = sub.add_parser("tea", help="the tea corner: its menu and today's orders")
    commands = tea.add_subparsers(dest="tea_command", required=True)
    menu = commands.add_parser("menu", help="the menu: items, prices and options")
    db_arg(menu)
    menu.set_defaults(func=cmd_menu)
    listing = commands.add_parser("list", help="a day's orders (default today) and their drinks")
    db_arg(listing)
    listing.add_argument("--status", choices=("new", "ready", "collected", "cancelled"))
    listing.add_argument("--date", help="the business day (YYYY-MM-DD; default today)")
    listing.set_defaults(func=cmd_list)
    for name, text in (
        ("ready", "mark an order ready (the customer display shows it)"),
        ("collected", "mark an order collected"),
        ("cancel", "cancel an order not collected yet: a CANCEL ticket per drink"),
        ("reprint", "print an order's tickets again, marked REPRINT"),
    ):
        parser = commands.add_parser(name, help=text)
        parser.add_argument("number", type=int, help="the order number (คิว)")
        parser.add_argument("--date", help="the business day (YYYY-MM-DD; default today)")
        db_arg(parser)
        parser.add_argument("--user", required=True, help="who does it")
        parser.add_argument("--pin", required=True, help="their PIN")
        parser.set_defaults(func=lambda a, s, what=name: _change(a, s, what))
    resume = commands.add_parser("resume", help="print the tickets still in the print queue")
    db_arg(resume)
    resume.set_defaults(func=cmd_resume)
    window = commands.add_parser("orders", help="the tea counter's orders window (a log-in first)")
    db_arg(window)
    window.add_argument(
        "--lang", choices=("th", "en"), default=argparse.SUPPRESS, help="language of the window"
    )
    window.set_defaults(func=cmd_orders)
