"""The meeting room in the web shop: a day's free slots, the booking form, the confirmation.

The form takes the same name and Thai mobile as the checkout; the booking is held (the rules'
hold minutes) and its deposit paid through the shop's PromptPay order flow (the order page's
QR and slip), which confirms it; the confirmation page shows the booking's QR code (the
check-in at the centre scans it). The same rules and the same race safety as the counters:
the rooms service decides, a clash is answered with the nearest free slots.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from pos.domain.errors import ShopError
from pos.domain.orders import OrderFormError, checked_name, thai_mobile
from pos.domain.rooms import BookingStatus, Room, RoomClash, RoomError
from pos.domain.shop_time import BANGKOK, shop_day
from pos.ports.rooms import Customer
from web.errors import PageError
from web.orders import _form
from web.pages import changed, client_of, lang_of, session_of, shop_of
from web.qr import qr_svg_data_uri

if TYPE_CHECKING:
    from pos.services.rooms import Rooms

router = APIRouter()

BOOKING_FIELDS = ("name", "phone", "organisation", "purpose", "attendees")
LENGTHS = (60, 120, 180, 240, 480)  # minutes a visitor may choose among (the rules decide)
MAX_TEXT = 200


def _rooms(request: Request) -> Rooms:
    rooms = getattr(shop_of(request), "rooms", None)
    if rooms is None:
        raise PageError(404, "error_404")
    return rooms  # type: ignore[no-any-return]


def _day(raw: str, today: date) -> date:
    try:
        chosen = date.fromisoformat(raw) if raw else today
    except ValueError:
        return today
    return max(today, chosen)


def _room(rooms: Rooms, code: str) -> Room | None:
    found = rooms.rooms(active_only=True)
    for r in found:
        if r.code == code.upper():
            return r
    return found[0] if found else None


# --- the free slots of a day ----------------------------------------------------------------
@router.get("/rooms", response_class=HTMLResponse)
def rooms_page(request: Request, room: str = "", day: str = "", minutes: int = 120) -> Response:
    return _rooms_page(request, room, day, minutes)


def _rooms_page(
    request: Request,
    code: str,
    raw_day: str,
    minutes: int,
    status: int = 200,
    problems: list[str] | None = None,
) -> Response:
    shop = shop_of(request)
    rooms = _rooms(request)
    today = shop_day(datetime.now(UTC))
    chosen = _day(raw_day[:10], today)
    room = _room(rooms, code[:20])
    slots: list[tuple[datetime, datetime]] = []
    rules = None
    lengths: list[int] = []
    if room is not None:
        rules = rooms.rules(room.id)
        lengths = [
            m
            for m in LENGTHS
            if rules.min_minutes <= m <= rules.max_minutes and m % rules.slot_minutes == 0
        ] or [rules.min_minutes]
        if minutes not in lengths:
            minutes = lengths[min(1, len(lengths) - 1)]
        slots = rooms.free_slots(room.id, chosen, minutes)
    days = [today + timedelta(days=i) for i in range(14)]
    return shop.render(
        request,
        "rooms.html",
        status,
        rooms=rooms.rooms(active_only=True),
        room=room,
        day_chosen=chosen,
        days=days,
        minutes=minutes,
        lengths=lengths,
        slots=slots,
        rules=rules,
        problems=problems or [],
        hm=lambda t: f"{t.astimezone(BANGKOK):%H:%M}",
    )


# --- the booking form -------------------------------------------------------------------------
def _slot(start: str, minutes: str) -> tuple[datetime, datetime]:
    try:
        begin = datetime.fromisoformat(start[:40].replace(" ", "+"))  # a "+" read as a space
        length = int(minutes[:4])
    except ValueError:
        raise PageError(422, "error_422") from None
    if begin.tzinfo is None or not 0 < length <= 24 * 60:
        raise PageError(422, "error_422")
    return begin, begin + timedelta(minutes=length)


@router.get("/rooms/book", response_class=HTMLResponse)
def booking_form(request: Request, room: str = "", start: str = "", minutes: str = "") -> Response:
    begin, end = _slot(start, minutes)
    return _form_page(request, room[:20], begin, end, {}, {})


def _form_page(
    request: Request,
    code: str,
    start: datetime,
    end: datetime,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
    problems: list[str] | None = None,
) -> Response:
    import secrets

    shop = shop_of(request)
    rooms = _rooms(request)
    room = _room(rooms, code)
    if room is None:
        raise PageError(404, "error_404")
    try:
        quote = rooms.quote(room.id, start, end)
    except RoomError as exc:
        return _rooms_page(
            request,
            room.code,
            f"{shop_day(start)}",
            int((end - start).total_seconds() // 60),
            409,
            [exc.message(lang_of(request))],
        )
    key = values.get("idempotency_key") or secrets.token_urlsafe(18)
    return shop.render(
        request,
        "rooms_book.html",
        status,
        room=room,
        start=start,
        end=end,
        quote=quote,
        v=values,
        errors=errors,
        key=key,
        problems=problems or [],
        hm=lambda t: f"{t.astimezone(BANGKOK):%H:%M}",
        minutes=int((end - start).total_seconds() // 60),
        start_day=shop_day(start),
    )


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def checked_booking(values: dict[str, str], lang: str) -> tuple[Customer | None, dict[str, str]]:
    """The visitor's details checked as the checkout checks them (name, Thai mobile)."""
    errors: dict[str, str] = {}
    name = phone = ""
    try:
        name = checked_name(values.get("name", ""))
    except OrderFormError as exc:
        errors["name"] = exc.message(lang)
    try:
        phone = thai_mobile(values.get("phone", ""))
    except OrderFormError as exc:
        errors["phone"] = exc.message(lang)
    raw = values.get("attendees", "1").strip() or "1"
    attendees = int(raw) if raw.isdigit() and 0 < int(raw) < 1000 else 0
    if not attendees:
        errors["attendees"] = (
            "จำนวนผู้เข้าร่วมต้องเป็นตัวเลข"
            if lang == "th"
            else "The number of attendees must be a number"
        )
    if errors:
        return None, errors
    return Customer(
        name,
        phone,
        values.get("organisation", "").strip(),
        values.get("purpose", "").strip(),
        attendees,
    ), errors


