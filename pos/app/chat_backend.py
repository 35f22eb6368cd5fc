"""The orders window's chat tab backend: the chat service's conversations, replies and resends,
the month's usage of each channel, and the orders a customer placed through the chat."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pos.domain.auth import Actor
from pos.domain.channels import Channel
from pos.domain.errors import ShopError
from pos.domain.orders import OrderStatus
from pos.ports.chat import ChatMessageView, ChatUnitOfWork, Contact
from pos.ports.uow import UnitOfWorkFactory

if TYPE_CHECKING:
    from pos.services.chat import Chat
    from pos.services.order_desk import OrderDesk

CHANNELS = (Channel.LINE, Channel.FACEBOOK)


class ChatDeskBackend:
    def __init__(
        self, chat: Chat, uow: UnitOfWorkFactory[ChatUnitOfWork], order_desk: OrderDesk
    ) -> None:
        self.chat = chat
        self._uow = uow
        self._desk = order_desk

    def conversations(self, limit: int) -> list[Contact]:
        """The contacts, the latest message first."""
        return self.chat.conversations(limit=limit)

    def conversation(self, contact_id: str) -> list[ChatMessageView]:
        return self.chat.conversation(contact_id)

    def last_message(self, contact_id: str) -> ChatMessageView | None:
        last = self.chat.conversation(contact_id, 1)
        return last[-1] if last else None

    def mark_read(self, contact_id: str) -> None:
        self.chat.mark_read(contact_id)

    def staff_reply(self, contact_id: str, text: str, actor: Actor) -> ChatMessageView:
        return self.chat.staff_reply(contact_id, text, actor.display_name or actor.username)

    def usage(self) -> dict[Channel, tuple[int, int | None]]:
        """Each channel's messages counted this month, and its quota (None: no quota)."""
        return {channel: self.chat.usage(channel) for channel in CHANNELS}

    def resend(self, message: ChatMessageView, actor: Actor) -> None:
        """Send a failed or unknown message of ours again (its own outbox item, by its id)."""
        if message.outbox_id is None or not self.chat.resend(message.outbox_id, actor.username):
            raise ShopError(
                "This message is no longer failed or unknown: nothing to resend",
                "ข้อความนี้ไม่ได้อยู่ในสถานะส่งไม่สำเร็จแล้ว ไม่มีอะไรต้องส่งซ้ำ",
            )

    def linked_orders(self, contact_id: str, limit: int = 20) -> list[tuple[str, OrderStatus]]:
        """(number, status) of the orders linked to the contact, the newest first."""
        with self._uow() as read:
            numbers = read.chat.orders_of(contact_id, limit)
        return [(no, self._desk.order(no).status) for no in numbers]
