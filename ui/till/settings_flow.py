"""Settings saved in the back office opened from this till, taken without a restart.

The services take them on the till's ordered worker: a scan, sale or print job in flight ends
on the settings it began with and the next one begins on the new ones (never half of each).
Then, on the UI thread, the window's own copy (header, totals, the payment dialog's QR) is
swapped; what waits for a restart is said in the banner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from shiboken6 import isValid

from ui.till.messages import MessageLevel
from ui.till.ops import TillOp

if TYPE_CHECKING:
    from pos.domain.settings import Settings
    from pos.services.settings import SettingsTaken
    from pos.services.till import TillContext
    from ui.till.host import TillHost


class SettingsFlow(QObject):
    def __init__(self, host: TillHost) -> None:
        super().__init__(host.window())
        self.w = host

    def watch(self, ctx: TillContext) -> None:
        """Once the store is open: the back office's saves come here."""
        if ctx.watch_settings is not None and ctx.take_settings is not None:
            ctx.watch_settings(self.saved)

    def saved(self, settings: Settings) -> None:
        """A save in the back office (UI thread): the services take it behind what is queued."""
        if not isValid(self):
            return
        ctx = self.w.store.context
        take = None if ctx is None else ctx.take_settings
        if take is None:
            return
        if self.w.worker.closed:  # the till is closing: nothing sells any more
            take(settings)
            return
        TillOp("take_settings", lambda: take(settings)).success(self.taken).failure(
            self.failed
        ).run(self.w.worker)

    def taken(self, taken: SettingsTaken) -> None:
        """On the UI thread, after the services' swap: the window shows the new settings."""
        self.w.use_settings(taken.settings)
        if taken.after_restart:
            from pos.domain.setting_fields import FIELDS

            lang = self.w.language
            names = ", ".join(
                FIELDS[k].label_th if lang == "th" else FIELDS[k].label_en
                for k in taken.after_restart
            )
            self.w.show_message(
                self.tr(
                    "The back office saved new settings; after a restart of the till: {names}"
                ).format(names=names),
                MessageLevel.INFO,
            )
        elif taken.taken:
            self.w.show_message(
                self.tr("The back office saved new settings: the till uses them now."),
                MessageLevel.INFO,
            )

    def failed(self, exc: Exception) -> None:
        self.w.warn(self.w.error_text(exc))
