"""Journal travel: the counter's hash chain and what verifies it, to the central database."""

from __future__ import annotations

from typing import Any

import psycopg
from sqlalchemy.exc import DBAPIError

from db.errors import refusal
from db.sync.common import (
    TABLES,
    SyncBase,
    column_names,
    get_state_int,
    is_connection_error,
    rows_by,
    set_state,
    stage_ddl,
    unavailable,
)

# The journal and the rows its central verifier needs besides the sales (parents first); the
# re-keyed ids (db/rekey.py, a few rows) go with every batch, as the old records need them.
_JOURNAL_TABLES = ("rekeyed_ids", "shifts", "z_reports", "approvals", "journal_entries")
JOURNAL_KEY = "journal_pushed_seq"
_JOURNAL_STAGE_DDL = ";\n".join(stage_ddl(t) for t in _JOURNAL_TABLES)


def key_of(table: str) -> str:
    """The row's id, the conflict target of every insert: a clash on any other unique key is
    an error, never a silently skipped row."""
    return ", ".join(c.name for c in TABLES[table].primary_key.columns)


class JournalPush(SyncBase):
    """The counter's journal chain up to the central database, after the documents it covers."""

    def journal_pending(self) -> int:
        """Journal entries of this counter the central database does not have yet."""
        with self.local.connect() as conn:
            since = get_state_int(conn, JOURNAL_KEY)
            return int(
                conn.exec_driver_sql(
                    "SELECT count(*) FROM journal_entries WHERE terminal_id = ? AND seq > ?",
                    (self.terminal_id, since),
                ).scalar_one()
            )

    def push_journal(self, batch_size: int = 1000) -> int:
        """Send the counter's journal chain after its bookmark, with what verifies it there.

        Entries go in chain order, each batch in one central transaction with the rows the
        central verifier rebuilds their records from (a void's approval, a Z report and its
        shift; sales and refunds went with the outbox before), INSERT ... ON CONFLICT DO
        NOTHING on their ids; the bookmark moves after the central commit. An entry whose
        sale or refund is still in the outbox waits for it, so central never holds a link
        without its document.
        """
        sent = 0
        while True:
            batch = self._read_journal(batch_size)
            if batch is None:
                return sent
            last_seq, rows = batch
            try:
                self._send_journal(rows)
            except DBAPIError as exc:
                if is_connection_error(exc):
                    raise unavailable(exc, self.round_timeout) from exc
                raise
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                raise unavailable(exc, self.round_timeout) from exc
            except psycopg.Error as exc:  # a refusal: the chain waits, the message names it
                named = refusal(exc, f"journal entries up to {last_seq}")
                if named is None:
                    raise
                raise named from exc
            with self._write() as conn, conn.begin():
                set_state(conn, JOURNAL_KEY, str(last_seq))
            sent += len(rows["journal_entries"])

    def _read_journal(self, size: int) -> tuple[int, dict[str, list[tuple[Any, ...]]]] | None:
        with self.local.connect() as conn, conn.begin():
            since = get_state_int(conn, JOURNAL_KEY)
            cols = column_names("journal_entries")
            seq_i, kind_i, ref_i = cols.index("seq"), cols.index("kind"), cols.index("ref_id")
            entries = conn.exec_driver_sql(
                f"SELECT {', '.join(cols)} FROM journal_entries WHERE terminal_id = ? "
                "AND seq > ? ORDER BY seq LIMIT ?",
                (self.terminal_id, since, size),
            ).all()
            waiting = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT aggregate_id FROM outbox WHERE sent_at IS NULL"
                )
            }
            for n, e in enumerate(entries):
                if e[ref_i] in waiting:
                    entries = entries[:n]
                    break
            if not entries:
                return None
            refs: dict[str, list[str]] = {}
            for e in entries:
                refs.setdefault(e[kind_i], []).append(e[ref_i])
            rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _JOURNAL_TABLES}
            rows["journal_entries"] = [tuple(e) for e in entries]
            rows["approvals"] = rows_by(conn, "approvals", "id", refs.get("void", []))
            rows["z_reports"] = rows_by(conn, "z_reports", "id", refs.get("z_report", []))
            shift_i = column_names("z_reports").index("shift_id")
            rows["shifts"] = rows_by(conn, "shifts", "id", [z[shift_i] for z in rows["z_reports"]])
            rekeyed = ", ".join(column_names("rekeyed_ids"))
            rows["rekeyed_ids"] = [
                tuple(r) for r in conn.exec_driver_sql(f"SELECT {rekeyed} FROM rekeyed_ids")
            ]
        return int(entries[-1][seq_i]), rows

    def _send_journal(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        with self.central.connect() as conn, conn.begin():
            conn.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
            info = conn.connection.info
            if not info.get("otop_stage_journal"):
                conn.exec_driver_sql(_JOURNAL_STAGE_DDL)
                info["otop_stage_journal"] = True
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                for table in _JOURNAL_TABLES:  # parents first
                    if not rows[table]:
                        continue
                    cols = ", ".join(column_names(table))
                    with cur.copy(f"COPY stage_{table} ({cols}) FROM STDIN") as cp:
                        for row in rows[table]:
                            cp.write_row(row)
                    cur.execute(
                        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM stage_{table} "
                        f"ON CONFLICT ({key_of(table)}) DO NOTHING"
                    )
