"""Make docs/orders-window.png, docs/orders-chat.png and docs/shipping-label.png from a fresh
demo store: a few web orders placed, one paid and picked and being packed, its label printed;
two customers' LINE and Messenger messages in the Chat tab, one answered by the bot and staff.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/orders_images.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from pos.app.bootstrap import Services, load_demo, open_store  # noqa: E402
from pos.domain.orders import OrderLineRequest, PaymentMethod, customer_details  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from pos.domain.shipping import Carrier  # noqa: E402
from pos.services.shipping import shipping_label_for  # noqa: E402
from printing.shipping_label import shipping_label_image  # noqa: E402
from ui import i18n, style  # noqa: E402
from ui.backoffice.window import BackOfficeWindow  # noqa: E402

# a slip as a customer's banking app shows it: drawn here, so that the picture is ours
SLIP_TEXT = ("โอนเงินสำเร็จ", "Transfer successful", "฿1,975.00", "พร้อมเพย์ → OTOP ขอนแก่น")


def _slip_png(path: Path) -> bytes:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(360, 640, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4f8f4"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#1f8a3b"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(140, 60, 80, 80))
    painter.setPen(QColor("#222222"))
    for i, text in enumerate(SLIP_TEXT):
        painter.setFont(style.font(30 if i == 2 else 22, bold=i in (0, 2)))
        painter.drawText(QRectF(0, 180 + i * 70, 360, 60), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    image.save(str(path), "PNG")
    return path.read_bytes()


def _customer(name: str, phone: str, district: str) -> object:
    return customer_details(
        name=name,
        phone=phone,
        fulfilment="delivery",
        address_line="99/12 หมู่ 4 ถนนมิตรภาพ",
        subdistrict="ในเมือง",
        district=district,
        province="ขอนแก่น",
        postcode="40000",
    )


def _chat(services: Services, manager: object) -> None:
    """A LINE customer asks staff about a colour, the bot says staff will answer, staff do;
    a Messenger customer searches."""
    from datetime import UTC, datetime, timedelta

    from pos.domain.channels import Channel
    from pos.domain.chat import InboundEvent, InboundKind

    at = datetime.now(UTC) - timedelta(minutes=12)
    line, fb = "U" + "4af49806" * 4, "6789012345678901"
    services.chat.receive([
        InboundEvent(Channel.FACEBOOK, "m-1", fb, InboundKind.TEXT, at, "ค้นหา ผ้าไหม"),
        InboundEvent(Channel.LINE, "e-1", line, InboundKind.TEXT, at + timedelta(minutes=2),
                     "สวัสดีค่ะ ผ้าไหมมัดหมี่ลายนาคน้อย มีสีแดงไหมคะ 😊"),
        InboundEvent(Channel.LINE, "e-2", line, InboundKind.TEXT, at + timedelta(minutes=3),
                     "จะไปรับที่ศูนย์วันเสาร์ค่ะ"),
    ])  # fmt: skip
    services.chat.process_pending()
    [contact] = [c for c in services.chat.conversations() if c.user_id == line]
    services.chat.staff_reply(
        contact.contact_id, "มีค่ะ สีแดงครั่ง 2 ผืน เก็บไว้ให้ถึงวันเสาร์นะคะ", "วิชัย (ผู้จัดการ)"
    )


def main() -> int:
    docs = ROOT / "docs"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    style.register_fonts()
    i18n.install_language("th")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OTOP_POS_HOME"] = tmp
        settings = Settings()
        store = open_store(str(Path(tmp) / "demo.db"), settings)
        load_demo(store)
        services = Services(store, queue_prints=False)
        orders, auth = services.orders, services.auth
        manager = auth.login("manager", "9999")
        skus = [p.sku for p in orders.browse()[:4]]
        one = orders.place(
            "docs-order-0001",
            _customer("สมหญิง ใจดี", "0812345678", "เมืองขอนแก่น"),  # type: ignore[arg-type]
            [OrderLineRequest("product", skus[0], 2), OrderLineRequest("product", skus[1], 1)],
            PaymentMethod.PROMPTPAY,
        )
        orders.attach_slip(one.order_no, "0812345678", _slip_png(Path(tmp) / "s.png"), "image/png")
        two = orders.place(
            "docs-order-0002",
            _customer("ประเสริฐ ศรีสุข", "0898765432", "บ้านไผ่"),  # type: ignore[arg-type]
            [OrderLineRequest("product", skus[2], 1)],
            PaymentMethod.COD,
        )
        orders.place(
            "docs-order-0003",
            _customer("Jane Doe", "0611112222", "ชุมแพ"),  # type: ignore[arg-type]
            [OrderLineRequest("product", skus[3], 3)],
            PaymentMethod.PROMPTPAY,
        )
        services.order_desk.start_picking(two.order_no, manager)

        window = BackOfficeWindow(services, manager, "th")
        window.resize(1366, 720)
        page = window.show_page("orders")
        window.show()
        worker = page.worker  # type: ignore[attr-defined]

        def settle() -> None:
            while worker.pending:
                app.processEvents()

        settle()
        page.open_order(one.order_no)  # type: ignore[attr-defined]
        settle()
        app.processEvents()
        window.grab().save(str(docs / "orders-window.png"))
        print(f"wrote {docs / 'orders-window.png'}")

        _chat(services, manager)
        page.chat_panel.refresh()  # type: ignore[attr-defined]
        settle()
        page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        page.chat_panel.list.setCurrentRow(0)  # type: ignore[attr-defined]
        settle()
        app.processEvents()
        window.grab().save(str(docs / "orders-chat.png"))
        print(f"wrote {docs / 'orders-chat.png'}")

        label = shipping_label_for(
            services.order_desk.order(two.order_no), settings, Carrier.THAILAND_POST_EMS,
            "EX123456785TH",
        )
        shipping_label_image(label, dpi=150).save(str(docs / "shipping-label.png"))
        print(f"wrote {docs / 'shipping-label.png'}")
        window.close()  # every page's worker ends with the window
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
