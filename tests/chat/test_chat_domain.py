"""Chat's pure rules: commands from customers' texts, backoff, quota, message texts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.chat import (
    MAX_TEXT,
    CardsOut,
    Command,
    CommandKind,
    ImageOut,
    LinkOut,
    OrderLinks,
    OutMessage,
    ProductCard,
    Purpose,
    TextOut,
    backoff,
    messages_from_json,
    messages_json,
    order_message,
    parse_command,
    quota_left,
    trim,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ค้นหา ผ้าไหม", Command(CommandKind.SEARCH, "ผ้าไหม")),
        ("หา   ผ้าไหม มัดหมี่", Command(CommandKind.SEARCH, "ผ้าไหม มัดหมี่")),
        ("Search silk scarf", Command(CommandKind.SEARCH, "silk scarf")),
        ("?silk", Command(CommandKind.SEARCH, "silk")),
        ("ค้นหา ผ้าไหม 🧣", Command(CommandKind.SEARCH, "ผ้าไหม")),  # no name has an emoji
        ("search 👩\u200d👩\u200d👧 silk ❤️", Command(CommandKind.SEARCH, "silk")),
        ("ค้นหา 🧣", Command(CommandKind.HELP)),
        ("action=search&q=%E0%B8%9C%E0%B9%89%E0%B8%B2", Command(CommandKind.SEARCH, "ผ้า")),
        ("สถานะ", Command(CommandKind.ORDERS)),
        ("คำสั่งซื้อ", Command(CommandKind.ORDERS)),
        ("คำสังซือ", Command(CommandKind.ORDERS)),  # typed without the tone marks
        ("Orders", Command(CommandKind.ORDERS)),
        ("action=orders", Command(CommandKind.ORDERS)),
        ("ร้าน", Command(CommandKind.SHOP)),
        ("SHOP", Command(CommandKind.SHOP)),
        ("สั่งซื้อ", Command(CommandKind.SHOP)),
        ("action=shop", Command(CommandKind.SHOP)),
        ("help", Command(CommandKind.HELP)),
        ("ชวย", Command(CommandKind.HELP)),
        ("เมนู", Command(CommandKind.HELP)),
        ("   ", Command(CommandKind.HELP)),
        ("action=unknown&x=1", Command(CommandKind.HELP)),
        ("kk-tx-0003", Command(CommandKind.STORY, "KK-TX-0003")),
        ("https://otop.example/p/KK-TX-0003", Command(CommandKind.STORY, "KK-TX-0003")),
        ("https://shop.example.th/p/KK-FD-0012/", Command(CommandKind.STORY, "KK-FD-0012")),
        ("action=story&sku=KK-TX-0003", Command(CommandKind.STORY, "KK-TX-0003")),
        ("สวัสดีค่ะ มีผ้าสีแดงไหม 😊", Command(CommandKind.STAFF, "สวัสดีค่ะ มีผ้าสีแดงไหม 😊")),
        ("หา", Command(CommandKind.STAFF, "หา")),
    ],
)
def test_parse_command(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


_WORDS = st.sampled_from(
    ["", "หา ", "ค้นหา ", "search ", "?", "action=", "action=search&q=", "https://x/p/", "😊"]
)


@given(prefix=_WORDS, text=st.text(max_size=3000))
def test_parse_command_never_raises_on_any_text(prefix: str, text: str) -> None:
    command = parse_command(prefix + text)
    assert command.kind in CommandKind
    assert len(command.query) <= MAX_TEXT
    if command.kind is CommandKind.SEARCH:
        assert command.query
        assert len(command.query) <= 100


def test_a_long_staff_text_is_trimmed_with_an_ellipsis() -> None:
    command = parse_command("ก" * 2500)
    assert command.kind is CommandKind.STAFF
    assert len(command.query) == MAX_TEXT
    assert command.query.endswith("…")
    assert trim("short") == "short"


def test_backoff_grows_and_is_capped_at_an_hour() -> None:
    assert [backoff(n) for n in range(1, 7)] == [
        timedelta(seconds=5),
        timedelta(seconds=30),
        timedelta(minutes=2),
        timedelta(minutes=10),
        timedelta(hours=1),
        timedelta(hours=1),
    ]
    assert backoff(1, 1.0) == timedelta(seconds=6)  # up to 20 % longer
    assert backoff(1, 5.0) == backoff(1, 1.0)  # the fraction is clamped
    assert backoff(0) == timedelta(seconds=5)


@given(a=st.integers(0, 50), b=st.integers(0, 50), jitter=st.floats(0, 1))
def test_backoff_never_shrinks_with_more_attempts(a: int, b: int, jitter: float) -> None:
    low, high = sorted((a, b))
    assert backoff(low) <= backoff(high)
    assert backoff(high) <= backoff(high, jitter) <= timedelta(hours=1.2)


def test_quota_left() -> None:
    assert quota_left(10, 300) == 290
    assert quota_left(300, 300) == 0
    assert quota_left(301, 300) == 0
    assert quota_left(5, None) is None


def test_messages_round_trip_through_json() -> None:
    messages: list[OutMessage] = [
        TextOut("สวัสดี 😊"),
        ImageOut("https://s/qr.png?t=1", "https://s/qr.png?t=1&s=240"),
        LinkOut("เปิดร้าน", "ร้าน", "https://s/"),
        CardsOut(
            (ProductCard("KK-TX-0003", "ผ้าพันคอ", Decimal("650.00"), None, "https://s/p/1", "o"),),
            "ผลการค้นหา",
        ),
    ]
    assert list(messages_from_json(messages_json(messages))) == messages


@dataclass(frozen=True)
class _Order:
    order_no: str = "L2611270003"
    total: Decimal = Decimal("1350.00")
    carrier: str = "thailand_post_ems"
    tracking_no: str = "EX123456785TH"


LINKS = OrderLinks("https://shop.example.th/orders/L2611270003", "https://shop/qr.png?t=x")


def test_order_placed_carries_the_amount_and_the_promptpay_qr() -> None:
    messages = order_message(Purpose.ORDER_PLACED, _Order(), "th", LINKS)
    assert "L2611270003" in messages[0].text  # type: ignore[union-attr]
    assert "1,350.00 บาท" in messages[0].text  # type: ignore[union-attr]
    assert ImageOut(LINKS.qr_url, LINKS.qr_url) in messages
    assert isinstance(messages[-1], LinkOut)
    assert messages[-1].url == LINKS.status_url
    no_qr = order_message(Purpose.ORDER_PLACED, _Order(), "en", OrderLinks("https://s/o"))
    assert not any(isinstance(m, ImageOut) for m in no_qr)
    assert "Amount to pay: 1,350.00 baht" in no_qr[0].text  # type: ignore[union-attr]


def test_shipped_names_the_carrier_the_number_and_its_tracking_page() -> None:
    [text, link] = order_message(Purpose.SHIPPED, _Order(), "th", LINKS)
    assert isinstance(text, TextOut)
    assert isinstance(link, LinkOut)
    assert "ไปรษณีย์ไทย EMS" in text.text
    assert "EX123456785TH" in text.text
    assert "https://track.thailandpost.co.th/?trackNumber=EX123456785TH" in text.text
    [english, _] = order_message(Purpose.SHIPPED, _Order(), "en", LINKS)
    assert "shipped by Thailand Post EMS" in english.text  # type: ignore[union-attr]
    pickup = order_message(Purpose.SHIPPED, _Order(carrier="pickup", tracking_no=""), "en", LINKS)
    assert "ready to collect" in pickup[0].text  # type: ignore[union-attr]


def test_payment_received_and_delivered_texts() -> None:
    paid = order_message(Purpose.PAYMENT_RECEIVED, _Order(), "en", LINKS)
    assert "Payment of 1,350.00 baht received for order L2611270003" in paid[0].text  # type: ignore[union-attr]
    delivered = order_message(Purpose.DELIVERED, _Order(), "th", LINKS)
    assert "จัดส่งถึงแล้ว" in delivered[0].text  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="not an order"):
        order_message(Purpose.SEARCH, _Order(), "th", LINKS)
