"""An independent GS1 check-digit reference (weights counted from the left, per length)."""

from __future__ import annotations


def reference_check_digit(data: str) -> int:
    """Check digit for the data digits of a GTIN-8/12/13 (7, 11 or 12 digits).

    Written from the left: pad to 17 digits (GTIN-18 data), then weights alternate 3,1,3,...
    from the first position, which is the same as 3,1,... from the right.
    """
    if len(data) not in (7, 11, 12) or not (data.isascii() and data.isdigit()):
        raise ValueError(f"GTIN data must be 7, 11 or 12 digits: {data!r}")
    padded = data.rjust(17, "0")
    total = 0
    for position, ch in enumerate(padded):
        total += int(ch) * (3 if position % 2 == 0 else 1)
    return -total % 10


def reference_is_valid(code: str) -> bool:
    if len(code) not in (8, 12, 13) or not (code.isascii() and code.isdigit()):
        return False
    return reference_check_digit(code[:-1]) == int(code[-1])
