"""The unit of work every capability's storage is reached through, and one factory for all."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self, TypeVar, runtime_checkable


class Transaction(Protocol):
    """One unit of work: rolled back on leaving unless committed."""

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


@runtime_checkable
class AfterCommit(Protocol):
    """A unit of work that runs callbacks once its transaction has committed (never after a
    rollback): what must happen after the commit and only then (a ticket's print)."""

    def after_commit(self, callback: Callable[[], None], /) -> None: ...


U_co = TypeVar("U_co", bound=Transaction, covariant=True)


class UnitOfWorkFactory(Protocol[U_co]):
    """Opens a unit of work of one capability (`write=True`: one that may write)."""

    def __call__(self, *, write: bool = False) -> U_co: ...
