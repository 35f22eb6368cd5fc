"""The composition root: opens the store and builds each shared service once from the settings.

Nothing here connects or opens a device at import: the database opens in `open_store`
(pos.app.store), and each service is built the first time it is asked for, then handed out
again, so the checkout's receipt sink is the queue the printer banner watches and the
approvals the till's `Auth` gives are the ones its checkout, shifts and refunds accept. The
till's services are in pos.app.till, the tea corner's and the room's in pos.app.rooms_tea, the
online channels' in pos.app.channels: `Services` mixes them in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pos.app.channels import OnlineChannels
from pos.app.rooms_tea import RoomsAndTea
from pos.app.store import ReportStore as ReportStore  # the commands' and tests' names
from pos.app.store import Store as Store
from pos.app.store import first_pull
from pos.app.store import open_report_store as open_report_store
from pos.app.store import open_store as open_store
from pos.app.store import sync_service as sync_service
from pos.app.till import TillServices
from pos.domain.settings import Settings

if TYPE_CHECKING:
    # the till's start imports only what its first frame needs: services are imported where
    # they are built, on the window's worker thread
    from pos.app.chat_backend import ChatDeskBackend
    from pos.app.settings_backend import SettingsEditorBackend
    from pos.ports.clock import Clock
    from pos.services.curation import Curation
    from pos.services.labels import LabelDesk
    from pos.services.order_desk import OrderDesk
    from pos.services.orders import Orders
    from pos.services.producers import Producers
    from pos.services.products import Products
    from pos.services.secrets import Secrets
    from pos.services.settings import LiveSettings, SettingsAdmin, SettingsTaken
    from pos.services.shipping import ShippingDesk
    from pos.services.till import TillContext
    from pos.services.users import Users


class Services(TillServices, RoomsAndTea, OnlineChannels):
    """Each shared service of one open store, built once, the first time it is used.

    With `queue_prints` false (the command line) nothing is queued for the counter's
    printers: a command prints where its options say, and leaves the till's queue alone.

    The settings the services use are `live`'s: a save in the settings editor swaps in what
    an open till takes at once, in every service built (the rest waits for a restart); a till
    that watches the saves (`watch_settings`) swaps them on its own ordered worker.
    """

    store: Store

    def __init__(
        self, store: Store, *, queue_prints: bool = True, settings_file: Path | None = None
    ) -> None:
        from pos.services.settings import LiveSettings

        self.store = store
        self.live: LiveSettings = LiveSettings(store.settings)
        self.live.on_swap(self._push_settings)
        self._settings_watchers: list[Callable[[Settings], None]] = []
        self.queue_prints = queue_prints
        self.settings_file = settings_file  # --settings (None: the user-config one)
        # each channel's "test connection" (LINE, Facebook, Thailand Post) by channel name:
        # the adapters' check() added where they are wired; the settings editor runs them
        self.channel_checks: dict[str, Callable[[], str]] = {
            "line": self._check_line,
            "facebook": self._check_facebook,
            "thailandpost": self._check_thailandpost,
        }

    @property
    def settings(self) -> Settings:
        """The settings the services use now (one consistent set: read it once per task)."""
        return self.live.current

    @cached_property
    def clock(self) -> Clock:
        from pos.ports.clock import SystemClock  # imported when a service is built

        return SystemClock()

    def settings_admin(self, path: Path | None = None) -> SettingsAdmin:
        """Changing the settings file (`path`, else --settings, else the user-config one),
        each change audited in this store."""
        from pos.config import SettingsFile
        from pos.services.settings import SettingsAdmin

        tid = self.store.terminal_id
        file = SettingsFile(path or self.settings_file)
        return SettingsAdmin(file, self.clock, self.store.uow, terminal_id=tid)

    @cached_property
    def settings_editor(self) -> SettingsEditorBackend:
        """The back office's settings editor: the settings service and its two checks; each
        save goes to the services that are running (`_settings_saved`)."""
        from pos.app.settings_backend import SettingsEditorBackend

        admin = self.settings_admin()
        admin.on_change(self._settings_saved)
        counter = bool(self.settings.central_url) and self.store.engine.dialect.name == "sqlite"
        return SettingsEditorBackend(
            admin, self._settings_in_use, secrets=self.secrets, checks=self.channel_checks,
            secrets_on_counter=counter,
        )  # fmt: skip

    @cached_property
    def secrets(self) -> Secrets:
        """The channels' tokens and keys in this store (`OTOP_POS_SECRET_<NAME>` overrides)."""
        import os

        from pos.services.secrets import Secrets

        store = self.store
        return Secrets(store.uow, self.clock, environ=os.environ, terminal_id=store.terminal_id)

    @cached_property
    def chat_desk(self) -> ChatDeskBackend:
        """The orders window's chat tab: conversations, replies, usage, linked orders."""
        from pos.app.chat_backend import ChatDeskBackend

        return ChatDeskBackend(self.chat, self.store.uow, self.order_desk)

    def watch_settings(self, listener: Callable[[Settings], None]) -> None:
        """`listener` (the till) is handed each save and takes it (`take_settings`) itself."""
        self._settings_watchers.append(listener)

    def take_settings(self, saved: Settings) -> SettingsTaken:
        """What the services take at once of the `saved` settings, swapped into each one
        built; the rest waits for the next start."""
        return self.live.take(saved)

    def _settings_saved(self, saved: Settings) -> None:
        """After a save in the editor (UI thread): to the till, or taken here at once."""
        if not self._settings_watchers:
            self.take_settings(saved)
        for listener in self._settings_watchers:
            listener(saved)

    def _settings_in_use(self) -> Settings | None:
        """The settings an open till of these services uses (None: no till watches)."""
        return self.live.current if self._settings_watchers else None

    def _push_settings(self, settings: Settings) -> None:
        """Inside the swap: every service built so far holds the new settings."""
        self.store.settings = settings
        for service in list(vars(self).values()):
            if isinstance(getattr(service, "settings", None), Settings):
                service.settings = settings

    @cached_property
    def curation(self) -> Curation:
        """Applications, the committee's reviews and certificates (the back office's page);
        a counter that pulls from a central database refuses to change its own copy."""
        from pos.services.curation import Curation

        counter = bool(self.settings.central_url) and self.store.engine.dialect.name == "sqlite"
        return Curation(self.store.uow, self.settings, self.clock, central_owned_elsewhere=counter)

    @cached_property
    def products(self) -> Products:
        """The back office's products: photos resized into the data folder's photos/."""
        from pos.config import data_dir
        from pos.services.products import Products
        from printing.photos import QtPhotoStore

        store = self.store
        return Products(store.uow, self.settings, self.clock, QtPhotoStore(data_dir() / "photos"),
                        store.terminal_id)  # fmt: skip

    @cached_property
    def orders(self) -> Orders:
        """Online orders, the web shop's side; slips in the data folder."""
        from db.slips import DirectorySlipStore
        from db.text_index import build_trigram_index
        from pos.config import data_dir
        from pos.services.orders import Orders

        slips = DirectorySlipStore(data_dir() / "slips")
        orders = Orders(self.store.uow, self.settings, self.clock, slips, build_trigram_index)
        # an order placed from chat is linked to its contact and confirmed there
        orders.add_placed_hook(
            lambda uow, order, contact: self.chat.order_placed(uow, order, contact)
        )
        return orders

    @cached_property
    def order_desk(self) -> OrderDesk:
        """Online orders, the staff's side (the orders window and `otop-pos orders`)."""
        from pos.services.order_desk import OrderDesk
        from pos.services.tracking import ship_hook

        desk = OrderDesk(self.store.uow, self.settings, self.clock, self.sale_hooks)
        desk.add_cancel_hook(self.rooms.order_cancel_hook)  # a booking's hold is released
        desk.add_status_hook(self.chat.order_status)  # chat's "paid", "shipped", "delivered"
        # a parcel shipped is subscribed to the carrier's pushes after the commit (tracking
        # is built then, on first use: it takes this desk)
        desk.add_status_hook(ship_hook(lambda: self.tracking))
        return desk

    @cached_property
    def shipping(self) -> ShippingDesk:
        """The orders window's shipping labels and pick lists."""
        from pos.services.shipping import ShippingDesk
        from printing.shipping_label import QtShippingDocuments

        return ShippingDesk(self.settings, QtShippingDocuments(), self.clock)

    @cached_property
    def central_copy(self) -> bool:
        """The store is a counter's copy of a central database (it has pulled the catalogue and
        the users from there, or names one): the back office changes them there only."""
        with self.store.uow() as read:  # the products' rule (pos.services.products)
            owner = read.products.catalogue_owner()
        return owner == "counter" or (owner == "local" and bool(self.settings.central_url))

    @cached_property
    def producers(self) -> Producers:
        """The back office's producers (changes need MANAGE_CATALOG, and are audited)."""
        from pos.services.producers import Producers

        return Producers(
            self.store.uow, self.clock, central_copy=self.central_copy,
            terminal_id=self.store.terminal_id,
        )  # fmt: skip

    @cached_property
    def users(self) -> Users:
        """The back office's user administration (admin only, audited), hashing with `auth`'s
        hasher; its demo-PIN check is cached for the life of these services."""
        from pos.services.users import Users

        return Users(
            self.store.uow, self.auth.hasher, self.clock, central_copy=self.central_copy,
            terminal_id=self.store.terminal_id,
        )  # fmt: skip

    def load_demo(self, products: int = 0) -> int:
        """The demo store's catalogue (and N synthetic products) and its users."""
        from pos.services.demo import load_demo_store, load_demo_tea
        from resources import DEMO

        store = self.store
        n = load_demo_store(store.uow, self.settings, store.terminal.terminal_id, DEMO, products)
        load_demo_tea(store.uow, self.clock, store.terminal.terminal_id)
        # demo users: cashier 1111, labels 2222, manager 9999, admin 0000 (README)
        self.auth.ensure_demo_users()
        return n

    def first_start(self) -> None:
        """A counter without a catalogue gets one: from the central database when one is
        configured (a first sync round), else the demo store (a stand-alone counter)."""
        if not self.store.is_empty():
            return
        if not self.settings.central_url:
            self.load_demo()
            return
        first_pull(self.store, self.settings.central_url)

    def close(self) -> None:
        if "tea" in vars(self):  # its sender stops after what it is sending
            self.tea.close()
        if (messenger := vars(self).get("facebook_sender")) is not None:  # its connections
            messenger.close()
        self.store.close()


def load_demo(store: Store, products: int = 0) -> int:
    """The demo store in an open store (tools and tests)."""
    return Services(store).load_demo(products)


def first_start(store: Store) -> None:
    Services(store).first_start()


def build_till_context(store: Store) -> TillContext:
    """Everything the till window needs, wired once from an open store."""
    return Services(store).till_context()


def build_label_desk(store: Store) -> LabelDesk:
    """The labels window's services, wired from an open store."""
    return Services(store).label_desk
