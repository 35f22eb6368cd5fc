"""Sync between a counter's SQLite file and the central PostgreSQL (implements SyncTransport).

Push: the oldest unsent outbox rows (in outbox id order: the counter's own sequence) and the
rows they stand for are COPYed into temporary staging tables and inserted with
ON CONFLICT (id) DO NOTHING in one central transaction (a refused event set aside under a
savepoint, see push), with a receive log row per event (server
receive time beside the counter's clock). Only after that transaction has committed does the
counter mark the batch sent, in one local transaction. A crash in between only means the batch
goes again, and a batch sent twice changes nothing.

Pull: catalogue rows whose change number is above the counter's bookmark, up to the newest
number in the central snapshot, are upserted locally (tombstones delete or deactivate) and the
bookmark moves, in one local transaction; then the central stock replaces the local copy.

The parts: push (the outbox), journal (the hash chain after its documents), pull (catalogue
changes), first_load (a counter without a catalogue), rows (catalogue rows as SQLite stores
them), registration, and common (what they share).
"""

from __future__ import annotations

from db.sync.common import central_connect_args, sync_state, takes_catalogue_from_central
from db.sync.pull import CataloguePull
from db.sync.push import OutboxPush
from db.sync.registration import adopt_registration, as_counter_login

__all__ = [
    "CentralSync",
    "adopt_registration",
    "as_counter_login",
    "central_connect_args",
    "sync_state",
    "takes_catalogue_from_central",
]


class CentralSync(OutboxPush, CataloguePull):
    """The counter's side of the sync (one SQLite file, one central server, one terminal)."""
