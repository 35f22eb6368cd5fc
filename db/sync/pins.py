"""A counter's user sets a new PIN after a reset: it is written on the central database.

The counter holds only keyed copies of central PIN hashes, and its login may not update users;
`otop_set_own_pin` (db.central_identity) lets it set the hash of a user flagged
must_change_pin, once. Nothing connects until a PIN is set.
"""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from db.engine import make_engine
from db.sync.common import central_connect_args, unavailable
from db.sync.registration import as_counter_login


class CentralPinChange:
    def __init__(self, counter: Engine, central_url: str, timeout: float = 10.0) -> None:
        self.counter = counter
        self.central_url = central_url
        self.timeout = timeout

    def set_own_pin(self, user_id: str, pin_hash: str) -> bool:
        url = as_counter_login(self.counter, self.central_url)
        engine = make_engine(url, connect_args=central_connect_args(self.timeout))
        try:
            with engine.begin() as conn:
                done = conn.execute(
                    text("SELECT otop_set_own_pin(:user_id, :pin_hash)"),
                    {"user_id": user_id, "pin_hash": pin_hash},
                ).scalar()
        except DBAPIError as exc:
            raise unavailable(exc, self.timeout) from exc
        finally:
            engine.dispose()
        return bool(done)
