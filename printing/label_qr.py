"""QR codes for labels: the very symbol python-qrcode makes, about ten times faster.

`qrcode.QRCode.make()` lays the data out nine times (once per mask pattern to score it,
once more for real) and scores each layout module by module in pure Python: ~6 ms per code,
more than the rest of a label. Here the codewords are made once (Reed-Solomon with a
one-integer register), the data laid out once, and each mask is applied and scored on the
whole symbol held as one integer (bit-parallel runs, 2x2 blocks and finder-like patterns),
by the same rules and with the same quirks as `qrcode.util.lost_point` (format areas light
while scoring). tests/labels/test_label_qr.py checks the result against qrcode itself for
every version and mask it meets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import qrcode
from qrcode import base, util
from qrcode.constants import ERROR_CORRECT_M

Matrix = tuple[tuple[bool, ...], ...]
_FINDER_LIKE = ("10111010000", "00001011101")
_BYTE_BITS = tuple(bytes((b >> (7 - i)) & 1 for i in range(8)) for b in range(256))


@dataclass(frozen=True, slots=True)
class _Template:
    """The fixed parts of a symbol of one version and error-correction level.

    A whole symbol is one integer: module (r, c) is bit r * (n + 1) + c, each row followed
    by an always-light spacer bit so that no run or pattern is counted across two rows.
    The same symbol read by columns is a second integer (bit c * (n + 1) + r).
    """

    n: int
    base: tuple[int, int]  # function patterns, format/version areas light (as qrcode scores)
    full: int  # every module bit set, spacers clear
    row_bits: tuple[int, ...]  # data modules in placement order, as bits of the symbol
    col_bits: tuple[int, ...]
    masks: tuple[tuple[int, int], ...]  # per mask pattern: the data modules it flips
    final_set: tuple[tuple[tuple[int, int, bool], ...], ...]  # per mask: format, version bits


def _blank(version: int, error_correction: int) -> qrcode.QRCode:
    qr = qrcode.QRCode(version=version, error_correction=error_correction, border=0)
    n = version * 4 + 17
    qr.modules_count = n
    qr.modules = [[None] * n for _ in range(n)]
    qr.setup_position_probe_pattern(0, 0)
    qr.setup_position_probe_pattern(n - 7, 0)
    qr.setup_position_probe_pattern(0, n - 7)
    qr.setup_position_adjust_pattern()
    qr.setup_timing_pattern()
    return qr


@lru_cache(maxsize=64)
def _template(version: int, error_correction: int) -> _Template:
    qr = _blank(version, error_correction)
    n = qr.modules_count
    w = n + 1
    # reserved areas: which modules the format (and version) information takes
    qr.setup_type_info(True, 0)
    if version >= 7:
        qr.setup_type_number(True)
    modules = qr.modules
    base_rows = base_cols = 0
    for r in range(n):
        for c in range(n):
            if modules[r][c]:
                base_rows |= 1 << (r * w + c)
                base_cols |= 1 << (c * w + r)
    # the zig-zag order of qrcode's map_data
    order: list[tuple[int, int]] = []
    row, inc = n - 1, -1
    for col in range(n - 1, 0, -2):
        if col <= 6:
            col -= 1
        while True:
            for c in (col, col - 1):
                if modules[row][c] is None:
                    order.append((row, c))
            row += inc
            if row < 0 or n <= row:
                row -= inc
                inc = -inc
                break
    masks, final_set = [], []
    for pattern in range(8):
        func = util.mask_func(pattern)
        by_rows = by_cols = 0
        for r, c in order:
            if func(r, c):
                by_rows |= 1 << (r * w + c)
                by_cols |= 1 << (c * w + r)
        masks.append((by_rows, by_cols))
        final = _blank(version, error_correction)
        final.setup_type_info(False, pattern)
        if version >= 7:
            final.setup_type_number(False)
        fixed = [
            (r, c, bool(final.modules[r][c]))
            for r in range(n)
            for c in range(n)
            if modules[r][c] is not None and final.modules[r][c] != modules[r][c]
        ]
        final_set.append(tuple(fixed))
    full = sum(((1 << n) - 1) << (r * w) for r in range(n))
    return _Template(
        n,
        (base_rows, base_cols),
        full,
        tuple(1 << (r * w + c) for r, c in order),
        tuple(1 << (c * w + r) for r, c in order),
        tuple(masks),
        tuple(final_set),
    )


def _runs_and_finders(dark: int, light: int) -> int:
    """Penalties N1 (runs of 5+ alike) and N3 (finder-like 1:1:3:1:1) along one direction."""
    points = 0
    for v in (dark, light):
        y = v & (v >> 1) & (v >> 2) & (v >> 3) & (v >> 4)  # a run of L >= 5 sets L - 4 bits
        points += y.bit_count() + 2 * (y & ~(y >> 1)).bit_count()  # + 2 per run: L - 2
    for pattern in _FINDER_LIKE:
        match = -1
        for k, bit in enumerate(pattern):
            match &= (dark if bit == "1" else light) >> k
        points += 40 * match.bit_count()
    return points


def _penalty(rows: int, cols: int, t: _Template) -> int:
    """ISO/IEC 18004 mask penalty, counted as qrcode.util.lost_point counts it."""
    n, w = t.n, t.n + 1
    light_rows, light_cols = t.full ^ rows, t.full ^ cols
    points = _runs_and_finders(rows, light_rows) + _runs_and_finders(cols, light_cols)
    blocks = rows & (rows >> 1) & (rows >> w) & (rows >> (w + 1))
    blocks |= light_rows & (light_rows >> 1) & (light_rows >> w) & (light_rows >> (w + 1))
    points += 3 * blocks.bit_count()
    percent = float(rows.bit_count()) / (n**2)
    points += int(abs(percent * 100 - 50) / 5) * 10
    return points


@lru_cache(maxsize=64)
def _generator(ec_count: int) -> tuple[int, ...]:
    """Logs of the Reed-Solomon generator polynomial's coefficients after the leading 1."""
    poly = [1]
    for i in range(ec_count):
        nxt = [0] * (len(poly) + 1)
        for j, coef in enumerate(poly):
            nxt[j] ^= coef
            if coef:
                nxt[j + 1] ^= base.gexp(base.glog(coef) + i)
        poly = nxt
    return tuple(base.glog(c) for c in poly[1:])


