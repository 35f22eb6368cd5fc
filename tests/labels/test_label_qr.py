"""The label QR encoder makes exactly the symbol python-qrcode makes, only faster."""

from __future__ import annotations

import random

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M

from printing.label_qr import qr_matrix


def reference(payload: str, level: int) -> tuple[tuple[bool, ...], ...]:
    qr = qrcode.QRCode(error_correction=level, border=0)
    qr.add_data(payload)
    qr.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in qr.get_matrix())


def payloads() -> list[str]:
    rng = random.Random(5)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-/:._?=&ผ้าไหม"
    out = [f"https://otop.example/p/KK-{i:04d}" for i in range(12)]
    out += ["https://kk-otop.example/story/SYN-0001234", "x", "ก" * 30]
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 190))) for _ in range(30)]
    out.append("https://otop.example/p/" + "1234567890" * 4)  # a numeric run: mixed modes
    return out


@pytest.mark.parametrize("level", [ERROR_CORRECT_M, ERROR_CORRECT_L, ERROR_CORRECT_H])
def test_same_matrix_as_qrcode_for_every_version_and_mask(level: int):
    seen_versions: set[int] = set()
    seen_masks: set[int] = set()
    for payload in payloads():
        mine = qr_matrix(payload, level)
        assert mine == reference(payload, level), payload
        seen_versions.add((len(mine) - 17) // 4)
        seen_masks.add(_mask(mine))
    assert max(seen_versions) >= 7  # version information blocks were exercised
    assert len(seen_masks) >= 6


def _mask(matrix: tuple[tuple[bool, ...], ...]) -> int:
    """Mask pattern read from the format information next to the top-left finder."""
    bits = [matrix[8][c] for c in (0, 1, 2, 3, 4, 5, 7, 8)]
    bits += [matrix[r][8] for r in (7, 5, 4, 3, 2, 1, 0)]
    value = int("".join("1" if b else "0" for b in bits), 2) ^ 0b101010000010010
    return (value >> 10) & 0b111
