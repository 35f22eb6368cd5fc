"""The schema: catalogue, stock, sales, sequences and the sync outbox (SQLite and PostgreSQL).

One module per capability; every table is importable from here (`from db import models as m`).
"""

from __future__ import annotations

from db.models.audit import AuditEntry
from db.models.base import NAMING, Base, Id, Money, Pct, Qty, UTCDateTime, new_id, utcnow
from db.models.catalog import (
    BasketComponent,
    BasketTemplate,
    Category,
    Certification,
    PriceChange,
    Producer,
    Product,
    ProductBarcode,
    Setting,
    User,
)
from db.models.chat import ChatContact, ChatEvent, ChatMessage, ChatOrderLink, ChatOutbox
from db.models.curation import CurationApplication, CurationReview, CurationScore
from db.models.orders import Order, OrderEventRow, OrderLine, Reservation
from db.models.printing import LabelPrint, PrintJob
from db.models.returns import Refund, RefundLine
from db.models.rooms import (
    RoomBooking,
    RoomBookingEvent,
    RoomCounter,
    RoomHoliday,
    RoomPaymentRow,
    RoomRow,
    RoomRulesRow,
)
from db.models.sales import (
    ParkedSale,
    Payment,
    Sale,
    SaleBasket,
    SaleLine,
    SaleNote,
    StockMovement,
    TaxInvoice,
)
from db.models.secrets import ShopSecret
from db.models.shifts import (
    Approval,
    CashMovement,
    JournalEntry,
    RekeyedId,
    ReportDay,
    Shift,
    ZReport,
)
from db.models.stock import (
    StockDocument,
    StockDocumentLine,
    StockMonth,
    StockMonthSummary,
    StockThreshold,
)
from db.models.sync import CentralStock, OutboxEvent, SyncState
from db.models.tea import TeaLine, TeaMenuItem, TeaOrder, TeaOrderDay, TeaTicket
from db.models.terminals import ReceiptSequence, Shop, Terminal
from db.models.tracking import OrderTracking, OrderTrackingEvent

__all__ = [
    "NAMING",
    "Approval",
    "AuditEntry",
    "Base",
    "BasketComponent",
    "BasketTemplate",
    "CashMovement",
    "Category",
    "CentralStock",
    "Certification",
    "ChatContact",
    "ChatEvent",
    "ChatMessage",
    "ChatOrderLink",
    "ChatOutbox",
    "CurationApplication",
    "CurationReview",
    "CurationScore",
    "Id",
    "JournalEntry",
    "LabelPrint",
    "Money",
    "Order",
    "OrderEventRow",
    "OrderLine",
    "OrderTracking",
    "OrderTrackingEvent",
    "OutboxEvent",
    "ParkedSale",
    "Payment",
    "Pct",
    "PriceChange",
    "PrintJob",
    "Producer",
    "Product",
    "ProductBarcode",
    "Qty",
    "ReceiptSequence",
    "Refund",
    "RefundLine",
    "RekeyedId",
    "ReportDay",
    "Reservation",
    "RoomBooking",
    "RoomBookingEvent",
    "RoomCounter",
    "RoomHoliday",
    "RoomPaymentRow",
    "RoomRow",
    "RoomRulesRow",
    "Sale",
    "SaleBasket",
    "SaleLine",
    "SaleNote",
    "Setting",
    "Shift",
    "Shop",
    "ShopSecret",
    "StockDocument",
    "StockDocumentLine",
    "StockMonth",
    "StockMonthSummary",
    "StockMovement",
    "StockThreshold",
    "SyncState",
    "TaxInvoice",
    "TeaLine",
    "TeaMenuItem",
    "TeaOrder",
    "TeaOrderDay",
    "TeaTicket",
    "Terminal",
    "UTCDateTime",
    "User",
    "ZReport",
    "new_id",
    "utcnow",
]
