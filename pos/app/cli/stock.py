"""`otop-pos stock receive | return | adjust | count | on-hand`: goods in and out, counts."""

from __future__ import annotations

import argparse
import csv
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pos.app.cli.common import (
    PRINTER_SPEC_HELP,
    Commands,
    checked_suffix,
    db_arg,
    opened,
    parse_day,
    printing_now,
)
from pos.domain.auth import Action, Actor
from pos.domain.errors import ShopError
from pos.domain.money import parse_amount
from pos.domain.settings import Settings
from pos.domain.stock import (
    REASON_NAMES,
    TITLES,
    AdjustReason,
    OverDeliveryError,
    ReturnReason,
    StockLine,
)
from pos.ports.stock import StockDocumentRecord

if TYPE_CHECKING:
    from pos.app.bootstrap import Services
    from pos.services.auth import Approval
    from pos.services.stock import StockDesk


def _quantity(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except ArithmeticError:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ShopError(f"{what}: {text!r} is not a quantity", f"{what}: {text!r} ไม่ใช่จำนวน")
    return value


def _lines(desk: StockDesk, items: list[str] | None, file: str | None) -> list[StockLine]:
    """`SKU:QTY[:COST]` items, and the rows of a CSV file (sku, qty, cost, best_before)."""
    wanted: list[tuple[str, str, str, str, str]] = []  # where, code, qty, cost, best before
    for item in items or []:
        parts = item.split(":")
        if len(parts) not in (2, 3):
            raise ShopError(
                f"--line {item!r} must be SKU:QTY or SKU:QTY:COST",
                f"--line {item!r} ต้องเป็น SKU:จำนวน หรือ SKU:จำนวน:ต้นทุน",
            )
        wanted.append((f"--line {item}", parts[0], parts[1], parts[2] if len(parts) == 3 else "",
                       ""))  # fmt: skip
    if file:
        path = Path(file)
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ShopError(f"{path} cannot be read: {exc}", f"อ่านไฟล์ {path} ไม่ได้: {exc}") from exc
        for n, row in enumerate(rows, 2):
            if not row.get("sku") or not row.get("qty"):
                raise ShopError(
                    f"{path.name} line {n}: needs the columns sku and qty",
                    f"{path.name} บรรทัด {n}: ต้องมีคอลัมน์ sku และ qty",
                )
            wanted.append((f"{path.name} line {n}", row["sku"], row["qty"], row.get("cost") or "",
                           row.get("best_before") or ""))  # fmt: skip
    out: list[StockLine] = []
    for where, code, qty, cost, best in wanted:
        product = desk.find_product(code)
        try:
            out.append(StockLine(
                product.product_id, _quantity(qty, where),
                parse_amount(cost) if cost.strip() else None,
                parse_day(best, f"{where}: best_before") if best.strip() else None,
            ))  # fmt: skip
        except ShopError as exc:
            raise ShopError(f"{where}: {exc.message_en}", f"{where}: {exc.message_th}") from exc
    return out


def _how(args: argparse.Namespace) -> str | None:
    """Where the slip goes: "receipt" (--print receipt, or --printer SPEC), "pdf" or None."""
    how = getattr(args, "print", None) or ("receipt" if getattr(args, "printer", None) else None)
    return how or ("pdf" if getattr(args, "output", None) else None)


def _check_slip(args: argparse.Namespace, settings: Settings) -> None:
    """Refuse a slip that cannot be made before anything is written: a PDF with no -o, a
    printer that is only a preview."""
    how = _how(args)
    if how == "pdf":
        if not getattr(args, "output", None):
            raise ShopError("--print pdf: name the file with -o FILE.pdf",
                            "--print pdf: กรุณาระบุไฟล์ด้วย -o FILE.pdf")  # fmt: skip
        checked_suffix(Path(args.output), ("pdf",))
    elif how == "receipt":
        from printing.spec import parse_spec

        spec = parse_spec(args.printer or settings.receipt_printer.name, settings)
        if spec.png is None and spec.profile.is_preview:
            name = spec.profile.name
            raise ShopError(
                f"Printer {name} is a preview only and cannot print: name one with --printer "
                "(nothing was written)",
                f"เครื่องพิมพ์ {name} เป็นเพียงการแสดงตัวอย่าง พิมพ์ไม่ได้ กรุณาระบุด้วย --printer "
                "(ยังไม่ได้บันทึกอะไร)",
            )


def _slip(args: argparse.Namespace, settings: Settings, doc: StockDocumentRecord) -> None:
    """The slip to sign: on the receipt printer (--print receipt, or --printer SPEC), or as
    an A4 PDF (--print pdf, or -o FILE.pdf alone)."""
    how = _how(args)
    if how == "receipt":
        try:
            _print_slip(args, settings, doc)
        except ShopError as exc:  # the document stands: say so, and how to print it again
            where = f"--printer {args.printer}" if args.printer else "--print receipt"
            again = f"otop-pos stock slip {doc.number} {where}"
            raise ShopError(
                f"{exc.message_en} {doc.number} is saved: print its slip with: {again}",
                f"{exc.message_th} บันทึก {doc.number} แล้ว พิมพ์ใบใหม่ด้วยคำสั่ง: {again}",
            ) from exc
        return
    if how is None:
        return
    from printing.stock_pdf import write_stock_document_pdf

    out = Path(args.output)
    checked_suffix(out, ("pdf",))
    write_stock_document_pdf(doc, settings, out)  # the store may be closed: straight to Qt
    print(f"{doc.number} -> {out}", file=sys.stderr)


def _print_slip(args: argparse.Namespace, settings: Settings, doc: StockDocumentRecord) -> None:
    """The slip straight to a printer (a command queues nothing): --printer, else the
    settings' receipt printer."""
    from printing.printer import EscPosPrinter, png_bytes
    from printing.spec import parse_spec

    spec = parse_spec(args.printer or settings.receipt_printer.name, settings)
    if spec.png is not None:
        from printing.escpos_job import render_body
        from printing.stock_text import stock_slip_document

        image = render_body(stock_slip_document(doc, settings), spec.profile)
        spec.png.parent.mkdir(parents=True, exist_ok=True)
        spec.png.write_bytes(png_bytes(image))
        print(f"{doc.number} -> {spec.png}", file=sys.stderr)
        return
    with printing_now(f"slip {doc.number}", f"ใบ {doc.number}"):
        EscPosPrinter().print_stock_document(doc, settings, spec.profile)
    print(f"{doc.number} sent to {spec.profile.describe()}", file=sys.stderr)


def _labels(args: argparse.Namespace, services: Services, doc: StockDocumentRecord) -> None:
    """Shelf labels for the goods just received (one a piece; one a product sold by weight),
    when --labels names a PDF: the received goods labelled in the same step."""
    if not getattr(args, "labels", None):
        return
    from pos.domain.labels import DEFAULT_TEMPLATE, LabelQuery, template_by_name

    out = Path(args.labels)
    checked_suffix(out, ("pdf",))
    copies = {ln.sku: max(1, int(ln.quantity)) if ln.quantity == ln.quantity.to_integral_value()
              else 1 for ln in doc.lines}  # fmt: skip
    desk = services.label_desk
    items = desk.find(LabelQuery(skus=tuple(copies)), sku_copies=copies)
    printed = desk.save_pdf(items, template_by_name(DEFAULT_TEMPLATE), 1, out)
    print(f"{printed.labels} label(s) -> {out} ({printed.pages} page(s))", file=sys.stderr)


def _show(doc: StockDocumentRecord) -> None:
    th, en = TITLES[doc.kind]
    who = f" · {doc.producer_code} {doc.producer_name_th}" if doc.producer_code else ""
    print(f"{doc.number} {th} / {en}{who} · {doc.status}")
    reason = REASON_NAMES.get(doc.reason)
    if doc.reference or reason or doc.note:
        extra = [doc.reference, reason[0] if reason else "", doc.note]
        print("  " + " · ".join(x for x in extra if x))
    for ln in doc.lines:
        expected = "" if ln.expected is None else f" (expected {ln.expected.normalize():f})"
        print(f"  {ln.sku:<14} {ln.quantity.normalize():f} {ln.unit_th}{expected}  {ln.name_th}")


def cmd_receive(args: argparse.Namespace, settings: Settings) -> int:
    _check_slip(args, settings)
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        lines = _lines(services.stock_desk, args.line, args.file)
        try:
            doc = services.stock_desk.receive(
                actor, args.producer, lines, reference=args.note or "",
                doc_date=parse_day(args.date, "--date"), confirm_over=args.force,
            )  # fmt: skip
        except OverDeliveryError as exc:
            raise ShopError(
                f"{exc.message_en}. Nothing was received: run it again with --force to "
                "receive it as it is",
                f"{exc.message_th} ยังไม่ได้รับสินค้า หากถูกต้องให้สั่งใหม่พร้อม --force",
            ) from exc
        _labels(args, services, doc)
    _show(doc)
    _slip(args, settings, doc)
    return 0


def cmd_return(args: argparse.Namespace, settings: Settings) -> int:
    _check_slip(args, settings)
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        lines = _lines(services.stock_desk, args.line, args.file)
        doc = services.stock_desk.return_to_producer(
            actor, args.producer, ReturnReason(args.reason), lines, note=args.note or ""
        )
    _show(doc)
    _slip(args, settings, doc)
    return 0


def _approval(
    services: Services, args: argparse.Namespace, actor: Actor, action: Action, reason: str
) -> Approval | None:
    """A manager's approval from --manager/--manager-pin (None when not given)."""
    if not args.manager:
        return None
    return services.auth.approve(actor, action, reason, args.manager, args.manager_pin or "")


def cmd_adjust(args: argparse.Namespace, settings: Settings) -> int:
    _check_slip(args, settings)
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        lines = _lines(services.stock_desk, args.line, args.file)
        approval = _approval(services, args, actor, Action.ADJUST_OVER_LIMIT,
                             args.note or args.reason)  # fmt: skip
        doc = services.stock_desk.adjust(
            actor, AdjustReason(args.reason), lines, note=args.note or "",
            approval=approval,
        )  # fmt: skip
    _show(doc)
    _slip(args, settings, doc)
    return 0


def cmd_count(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        desk = services.stock_desk
        actor = services.auth.login(args.user, args.pin)
        if args.step == "start":
            doc = desk.start_count(actor, args.scope or "", args.note or "")
            print(doc.number)
            return 0
        if not args.number:
            raise ShopError("Name the count: its number", "กรุณาระบุเลขที่ใบตรวจนับ")
        doc = desk.document(args.number)
        if args.step == "add":
            if not args.code:
                raise ShopError("Name the product counted (SKU or barcode)", "กรุณาระบุสินค้า")
            qty = _quantity(args.set if args.set is not None else args.qty, "--qty")
            product, counted = desk.count(actor, doc.document_id, args.code, qty,
                                          add=args.set is None)  # fmt: skip
            print(f"{product.sku} {counted.normalize():f}")
            return 0
        if args.step == "show":
            for v in desk.variances(doc.document_id):
                sku = next(ln.sku for ln in doc.lines if ln.product_id == v.product_id)
                print(f"{sku:<14} expected {v.expected.normalize():f} counted "
                      f"{v.counted.normalize():f} difference {v.difference.normalize():f} "
                      f"value {v.value:,.2f}")  # fmt: skip
            return 0
        approval = _approval(services, args, actor, Action.POST_COUNT, f"count {doc.number}")
        posted = desk.post_count(actor, doc.document_id, approval)
    _show(posted)
    _slip(args, settings, posted)
    return 0


def cmd_slip(args: argparse.Namespace, settings: Settings) -> int:
    _check_slip(args, settings)
    with opened(args, settings) as services:
        doc = services.stock_desk.document(args.number)
    _show(doc)
    _slip(args, settings, doc)
    return 0


def cmd_on_hand(args: argparse.Namespace, settings: Settings) -> int:
    with opened(args, settings) as services:
        desk = services.stock_desk
        if args.expiring is not None:
            rows = desk.near_expiry(args.expiring)
        elif args.reorder:
            rows = desk.reorder(args.producer)
        else:
            rows = desk.on_hand(producer=args.producer, low_only=args.low)
        plain = args.expiring is None and not args.reorder and not args.low and not args.producer
        baskets = services.baskets.choices() if plain else []
    print(f"{'sku':<14} {'producer':<10} {'on hand':>10} {'low':>8} {'sold*':>8} best before")
    for r in rows:
        low = "" if r.low is None else f"{r.low.normalize():f}"
        best = r.best_before.isoformat() if r.best_before else ""
        print(f"{r.sku:<14} {r.producer_code:<10} {r.on_hand.normalize():>10f} {low:>8} "
              f"{r.sold_since_delivery.normalize():>8f} {best}  {r.name_th}")  # fmt: skip
    print(f"{len(rows)} product(s); sold* = sold since the last delivery")
    if baskets:  # as `basket list` counts them: from the components on hand, and ready-made
        print(f"{'basket':<14} {'can make':>10} {'ready':>8}")
        for c in baskets:
            print(f"{c.template.code:<14} {c.can_make:>10} {c.ready.normalize():>8f}  "
                  f"{c.template.name_th}")  # fmt: skip
    return 0


def _people(p: argparse.ArgumentParser, *, approve: bool = False) -> None:
    db_arg(p)
    p.add_argument("--user", required=True, help="who does it (username)")
    p.add_argument("--pin", required=True, help="their PIN")
    if approve:
        p.add_argument("--manager", help="the approving manager's username")
        p.add_argument("--manager-pin", help="the manager's PIN")


def _goods(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="a CSV of lines: sku, qty[, cost][, best_before]")
    p.add_argument(
        "--line",
        action="append",
        metavar="SKU:QTY[:COST]",
        help="a product and its quantity (repeat); a barcode may stand for the SKU",
    )
    p.add_argument("--note", help="the delivery note's number, or a remark")
    p.add_argument("-o", "--output", help="the document as FILE.pdf (the slip to sign)")
    _print_args(p)


def _print_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--print",
        choices=("receipt", "pdf"),
        help="the slip to sign on the receipt printer, or as an A4 PDF (-o FILE.pdf)",
    )
    p.add_argument("--printer", metavar="SPEC",
                   help=f"--print receipt on this printer: {PRINTER_SPEC_HELP}")  # fmt: skip


def add_commands(sub: Commands) -> None:
    stock = sub.add_parser("stock", help="goods received, returned, adjusted, counted; on hand")
    steps = stock.add_subparsers(dest="stock_command", required=True)
    receive = steps.add_parser("receive", help="a delivery from a producer (goods in)")
    _goods(receive)
    receive.add_argument("--producer", required=True, help="the producer's code")
    receive.add_argument("--date", help="the delivery's date (default today)")
    receive.add_argument("--labels", help="shelf labels for the goods received, as FILE.pdf")
    receive.add_argument(
        "--force",
        action="store_true",
        help="receive lines far above the product's usual delivery (checked: it is right)",
    )
    _people(receive)
    receive.set_defaults(func=cmd_receive)
    back = steps.add_parser("return", help="goods back to their producer (goods out)")
    _goods(back)
    back.add_argument("--producer", required=True, help="the producer's code")
    back.add_argument("--reason", required=True, choices=[r.value for r in ReturnReason])
    _people(back)
    back.set_defaults(func=cmd_return)
    adjust = steps.add_parser("adjust", help="damage, samples, internal use, expiry (goods out)")
    _goods(adjust)
    adjust.add_argument("--reason", required=True, choices=[r.value for r in AdjustReason])
    _people(adjust, approve=True)
    adjust.set_defaults(func=cmd_adjust)
    count = steps.add_parser("count", help="a stock count: start, add, show, post")
    count.add_argument("step", choices=("start", "add", "show", "post"))
    count.add_argument("number", nargs="?", help="the count's number (KK01-SC-000001)")
    count.add_argument("code", nargs="?", help="add: the product counted (SKU or barcode)")
    count.add_argument("--qty", default="1", help="add: how many more were counted (default 1)")
    count.add_argument("--set", help="add: the quantity counted, replacing what was counted")
    count.add_argument("--scope", help="start: what is counted (a category, producer, shelf)")
    count.add_argument("--note", help="start: a remark")
    count.add_argument("-o", "--output", help="post: the count report as FILE.pdf")
    _people(count, approve=True)
    count.set_defaults(func=cmd_count)
    slip = steps.add_parser("slip", help="a stock document again, as FILE.pdf")
    db_arg(slip)
    slip.add_argument("number", help="the document's number (KK01-GR-000001 ...)")
    slip.add_argument("-o", "--output", help="FILE.pdf")
    _print_args(slip)
    slip.set_defaults(func=cmd_slip)
    hand = steps.add_parser("on-hand", help="stock on hand (or low, to reorder, expiring)")
    db_arg(hand)
    hand.add_argument("--producer", help="one producer's products (code)")
    hand.add_argument("--low", action="store_true", help="only products at or below their low line")
    hand.add_argument("--reorder", action="store_true",
                      help="products sold since their last delivery")  # fmt: skip
    hand.add_argument("--expiring", type=int, metavar="DAYS",
                      help="goods whose best-before is within DAYS")  # fmt: skip
    hand.set_defaults(func=cmd_on_hand)
