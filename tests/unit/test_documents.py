"""Submit after commit: the print job commits with the document, a printer fault loses nothing."""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Self

import pytest

from pos.domain.errors import PrinterUnavailable
from pos.services.documents import commit_and_submit


class FakeWork:
    def __init__(self, steps: list[str]) -> None:
        self.steps = steps

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.steps.append("closed")

    def commit(self) -> None:
        self.steps.append("commit")

    def rollback(self) -> None:
        self.steps.append("rollback")


class FakeSink:
    def __init__(self, steps: list[str], fault: Exception | None = None) -> None:
        self.steps = steps
        self.fault = fault

    def stage(self, uow: FakeWork, document: str, /) -> None:
        assert uow.steps is self.steps
        self.steps.append(f"stage {document}")

    def submit(self, document: str, /) -> None:
        self.steps.append(f"submit {document}")
        if self.fault is not None:
            raise self.fault


def test_the_job_is_staged_before_the_commit_and_submitted_after_it() -> None:
    steps: list[str] = []
    commit_and_submit(FakeWork(steps), FakeSink(steps), "KK01-00000001", "receipt KK01-00000001")
    assert steps == ["stage KK01-00000001", "commit", "submit KK01-00000001"]


def test_without_a_sink_the_document_is_only_committed() -> None:
    steps: list[str] = []
    commit_and_submit(FakeWork(steps), None, "KK01-00000001", "receipt KK01-00000001")
    assert steps == ["commit"]


def test_a_printer_the_shop_can_fix_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    steps: list[str] = []
    off = PrinterUnavailable("The printer does not answer", "เครื่องพิมพ์ไม่ตอบสนอง")
    with caplog.at_level(logging.WARNING, logger="pos.services.documents"):
        commit_and_submit(FakeWork(steps), FakeSink(steps, off), "Z-1", "Z report KK01-Z-000001")
    assert "commit" in steps
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == "Z report KK01-Z-000001 not printed (kept in the print queue)"


def test_a_bug_in_printing_is_logged_with_its_traceback_and_the_document_is_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    steps: list[str] = []
    bug = KeyError("layout")
    with caplog.at_level(logging.WARNING, logger="pos.services.documents"):
        commit_and_submit(FakeWork(steps), FakeSink(steps, bug), "R-1", "refund KK01-R-000001")
    assert steps == ["stage R-1", "commit", "submit R-1"]
    (record,) = caplog.records
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "refund KK01-R-000001: the printer sink failed"
    assert record.exc_info is not None
    assert record.exc_info[1] is bug
