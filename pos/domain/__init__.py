"""The pure core: money, tax, barcodes, PromptPay, carts. No I/O, no Qt, no SQL."""
