"""Channel-neutral chat messages -> Messenger Send API `message` objects (one request each)."""

from __future__ import annotations

from typing import Any

from pos.domain.chat import (
    MAX_CARDS,
    MAX_TEXT,
    CardsOut,
    ImageOut,
    LinkOut,
    OutMessage,
    ProductCard,
    TextOut,
    trim,
)
from pos.domain.money import format_baht

TITLE_LIMIT = 80  # a generic template element's title and subtitle
BUTTON_TEXT_LIMIT = 640  # a button template's text
BUTTON_TITLE_LIMIT = 20  # a button's title
ORDER_BUTTON = "สั่งซื้อ / Order"
SHOP_BUTTON = "ช้อปเลย / Shop now"


def render(message: OutMessage) -> dict[str, Any]:
    """The Send API `message` of one chat message (each goes in its own request)."""
    match message:
        case TextOut(text):
            return {"text": trim(text.strip() or "…", MAX_TEXT)}
        case ImageOut(url, _):
            return {"attachment": {"type": "image", "payload": {"url": url, "is_reusable": True}}}
        case LinkOut(text, label, url):
            button = {"type": "web_url", "url": url, "title": _title(label, SHOP_BUTTON)}
            payload = {
                "template_type": "button",
                "text": trim(text.strip() or label.strip() or "…", BUTTON_TEXT_LIMIT),
                "buttons": [button],
            }
            return {"attachment": {"type": "template", "payload": payload}}
        case CardsOut(cards, alt_text):
            if not cards:
                return {"text": trim(alt_text.strip() or "…", MAX_TEXT)}
            elements = [_element(card) for card in cards[:MAX_CARDS]]
            payload = {"template_type": "generic", "elements": elements}
            return {"attachment": {"type": "template", "payload": payload}}
    raise TypeError(f"not a chat message: {message!r}")


def _element(card: ProductCard) -> dict[str, Any]:
    """A product as a generic template element: name, price, photo, its page, "order"."""
    element: dict[str, Any] = {
        "title": trim(card.name.strip() or card.sku, TITLE_LIMIT),
        "subtitle": trim(f"฿{format_baht(card.price)}", TITLE_LIMIT),
        "default_action": {"type": "web_url", "url": card.url},
        "buttons": [{"type": "web_url", "url": card.order_url, "title": ORDER_BUTTON}],
    }
    if card.image_url:
        element["image_url"] = card.image_url
    return element


def _title(label: str, default: str) -> str:
    return trim(label.strip() or default, BUTTON_TITLE_LIMIT)
