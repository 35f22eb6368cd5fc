"""Who a web shop visitor is in chat: a LINE user verified by the LIFF page, or a Facebook
PSID from a signed `via` link; kept in the signed session so the order is linked to them."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request

from pos.domain.channels import Channel
from pos.domain.chat import ContactRef
from web.pages import changed, session_of

VIA_PARAM = "via"  # a link from a chat carries ?via=<Chat.contact_token(ref)>
MAX_TOKEN = 600
MAX_NAME = 100
CHAT_CHANNELS = (Channel.LINE, Channel.FACEBOOK)


def remember_contact(request: Request, ref: ContactRef) -> None:
    """From now on this browser's orders come from `ref` (written back with the response)."""
    if ref.channel not in CHAT_CHANNELS or not ref.user_id:
        return
    name = ref.display_name.strip()[:MAX_NAME]
    if session_of(request).contact != (ref.channel.value, ref.user_id, name):
        changed(request).contact = (ref.channel.value, ref.user_id, name)


def contact_of(request: Request) -> ContactRef | None:
    """The chat contact this browser's session carries, if any."""
    kept = session_of(request).contact
    if kept is None:
        return None
    try:
        channel = Channel(kept[0])
    except ValueError:
        return None
    return ContactRef(channel, kept[1], kept[2]) if channel in CHAT_CHANNELS else None


def order_channel(request: Request) -> Channel:
    """The channel an order placed now comes from: the chat contact's, else the web shop."""
    contact = contact_of(request)
    return contact.channel if contact is not None else Channel.WEB


def accept_via(request: Request, decode: Callable[[str], ContactRef | None]) -> ContactRef | None:
    """The `via` token of the request's URL, checked by `decode` (Chat.contact_from_token:
    signed, unexpired), remembered in the session; None (and nothing kept) for a bad one."""
    token = request.query_params.get(VIA_PARAM, "")
    if not token or len(token) > MAX_TOKEN:
        return None
    ref = decode(token)
    if ref is not None:
        remember_contact(request, ref)
    return ref
