"""`otop-pos promptpay`: a PromptPay QR payload (and its picture)."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal

from pos.app.cli.common import Commands
from pos.domain.errors import ShopError
from pos.domain.money import parse_amount
from pos.domain.settings import Settings

# beyond what a money column holds, so that promptpay_payload names the QR's own limit; small
# enough for the parser to round (28 digits of decimal precision)
_NO_LIMIT_HERE = Decimal(10) ** 20


def cmd_promptpay(args: argparse.Namespace, settings: Settings) -> int:
    from pos.domain.promptpay import PromptPayError, promptpay_payload

    amount = None
    if args.amount is not None:
        # the shop's one amount parser; an amount too large for the QR is refused below, in
        # the QR's own words (its amount field holds 13 characters)
        amount = parse_amount(args.amount, maximum=_NO_LIMIT_HERE, zero_ok=False)
    try:
        payload = promptpay_payload(args.id, amount)
    except PromptPayError as exc:
        raise ShopError(f"PromptPay: {exc}", f"พร้อมเพย์: {exc}") from exc
    print(payload)
    if args.png:
        import qrcode

        img = qrcode.make(payload, box_size=12, border=4)
        img.save(args.png)
        print(f"QR image: {args.png}", file=sys.stderr)
    return 0


def add_commands(sub: Commands) -> None:
    pp = sub.add_parser("promptpay", help="print a PromptPay QR payload")
    pp.add_argument("--id", required=True, help="mobile number, tax ID or e-wallet ID")
    pp.add_argument("--amount", help="amount in baht (omit for any amount)")
    pp.add_argument("--png", help="also write the QR code as a PNG image")
    pp.set_defaults(func=cmd_promptpay)
