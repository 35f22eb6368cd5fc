"""Item 7: LINE and Facebook in the period report's channel split, messages sent per month,
and the operators' `otop-pos chat` and `report messages` commands."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from pos.app.bootstrap import Services
from pos.domain.channels import Channel
from pos.domain.chat import ContactRef
from pos.domain.orders import OrderLineRequest, PaymentMethod
from pos.domain.shop_time import shop_day
from pos.services.chat import MessagesRow, messages_report
from pos.services.eod import eod_report
from tests.chat.conftest import Clock, FakeSender, staff
from tests.integration.test_cli import cli, read_csv
from tests.orders.conftest import delivery

Open = Callable[..., Services]


def _sold(svc: Services, clock: Clock, key: str, channel: Channel, user: str) -> None:
    order = svc.orders.place(
        key,
        delivery(),
        [OrderLineRequest("product", "KK-TX-0003", 1)],
        PaymentMethod.PROMPTPAY,
        channel=channel,
        contact=ContactRef(channel, user),
    )
    svc.order_desk.confirm_payment(order.order_no, staff(svc.store, clock, "manager", "9999"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTOP_POS_HOME", str(folder))
    return folder


def test_line_and_facebook_rows_and_messages_per_month(
    shop_sqlite: str, open_services: Open, clock: Clock, tmp_path: Path, home: Path
) -> None:
    svc = open_services(shop_sqlite)
    _sold(svc, clock, "line-report-0001", Channel.LINE, "U-line-report")
    _sold(svc, clock, "fb-report-000001", Channel.FACEBOOK, "2457893021234567")
    report = eod_report(svc.store.uow, shop_day(clock.now()))
    rows = {r.key: r for r in report.by_channel}
    assert rows["line"].receipts == 1
    assert rows["line"].sales == Decimal("700.00")  # the scarf and the delivery fee
    assert rows["facebook"].receipts == 1
    assert rows["facebook"].sales == Decimal("700.00")  # the scarf and the delivery fee

    line, fb = FakeSender(), FakeSender(channel=Channel.FACEBOOK, idempotent=False)
    svc.chat_outbox({Channel.LINE: line, Channel.FACEBOOK: fb}).send_due()
    assert (len(line.delivered), len(fb.delivered)) == (2, 2)  # placed + paid each
    first = shop_day(clock.now()).replace(day=1)
    assert messages_report(svc.store.uow, first.replace(month=10), first) == [
        MessagesRow("2026-10", Channel.LINE, 0),
        MessagesRow("2026-10", Channel.FACEBOOK, 0),
        MessagesRow("2026-11", Channel.LINE, 2),
        MessagesRow("2026-11", Channel.FACEBOOK, 2),
    ]
    db = shop_sqlite
    svc.close()

    code, out, err = cli("report", "messages", "--db", db, "--from", "2026-11")
    assert code == 0, err
    assert out.splitlines() == ["2026-11\tLINE\t2", "2026-11\tFacebook\t2"]
    csv_file = tmp_path / "messages.csv"
    code, _, err = cli(
        "report", "messages", "--db", db, "--from", "2026-10", "--to", "2026-11", "-o",
        str(csv_file),
    )  # fmt: skip
    assert code == 0, err
    header, table = read_csv(csv_file)
    assert header == ["month", "channel", "messages_sent"]
    assert [r["messages_sent"] for r in table] == ["0", "0", "2", "2"]
    code, _, err = cli("report", "messages", "--db", db, "--from", "2026-12", "--to", "2026-11")
    assert code != 0
    assert "--to" in err

    code, out, err = cli("chat", "outbox", "--db", db, "--status", "sent")
    assert code == 0, err
    assert len(out.splitlines()) == 4
    assert all("\tsent\t" in row for row in out.splitlines())
    code, out, err = cli("chat", "conversations", "--db", db)
    assert code == 0, err
    assert {row.split("\t")[2] for row in out.splitlines()} == {"line", "facebook"}
    code, out, err = cli("chat", "send", "--db", db)
    assert code != 0
    assert "No chat channel" in err or "ช่องทางแชท" in err
    code, out, err = cli("chat", "resend", "nope", "--db", db, "--user", "manager", "--pin", "9999")
    assert code != 0
