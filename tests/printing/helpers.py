"""Test helpers: a fixed Thai receipt, a TCP printer on 127.0.0.1, image measurements."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtGui import QImage

from pos.domain.money import vat_included
from pos.domain.sale import Receipt, ReceiptLine, ReceiptPayment

SOLD_AT = datetime(2026, 11, 27, 7, 5, 9, tzinfo=UTC)  # 14:05:09 in Bangkok, 27 พ.ย. 2569


def _line(
    sku: str,
    name: str,
    qty: str,
    unit: str,
    price: str,
    *,
    exempt: bool = False,
    discount: str = "0.00",
    reason: str = "",
    weight: bool = False,
) -> ReceiptLine:
    gross = (Decimal(qty) * Decimal(price)).quantize(Decimal("0.01"))
    d = Decimal(discount)
    return ReceiptLine(
        sku,
        name,
        name,
        Decimal(qty),
        unit,
        Decimal(price),
        gross,
        d,
        reason,
        gross - d,
        exempt,
        weight,
    )


THAI_LINES = (
    _line("SILK-001", "ผ้าไหมมัดหมี่ลายนาคชนบท ขนาด 2 เมตร", "1", "ผืน", "1290.00"),
    _line(
        "TEA-001", "ชาใบหม่อนอบแห้ง 100 ก.", "2", "กล่อง", "85.00", discount="10.00", reason="โปรโมชั่น"
    ),
    _line("SAUS-W", "ไส้กรอกอีสานหมู", "0.350", "กก.", "240.00", weight=True),
    _line("RICE-001", "ข้าวเหนียวเขี้ยวงู", "1", "ถุง", "60.00", exempt=True),
    _line("DINO-001", "ตุ๊กตาไดโนเสาร์ภูเวียง ญี่ปุ่น ปู่ ฏุ ฐิ์", "3", "ตัว", "59.00"),
)


def thai_receipt(
    *,
    pay: str = "cash",
    copy: bool = False,
    lines: tuple[ReceiptLine, ...] = THAI_LINES,
    receipt_no: str = "KK01-00000123",
    vat_rate: Decimal = Decimal(7),
) -> Receipt:
    """A committed sale with every kind of line: discount, weight, VAT-exempt, stacked marks."""
    total = sum((ln.total for ln in lines), Decimal(0))
    exempt = sum((ln.total for ln in lines if ln.vat_exempt), Decimal(0))
    vatable = total - exempt
    vat = vat_included(vatable, vat_rate)
    if pay == "cash":
        handed = Decimal(((int(total) // 500) + 1) * 500)
        payments = (ReceiptPayment("cash", total, handed),)
        change = handed - total
    else:
        payments = (ReceiptPayment("promptpay", total, total, "PP20261127"),)
        change = Decimal("0.00")
    return Receipt(
        sale_id="0b9b6a4e-3c55-4a4e-9a53-2c1d2f0e1a01",
        receipt_no=receipt_no,
        sold_at=SOLD_AT,
        pos_id="E0000000000000001",
        terminal_name="Counter 1",
        cashier_name="สมใจ ใจดี",
        lines=lines,
        subtotal=total,
        sale_discount=Decimal("0.00"),
        sale_discount_reason="",
        total=total,
        vatable=vatable,
        exempt=exempt,
        vat=vat,
        vat_rate=vat_rate,
        payments=payments,
        change=change,
        copy=copy,
    )


# --- images ----------------------------------------------------------------------------------
def black_at(image: QImage, x: int, y: int) -> bool:
    """Is the dot at (x, y) black? (1-bit or greyscale images)."""
    return image.pixelColor(x, y).lightness() < 128


def ink_box(image: QImage) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the black dots, inclusive; None for a blank image."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = grey.bytesPerLine()
    data = bytes(grey.constBits())
    left, top, right, bottom = grey.width(), grey.height(), -1, -1
    for y in range(grey.height()):
        row = data[y * stride : y * stride + grey.width()]
        xs = [x for x, v in enumerate(row) if v < 128]
        if xs:
            left, right = min(left, xs[0]), max(right, xs[-1])
            top, bottom = min(top, y), max(bottom, y)
    return None if right < 0 else (left, top, right, bottom)


def mono_difference(a: QImage, b: QImage) -> float:
    """Share of dots that differ between two 1-bit images (extra rows count as different)."""
    if a.width() != b.width():
        return 1.0
    ga = a.convertToFormat(QImage.Format.Format_Mono)
    gb = b.convertToFormat(QImage.Format.Format_Mono)
    rows = min(ga.height(), gb.height())
    row_bytes = (ga.width() + 7) // 8
    diff = 0
    for y in range(rows):
        ra = bytes(ga.constScanLine(y))[:row_bytes]
        rb = bytes(gb.constScanLine(y))[:row_bytes]
        if ga.color(1) != gb.color(1):
            rb = bytes(255 - v for v in rb)
        diff += (int.from_bytes(ra, "big") ^ int.from_bytes(rb, "big")).bit_count()
    diff += abs(ga.height() - gb.height()) * ga.width()
    return diff / (ga.width() * max(ga.height(), gb.height()))


# --- a network printer ------------------------------------------------------------------------
STATUS_ONLINE = 0x12
STATUS_OFFLINE = 0x1A  # bit 3
COVER_OPEN = 0x16  # offline cause: bit 2
PAPER_END = 0x72  # roll paper sensor: bits 5-6


@dataclass
class Connection:
    raw: bytearray = field(default_factory=bytearray)
    document: bytearray = field(default_factory=bytearray)  # raw minus real-time queries
    queries: list[int] = field(default_factory=list)
    closed_early: bool = False


class FakeNetworkPrinter:
    """An ESC/POS printer on 127.0.0.1: records each connection and answers DLE EOT n.

    `close_after` makes the first connection hang up after that many bytes (a cable pulled
    mid-job); `online=False` with `cover_open`/`paper_out` makes it report why it is off
    line; `answers=False` makes it ignore status queries (a model without status).
    """

    def __init__(
        self,
        *,
        close_after: int | None = None,
        online: bool = True,
        cover_open: bool = False,
        paper_out: bool = False,
        answers: bool = True,
    ) -> None:
        self.close_after = close_after
        self.online = online
        self.cover_open = cover_open
        self.paper_out = paper_out
        self.answers = answers
        self.connections: list[Connection] = []
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(4)
        self.port = int(self._server.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def documents(self) -> list[bytes]:
        return [bytes(c.document) for c in self.connections]

    def close(self) -> None:
        self._stop.set()
        self._server.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeNetworkPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- serving -------------------------------------------------------------------------
    def _serve(self) -> None:
        self._server.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                self._handle(conn, len(self.connections) == 0)

    def _answer(self, n: int) -> int:
        if n == 1:
            return STATUS_ONLINE if self.online else STATUS_OFFLINE
        if n == 2:
            return COVER_OPEN if self.cover_open else STATUS_ONLINE
        if n == 4:
            return PAPER_END if self.paper_out else STATUS_ONLINE
        return STATUS_ONLINE

    def _handle(self, conn: socket.socket, first: bool) -> None:
        record = Connection()
        self.connections.append(record)
        limit = self.close_after if first else None
        parser = _Parser()
        conn.settimeout(5)
        while True:
            want = 4096 if limit is None else min(4096, limit - len(record.raw))
            if want <= 0:
                record.closed_early = True
                return  # hang up with the rest of the job unread
            try:
                chunk = conn.recv(want)
            except (TimeoutError, OSError):
                return
            if not chunk:
                return
            record.raw.extend(chunk)
            for kind, value in parser.feed(chunk):
                if kind == "query":
                    record.queries.append(value)
                    if self.answers:
                        conn.sendall(bytes([self._answer(value)]))
                else:
                    record.document.append(value)


class _Parser:
    """Splits a byte stream into document bytes and DLE EOT n queries, skipping the
    payloads of GS v 0 images, GS ( k codes and GS k barcodes (as a careful printer does)."""

    def __init__(self) -> None:
        self.pending = bytearray()
        self.skip = 0

    def feed(self, chunk: bytes) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        self.pending.extend(chunk)
        i = 0
        buf = self.pending
        while i < len(buf):
            if self.skip:
                take = min(self.skip, len(buf) - i)
                out.extend(("byte", b) for b in buf[i : i + take])
                self.skip -= take
                i += take
                continue
            if buf[i] == 0x10:
                if len(buf) - i < 3:
                    break
                if buf[i + 1] == 0x04:
                    out.append(("query", buf[i + 2]))
                    i += 3
                    continue
            if buf[i] == 0x1D and len(buf) - i >= 2:
                head = self._payload(buf, i)
                if head is None:
                    break
                if head:
                    size, header = head
                    out.extend(("byte", b) for b in buf[i : i + header])
                    i += header
                    self.skip = size
                    continue
            elif buf[i] == 0x1D:
                break
            out.append(("byte", buf[i]))
            i += 1
        del buf[:i]
        return out

    @staticmethod
    def _payload(buf: bytearray, i: int) -> tuple[int, int] | tuple[()] | None:
        """(payload size, header length) of a command with data; () if none; None: wait."""
        cmd = buf[i + 1]
        if cmd == 0x76:  # GS v 0 m xL xH yL yH
            if len(buf) - i < 8:
                return None
            x = buf[i + 4] | buf[i + 5] << 8
            y = buf[i + 6] | buf[i + 7] << 8
            return x * y, 8
        if cmd == 0x28:  # GS ( k pL pH
            if len(buf) - i < 5:
                return None
            return buf[i + 3] | buf[i + 4] << 8, 5
        if cmd == 0x6B:  # GS k m n data (m >= 65)
            if len(buf) - i < 4:
                return None
            if buf[i + 2] >= 65:
                return buf[i + 3], 4
        return ()


def free_port() -> int:
    """A port nothing listens on (connecting to it is refused)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port
