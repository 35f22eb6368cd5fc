"""What every report's SQL shares: the statement runner that turns a missing right to read
the sales into a message, the Bangkok hour and day of a sale, the terminals and their channels,
and the sums read as whole satang (thousandths of a unit) and back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Float, Integer, cast, func, select, type_coerce
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from db import models as m
from pos.domain.channels import Channel
from pos.domain.eod import CENT
from pos.domain.errors import ShopError
from pos.domain.shop_time import BANGKOK

NO_PRIVILEGE = "42501"  # PostgreSQL's insufficient_privilege


def dec(v: Any, q: Decimal = CENT) -> Decimal:
    return Decimal(str(v or 0)).quantize(q)


QTY = Decimal("0.001")
NIL = Decimal("0.00")
NO_QTY = Decimal("0.000")
COUNTER = Channel.COUNTER.value  # a terminal the store does not know sells at a counter
ALL = "*"  # the scope of a day's summary of every counter


def sum_of(column: Any) -> Any:
    """sum() of a money or quantity column read as a plain float (no Decimal per row): the
    values are whole satang (thousandths), so a float sum rounds back to them exactly."""
    return type_coerce(func.sum(column), Float())


def cents(v: Any) -> int:
    """A sum of baht from the database in satang."""
    return round(float(v or 0) * 100)


def milli(v: Any) -> int:
    return round(float(v or 0) * 1000)


def baht(satang: int) -> Decimal:
    return Decimal(satang).scaleb(-2)


def qty(thousandths: int) -> Decimal:
    return Decimal(thousandths).scaleb(-3)


def midnight(at: datetime) -> bool:
    """Is `at` the start of a Bangkok day?"""
    local = at.astimezone(BANGKOK)
    return (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)


def runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Sorted days as runs of consecutive days: (first, last) each."""
    out: list[tuple[date, date]] = []
    for d in sorted(days):
        if out and out[-1][1] + timedelta(days=1) == d:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def add(into: dict[Any, list[int]], key: Any, values: list[int]) -> None:
    found = into.get(key)
    if found is None:
        into[key] = list(values)
    else:
        for i, v in enumerate(values):
            found[i] += v


class ReportQueries:
    """A report repository's session and the queries its reports share."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _execute(self, statement: Any) -> Any:  # a Result
        """Run a report statement; a database user without the right to read the sales (the
        central server's counter role may only insert them) gets a message, not a traceback."""
        try:
            return self.session.connection().execute(statement)
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != NO_PRIVILEGE:
                raise
            raise ShopError(
                "This database user may not read the sales (a counter may only send them): "
                "run reports with the back office's database URL",
                "ผู้ใช้ฐานข้อมูลนี้ไม่มีสิทธิ์อ่านยอดขาย (เครื่องขายส่งยอดขายได้อย่างเดียว): "
                "ใช้ URL ฐานข้อมูลของสำนักงานในการออกรายงาน",
            ) from exc

    def _bangkok_hour(self) -> Any:
        """The hour of `sales.sold_at` on a Bangkok clock (UTC+7, no daylight saving)."""
        if self.session.get_bind().dialect.name == "postgresql":
            return func.extract("hour", func.timezone("Asia/Bangkok", m.Sale.sold_at))
        return (cast(func.strftime("%H", m.Sale.sold_at), Integer) + 7) % 24

    def _bangkok_date(self) -> Any:
        """The Bangkok calendar day of `sales.sold_at` as ISO text (YYYY-MM-DD)."""
        if self.session.get_bind().dialect.name == "postgresql":
            return func.to_char(func.timezone("Asia/Bangkok", m.Sale.sold_at), "YYYY-MM-DD")
        return func.date(m.Sale.sold_at, "+7 hours")

    def channels(self) -> dict[str, str]:
        """Every terminal's channel (pos.domain.channels.Channel value), by terminal id."""
        q = select(m.Terminal.id, m.Terminal.channel)
        return {str(tid): str(ch) for tid, ch in self._execute(q)}

    def terminals(self) -> list[tuple[str, str, str, str]]:
        """Every counter: (id, name, POS ID, receipt prefix)."""
        q = select(m.Terminal.id, m.Terminal.name, m.Terminal.pos_id, m.Terminal.receipt_prefix)
        return [
            (str(a), str(b), str(c), str(d))
            for a, b, c, d in self._execute(q.order_by(m.Terminal.name))
        ]
