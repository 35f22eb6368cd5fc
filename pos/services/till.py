"""What the till window is handed by the composition root: services, settings, identity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # named in annotations only: the till's first frame imports none of them
    from pos.domain.refund import RefundReceipt
    from pos.domain.sale import Receipt
    from pos.domain.settings import Settings
    from pos.ports.catalog import CatalogMarker
    from pos.ports.terminals import TerminalInfo
    from pos.services.auth import Auth
    from pos.services.baskets import Baskets
    from pos.services.checkout import Checkout
    from pos.services.customer_display import Showcase
    from pos.services.orders import Orders
    from pos.services.printing import PrintQueue, TaxInvoices, TestPages
    from pos.services.returns import Returns
    from pos.services.rooms import Rooms
    from pos.services.search import ProductIndex
    from pos.services.settings import SettingsTaken
    from pos.services.shifts import Shifts
    from pos.services.sync import SyncService
    from pos.services.tea import TeaCorner


@dataclass
class TillContext:
    checkout: Checkout
    settings: Settings
    terminal: TerminalInfo
    load_index: Callable[[], ProductIndex]
    render_receipt: Callable[[Receipt], str]  # the receipt as preview text (printer width)
    store_label: str = ""
    baskets: Baskets | None = None  # F7 gift baskets (None: the key says it is not set up)
    print_queue: PrintQueue | None = None  # printer status banner (None: no printer)
    test_pages: TestPages | None = None  # the printer setup's test page (None: no setup)
    tax_invoices: TaxInvoices | None = None  # full tax invoices (None: not VAT-registered)
    sync: SyncService | None = None  # the central sync (None: a stand-alone counter)
    auth: Auth | None = None  # PIN log-in and manager approvals (None: nobody can sell)
    shifts: Shifts | None = None  # open/close the counter's shift, paid-in/out, X/Z reports
    returns: Returns | None = None  # find a sale by its receipt, refund it (None: no refunds)
    render_refund: Callable[[RefundReceipt], str] | None = None  # the refund slip as preview text
    # the catalogue's state, compared with the index's to see an import or a pull (None: the
    # index is never refreshed)
    catalog_marker: Callable[[], CatalogMarker] | None = None
    # the back office's services (pos.app's Services), opened from the menu by a manager
    back_office: object | None = None
    # settings saved in that back office: handed to the till (watch), which takes them on its
    # worker (take: what the services use now); None: the till keeps its settings to the end
    take_settings: Callable[[Settings], SettingsTaken] | None = None
    watch_settings: Callable[[Callable[[Settings], None]], None] | None = None
    # the room bookings (the booking key's payments, the calendar); None: no room here
    rooms: Rooms | None = None
    # the customer display's slideshow and photos (None: a display with no stories)
    load_showcase: Callable[[], Showcase] | None = None
    # the stock figure beside a scanned or found product, with what online orders hold
    # ("reserved N"); None: the till shows no stock figure
    orders: Orders | None = None
    # the tea corner: the menu pad, the orders window, the display's "order ready" (None: none)
    tea: TeaCorner | None = None
