"""Shipping an order: its label (sender, recipient, COD, tracking number, status QR), saved as a
PDF or printed on the label printer, and the pick list of a set of orders."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pos.domain.orders import CustomerDetails, PaymentMethod
from pos.domain.settings import Settings
from pos.domain.shipping import Carrier, ShippingLabel, check_tracking, status_page_url
from pos.ports.clock import Clock
from pos.ports.orders import OrderView, PickList
from pos.ports.shipping import ShippingDocuments

DEFAULT_BASE_URL = "https://otop.example"  # the web shop's address when no setting names it
_BANGKOK = "กรุงเทพมหานคร"


def _prefixed(prefix: str, text: str) -> str:
    return text if not text or text.startswith(prefix) else f"{prefix}{text}"


def thai_area(c: CustomerDetails) -> tuple[str, str, str]:
    """Sub-district, district and province as an address writes them: ต. อ. จ., or แขวง and
    เขต in Bangkok."""
    bangkok = c.province == _BANGKOK
    return (
        _prefixed("แขวง" if bangkok else "ต.", c.subdistrict),
        _prefixed("เขต" if bangkok else "อ.", c.district),
        c.province if bangkok else _prefixed("จ.", c.province),
    )


def shipping_label_for(
    order: OrderView, settings: Settings, carrier: Carrier, tracking_no: str
) -> ShippingLabel:
    """The label of an order: the shop sends, the customer receives; COD shows the total
    the carrier collects. The tracking number is checked for the carrier."""
    c = order.customer
    base = str(getattr(settings, "web_base_url", "") or DEFAULT_BASE_URL)
    return ShippingLabel(
        order_no=order.order_no,
        carrier=carrier,
        tracking_no=check_tracking(carrier, tracking_no),
        sender_name=settings.shop_name_th,
        sender_address=settings.address_th,
        sender_phone=str(getattr(settings, "shop_phone", "") or ""),
        recipient_name=c.name,
        recipient_address=(c.address_line, *thai_area(c)),
        postcode=c.postcode,
        recipient_phone=c.phone,
        cod_amount=order.total if order.payment is PaymentMethod.COD else None,
        status_url=status_page_url(base, order.order_no),
        note=c.note,
    )


class ShippingDesk:
    """The orders window's documents: labels and pick lists (built once in bootstrap)."""

    def __init__(self, settings: Settings, documents: ShippingDocuments, clock: Clock) -> None:
        self.settings = settings
        self.documents = documents
        self.clock = clock

    def label(self, order: OrderView, carrier: Carrier, tracking_no: str) -> ShippingLabel:
        return shipping_label_for(order, self.settings, carrier, tracking_no)

    def save_label(
        self, order: OrderView, carrier: Carrier, tracking_no: str, path: Path
    ) -> ShippingLabel:
        """The order's label as a 100x150 mm PDF at `path`."""
        label = self.label(order, carrier, tracking_no)
        self.documents.write_labels([label], path)
        return label

    def print_label(
        self, device: object, order: OrderView, carrier: Carrier, tracking_no: str
    ) -> ShippingLabel:
        """The order's label drawn on the label printer (`device`: its QPrinter)."""
        label = self.label(order, carrier, tracking_no)
        self.documents.paint_labels(device, [label])
        return label

    def save_pick_list(self, picks: PickList, path: Path) -> int:
        """The pick list as an A4 PDF at `path`, stamped with the time; returns the pages."""
        return self.documents.write_pick_list(picks, self.settings, path, self.now())

    def now(self) -> datetime:
        return self.clock.now()
