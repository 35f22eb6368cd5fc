"""A committed document's print job: staged in its own transaction, submitted after commit."""

from __future__ import annotations

import logging
from typing import TypeVar

from pos.domain.errors import ShopError
from pos.ports.print_jobs import DocumentSink
from pos.ports.uow import Transaction

log = logging.getLogger(__name__)

W = TypeVar("W", bound=Transaction)
D = TypeVar("D")


def commit_and_submit(work: W, sink: DocumentSink[W, D] | None, document: D, what: str) -> None:
    """Stage the document's print job in `work`, commit, then hand the document to the sink.

    The document is saved whatever the printer does: a fault the shop can fix (printer off,
    paper out) is logged and the job stays in the print queue to retry; anything else is a bug
    in printing, logged with its traceback, and must not look like a failed sale. `what`
    names the document in the log ("receipt KK01-00000042").
    """
    if sink is not None:
        sink.stage(work, document)  # the print job commits with the document
    work.commit()
    if sink is None:
        return
    try:
        sink.submit(document)
    except ShopError:
        log.warning("%s not printed (kept in the print queue)", what, exc_info=True)
    except Exception:
        log.exception("%s: the printer sink failed", what)
