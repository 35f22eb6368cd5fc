"""The composition root's online channels: chat (LINE, Facebook), carrier tracking and each
channel's "test connection", built once from the settings and the secrets (a part of
`pos.app.bootstrap.Services`, which mixes it in)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from db.uow import SqlUnitOfWorkFactory
    from pos.domain.channels import Channel
    from pos.domain.settings import Settings
    from pos.ports.chat import ChatContent, ChatProfiles, ChatSender, QrReader
    from pos.ports.clock import Clock
    from pos.services.chat import Chat
    from pos.services.chat_outbox import Outbox
    from pos.services.order_desk import OrderDesk
    from pos.services.orders import Orders
    from pos.services.secrets import Secrets
    from pos.services.tracking import Tracking
    from web.facebook.client import MessengerSender
    from web.facebook.webhook import MessengerHook
    from web.line.client import LineSender
    from web.line.webhook import LineChannel


class _Store(Protocol):
    @property
    def uow(self) -> SqlUnitOfWorkFactory: ...


class OnlineChannels:
    """What the channels need of the services is declared here; `Services` provides it."""

    if TYPE_CHECKING:
        store: _Store

        @property
        def settings(self) -> Settings: ...
        @property
        def clock(self) -> Clock: ...
        @property
        def secrets(self) -> Secrets: ...
        @property
        def orders(self) -> Orders: ...
        @property
        def order_desk(self) -> OrderDesk: ...

    # --- chat (LINE, Facebook): the adapters fill the dicts from the settings and secrets ---
    @cached_property
    def chat_secrets(self) -> Callable[[str], str | None]:
        """Chat's secrets by name: the secret store's `get` (OTOP_POS_SECRET_<NAME> first)."""
        return self.secrets.get

    @cached_property
    def chat_senders(self) -> dict[Channel, ChatSender]:
        """Each configured channel's sender (empty: no channel set up)."""
        senders: dict[Channel, ChatSender] = {**self._messenger()}
        if self.line_sender is not None:
            senders[self.line_sender.channel] = self.line_sender
        return senders

    @cached_property
    def chat_profiles(self) -> dict[Channel, ChatProfiles]:
        profiles: dict[Channel, ChatProfiles] = {**self._messenger()}
        if self.line_sender is not None:
            profiles[self.line_sender.channel] = self.line_sender
        return profiles

    @cached_property
    def chat_contents(self) -> dict[Channel, ChatContent]:
        contents: dict[Channel, ChatContent] = {**self._messenger()}
        if self.line_sender is not None:
            contents[self.line_sender.channel] = self.line_sender
        return contents

    @cached_property
    def chat_qr_reader(self) -> QrReader | None:
        from web.line.qr_reader import ZxingQrReader

        return ZxingQrReader()

    @cached_property
    def line_sender(self) -> LineSender | None:
        """The LINE Official Account's Messaging API client: LINE switched on in the settings
        and its channel access token set (docs/LINE.md)."""
        token = self.chat_secrets("line_channel_access_token")
        if "line" not in self.settings.chat_channels or not token:
            return None
        from web.line.client import LineSender

        settings = self.settings
        return LineSender(
            token, api_base=settings.line_api_base, data_base=settings.line_data_api_base
        )

    @cached_property
    def line(self) -> LineChannel | None:
        """The shop server's LINE webhook and LIFF app: LINE switched on and its channel
        secret set (the webhook answers 404 without)."""
        secret = self.chat_secrets("line_channel_secret")
        if "line" not in self.settings.chat_channels or not secret:
            return None
        from web.line.webhook import LineChannel

        return LineChannel(
            secret, self.chat.receive, liff_id=self.chat_secrets("line_liff_id") or "",
            api_base=self.settings.line_api_base, sdk_url=self.settings.line_liff_sdk_url,
        )  # fmt: skip

    @cached_property
    def chat(self) -> Chat:
        """Chat's events, commands, conversations and tokens (the shop server runs it)."""
        from pos.services.chat import Chat

        return Chat(
            self.store.uow, self.clock, settings=lambda: self.settings, products=self.orders,
            secrets=self.chat_secrets, profiles=self.chat_profiles,
            contents=self.chat_contents, qr_reader=self.chat_qr_reader,
        )  # fmt: skip

    def chat_outbox(self, senders: dict[Channel, ChatSender] | None = None) -> Outbox:
        """The outbox's sender on `senders` (default: chat_senders), LINE's quota from the
        settings."""
        from pos.domain.chat import quota_of
        from pos.services.chat_outbox import Outbox

        chosen = self.chat_senders if senders is None else senders
        return Outbox(self.store.uow, chosen, self.clock, lambda ch: quota_of(self.settings, ch))

    # --- Facebook Messenger (web/facebook): set up when the Page's secrets are set --------
    @cached_property
    def facebook_sender(self) -> MessengerSender | None:
        """The Messenger Send API client: Facebook switched on in the settings and the page
        access token set (docs/FACEBOOK.md)."""
        token = self.chat_secrets("facebook_page_access_token")
        if "facebook" not in self.settings.chat_channels or not token:
            return None
        from web.facebook.client import MessengerSender, last_heard_from

        return MessengerSender(
            token, self.settings.facebook_graph_base,
            last_heard=last_heard_from(self.store.uow), now=self.clock.now,
        )  # fmt: skip

    def _messenger(self) -> dict[Channel, MessengerSender]:
        """Messenger's sender (also its profiles and photos) when it is set up."""
        from pos.domain.channels import Channel

        sender = self.facebook_sender
        return {} if sender is None else {Channel.FACEBOOK: sender}

    @cached_property
    def facebook_hook(self) -> MessengerHook | None:
        """The shop server's Messenger webhook: Facebook switched on, the app secret and the
        verify token set (without, /hooks/facebook answers 404 to events, 403 to the check)."""
        app_secret = self.chat_secrets("facebook_app_secret")
        verify_token = self.chat_secrets("facebook_verify_token")
        if "facebook" not in self.settings.chat_channels or not (app_secret and verify_token):
            return None
        from web.facebook.webhook import MessengerHook

        return MessengerHook(app_secret, verify_token, self.chat.receive, self.clock.now)

    # --- "test connection" of each channel: a client made at the click, from the secrets
    # as saved then (the editor may just have replaced one), closed after ---------------------
    def _secret_for_check(self, name: str, what_en: str, what_th: str) -> str:
        value = (self.chat_secrets(name) or "").strip()
        if not value:
            from pos.domain.errors import ShopError

            raise ShopError(f"Save the {what_en} first", f"กรุณาบันทึก{what_th}ก่อน")
        return value

    def _check_line(self) -> str:
        from web.line.client import LineSender

        token = self._secret_for_check(
            "line_channel_access_token", "LINE channel access token", "โทเค็นช่องทาง LINE"
        )
        s = self.settings
        client = LineSender(token, api_base=s.line_api_base, data_base=s.line_data_api_base)
        try:
            return client.check()
        finally:
            client.close()

    def _check_facebook(self) -> str:
        from web.facebook.client import MessengerSender

        token = self._secret_for_check(
            "facebook_page_access_token", "Facebook page access token", "โทเค็นของเพจ Facebook"
        )
        client = MessengerSender(
            token, self.settings.facebook_graph_base, last_heard=lambda _psid: None,
            now=self.clock.now,
        )  # fmt: skip
        try:
            return client.check()
        finally:
            client.close()

    def _check_thailandpost(self) -> str:
        """The tracking API's token and, when set, the hook API's (each its own token)."""
        from web.carriers.thailandpost import ThailandPostTracking

        hook_token = (self.chat_secrets("thailandpost_hook_token") or "").strip()
        if hook_token and not (self.chat_secrets("thailandpost_token") or "").strip():
            token = ""  # only pushes set up: check the hook API's token alone
        else:
            token = self._secret_for_check(
                "thailandpost_token", "Thailand Post API token", "โทเค็น API ไปรษณีย์ไทย"
            )
        s = self.settings
        said = []
        for value, base, what in (
            (token, s.thailandpost_api_base, ""),
            (hook_token, s.thailandpost_hook_base, "webhook API: "),
        ):
            if value:
                client = ThailandPostTracking(value, self.clock, base)
                try:
                    said.append(what + client.check())
                finally:
                    client.close()
        return "; ".join(said)

    @cached_property
    def tracking(self) -> Tracking:
        """Carrier tracking of shipped orders: Thailand Post's API when its API token (the
        secret thailandpost_token) is set."""
        from datetime import timedelta

        from pos.services.tracking import Tracking
        from web.carriers.thailandpost import ThailandPostTracking

        sources = []
        token = (self.chat_secrets("thailandpost_token") or "").strip()
        if token:
            base = self.settings.thailandpost_api_base
            sources.append(ThailandPostTracking(token, self.clock, base))
        every = timedelta(minutes=self.settings.tracking_poll_minutes or 30)
        # tracking by push: the hook API's token, and the shop's webhook that takes the pushes
        hook_token = (self.chat_secrets("thailandpost_hook_token") or "").strip()
        subscriber = None
        if hook_token and (self.chat_secrets("carrier_webhook_secret") or "").strip():
            base = self.settings.thailandpost_hook_base
            subscriber = ThailandPostTracking(hook_token, self.clock, base)
        return Tracking(
            self.store.uow, self.order_desk, sources, self.clock, every, subscriber=subscriber
        )
