"""The room booking's confirmation slip: ESC/POS on the receipt printer and an A5 PDF, both
with the booking's QR code (check-in scans it)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from pos.domain.errors import PrinterUnavailable
from pos.domain.money import format_baht
from pos.domain.settings import PrinterProfile, Settings
from pos.domain.shop_time import local
from pos.ports.rooms import BookingView
from printing.codes import qr_matrix
from printing.document import (
    Align,
    Block,
    Document,
    QrCodes,
    Row,
    Rule,
    Size,
    Space,
    Text,
    _seller_header,
    thai_date_long,
    thai_datetime,
)
from printing.escpos_job import build_job, render_body
from printing.pdf_text import complete_text_layer
from printing.qt import FAMILY, font
from printing.text_receipt import _preview, layout_text
from printing.transport import deliver

SLIP_TITLE = "ใบยืนยันการจองห้อง / BOOKING CONFIRMATION"
_MM_TO_PT = 72 / 25.4
_A5_PT = QSizeF(148 * _MM_TO_PT, 210 * _MM_TO_PT)
_MARGIN_MM = 10
_QR_URL = "booking-qr.png"


def _status(b: BookingView) -> str:
    label = b.status.label
    return f"{label.th} / {label.en}"


def _hours(b: BookingView) -> str:
    s, e = local(b.start), local(b.end)
    return f"{s:%H:%M}-{e:%H:%M} น."


def booking_slip_document(booking: BookingView, settings: Settings) -> Document:
    """The slip: the shop, the booking's number, room, day and time, who booked, the money
    paid and still due, and the QR code to check in with."""
    b = booking
    out: list[Block] = _seller_header(settings, vat_id=False)
    out += [
        Rule(),
        Text(SLIP_TITLE, Align.CENTER, bold=True, size=Size.LARGE),
        Text(b.booking_no, Align.CENTER, bold=True, size=Size.LARGE),
        Rule(),
    ]
    out += [
        Row("ห้อง / Room", f"{b.room_name_th}"),
        Text(f"วันที่ {thai_date_long(b.start)}", bold=True),
        Row("เวลา / Time", _hours(b), bold=True),
        Row("สถานะ / Status", _status(b)),
        Space(),
        Row("ผู้จอง / Name", b.customer.name),
        Row("โทร / Phone", b.customer.phone),
    ]
    if b.customer.organisation:
        out.append(Row("หน่วยงาน / Organisation", b.customer.organisation))
    if b.customer.purpose:
        out.append(Row("วัตถุประสงค์ / Purpose", b.customer.purpose))
    out.append(Row("ผู้เข้าร่วม / Attendees", str(b.customer.attendees)))
    out += [
        Rule(),
        Row("ค่าห้อง / Price", format_baht(b.price)),
        Row("ชำระแล้ว / Paid", format_baht(b.paid - b.refunded)),
        Row("คงเหลือ / Balance due", format_baht(b.balance), bold=True),
    ]
    if b.hold_until is not None and b.status.value == "held":
        out.append(
            Text(
                f"กรุณาชำระมัดจำภายใน {thai_datetime(b.hold_until)[:-3]} น. / "
                "Pay the deposit by then",
                size=Size.SMALL,
            )
        )
    out += [
        Space(),
        QrCodes((("แสดงเพื่อเช็กอิน / Show to check in", b.qr),)),
        Text(f"พิมพ์เมื่อ / Printed {thai_datetime(b.created_at)}", Align.CENTER, size=Size.SMALL),
    ]
    return tuple(out)


def render_slip_text(booking: BookingView, settings: Settings, columns: int = 48) -> str:
    """The slip as preview text (a text-mode printer's lines)."""
    items = layout_text(booking_slip_document(booking, settings), columns)
    return "\n".join(_preview(items, columns)) + "\n"


def slip_image(booking: BookingView, settings: Settings, profile: PrinterProfile) -> QImage:
    """The slip exactly as a raster printer of `profile` prints it."""
    return render_body(booking_slip_document(booking, settings), profile)


def slip_job(booking: BookingView, settings: Settings, profile: PrinterProfile) -> bytes:
    """The whole ESC/POS job of the slip (never opens the drawer)."""
    return build_job(booking_slip_document(booking, settings), profile)


def qr_image(data: str, module: int = 8, quiet: int = 4) -> QImage:
    """The QR code as a black-on-white picture with its quiet zone."""
    matrix = qr_matrix(data)
    n = len(matrix) + 2 * quiet
    image = QImage(n * module, n * module, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(
                    (x + quiet) * module, (y + quiet) * module, module, module, QColor("black")
                )
    painter.end()
    return image


def slip_html(booking: BookingView, settings: Settings) -> str:
    b = booking
    c = b.customer

    def row(th: str, en: str, value: str, bold: bool = False) -> str:
        v = f"<b>{escape(value)}</b>" if bold else escape(value)
        return f"<tr><td>{th} / {en}</td><td>{v}</td></tr>"

    rows = [
        row("ห้อง", "Room", f"{b.room_name_th} ({b.room_name_en})"),
        row("วันที่", "Day", thai_date_long(b.start), bold=True),
        row("เวลา", "Time", _hours(b), bold=True),
        row("สถานะ", "Status", _status(b)),
        row("ผู้จอง", "Name", c.name),
        row("โทร", "Phone", c.phone),
    ]
    if c.organisation:
        rows.append(row("หน่วยงาน", "Organisation", c.organisation))
    if c.purpose:
        rows.append(row("วัตถุประสงค์", "Purpose", c.purpose))
    rows += [
        row("ผู้เข้าร่วม", "Attendees", str(c.attendees)),
        row("ค่าห้อง", "Price", format_baht(b.price)),
        row("ชำระแล้ว", "Paid", format_baht(b.paid - b.refunded)),
        row("คงเหลือ", "Balance due", format_baht(b.balance), bold=True),
    ]
    return (
        f"<html><body style=\"font-family:'{FAMILY}'; font-size:9px;\">"
        f"<p align='center'><b>{escape(settings.shop_name_th)}</b><br/>"
        f"{escape(settings.shop_name_en)}<br/>{escape(settings.address_th)}</p>"
        "<p align='center' style='font-size:14px;'>"
        "<b>ใบยืนยันการจองห้อง<br/>BOOKING CONFIRMATION</b><br/>"
        f"<b>{escape(b.booking_no)}</b></p>"
        f"<table width='100%' cellpadding='1'>{''.join(rows)}</table>"
        f"<p align='center'><img src='{_QR_URL}' width='120' height='120'/><br/>"
        "แสดงเพื่อเช็กอิน / Show this code to check in</p>"
        "</body></html>"
    )


def write_booking_slip_pdf(booking: BookingView, settings: Settings, path: Path) -> Path:
    """The slip as an A5 PDF (font embedded, text searchable, QR as an image)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = QTextDocument()
    doc.setDefaultFont(font(8))
    doc.setUseDesignMetrics(True)
    doc.setDocumentMargin(0)
    margin = _MARGIN_MM * _MM_TO_PT
    page = _A5_PT - QSizeF(2 * margin, 2 * margin)
    doc.setPageSize(page)
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(_QR_URL), qr_image(booking.qr))
    doc.setHtml(slip_html(booking, settings))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setTitle(f"Booking {booking.booking_no}")
    writer.setCreator("OTOP POS")
    painter = QPainter(writer)
    try:
        scale = writer.resolution() / 72
        painter.scale(scale, scale)
        painter.translate(margin, margin)
        doc.drawContents(painter, QRectF(0, 0, page.width(), page.height()))
    finally:
        painter.end()
    complete_text_layer(path)
    return path


class BookingSlips:
    """The slip to the receipt printer (ESC/POS) or to a PDF file; the composition root makes
    it with the settings it reads at each print."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def print_slip(self, booking: BookingView) -> None:
        profile = self.settings.receipt_printer
        if profile.is_preview:
            raise PrinterUnavailable(
                f"Printer {profile.name} is a preview only and cannot print",
                f"เครื่องพิมพ์ {profile.name} เป็นเพียงการแสดงตัวอย่าง พิมพ์ไม่ได้",
            )
        deliver(profile, slip_job(booking, self.settings, profile))

    def write_pdf(self, booking: BookingView, path: Path) -> Path:
        return write_booking_slip_pdf(booking, self.settings, path)
