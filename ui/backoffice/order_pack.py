"""The orders page's picking and packing: start picking, the pick list PDF, and packing by
scanning each unit into the focused scan field (a wrong product or one too many is refused;
the order is packed when every unit is ticked)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QLineEdit

from pos.domain.auth import Action
from pos.domain.errors import ShopError
from pos.domain.orders import OrderStatus, can_move
from pos.domain.shop_time import BANGKOK
from pos.ports.orders import OrderView, PackProgress, PickList
from ui import style
from ui.backoffice.listing import form_button
from ui.backoffice.orders_common import OrderHost, message


class PackPanel(QObject):
    """The picking and packing controls (laid out in the page's steps) and what they do."""

    def __init__(self, host: OrderHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.pick_button = form_button("orderStartPicking", "")
        self.pick_button.clicked.connect(self.start_picking)
        self.pick_list_button = form_button("orderPickList", "")
        self.pick_list_button.clicked.connect(self.save_pick_list)
        self.pack_scan = style.named(QLineEdit(), "orderPackScan")
        self.pack_scan.returnPressed.connect(self.pack_scanned)
        self.packed_button = form_button("orderMarkPacked", "")
        self.packed_button.clicked.connect(self.mark_packed)
        self.scan_caption = QLabel()
        self.scan_caption.setBuddy(self.pack_scan)

    def enable(self, order: OrderView | None, pickable: bool) -> None:
        """Packers pick, print the pick list and pack while the order's status allows it."""
        pack = self.host.actor.may(Action.PACK_ORDERS)
        status = order.status if order is not None else None
        self.pick_button.setEnabled(
            pack
            and order is not None
            and can_move(order.status, OrderStatus.PICKING)
            and status is not OrderStatus.PACKED
        )
        self.pick_list_button.setEnabled(
            pickable or status in (OrderStatus.PAID, OrderStatus.PICKING, OrderStatus.NEW)
        )
        self.pack_scan.setEnabled(pack and status is OrderStatus.PICKING)
        progress = self.host.progress
        complete = progress is not None and progress.complete
        self.packed_button.setEnabled(pack and status is OrderStatus.PICKING and complete)

    def start_picking(self) -> None:
        host = self.host
        order = host.order
        if order is None:
            return
        desk, actor, no = host.desk, host.actor, order.order_no
        host.run(
            lambda: desk.start_picking(no, actor),
            host.done(
                QCoreApplication.translate(
                    "OrdersPage", "{no}: picking. Scan each item to pack it."
                ).format(no=no)
            ),
        )

    def save_pick_list(self) -> None:
        host = self.host
        order_nos = host.pickable()
        if not order_nos and host.order is not None:
            order_nos = [host.order.order_no]
        if not order_nos:
            host.say(QCoreApplication.translate("OrdersPage", "No order to pick."))
            return
        desk = host.desk
        host.run(lambda: desk.pick_list(order_nos), self._write_pick_list)

    def _write_pick_list(self, picks: PickList) -> None:
        host = self.host
        name = f"pick-list-{host.shipping.now().astimezone(BANGKOK):%Y%m%d-%H%M}.pdf"
        path = host.ask_path(QCoreApplication.translate("OrdersPage", "Save the pick list"), name)
        if not path:
            return
        try:  # Qt lays the PDF out: on the UI thread, where its fonts are drawn
            pages = host.shipping.save_pick_list(picks, Path(path))
        except (ShopError, OSError) as exc:
            host.failed(exc)
            return
        host.say(
            QCoreApplication.translate(
                "OrdersPage", "Pick list of {n} order(s) saved ({pages} page(s)): {path}"
            ).format(n=len(picks.order_nos), pages=pages, path=path)
        )

    def pack_scanned(self) -> None:
        code = self.pack_scan.text().strip()
        self.pack_scan.clear()
        host = self.host
        order = host.order
        if not code or order is None:
            return
        desk, no = host.desk, order.order_no
        host.run(lambda: desk.pack_scan(no, code), self._packed_one, self._scan_refused)

    def _scan_refused(self, exc: Exception) -> None:
        self.host.say(message(exc))
        self.pack_scan.setFocus()

    def _packed_one(self, progress: PackProgress) -> None:
        host = self.host
        if host.order is None:
            return
        host.progress = progress
        host.show_lines()
        if not progress.complete:
            host.say(
                QCoreApplication.translate(
                    "OrdersPage", "{sku} ticked: {n} unit(s) still to scan"
                ).format(sku=progress.last_sku, n=progress.remaining)
            )
            self.pack_scan.setFocus()
            return
        self.mark_packed()

    def mark_packed(self) -> None:
        """Every unit is ticked: the parcel is closed (after the last scan, or pressed again
        when that did not go through)."""
        host = self.host
        order = host.order
        if order is None:
            return
        desk, actor, no = host.desk, host.actor, order.order_no
        host.run(
            lambda: desk.mark_packed(no, actor),
            host.done(
                QCoreApplication.translate(
                    "OrdersPage", "Every item of {no} checked: packed."
                ).format(no=no)
            ),
        )

    def retranslateUi(self) -> None:
        self.pick_button.setText(QCoreApplication.translate("OrdersPage", "Start picking"))
        self.pick_list_button.setText(QCoreApplication.translate("OrdersPage", "Pick list PDF…"))
        self.packed_button.setText(QCoreApplication.translate("OrdersPage", "Mark packed"))
        self.pack_scan.setPlaceholderText(
            QCoreApplication.translate("OrdersPage", "Scan each item")
        )
        self.scan_caption.setText(QCoreApplication.translate("OrdersPage", "Pack: scan"))
