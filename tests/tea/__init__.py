"""The tea corner: menu, drinks in the cart, order tickets, recipes and reports."""
