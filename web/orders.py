"""The customer's side of an order: the basket, checkout, confirmation, slip and status pages."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from pos.domain.districts import find_province
from pos.domain.errors import ShopError
from pos.domain.orders import (
    Fulfilment,
    OrderFormError,
    OrderLineRequest,
    OrderStatus,
    OutOfStockOnline,
    PaymentMethod,
    check_payment,
    checked_address,
    checked_name,
    customer_details,
    order_quantity,
    province_names,
    thai_mobile,
    thai_postcode,
)
from pos.domain.taxinvoice import Buyer
from pos.ports.orders import OrderView, Quote
from web.chat_links import contact_of, order_channel
from web.errors import PageError
from web.i18n import text
from web.pages import Shop, changed, client_of, lang_of, session_of, shop_of
from web.qr import qr_svg_data_uri

router = APIRouter()

MAX_FIELD = 400  # any field longer than this is refused before it is looked at
MAX_SLIP_BYTES = 5 * 1024 * 1024
CHECKOUT_FIELDS = (
    "name", "phone", "email", "fulfilment", "address_line", "subdistrict", "district",
    "province", "postcode", "note", "payment", "tax_invoice", "tax_id", "tax_name",
    "tax_address", "tax_branch",
)  # fmt: skip


async def _form(request: Request) -> FormData:
    """The posted form (no files), refused unless its CSRF token is this session's."""
    form = await request.form(max_files=0, max_fields=40)
    _check_csrf(request, form)
    return form


def _check_csrf(request: Request, form: FormData) -> None:
    token = form.get("csrf_token")
    signer = shop_of(request).signer
    if not signer.csrf_ok(session_of(request), token if isinstance(token, str) else None):
        raise PageError(422, "error_csrf")


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _lines(request: Request) -> list[OrderLineRequest]:
    return [OrderLineRequest(k, r, q) for k, r, q in session_of(request).basket]  # type: ignore[arg-type]


# --- the basket ------------------------------------------------------------------------------
def _basket_page(
    request: Request, quote: Quote | None, status: int = 200, problems: list[str] | None = None
) -> Response:
    shop = shop_of(request)
    lang = lang_of(request)
    names = (
        {(q.kind, q.ref): q.name_th if lang == "th" else q.name_en for q in quote.lines}
        if quote
        else {}
    )
    shortages = [
        text(
            lang,
            "shortage",
            name=names.get(("product", ref)) or names.get(("basket", ref)) or ref,
            n=n,
        )
        for ref, n in (quote.shortages.items() if quote else ())
    ]
    return shop.render(
        request, "basket.html", status, quote=quote, problems=[*(problems or []), *shortages]
    )


def _quote(shop: Shop, lines: list[OrderLineRequest], how: Fulfilment) -> Quote | None:
    return shop.orders.quote(lines, how) if lines else None


@router.get("/basket", response_class=HTMLResponse)
def basket(request: Request) -> Response:
    return _basket_page(request, _quote(shop_of(request), _lines(request), Fulfilment.DELIVERY))


def _exists(shop: Shop, kind: str, ref: str) -> bool:
    if len(ref) > 64:
        return False
    if kind == "product":
        return shop.orders.product(ref) is not None
    return kind == "basket" and shop.orders.basket(ref) is not None


@router.post("/basket/add")
async def basket_add(request: Request) -> Response:
    """One product or gift basket into the basket (its ref and quantity, never a price)."""
    form = await _form(request)
    return await run_in_threadpool(_basket_add, request, form)


def _basket_add(request: Request, form: FormData) -> Response:
    shop = shop_of(request)
    kind, ref = _field(form, "kind"), _field(form, "ref")
    quantity = _quantity(_field(form, "quantity"))
    if not _exists(shop, kind, ref):
        raise PageError(422, "unknown_product")
    session = changed(request)
    lines = dict(((k, r), q) for k, r, q in session.basket)
    if (kind, ref) not in lines and len(lines) >= MAX_BASKET:
        raise PageError(422, "basket_full", n=MAX_BASKET)
    lines[(kind, ref)] = min(lines.get((kind, ref), 0) + quantity, 99)
    session.basket = [(k, r, q) for (k, r), q in lines.items()]
    return RedirectResponse("/basket", status_code=303)


MAX_BASKET = 30


def _quantity(raw: str) -> int:
    try:
        return order_quantity(raw[:5])
    except OrderFormError:
        raise PageError(422, "bad_quantity") from None


@router.post("/basket/set")
async def basket_set(request: Request) -> Response:
    """A line's new quantity, or the line removed (`remove`)."""
    form = await _form(request)
    return await run_in_threadpool(_basket_set, request, form)


