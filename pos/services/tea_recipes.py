"""The stock items a tea recipe names, by SKU for the back office's form (product ids below)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pos.domain.cart import ProductKind

if TYPE_CHECKING:
    from pos.ports.tea import TeaUnitOfWork
    from pos.ports.uow import UnitOfWorkFactory


class RecipeStock:
    """SKU <-> product id of the stock items (GOODS products) recipes use."""

    def __init__(self, uow: UnitOfWorkFactory[TeaUnitOfWork]) -> None:
        self.uow = uow

    def skus(self, product_ids: Iterable[str]) -> dict[str, str]:
        """product id -> SKU of each of `product_ids` that is a product."""
        with self.uow() as read:
            return {p.product_id: p.sku for p in read.catalog.products_by_ids(list(product_ids))}

    def product_ids(self, skus: Iterable[str]) -> dict[str, str]:
        """SKU -> product id of each of `skus` that is a stock item (a GOODS product)."""
        out: dict[str, str] = {}
        with self.uow() as read:
            for sku in skus:
                product = read.catalog.product_by_sku(sku)
                if product is not None and product.kind is ProductKind.GOODS:
                    out[sku] = product.product_id
        return out
