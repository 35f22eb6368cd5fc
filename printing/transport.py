"""Sending a finished ESC/POS job to a printer through python-escpos's connections.

Every fault the shop can fix (printer off, cable pulled, paper out, cover open, a job cut off
mid-way) becomes a PrinterUnavailable with plain Thai and English words (a PrinterCutOff when
the printer may have taken part of the job); what becomes of the document is the caller's to
say: the print queue keeps it, a command asks to be run again. A job counts as
delivered only when the printer has taken all of it: on connections that can answer, the
printer's real-time status (DLE EOT) is asked before the job and again after it, so a
connection that dies mid-job is noticed even when the operating system had buffered the
rest of the bytes.
"""

from __future__ import annotations

import contextlib
import io
import logging
import socket
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from escpos.exceptions import DeviceNotFoundError

from pos.domain.errors import PrinterCutOff, PrinterUnavailable
from pos.domain.settings import PrinterProfile

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
STATUS_PRINTER = 1  # bit 3: off line
STATUS_OFFLINE_CAUSE = 2  # bit 2: cover open, bit 5: stopped at paper end, bit 6: error
STATUS_PAPER = 4  # bits 2-3: near end, bits 5-6: paper end
CHUNK = 16 * 1024


_quiet_lock = threading.Lock()


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """python-escpos prints chatter ("Using hardware barcode renderer") to stdout.

    redirect_stdout swaps the process-wide sys.stdout, so two threads doing it at once could
    leave it swapped for good: one at a time.
    """
    with _quiet_lock, contextlib.redirect_stdout(io.StringIO()):
        yield


def is_status_byte(value: int) -> bool:
    """Real-time status bytes have bit 1 and bit 4 set, bits 0 and 7 clear."""
    return value & 0x93 == 0x12


def _unavailable(profile: PrinterProfile, why_en: str, why_th: str) -> PrinterUnavailable:
    """The printer's fault in plain words; what becomes of the document is for the caller to
    say (the print queue keeps it; a command that has no queue asks to be run again)."""
    where = profile.describe()
    return PrinterUnavailable(f"Printer {where}: {why_en}", f"เครื่องพิมพ์ {where}: {why_th}")


def _offline(profile: PrinterProfile, detail: object) -> PrinterUnavailable:
    if profile.connection == "file":  # a device file (/dev/usb/lp0) or a plain file's path
        return _unavailable(
            profile,
            f"cannot be opened ({detail}). Check the path, and that the printer is switched "
            "on and its cable is plugged in.",
            f"เปิดไม่ได้ ({detail}) ตรวจสอบที่อยู่ไฟล์ และว่าเปิดเครื่องและเสียบสายแล้ว",
        )
    return _unavailable(
        profile,
        f"does not answer ({detail}). Check that it is switched on and its cable is plugged in.",
        f"ไม่ตอบสนอง ({detail}) ตรวจสอบว่าเปิดเครื่องและเสียบสายแล้ว",
    )


def _cut_off(profile: PrinterProfile, detail: object) -> PrinterCutOff:
    """The printer took part of the job (perhaps nearly all of it) before the connection was
    lost: printing it again gives a second copy, which the caller says."""
    where = profile.describe()
    return PrinterCutOff(
        f"Printer {where}: the connection was lost while printing ({detail}); "
        "the paper may show a part.",
        f"เครื่องพิมพ์ {where}: การเชื่อมต่อขาดระหว่างพิมพ์ ({detail}) กระดาษอาจพิมพ์ออกมาไม่ครบ",
    )


def _not_ready(profile: PrinterProfile, cause: int, paper: int | None) -> PrinterUnavailable:
    if cause & 0x04:
        return _unavailable(profile, "its cover is open.", "ฝาเครื่องเปิดอยู่ กรุณาปิดฝา")
    if cause & 0x20 or (paper is not None and paper & 0x60):
        return _unavailable(profile, "it is out of paper.", "กระดาษหมด กรุณาเปลี่ยนม้วนกระดาษ")
    if cause & 0x40:
        return _unavailable(
            profile,
            "it reports an error (cutter jam or overheating): switch it off and on.",
            "เครื่องแจ้งข้อผิดพลาด (มีดตัดติดหรือร้อนเกิน) กรุณาปิดแล้วเปิดเครื่องใหม่",
        )
    return _unavailable(profile, "it is off line.", "เครื่องอยู่ในสถานะออฟไลน์")


