"""`otop-pos chat outbox|send|conversations|resend`: LINE and Facebook chat for operators."""

from __future__ import annotations

import argparse

from pos.app.cli.common import Commands, db_arg, opened
from pos.domain.chat import OutboxStatus
from pos.domain.errors import ShopError
from pos.domain.settings import Settings
from pos.domain.shop_time import local


def _when(moment: object) -> str:
    from datetime import datetime

    return f"{local(moment):%Y-%m-%d %H:%M}" if isinstance(moment, datetime) else "-"


def cmd_outbox(args: argparse.Namespace, settings: Settings) -> int:
    """The outbox's messages, newest first: status, channel, purpose, order, tries, error."""
    status = OutboxStatus(args.status) if args.status else None
    with opened(args, settings) as services:
        items = services.chat.outbox(status, args.limit)
    for i in items:
        print(
            f"{i.outbox_id}\t{i.status}\t{i.channel}\t{i.purpose}\t{i.order_no or '-'}\t"
            f"{i.attempts}\t{_when(i.sent_at or i.next_at)}\t{i.last_error}"
        )
    return 0


def cmd_send(args: argparse.Namespace, settings: Settings) -> int:
    """Handle the recorded events and send what is due once, through the configured channels."""
    with opened(args, settings) as services:
        if not services.chat_senders:
            raise ShopError(
                "No chat channel is set up (settings chat_enabled_channels and its secrets)",
                "ยังไม่ได้ตั้งช่องทางแชท (ค่าตั้ง chat_enabled_channels และรหัสลับ)",
            )
        handled = services.chat.process_pending()
        sent = services.chat_outbox().send_due(args.limit)
    print(f"{handled} event(s) handled, {sent} message(s) sent")
    return 0


def cmd_conversations(args: argparse.Namespace, settings: Settings) -> int:
    """Chat contacts, the latest message first: unread count, channel, name, last message."""
    with opened(args, settings) as services:
        contacts = services.chat.conversations(only_unread=args.unread, limit=args.limit)
    for c in contacts:
        blocked = "\t(blocked)" if c.blocked else ""
        print(
            f"{c.contact_id}\t{c.unread}\t{c.channel}\t{c.display_name or '-'}\t"
            f"{_when(c.last_message_at)}{blocked}"
        )
    return 0


def cmd_resend(args: argparse.Namespace, settings: Settings) -> int:
    """Send a FAILED or UNKNOWN message again (a manager's log-in)."""
    with opened(args, settings) as services:
        actor = services.auth.login(args.user, args.pin)
        if not services.chat.resend(args.outbox_id, actor.display_name):
            raise ShopError(
                f"{args.outbox_id} is not a failed or unknown message",
                f"{args.outbox_id} ไม่ใช่ข้อความที่ส่งไม่สำเร็จหรือไม่ทราบผล",
            )
    print(f"{args.outbox_id} queued again")
    return 0


def add_commands(sub: Commands) -> None:
    chat = sub.add_parser("chat", help="LINE and Facebook chat: the outbox and conversations")
    commands = chat.add_subparsers(dest="chat_command", required=True)
    outbox = commands.add_parser("outbox", help="the messages to send and sent, newest first")
    db_arg(outbox)
    outbox.add_argument("--status", choices=[s.value for s in OutboxStatus])
    outbox.add_argument("--limit", type=int, default=100)
    outbox.set_defaults(func=cmd_outbox)
    send = commands.add_parser("send", help="handle recorded events, send what is due, once")
    db_arg(send)
    send.add_argument("--limit", type=int, default=20)
    send.set_defaults(func=cmd_send)
    talks = commands.add_parser("conversations", help="chat contacts, the latest message first")
    db_arg(talks)
    talks.add_argument("--unread", action="store_true", help="only those waiting for the staff")
    talks.add_argument("--limit", type=int, default=100)
    talks.set_defaults(func=cmd_conversations)
    resend = commands.add_parser("resend", help="send a failed or unknown message again")
    db_arg(resend)
    resend.add_argument("outbox_id")
    resend.add_argument("--user", required=True)
    resend.add_argument("--pin", required=True)
    resend.set_defaults(func=cmd_resend)