def _basket_set(request: Request, form: FormData) -> Response:
    kind, ref = _field(form, "kind"), _field(form, "ref")
    session = changed(request)
    if _field(form, "remove"):
        session.basket = [x for x in session.basket if (x[0], x[1]) != (kind, ref)]
    else:
        quantity = _quantity(_field(form, "quantity"))
        session.basket = [
            (k, r, quantity if (k, r) == (kind, ref) else q) for k, r, q in session.basket
        ]
    return RedirectResponse("/basket", status_code=303)


# --- checkout --------------------------------------------------------------------------------
def _checkout_page(
    request: Request,
    key: str,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    status: int = 200,
    problems: list[str] | None = None,
) -> Response:
    shop = shop_of(request)
    how = Fulfilment.PICKUP if values.get("fulfilment") == "pickup" else Fulfilment.DELIVERY
    quote = _quote(shop, _lines(request), how)
    if quote is None:
        return RedirectResponse("/basket", status_code=303)
    return shop.render(
        request, "checkout.html", status, key=key, v=values, errors=errors, quote=quote,
        provinces=province_names(), problems=problems or [],
    )  # fmt: skip


@router.get("/checkout", response_class=HTMLResponse)
def checkout(request: Request) -> Response:
    """The form; its idempotency key is made now, so a double click or a retry is one order."""
    values = {"fulfilment": "delivery", "payment": "promptpay", "province": "ขอนแก่น"}
    if (contact := contact_of(request)) is not None and contact.display_name:
        values["name"] = contact.display_name[:MAX_FIELD]  # the LINE profile's name, to edit
    return _checkout_page(request, secrets.token_urlsafe(18), values, {})


def checked_form(values: Mapping[str, str], lang: str) -> tuple[Any, dict[str, str]]:
    """(CustomerDetails or None, {field: message}) with every bad field named at once."""
    errors: dict[str, str] = {}

    def check(field: str, run: Any) -> None:
        try:
            run()
        except ShopError as exc:
            errors.setdefault(getattr(exc, "field", field), exc.message(lang))

    for name in CHECKOUT_FIELDS:
        if len(values.get(name, "")) > MAX_FIELD:
            errors[name] = text(lang, "field_too_long", n=MAX_FIELD)
    check("name", lambda: checked_name(values.get("name", "")))
    check("phone", lambda: thai_mobile(values.get("phone", "")))
    delivery = values.get("fulfilment") != "pickup"
    if delivery:
        check("address_line", lambda: checked_address(values.get("address_line", "")))
        place = find_province(values.get("province", ""))
        check("postcode", lambda: thai_postcode(values.get("postcode", ""), place))
    check("payment", lambda: _payment(values))
    buyer = None
    if values.get("tax_invoice"):
        try:
            buyer = Buyer.checked(
                values.get("tax_name", ""), values.get("tax_address", ""),
                values.get("tax_id", ""), values.get("tax_branch", ""),
            )  # fmt: skip
        except ShopError as exc:
            errors.setdefault("tax_id", exc.message(lang))
    if errors:
        return None, errors
    fields = ("name", "phone", "fulfilment", "address_line", "subdistrict", "district",
              "province", "postcode", "email", "note")  # fmt: skip
    try:
        details = customer_details(**{f: values.get(f, "") for f in fields}, tax_invoice=buyer)
    except OrderFormError as exc:
        return None, {exc.field: exc.message(lang)}
    return details, {}


def _payment(values: Mapping[str, str]) -> PaymentMethod:
    try:
        payment = PaymentMethod(values.get("payment", ""))
    except ValueError:
        raise OrderFormError("payment", "Choose how to pay", "กรุณาเลือกวิธีชำระเงิน") from None
    pickup = values.get("fulfilment") == "pickup"
    check_payment(payment, Fulfilment.PICKUP if pickup else Fulfilment.DELIVERY)
    return payment


@router.post("/checkout")
async def place(request: Request) -> Response:
    """Place the order: the basket's lines at the catalogue's prices, in one transaction."""
    form = await _form(request)
    return await run_in_threadpool(_place, request, form)


def _place(request: Request, form: FormData) -> Response:
    shop = shop_of(request)
    lang = lang_of(request)
    key = _field(form, "idempotency_key")
    session = session_of(request)
    if not 16 <= len(key) <= 64:
        raise PageError(422, "error_csrf")
    if key in session.placed:  # a reload or a retry of an order already placed
        return _to_order(session.placed[key][0])
    values = {name: _field(form, name) for name in CHECKOUT_FIELDS}
    details, errors = checked_form(values, lang)
    if details is None:
        return _checkout_page(request, key, values, errors, 422)
    lines = _lines(request)
    if not lines:
        return RedirectResponse("/basket", status_code=303)
    if not shop.order_limit.take(client_of(request)):
        raise PageError(429, "error_429")
    payment = PaymentMethod(values["payment"])
    try:
        order = shop.orders.place(
            key, details, lines, payment, channel=order_channel(request),
            client=client_of(request), contact=contact_of(request),
        )  # fmt: skip
    except OutOfStockOnline as exc:
        return _basket_page(request, _quote(shop, lines, details.fulfilment), 409,
                            [exc.message(lang)])  # fmt: skip
    except OrderFormError as exc:
        return _checkout_page(request, key, values, {exc.field: exc.message(lang)}, 422)
    session = changed(request)
    session.basket = []
    session.remember(key, order.order_no, details.phone)
    return _to_order(order.order_no)