def _detail(exc: DeviceNotFoundError) -> str:
    """The operating system's reason under escpos's wrapper ("Connection refused")."""
    inner = exc.__cause__ or exc.__context__
    if isinstance(inner, OSError) and inner.strerror:
        return inner.strerror
    if inner is not None:
        return str(inner)
    lines = [line for line in exc.msg.splitlines() if line.strip()]
    return lines[-1] if lines else "not found"


# --- status over a socket -----------------------------------------------------------------
class _Status:
    """Real-time status queries over a connected socket (network printers)."""

    def __init__(self, sock: socket.socket, profile: PrinterProfile) -> None:
        self.sock = sock
        self.profile = profile

    def _drain(self) -> None:
        """Throw away bytes the printer sent unasked; notice a closed connection."""
        self.sock.setblocking(False)
        try:
            while True:
                try:
                    got = self.sock.recv(256)
                except BlockingIOError:
                    return
                if not got:
                    raise ConnectionResetError("the printer closed the connection")
        finally:
            self.sock.settimeout(self.profile.timeout_s)

    def ask(self, n: int) -> int:
        self._drain()
        self.sock.sendall(DLE_EOT + bytes([n]))
        deadline = time.monotonic() + self.profile.timeout_s
        while True:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            got = self.sock.recv(1)
            if not got:
                raise ConnectionResetError("the printer closed the connection")
            if is_status_byte(got[0]):
                return got[0]
            if time.monotonic() >= deadline:
                raise TimeoutError("no status answer")

    def check_ready(self) -> None:
        try:
            status = self.ask(STATUS_PRINTER)
        except TimeoutError as exc:
            raise _unavailable(
                self.profile,
                "it does not answer status queries. If this model cannot report its status, "
                "turn off 'check printer status' in printer setup.",
                "ไม่ตอบคำสั่งขอสถานะ หากเครื่องรุ่นนี้ไม่รองรับ ให้ปิด 'ตรวจสอบสถานะเครื่องพิมพ์' ในการตั้งค่าเครื่องพิมพ์",
            ) from exc
        if status & 0x08:
            cause = self.ask(STATUS_OFFLINE_CAUSE)
            paper = self.ask(STATUS_PAPER)
            raise _not_ready(self.profile, cause, paper)

    def confirm_received(self) -> None:
        """After the job: an answer proves the printer took every byte before the query."""
        status = self.ask(STATUS_PRINTER)
        if status & 0x08:
            log.warning("printer %s went off line after taking a job", self.profile.name)


def _send_network(profile: PrinterProfile, data: bytes) -> None:
    from escpos.printer import Network

    host, port = profile.network_address()
    printer = Network(host, port, timeout=profile.timeout_s)
    # connect here rather than with Network.open(), which leaks the socket when refused
    try:
        sock = socket.create_connection((host, port), timeout=profile.timeout_s)
    except OSError as exc:
        raise _offline(profile, exc.strerror or exc) from exc
    printer.device = sock
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    status = _Status(sock, profile) if profile.status_check else None
    started = False
    try:
        if status is not None:
            status.check_ready()
        started = True
        for start in range(0, len(data), CHUNK):
            printer._raw(data[start : start + CHUNK])
        if status is not None:
            status.confirm_received()
        else:
            _close_gracefully(sock, profile)
    except PrinterUnavailable:
        raise
    except (OSError, TimeoutError) as exc:
        if started:
            raise _cut_off(profile, exc) from exc
        raise _offline(profile, exc) from exc
    finally:
        printer.close()


