"""The till's cart shows a ready-made line's detail under it (a drink's options)."""

from __future__ import annotations

from tests.unit.test_line_kinds import OPTIONS, SILK, TEA, Cart, tea
from ui.cart_model import SECONDARY_ROLE, CartTableModel, Column


def test_the_tills_cart_shows_a_lines_detail_under_it(qapp) -> None:  # type: ignore[no-untyped-def]
    cart = Cart()
    cart.add(SILK)
    cart.add_line(tea())
    for lang, detail in (("th", OPTIONS.th), ("en", OPTIONS.en)):
        model = CartTableModel(cart, lang)
        assert model.rowCount() == 2
        under = [model.data(model.index(r, Column.PRODUCT), SECONDARY_ROLE) for r in (0, 1)]
        assert under == [SILK.name_en if lang == "th" else SILK.name_th, detail]
        assert model.data(model.index(1, Column.PRODUCT)) == (
            TEA.name_th if lang == "th" else TEA.name_en
        )