@lru_cache(maxsize=64)
def _products(ec_count: int) -> tuple[int, ...]:
    """For every byte value f: f times the generator's coefficients, as one big-endian int."""
    gen = _generator(ec_count)
    exp, log = base.EXP_TABLE, base.LOG_TABLE
    rows = [0]
    for f in range(1, 256):
        lf = log[f]
        rows.append(int.from_bytes(bytes(exp[(lf + g) % 255] for g in gen), "big"))
    return tuple(rows)


def _ec_codewords(data: list[int], ec_count: int) -> list[int]:
    """Reed-Solomon remainder of `data` (the same bytes qrcode's polynomial division gives):
    the remainder register is one integer, a byte shifted out per data byte."""
    products = _products(ec_count)
    top = 8 * (ec_count - 1)
    mask = (1 << (8 * ec_count)) - 1
    rem = 0
    for byte in data:
        factor = byte ^ (rem >> top)
        rem = ((rem << 8) & mask) ^ products[factor]
    return list(rem.to_bytes(ec_count, "big"))


def _codewords(version: int, error_correction: int, chunks: list[bytes]) -> list[int]:
    """util.create_data for byte-mode data: bits, padding, RS blocks, interleaving."""
    bits = []
    for chunk in chunks:
        width = util.length_in_bits(util.MODE_8BIT_BYTE, version)
        bits.append("0100" + format(len(chunk), f"0{width}b"))
        bits.append("".join(format(b, "08b") for b in chunk))
    stream = "".join(bits)
    blocks = base.rs_blocks(version, error_correction)
    limit = sum(b.data_count for b in blocks) * 8
    stream += "0" * min(limit - len(stream), 4)
    stream += "0" * (-len(stream) % 8)
    data = [int(stream[i : i + 8], 2) for i in range(0, len(stream), 8)]
    data += [util.PAD0 if i % 2 == 0 else util.PAD1 for i in range(limit // 8 - len(data))]
    dc: list[list[int]] = []
    ec: list[list[int]] = []
    offset = 0
    for block in blocks:
        part = data[offset : offset + block.data_count]
        offset += block.data_count
        dc.append(part)
        ec.append(_ec_codewords(part, block.total_count - block.data_count))
    out: list[int] = []
    for group in (dc, ec):
        for i in range(max(len(g) for g in group)):
            out.extend(g[i] for g in group if i < len(g))
    return out


def _version(error_correction: int, chunks: list[bytes]) -> int:
    for version in range(1, 41):
        width = util.length_in_bits(util.MODE_8BIT_BYTE, version)
        needed = sum(4 + width + 8 * len(c) for c in chunks)
        if needed <= util.BIT_LIMIT_TABLE[error_correction][version]:
            return version
    raise qrcode.exceptions.DataOverflowError(f"{needed} bits do not fit in a QR code")


def qr_matrix(payload: str, error_correction: int = ERROR_CORRECT_M) -> Matrix:
    """The QR code python-qrcode makes for `payload` (smallest version, best mask), no border."""
    return tuple(tuple(ch == "1" for ch in row) for row in qr_rows(payload, error_correction))


def qr_rows(payload: str, error_correction: int = ERROR_CORRECT_M) -> tuple[str, ...]:
    """The same symbol as rows of '1' (dark) and '0' (light), top row first."""
    qr = qrcode.QRCode(error_correction=error_correction, border=0)
    qr.add_data(payload)
    if all(d.mode == util.MODE_8BIT_BYTE for d in qr.data_list):
        chunks = [bytes(d.data) for d in qr.data_list]
        version = _version(error_correction, chunks)
        data = _codewords(version, error_correction, chunks)
    else:  # numeric or alphanumeric runs: qrcode's own (slower) encoder
        version = qr.best_fit()
        data = util.create_data(version, error_correction, qr.data_list)
    t = _template(version, error_correction)
    n, w = t.n, t.n + 1
    # the data bits, first bit first, select the modules they darken (loops run in C)
    dark = b"".join(_BYTE_BITS[b] for b in data)
    data_rows = sum(compress(t.row_bits, dark))
    data_cols = sum(compress(t.col_bits, dark))
    best_pattern, best_points = 0, 0
    base_rows, base_cols = t.base
    for pattern in range(8):
        mask_rows, mask_cols = t.masks[pattern]
        points = _penalty(
            base_rows | (data_rows ^ mask_rows), base_cols | (data_cols ^ mask_cols), t
        )
        if pattern == 0 or points < best_points:
            best_pattern, best_points = pattern, points
    symbol = base_rows | (data_rows ^ t.masks[best_pattern][0])
    for r, c, value in t.final_set[best_pattern]:
        bit = 1 << (r * w + c)
        symbol = symbol | bit if value else symbol & ~bit
    bits = format(symbol, f"0{n * w}b")[::-1]  # bit i at index i
    return tuple(bits[r * w : r * w + n] for r in range(n))