def _close_gracefully(sock: socket.socket, profile: PrinterProfile) -> None:
    """No status: half-close and wait briefly, so a reset by the printer is still noticed."""
    sock.shutdown(socket.SHUT_WR)
    sock.settimeout(min(2, profile.timeout_s))
    with contextlib.suppress(TimeoutError):
        while sock.recv(256):
            pass


# --- the other connections ----------------------------------------------------------------
def _send_with(printer: Any, profile: PrinterProfile, data: bytes) -> None:
    """Open an escpos printer, write the job, close it; faults in plain words."""
    try:
        printer.open()
    except DeviceNotFoundError as exc:
        raise _offline(profile, _detail(exc)) from exc
    except (OSError, RuntimeError) as exc:
        raise _offline(profile, exc) from exc
    try:
        for start in range(0, len(data), CHUNK):
            printer._raw(data[start : start + CHUNK])
        if hasattr(printer, "flush"):
            printer.flush()
    except Exception as exc:  # a device library's own I/O errors (usb.core.USBError …)
        raise _cut_off(profile, exc) from exc
    finally:
        with contextlib.suppress(Exception):
            printer.close()


def _missing(
    profile: PrinterProfile, package: str, what_en: str, what_th: str
) -> PrinterUnavailable:
    return _unavailable(
        profile,
        f"{what_en} needs the {package} package, which is not installed on this computer. "
        "Install it, or connect the printer by network.",
        f"{what_th} ต้องใช้แพ็กเกจ {package} ซึ่งยังไม่ได้ติดตั้งในเครื่องนี้ กรุณาติดตั้ง หรือต่อเครื่องพิมพ์ผ่านเครือข่าย",
    )


def _send_usb(profile: PrinterProfile, data: bytes) -> None:
    from escpos.printer import Usb

    if not Usb.is_usable():
        raise _missing(profile, "pyusb (with libusb)", "USB printing", "การพิมพ์ผ่าน USB")
    vid, pid = profile.usb_ids()
    _send_with(Usb(vid, pid, timeout=profile.timeout_s * 1000), profile, data)


def _send_serial(profile: PrinterProfile, data: bytes) -> None:
    from escpos.printer import Serial

    if not Serial.is_usable():
        raise _missing(profile, "pyserial", "Serial-port printing", "การพิมพ์ผ่านพอร์ตอนุกรม")
    printer = Serial(profile.target, baudrate=profile.baud, timeout=profile.timeout_s)
    _send_with(printer, profile, data)


def _send_queue(profile: PrinterProfile, data: bytes) -> None:
    """The operating system's print queue, raw (CUPS `lp -o raw`, or Windows RAW)."""
    if sys.platform == "win32":
        from escpos.printer import Win32Raw

        if not Win32Raw.is_usable():
            raise _missing(
                profile, "pywin32", "Printing to a Windows queue", "การพิมพ์ผ่านคิวของ Windows"
            )
        printer: Any = Win32Raw(profile.target)
    else:
        from escpos.printer import LP

        if not LP.is_usable():
            raise _unavailable(
                profile,
                "this computer has no print system (CUPS 'lp' command).",
                "เครื่องนี้ไม่มีระบบพิมพ์ (คำสั่ง lp ของ CUPS)",
            )
        printer = LP(profile.target, auto_flush=False)
    _send_with(printer, profile, data)


def _send_file(profile: PrinterProfile, data: bytes) -> None:
    from escpos.printer import File

    _send_with(File(profile.target, auto_flush=False), profile, data)


def deliver(profile: PrinterProfile, data: bytes) -> None:
    """Send a whole job to the printer of `profile`, or raise PrinterUnavailable."""
    senders = {
        "network": _send_network,
        "usb": _send_usb,
        "serial": _send_serial,
        "queue": _send_queue,
        "file": _send_file,
    }
    send = senders.get(profile.connection)
    if send is None:
        raise _unavailable(
            profile,
            "is a preview only and cannot print; choose a real printer.",
            "เป็นเพียงการแสดงตัวอย่าง พิมพ์ไม่ได้ กรุณาเลือกเครื่องพิมพ์จริง",
        )
    send(profile, data)
