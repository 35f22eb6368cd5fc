"""The tea counter's own windows: the orders to make and hand over."""
