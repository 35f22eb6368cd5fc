"""Changing the shop's settings: the admin only, every field checked, saved at once, audited.

`update` takes several changes (the settings editor's form) and refuses them all when any is
bad, naming every bad field (`SettingsRefused.problems`); the command line's `settings set KEY
VALUE` is one change. The audit row goes to the store's audit log in a unit of work that
commits only after the file was saved; a save that fails leaves the old file and no row.

`LiveSettings` holds the settings the running services use: after a save it swaps in, whole,
what an open till takes at once (pos.domain.setting_fields), and keeps the rest until a restart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pos.domain.auth import Action, Actor
from pos.domain.errors import SettingsError
from pos.domain.setting_fields import (
    FIELDS,
    after_restart,
    field_of,
    parse_value,
    shown_value,
    take_live,
)
from pos.domain.settings import Settings
from pos.ports.audit import AuditUnitOfWork
from pos.ports.clock import Clock
from pos.ports.settings import SettingsStore
from pos.ports.uow import UnitOfWorkFactory
from pos.services.audit import record, require


class SettingsRefused(SettingsError):
    """Changes refused, each bad field with its own message (nothing was saved)."""

    def __init__(self, problems: Mapping[str, SettingsError]) -> None:
        self.problems = dict(problems)
        super().__init__(
            "; ".join(e.message_en for e in self.problems.values()),
            "; ".join(e.message_th for e in self.problems.values()),
            field=next(iter(self.problems), ""),
        )


@dataclass(frozen=True, slots=True)
class ShownSetting:
    key: str
    group: str
    label_en: str
    label_th: str
    value: str  # secrets masked


class SettingsAdmin:
    def __init__(
        self,
        store: SettingsStore,
        clock: Clock,
        audit: UnitOfWorkFactory[AuditUnitOfWork] | None = None,
        *,
        terminal_id: str | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._audit = audit
        self._terminal_id = terminal_id
        self._listeners: list[Callable[[Settings], None]] = []

    def current(self) -> Settings:
        return self._store.load()

    def on_change(self, listener: Callable[[Settings], None]) -> None:
        """Called with the new settings after each saved change (e.g. the till re-reads)."""
        self._listeners.append(listener)

    def show(self) -> list[ShownSetting]:
        settings = self._store.load()
        return [
            ShownSetting(
                f.key, f.group, f.label_en, f.label_th, shown_value(f.key, getattr(settings, f.key))
            )
            for f in FIELDS.values()
        ]

    def set_text(self, actor: Actor, key: str, text: str) -> Settings:
        """One setting from typed text: `settings set KEY VALUE`."""
        require(actor, Action.MANAGE_SETTINGS)
        return self.update(actor, {field_of(key).key: parse_value(key, text)})

    def update(self, actor: Actor, changes: Mapping[str, object]) -> Settings:
        """Apply every change or none; each bad field named in the refusal."""
        require(actor, Action.MANAGE_SETTINGS)
        current = self._store.load()
        problems: dict[str, SettingsError] = {}
        for key, value in changes.items():
            try:
                f = field_of(key)
                current.with_changes(**{f.key: value})
            except SettingsError as exc:
                problems[key] = _named(key, exc)
            except TypeError as exc:  # a value of the wrong kind from a caller
                problems[key] = _named(key, SettingsError(str(exc)))
        if problems:
            raise SettingsRefused(problems)
        try:
            new = current.with_changes(**dict(changes))
        except SettingsError as exc:  # fields fine alone, wrong together (VAT without tax ID)
            raise SettingsRefused({k: _named(k, exc) for k in changes}) from exc
        before = {k: shown_value(k, getattr(current, k)) for k in changes}
        after = {k: shown_value(k, getattr(new, k)) for k in changes}
        if before == after:
            return current
        if self._audit is None:
            self._store.save(new)
        else:
            with self._audit(write=True) as uow:
                for key in changes:
                    record(
                        uow.audit, self._clock, actor, "settings.set", key,
                        before={key: before[key]}, after={key: after[key]},
                        terminal_id=self._terminal_id,
                    )  # fmt: skip
                self._store.save(new)
                try:
                    uow.commit()
                except BaseException:
                    self._store.save(current)  # no audit row: the old settings stay
                    raise
        for listener in self._listeners:
            listener(new)
        return new


@dataclass(frozen=True, slots=True)
class SettingsTaken:
    """What the running services use after a save, and the saved changes they still lack."""

    settings: Settings
    taken: tuple[str, ...]  # keys changed in the running settings by this swap
    after_restart: tuple[str, ...]  # keys whose saved value waits for the next start


class LiveSettings:
    """The one holder of the settings the running services use (the composition root's).

    `current` is one frozen Settings, replaced whole: a reader that takes it once sees one
    consistent set, never half of a change. Swap listeners (the composition root putting the
    new settings into each service it built) run inside the swap, one swap at a time.
    """

    def __init__(self, settings: Settings) -> None:
        self._current = settings
        self._lock = threading.Lock()
        self._listeners: list[Callable[[Settings], None]] = []

    @property
    def current(self) -> Settings:
        return self._current

    def on_swap(self, listener: Callable[[Settings], None]) -> None:
        self._listeners.append(listener)

    def offer(self, saved: Settings) -> SettingsTaken:
        """What taking `saved` would change now and what would wait (nothing is swapped)."""
        running = self._current
        new = take_live(running, saved)
        taken = tuple(k for k in FIELDS if getattr(new, k) != getattr(running, k))
        return SettingsTaken(new, taken, after_restart(running, saved))

    def take(self, saved: Settings) -> SettingsTaken:
        """Swap in every change of `saved` that is taken at once; the rest waits."""
        with self._lock:
            offer = self.offer(saved)
            if offer.taken:
                self._current = offer.settings
                for listener in self._listeners:
                    listener(offer.settings)
        return offer


def _named(key: str, exc: SettingsError) -> SettingsError:
    f = FIELDS.get(key)
    if f is None or exc.message_en.startswith(f.label_en):
        return SettingsError(exc.message_en, exc.message_th, field=key)
    return SettingsError(
        f"{f.label_en} ({key}): {exc.message_en}",
        f"{f.label_th} ({key}): {exc.message_th}",
        field=key,
    )