def _to_order(order_no: str) -> Response:
    return RedirectResponse(f"/order/{order_no}", status_code=303)


# --- the order: confirmation, slip, status ---------------------------------------------------
def _order_page(request: Request, order: OrderView, status: int = 200, **extra: Any) -> Response:
    shop = shop_of(request)
    qr = None
    if order.promptpay_payload and order.status.value == "awaiting_payment":
        qr = qr_svg_data_uri(order.promptpay_payload)
    extra.setdefault("slip", None)
    return shop.render(
        request, "order.html", status, o=order, qr=qr, tracking=_tracking(order, lang_of(request)),
        stages=stages(order), can_upload=qr is not None and not order.slip_path, **extra,
    )  # fmt: skip


def stages(order: OrderView) -> list[tuple[OrderStatus, str]]:
    """The stages the order goes through, each "done", "current" or "todo" (or cancelled)."""
    if order.status is OrderStatus.CANCELLED:
        return [(OrderStatus.CANCELLED, "cancelled")]
    pickup = order.customer.fulfilment is Fulfilment.PICKUP
    path = (
        [OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID]
        if order.payment is PaymentMethod.PROMPTPAY
        else [OrderStatus.NEW]
    )
    path += [OrderStatus.PICKING, OrderStatus.PACKED]
    path += [OrderStatus.DELIVERED] if pickup else [OrderStatus.SHIPPED, OrderStatus.DELIVERED]
    at = path.index(order.status) if order.status in path else 0
    return [(s, "done" if i < at else "current" if i == at else "todo") for i, s in enumerate(path)]


def _tracking(order: OrderView, lang: str) -> tuple[str, str] | None:
    """(the carrier's name, its public tracking page of the parcel) once it is shipped."""
    if not order.tracking_no or not order.carrier:
        return None
    try:  # the carriers' rules (pos.domain.shipping) come with the orders window's work
        from pos.domain.shipping import Carrier, tracking_url
    except ImportError:
        return None
    try:
        carrier = Carrier(order.carrier)
    except ValueError:
        return None
    url = tracking_url(carrier, order.tracking_no)
    return (carrier.label.pick(lang), url) if url else None


@router.get("/order/{order_no}", response_class=HTMLResponse)
def order_page(request: Request, order_no: str) -> Response:
    """An order this browser placed (its phone kept in the session); else the status form."""
    shop = shop_of(request)
    phone = session_of(request).phone_of(order_no)
    found = shop.orders.lookup(order_no, phone) if phone else None
    if found is None:
        return RedirectResponse(f"/order?no={order_no[:20]}", status_code=303)
    return _order_page(request, found, slip=request.query_params.get("slip"))


@router.get("/order", response_class=HTMLResponse)
def status_page(request: Request, no: str = "", phone: str = "") -> Response:
    """The customer's status page: the order number and the mobile number it was placed with."""
    shop = shop_of(request)
    no, phone = no.strip()[:20], phone.strip()[:20]
    found = None
    if no and phone:
        try:
            found = shop.orders.lookup(no.upper(), thai_mobile(phone))
        except OrderFormError:
            found = None
        if found is not None:
            return _order_page(request, found)
    missing = bool(no and phone)
    return shop.render(
        request, "status.html", 404 if missing else 200, no=no, phone=phone, missing=missing
    )


@router.post("/order/{order_no}/slip")
async def slip(request: Request, order_no: str) -> Response:
    """The customer's transfer slip (JPEG or PNG, up to 5 MB) for a PromptPay order."""
    form = await request.form(max_files=1, max_fields=10)
    try:
        _check_csrf(request, form)
        phone = session_of(request).phone_of(order_no)
        upload = form.get("slip")
        if phone is None:
            raise PageError(404, "error_404")
        if not isinstance(upload, UploadFile) or not upload.size:
            raise PageError(422, "slip_missing")
        data = await upload.read(MAX_SLIP_BYTES + 1)
        content_type = upload.content_type or ""
    finally:
        await form.close()
    if len(data) > MAX_SLIP_BYTES:
        raise PageError(413, "error_413")
    orders = shop_of(request).orders
    await run_in_threadpool(orders.attach_slip, order_no, phone, data, content_type)
    return RedirectResponse(f"/order/{order_no}?slip=1", status_code=303)
