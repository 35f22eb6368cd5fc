"""The commands of `otop-pos`, a module per command group; none is imported by the till."""

from __future__ import annotations

from pos.app.cli.common import Commands


def add_commands(sub: Commands) -> None:
    """Every command group's parser, in the order `otop-pos --help` lists them."""
    from pos.app.cli import (
        backoffice,
        basket,
        catalog,
        central,
        chat,
        curation,
        demo,
        journal,
        labels,
        orders,
        producer,
        product,
        promptpay,
        receipt,
        refund,
        report,
        rooms,
        sales,
        settings,
        shop,
        stock,
        stories,
        sync,
        tea,
        terminal,
        user,
    )

    for group in (
        demo, catalog, promptpay, sales, receipt, labels, stories, basket,
        central, terminal, sync, journal, report, refund, settings, product, backoffice,
        producer, user, curation, stock, orders, shop, tea, rooms, chat,
    ):  # fmt: skip
        group.add_commands(sub)