@router.post("/rooms/book")
async def book(request: Request) -> Response:
    form = await _form(request)
    return await run_in_threadpool(_book, request, form)


def _book(request: Request, form: FormData) -> Response:
    shop = shop_of(request)
    rooms = _rooms(request)
    lang = lang_of(request)
    key = _field(form, "idempotency_key")
    if not 16 <= len(key) <= 64:
        raise PageError(422, "error_csrf")
    session = session_of(request)
    if key in session.placed:  # a reload or a retry of a booking already made
        return RedirectResponse(f"/rooms/booking/{session.placed[key][0]}", status_code=303)
    code = _field(form, "room")
    start, end = _slot(_field(form, "start"), _field(form, "minutes"))
    values = {name: _field(form, name) for name in BOOKING_FIELDS}
    values["idempotency_key"] = key
    customer, errors = checked_booking(values, lang)
    if customer is None:
        return _form_page(request, code, start, end, values, errors, 422)
    room = _room(rooms, code)
    if room is None:
        raise PageError(404, "error_404")
    if not shop.order_limit.take(client_of(request)):
        raise PageError(429, "error_429")
    try:
        booking = rooms.book(
            room.id, start, end, customer, channel="web", actor=None, idempotency_key=key
        )
        if booking.status is BookingStatus.HELD and booking.deposit > 0:
            rooms.pay_online(booking.booking_no, client=client_of(request))
    except RoomClash as exc:
        return _rooms_page(
            request,
            room.code,
            f"{shop_day(start)}",
            int((end - start).total_seconds() // 60),
            409,
            [exc.message(lang)],
        )
    except ShopError as exc:
        field = getattr(exc, "field", None) or getattr(exc, "rule", None)
        if field in BOOKING_FIELDS:
            return _form_page(
                request, code, start, end, values, {str(field): exc.message(lang)}, 422
            )
        return _form_page(request, code, start, end, values, {}, 409, [exc.message(lang)])
    session = changed(request)
    session.remember(key, booking.booking_no, customer.phone)
    return RedirectResponse(f"/rooms/booking/{booking.booking_no}", status_code=303)


# --- the confirmation -----------------------------------------------------------------------
@router.get("/rooms/booking/{booking_no}", response_class=HTMLResponse)
def booking_page(request: Request, booking_no: str) -> Response:
    """A booking this browser made (its phone kept in the session)."""
    shop = shop_of(request)
    rooms = _rooms(request)
    no = booking_no.strip().upper()[:20]
    phone = session_of(request).phone_of(no)
    if phone is None:
        raise PageError(404, "error_404")
    try:
        booking = rooms.booking(no)
    except ShopError:
        raise PageError(404, "error_404") from None
    if booking.customer.phone != phone:
        raise PageError(404, "error_404")
    order = None
    if booking.order_no:  # the order page opens for this browser too
        session = changed(request)
        session.remember(f"room-{booking.booking_no}", booking.order_no, phone)
        order = shop.orders.lookup(booking.order_no, phone)
    pay_qr = None
    held = booking.status is BookingStatus.HELD
    if (
        held
        and order is not None
        and order.promptpay_payload
        and order.status.value == ("awaiting_payment")
    ):
        pay_qr = qr_svg_data_uri(order.promptpay_payload)
    return shop.render(
        request,
        "rooms_booking.html",
        b=booking,
        order=order,
        pay_qr=pay_qr,
        qr=qr_svg_data_uri(booking.qr),
        hm=lambda t: f"{t.astimezone(BANGKOK):%H:%M}",
    )
