"""Channel-neutral chat messages as LINE message objects (JSON as the Messaging API takes it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pos.domain.bilingual import pick
from pos.domain.chat import CardsOut, ImageOut, LinkOut, OutMessage, ProductCard, TextOut, trim
from pos.domain.money import format_baht

MAX_TEXT = 5000  # a text message
MAX_ALT = 400  # a template's or flex message's altText
MAX_BUTTONS_TEXT = 160  # a buttons template's text (without image or title)
MAX_TEMPLATE_LABEL = 20  # a template action's label
MAX_FLEX_LABEL = 40  # a flex button's label
MAX_BUBBLES = 12  # a carousel
MAX_MESSAGES = 5  # one push or reply
GREEN = "#06C755"


def render(messages: Sequence[OutMessage]) -> list[dict[str, Any]]:
    """The LINE messages of `messages` (at most five go in one request)."""
    if len(messages) > MAX_MESSAGES:
        raise ValueError(f"{len(messages)} messages: LINE takes at most {MAX_MESSAGES} at once")
    return [render_one(m) for m in messages]


def render_one(message: OutMessage) -> dict[str, Any]:
    match message:
        case TextOut(text):
            return {"type": "text", "text": trim(text or " ", MAX_TEXT)}
        case ImageOut(url, preview_url):
            return {"type": "image", "originalContentUrl": url, "previewImageUrl": preview_url}
        case LinkOut():
            return _link(message)
        case CardsOut(cards, alt_text):
            return _carousel(cards, alt_text)
    raise TypeError(f"not a chat message: {message!r}")


def language_of(text: str) -> str:
    """ "th" when the text has Thai letters, else "en" (the texts come in the contact's
    language; only the button labels LINE needs beside them are chosen here)."""
    return "th" if any("\u0e00" <= ch <= "\u0e7f" for ch in text) else "en"


def _link(link: LinkOut) -> dict[str, Any]:
    """A buttons template when the text fits one, else a flex bubble with its button."""
    alt = trim(link.text or link.label, MAX_ALT)
    if len(link.text) <= MAX_BUTTONS_TEXT and len(link.label) <= MAX_TEMPLATE_LABEL:
        return {
            "type": "template",
            "altText": alt,
            "template": {
                "type": "buttons",
                "text": link.text or link.label,
                "actions": [{"type": "uri", "label": link.label, "uri": link.url}],
            },
        }
    bubble = {
        "type": "bubble",
        "body": {
            "type": "box", "layout": "vertical",
            "contents": [{"type": "text", "text": trim(link.text, MAX_TEXT), "wrap": True}],
        },
        "footer": {
            "type": "box", "layout": "vertical", "contents": [_button(link.label, link.url)],
        },
    }  # fmt: skip
    return {"type": "flex", "altText": alt, "contents": bubble}


def _button(label: str, url: str) -> dict[str, Any]:
    return {
        "type": "button", "style": "primary", "color": GREEN,
        "action": {"type": "uri", "label": trim(label, MAX_FLEX_LABEL), "uri": url},
    }  # fmt: skip


def _carousel(cards: Sequence[ProductCard], alt_text: str) -> dict[str, Any]:
    lang = language_of(alt_text)
    bubbles = [_bubble(card, lang) for card in cards[:MAX_BUBBLES]]
    alt = trim(alt_text or pick(lang, "สินค้า", "Products"), MAX_ALT)
    if not bubbles:
        return {"type": "text", "text": alt}
    return {"type": "flex", "altText": alt, "contents": {"type": "carousel", "contents": bubbles}}


def _bubble(card: ProductCard, lang: str) -> dict[str, Any]:
    """One product: its photo, name, price and an "order" button to its page."""
    bubble: dict[str, Any] = {"type": "bubble", "size": "kilo"}
    if card.image_url:
        bubble["hero"] = {
            "type": "image", "url": card.image_url, "size": "full", "aspectRatio": "1:1",
            "aspectMode": "cover", "action": {"type": "uri", "label": "photo", "uri": card.url},
        }  # fmt: skip
    bubble["body"] = {
        "type": "box", "layout": "vertical", "spacing": "sm",
        "contents": [
            {"type": "text", "text": trim(card.name or card.sku, 200), "wrap": True,
             "weight": "bold", "size": "md"},
            {"type": "text", "text": format_baht(card.price, symbol=True), "size": "sm",
             "color": "#555555"},
        ],
    }  # fmt: skip
    bubble["footer"] = {
        "type": "box", "layout": "vertical",
        "contents": [_button(pick(lang, "สั่งซื้อ", "Order"), card.order_url)],
    }  # fmt: skip
    return bubble
