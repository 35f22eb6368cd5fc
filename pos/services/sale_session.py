"""The sale in progress, outside Qt: its cart, owner, payments taken, approvals and F12's needs.

The session runs on the UI thread; what touches the database (park, recall, commit) is handed
out as a job to run on the till's worker, and its outcome comes back through the session's
`*_done` methods. Views (the till window, a customer display) observe it by listening.

Import-light: the till's first frame builds one before the store opens, so everything beyond
the cart and the roles is imported where it is first used (by then the checkout loaded it).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from pos.domain.auth import Action, Actor
from pos.domain.cart import Cart, CartGroup, CartLine, Discount, new_cart

if TYPE_CHECKING:
    from pos.domain.approvals import ApprovalNeed
    from pos.domain.payment import Tender
    from pos.domain.sale import Receipt
    from pos.domain.scan import ScanResult
    from pos.domain.settings import Settings
    from pos.services.auth import Approval
    from pos.services.checkout import Checkout


class Change(Enum):
    """What changed in a session (what a listener is told)."""

    CART = "cart"  # a new cart: a new sale, or a recalled one
    LINES = "lines"  # lines added, changed or removed in the same cart
    OWNER = "owner"  # who is at the till (log-in, log-out) and whose sale the cart is
    SHIFT = "shift"  # the counter's shift opened or closed
    PAYMENT = "payment"  # payments taken, payment started, approvals granted
    BUSY = "busy"  # a park, recall or commit started or ended


class CartBusy(Enum):
    """The operation that owns the cart while it runs on the worker."""

    PARK = "park"
    RECALL = "recall"
    COMMIT = "commit"


class Readiness(Enum):
    """What F12 (pay) needs first."""

    BUSY = "busy"  # the cart is being parked, recalled or saved
    NEEDS_LOGIN = "needs_login"
    EMPTY_CART = "empty_cart"
    NEEDS_SHIFT = "needs_shift"
    NEEDS_APPROVAL = "needs_approval"
    READY = "ready"


@dataclass(frozen=True, slots=True)
class PayCheck:
    readiness: Readiness
    approval: ApprovalNeed | None = None  # the approval to ask for (NEEDS_APPROVAL)
    reason: str = ""  # the reason the cashier already gave for it ("": the manager gives one)


class LogoutBlock(Enum):
    """Why the cashier cannot log out now (None from `logout_block`: they can)."""

    BUSY = "busy"
    PAYMENTS_TAKEN = "payments_taken"


Listener = Callable[[Change], None]


class SaleSession:
    """One counter's sale in progress. Not thread-safe: use it from the UI thread only."""

    def __init__(self, settings: Settings, *, approvals: bool = False) -> None:
        """`approvals`: a manager can approve by PIN here (the store has users)."""
        self.settings = settings
        self.approvals_possible = approvals
        self.checkout: Checkout | None = None  # set once the store is open
        self._cart = new_cart(settings)
        self._listeners: list[Listener] = []
        self.actor: Actor | None = None  # who is logged in at the till
        self.owner: Actor | None = None  # whose sale the cart is
        self.shift_open: bool | None = None  # None: not known (no shifts on this till)
        self.tenders: list[Tender] = []  # payments taken and kept while the dialog is closed
        self.payment_started = False  # the payment dialog was opened for this sale
        self.approvals: list[Approval] = []  # a manager's yes for this sale
        self.busy: CartBusy | None = None
        self.pending_scans = 0  # scans sent for look-up whose answer has not come back
        self._after_scans: Callable[[], None] | None = None

    # --- listeners ----------------------------------------------------------------------
    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` on every change; returns the function that stops it."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop

    def _tell(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # --- the store ----------------------------------------------------------------------
    def attach(self, checkout: Checkout, *, approvals: bool) -> None:
        """The store is open: park, recall and commit go through `checkout`."""
        self.checkout = checkout
        self.approvals_possible = approvals
        if self._cart.is_empty:  # nothing reaches the cart before the store is open
            self._replace(checkout.new_cart())

    def _checkout(self) -> Checkout:
        if self.checkout is None:
            raise RuntimeError("the store is not open yet")
        return self.checkout

    # --- the cart -----------------------------------------------------------------------
    @property
    def cart(self) -> Cart:
        return self._cart

    def _replace(self, cart: Cart) -> None:
        self._cart = cart
        self._tell(Change.CART)

    def new_sale(self) -> None:
        """An empty cart; the payments, approvals and payment state go with the old one."""
        self.tenders = []
        self.payment_started = False
        self.approvals = []
        self._replace(new_cart(self.settings))

    def add_scan(self, scan: ScanResult) -> int:
        """Put a looked-up scan in the cart; returns the row it landed in."""
        from pos.domain.scan import add_to_cart  # loaded by then: the scan came from it

        row = add_to_cart(self._cart, scan)
        self._tell(Change.LINES)
        return row

    def add_line(self, line: CartLine) -> int:
        """Put a ready-made line in the cart (a tea-corner drink, a room booking's payment);
        returns its row."""
        row = self._cart.add_line(line)
        self._tell(Change.LINES)
        return row

    def add_basket(self, add: Callable[[Cart], CartGroup]) -> int:
        """Put a gift basket in the cart (`add` does it); returns its first row."""
        group = add(self._cart)
        row = self._cart.index_of(self._cart.group_lines(group.group_id)[0].line_id)
        self._tell(Change.LINES)
        return row

    def set_quantity(self, line_id: str, quantity: Decimal) -> None:
        self._cart.set_quantity(line_id, quantity)
        self._tell(Change.LINES)

    def remove_line(self, line_id: str) -> tuple[CartLine, CartGroup | None]:
        """Take a line off (a basket's item takes its basket); returns it and its basket."""
        group_id = self._cart.lines[self._cart.index_of(line_id)].group_id
        group = None if group_id is None else self._cart.groups.get(group_id)
        line = self._cart.remove(line_id)
        self._tell(Change.LINES)
        return line, group

    def set_line_discount(self, line_id: str, discount: Discount | None) -> None:
        self._cart.set_line_discount(line_id, discount)
        self._tell(Change.LINES)

    def set_sale_discount(self, discount: Discount | None) -> None:
        self._cart.set_sale_discount(discount)
        self._tell(Change.LINES)

    def set_unit_price(self, line_id: str, price: Decimal) -> None:
        """A price typed at the counter; a manager approves the price as it is now."""
        self._cart.set_unit_price(line_id, price)
        self.approvals = [a for a in self.approvals if a.action is not Action.PRICE_OVERRIDE]
        self._tell(Change.LINES)

    # --- scans on their way ---------------------------------------------------------------
    def scan_sent(self) -> None:
        self.pending_scans += 1

    def scan_answered(self) -> None:
        """A look-up came back (in the cart or failed); runs what waited for the scans."""
        self.pending_scans -= 1
        if self.pending_scans == 0 and self._after_scans is not None:
            then, self._after_scans = self._after_scans, None
            then()

    def when_scans_done(self, then: Callable[[], None]) -> bool:
        """Run `then` once every scan sent so far is answered; True if it has to wait."""
        if self.pending_scans:
            self._after_scans = then
            return True
        then()
        return False

    # --- who is at the till ---------------------------------------------------------------
    def log_in(self, actor: Actor, shift_open: bool | None) -> Actor | None:
        """`actor` takes the till. Returns the previous owner whose sale must be parked (for
        them to recall), or None: another cashier's sale is never sold under this name."""
        self.actor = actor
        self.shift_open = shift_open
        previous, self.owner = self.owner, actor
        self._tell(Change.OWNER)
        if previous is not None and previous.user_id != actor.user_id and not self._cart.is_empty:
            return previous
        return None

    def logout_block(self) -> LogoutBlock | None:
        if self.busy is not None:
            return LogoutBlock.BUSY
        if self.tenders:
            return LogoutBlock.PAYMENTS_TAKEN
        return None

    def log_out(self) -> None:
        """Nobody at the till; the cart stays for its owner."""
        self.actor = None
        self._tell(Change.OWNER)

    def set_shift_open(self, is_open: bool) -> None:
        self.shift_open = is_open
        self._tell(Change.SHIFT)

    # --- approvals ------------------------------------------------------------------------
    def _wanted(self, need: ApprovalNeed | None) -> ApprovalNeed | None:
        """`need`, if the actor's role does not cover it and a manager can approve it."""
        from pos.domain.approvals import still_needed

        if need is None or self.actor is None or not self.approvals_possible:
            return None
        granted = [a.action for a in self.approvals]
        wanted = still_needed([need], self.actor, granted)
        return wanted[0] if wanted else None

    def pay_approval(self) -> ApprovalNeed | None:
        """The first approval paying still needs (a discount above the limit, a typed price)."""
        from pos.domain.approvals import approvals_needed, still_needed

        if self.actor is None or not self.approvals_possible:
            return None
        needs = approvals_needed(
            self._cart,
            discount_limit_pct=self.settings.discount_limit_pct,
            layout=self.settings.vm_layout,
        )
        wanted = still_needed(needs, self.actor, [a.action for a in self.approvals])
        return wanted[0] if wanted else None

    def removal_approval(self, row: int) -> ApprovalNeed | None:
        """What taking line `row` off needs approved (once payment has started)."""
        from pos.domain.approvals import removal_need

        line = self._cart.lines[row]
        return self._wanted(removal_need(line, payment_started=self.payment_started))

    def cancel_approval(self) -> ApprovalNeed | None:
        """What cancelling this sale needs approved (a sale with lines in it)."""
        from pos.domain.approvals import cancel_need

        return self._wanted(cancel_need(self._cart))

    def grant(self, approval: Approval) -> None:
        """A manager approved one action for this sale (spent when the sale commits)."""
        self.approvals.append(approval)
        self._tell(Change.PAYMENT)

    # --- paying ---------------------------------------------------------------------------
    def pay_check(self) -> PayCheck:
        """What F12 needs first, in the order the till asks for it."""
        if self.busy is not None:
            return PayCheck(Readiness.BUSY)
        if self.approvals_possible and self.actor is None:
            return PayCheck(Readiness.NEEDS_LOGIN)
        if self._cart.is_empty:
            return PayCheck(Readiness.EMPTY_CART)
        if self.shift_open is False:
            return PayCheck(Readiness.NEEDS_SHIFT)
        need = self.pay_approval()
        if need is not None:
            reason = self.discount_reason() if need.action is Action.DISCOUNT_OVER_LIMIT else ""
            return PayCheck(Readiness.NEEDS_APPROVAL, need, reason)
        return PayCheck(Readiness.READY)

    def discount_reason(self) -> str:
        """The reasons typed for the discounts above the limit (each once, in cart order):
        what the manager approves, without asking the cashier for a reason again."""
        # each discount measured as the approval rule measures it (sale_rules.max_discount_pct)
        taken = [
            (line.discount.reason, line.discount_amount, line.gross)
            for line in self._cart
            if line.discount is not None
        ]
        sale = self._cart.sale_discount
        if sale is not None:
            subtotal = sum((line.net for line in self._cart), Decimal(0))
            taken.append((sale.reason, sale.amount_off(subtotal), subtotal))
        limit = self.settings.discount_limit_pct
        reasons = [why.strip() for why, off, base in taken if base > 0 and off * 100 / base > limit]
        return "; ".join(dict.fromkeys(r for r in reasons if r))[:200]

    def start_payment(self) -> tuple[Decimal, list[Tender], bool]:
        """The payment dialog opens: (amount due, payments kept, whether the kept payments no
        longer fit the total and were dropped)."""
        from pos.domain.errors import PaymentError
        from pos.domain.payment import settle

        self.payment_started = True
        due = self._cart.totals().total
        dropped = False
        try:
            settle(due, self.tenders)
        except PaymentError:
            self.tenders, dropped = [], True
        self._tell(Change.PAYMENT)
        return due, list(self.tenders), dropped

    def hold_tenders(self, tenders: list[Tender]) -> None:
        """The payment dialog closed without a sale: the payments taken are kept."""
        self.tenders = list(tenders)
        self._tell(Change.PAYMENT)

    # --- park, recall, commit: jobs for the worker ----------------------------------------
    def _begin(self, busy: CartBusy) -> None:
        self.busy = busy
        self._tell(Change.BUSY)

    def _end(self) -> None:
        self.busy = None
        self._tell(Change.BUSY)

    def park_job(self, label: str, owner: Actor | None = None) -> Callable[[], str]:
        """Park a copy of the cart under `label` as `owner`'s sale (by default the cashier at
        the till); the job returns the parked id."""
        checkout, snapshot = self._checkout(), copy.deepcopy(self._cart)
        who = owner or self.actor
        name = "" if who is None else who.display_name
        self._begin(CartBusy.PARK)
        return lambda: checkout.park(snapshot, label, name)

    def park_done(self) -> None:
        self._end()
        self.new_sale()

    def recall_job(self, parked_id: str) -> Callable[[], Cart]:
        checkout = self._checkout()
        self._begin(CartBusy.RECALL)
        return lambda: checkout.recall(parked_id)

    def recall_done(self, cart: Cart) -> None:
        self._end()
        self.tenders = []
        self.payment_started = False
        self.approvals = []
        self._replace(cart)

    def commit_job(self, tenders: list[Tender]) -> Callable[[], Receipt]:
        """Commit a copy of the cart, paid by `tenders`, as the logged-in cashier's sale."""
        from pos.domain.errors import ShopError

        checkout, cart, actor = self._checkout(), copy.deepcopy(self._cart), self.actor
        approvals = list(self.approvals)
        self._begin(CartBusy.COMMIT)

        def work() -> Receipt:
            if actor is None:
                raise ShopError("Log in first (Ctrl+F1)", "กรุณาเข้าสู่ระบบก่อน (Ctrl+F1)")
            return checkout.complete(cart, tenders, actor=actor, approvals=approvals)

        return work

    def commit_done(self) -> None:
        self._end()
        self.new_sale()

    def commit_failed(self) -> None:
        """Spent or refused: the next try asks the manager again."""
        self.approvals = []
        self._end()

    def job_failed(self) -> None:
        """A park or recall failed: the cart is as it was."""
        self._end()
