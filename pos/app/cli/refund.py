"""`otop-pos refund --receipt NO [--line N:QTY ...] --method ...`: refunds at the counter."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.bilingual import Bilingual
from pos.domain.errors import ShopError
from pos.domain.money import cut, parse_amount
from pos.domain.settings import Settings

MAX_QUANTITY = Decimal(99_999)  # no line of a counter's sale is more (as at the till)


def parse_lines(items: list[str] | None) -> dict[int, Decimal]:
    """`N:QTY` pairs (line number on the receipt : quantity to return)."""
    out: dict[int, Decimal] = {}
    for item in items or []:
        no, sep, qty = item.partition(":")
        if not sep or not no.strip().isdigit() or not no.isascii() or len(no) > 6:
            raise ShopError(
                f"--line {cut(item)!r}: write LINE:QUANTITY, e.g. 2:1",
                f"--line {cut(item)!r}: เขียนเป็น รายการ:จำนวน เช่น 2:1",
            )
        line_no = int(no)
        # the shop's one parser: NaN, 1e30, more than 3 decimals (a weight in kg) are refused
        what = Bilingual(f"จำนวนที่คืนของ --line {line_no}", f"--line {line_no} quantity")
        quantity = parse_amount(qty, what=what, places=3, maximum=MAX_QUANTITY, zero_ok=False)
        if line_no in out:
            raise ShopError(f"--line {line_no} is given twice", f"--line {line_no} ซ้ำกัน")
        out[line_no] = quantity
    return out


def cmd_refund(args: argparse.Namespace, settings: Settings) -> int:
    from pos.domain.auth import Action
    from printing.refund_receipt import refund_image, render_refund_text

    out = Path(args.output) if args.output else None
    if out is not None and out.suffix.lower() not in (".png", ".txt"):
        raise ShopError("The output must end in .png or .txt", "ไฟล์ผลลัพธ์ต้องลงท้ายด้วย .png หรือ .txt")
    quantities = parse_lines(args.line)
    if bool(args.manager) != bool(args.manager_pin):
        raise ShopError(
            "--manager and --manager-pin go together", "ต้องระบุ --manager คู่กับ --manager-pin"
        )
    with opened(args, settings) as services:  # its Auth's approval is the one Returns accepts
        auth = services.auth
        actor = auth.login(args.user, args.pin)
        approval = None
        if args.manager:
            approval = auth.approve(
                actor, Action.REFUND, args.reason, args.manager, args.manager_pin,
                ref=args.receipt.strip().upper(),
            )  # fmt: skip
        refund = services.returns.refund(
            actor, args.receipt, quantities, args.method, args.reason, approval
        )
    if out is not None:
        if out.suffix.lower() == ".txt":
            columns = settings.receipt_printer.text_columns
            out.write_text(render_refund_text(refund, settings, columns), encoding="utf-8")
        else:
            from printing.printer import save_png

            save_png(refund_image(refund, settings, settings.receipt_printer), out)
    print(
        f"refund {refund.refund_no} of {refund.receipt_no}: {refund.total:,.2f} baht "
        f"({refund.method}) / คืนเงิน {refund.total:,.2f} บาท" + (f" -> {out}" if out else ""),
        file=sys.stderr,
    )
    print(refund.refund_no)
    return 0


def add_commands(sub: Commands) -> None:
    refund = sub.add_parser(
        "refund",
        help="refund some or all lines of a sale (a cashier needs --manager/--manager-pin)",
    )
    db_arg(refund)
    refund.add_argument("--receipt", required=True, help="the receipt number (or its barcode)")
    refund.add_argument(
        "--line",
        action="append",
        metavar="N:QTY",
        help="line N of the receipt, QTY to return (repeat; none: everything still returnable)",
    )
    refund.add_argument("--method", required=True, choices=("cash", "promptpay"))
    refund.add_argument("--reason", required=True, help="why the goods come back")
    refund.add_argument("--user", required=True, help="who refunds (username)")
    refund.add_argument("--pin", required=True, help="their PIN")
    refund.add_argument("--manager", help="the approving manager's username")
    refund.add_argument("--manager-pin", help="the manager's PIN")
    refund.add_argument("-o", "--output", help="the refund slip as FILE.png or FILE.txt")
    refund.set_defaults(func=cmd_refund)
