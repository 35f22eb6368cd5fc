"""Receipt rendering: a 30-line Thai receipt to ESC/POS bytes, raster and text mode.

Run: .venv/bin/python -m bench.bench_receipt [--runs 200] [--no-doc]

Raster: the receipt document laid out by Qt (OTOP Sans, Thai shaping and word breaks) into a
1-bit 576-dot image and encoded as GS v 0 through python-escpos (init, image, cut, drawer),
i.e. build_job() from a committed Receipt. Text: the same document laid out by display width
and encoded in CP874 after ESC t n. Floors, measured in the same run and interleaved:
for raster, a bare QImage of the same size filled, thresholded to 1 bit and encoded by the
same python-escpos call (no text at all); for text, the same lines already laid out, only
encoded to CP874. Targets: raster p50 <= 150 ms, text p50 <= 20 ms.
The figures are appended to docs/BENCHMARKS.md in their own section (--no-doc skips it).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/bench_receipt.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import (
    LATENCY_COLUMNS,
    ROOT,
    Report,
    bench_args,
    finish,
    machine,
    markdown_table,
    ms,
    percentile,
    summary_row,
    write_doc_section,
)
from pos.domain.money import vat_included
from pos.domain.sale import Receipt, ReceiptLine, ReceiptPayment
from pos.domain.settings import PrinterProfile, Settings

TARGET_RASTER_S = 0.150
TARGET_TEXT_S = 0.020
WARMUP = 5
LINES = 30
DOC = ROOT / "docs" / "BENCHMARKS.md"

_NAMES = (
    ("ผ้าไหมมัดหมี่ลายนาคน้อย 2 เมตร", "ผืน", "2800.00"),
    ("ชาใบหม่อนอินทรีย์ 50 กรัม", "กล่อง", "80.00"),
    ("ไส้กรอกอีสานหมู (ขายตามน้ำหนัก)", "กก.", "220.00"),
    ("ข้าวหอมมะลิอินทรีย์ 5 กก.", "ถุง", "320.00"),
    ("ไข่ไดโนเสาร์ช็อกโกแลต", "กล่อง", "89.00"),
    ("ยาหม่องสมุนไพรไพลสูตรเย็น ญี่ปุ่น ปู่", "ตลับ", "45.00"),
    ("กระติบข้าวไม้ไผ่สานลายขิด", "ใบ", "150.00"),
    ("ผ้าขาวม้าทอมือย้อมคราม", "ผืน", "250.00"),
    ("น้ำลูกหม่อน 100% 250 มล.", "ขวด", "45.00"),
    ("แจ่วบองปลาร้าสูตรโบราณ", "กระปุก", "35.50"),
)


def thirty_line_receipt() -> Receipt:
    lines = []
    for i in range(LINES):
        name, unit, price = _NAMES[i % len(_NAMES)]
        weight = unit == "กก."
        qty = Decimal("0.450") if weight else Decimal(1 + i % 3)
        gross = (qty * Decimal(price)).quantize(Decimal("0.01"))
        discount = Decimal("5.00") if i % 7 == 3 else Decimal("0.00")
        lines.append(
            ReceiptLine(
                f"SKU-{i:03d}",
                name,
                name,
                qty,
                unit,
                Decimal(price),
                gross,
                discount,
                "โปรโมชั่น" if discount else "",
                gross - discount,
                "ข้าว" in name,
                weight,
            )
        )
    total = sum((ln.total for ln in lines), Decimal(0))
    exempt = sum((ln.total for ln in lines if ln.vat_exempt), Decimal(0))
    handed = Decimal((int(total) // 1000 + 1) * 1000)
    return Receipt(
        sale_id="bench",
        receipt_no="KK01-00012345",
        sold_at=datetime(2026, 11, 27, 7, 5, tzinfo=UTC),
        pos_id="E0000000000000001",
        terminal_name="Counter 1",
        cashier_name="สมใจ ใจดี",
        lines=tuple(lines),
        subtotal=total,
        sale_discount=Decimal(0),
        sale_discount_reason="",
        total=total,
        vatable=total - exempt,
        exempt=exempt,
        vat=vat_included(total - exempt),
        vat_rate=Decimal(7),
        payments=(ReceiptPayment("cash", total, handed),),
        change=handed - total,
    )


def _time(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    args = bench_args(__doc__.splitlines()[0], runs=200, doc=1)
    from PySide6.QtGui import QImage

    from printing.document import receipt_document
    from printing.escpos_job import _raster as encode_raster
    from printing.escpos_job import build_job, new_printer
    from printing.qt import ensure_gui
    from printing.raster import to_mono
    from printing.text_receipt import TextLine, layout_text

    ensure_gui()
    settings = Settings()
    receipt = thirty_line_receipt()
    raster = PrinterProfile(name="receipt", connection="file", target="-", paper_mm=80)
    text = PrinterProfile(name="receipt", connection="file", target="-", mode="text", codepage=21)

    def raster_job() -> bytes:
        return build_job(receipt_document(receipt, settings), raster, open_drawer=True)

    def text_job() -> bytes:
        return build_job(receipt_document(receipt, settings), text, open_drawer=True)

    sample = raster_job()
    height = sum(
        sample[i + 6] | sample[i + 7] << 8
        for i in range(len(sample) - 8)
        if sample[i : i + 3] == b"\x1dv0"
    )

    def raster_floor() -> None:
        canvas = QImage(raster.dots, height, QImage.Format.Format_Grayscale8)
        canvas.fill(255)
        printer = new_printer(raster)
        printer.hw("INIT")
        encode_raster(printer, to_mono(canvas))
        printer.cut(mode="PART")

    laid_out = [
        item.text
        for item in layout_text(receipt_document(receipt, settings), text.text_columns)
        if isinstance(item, TextLine)
    ]

    def text_floor() -> None:
        "\n".join(laid_out).encode("cp874", errors="replace")

    samples: dict[str, list[float]] = {
        "raster": [],
        "raster floor": [],
        "text": [],
        "text floor": [],
    }
    for i in range(WARMUP + args.runs):
        got = {
            "raster": _time(raster_job),
            "raster floor": _time(raster_floor),
            "text": _time(text_job),
            "text floor": _time(text_floor),
        }
        if i >= WARMUP:
            for key, value in got.items():
                samples[key].append(value)

    labels = {
        "raster": f"raster render+encode ({LINES} lines, 576 x {height} dots, GS v 0)",
        "raster floor": "floor: bare QImage fill + 1-bit + GS v 0 encode, same size",
        "text": f"text mode ({LINES} lines, CP874, ESC t 21)",
        "text floor": "floor: the laid-out lines encoded to CP874",
    }
    rows = [
        summary_row(labels[k], samples[k]) for k in ("raster", "raster floor", "text", "text floor")
    ]
    p50_raster = percentile(samples["raster"], 50)
    p50_text = percentile(samples["text"], 50)
    passed = p50_raster <= TARGET_RASTER_S and p50_text <= TARGET_TEXT_S
    report = Report(
        name="bench_receipt",
        title=f"Receipt rendering: a {LINES}-line Thai receipt to ESC/POS bytes",
        columns=LATENCY_COLUMNS,
        rows=rows,
        floor="bare QImage fill+threshold+GS v 0 encode (raster); CP874 encode only (text)",
        target=f"raster p50 <= {TARGET_RASTER_S * 1000:.0f} ms, text p50 <= "
        f"{TARGET_TEXT_S * 1000:.0f} ms",
        passed=passed,
        verdict=(
            f"raster p50 {ms(p50_raster)} ms (floor {ms(percentile(samples['raster floor'], 50))}"
            f" ms), text p50 {ms(p50_text)} ms (floor "
            f"{ms(percentile(samples['text floor'], 50))} ms); job sizes {len(sample):,} B "
            f"raster, {len(text_job()):,} B text"
        ),
    )
    code = finish(report, args)
    if args.doc:
        info = machine()
        body = "\n".join(
            [
                f"## Receipt rendering ({LINES}-line Thai receipt)",
                "",
                f"`{report.command}` — {datetime.now(UTC):%Y-%m-%d}, "
                + ", ".join(f"{k} {v}" for k, v in info.items()),
                "",
                markdown_table(report.columns, report.rows),
                "",
                f"Target: {report.target}. {'PASS' if passed else 'FAIL'}: {report.verdict}.",
            ]
        )
        write_doc_section(DOC, "bench_receipt", body)
        print(f"written to {DOC.relative_to(ROOT)}")
    return code


if __name__ == "__main__":
    sys.exit(main())
