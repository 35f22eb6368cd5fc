"""Complete the text layer of a PDF that Qt wrote: every glyph gets a ToUnicode entry.

Qt's PDF engine writes a glyph's text from the font's cmap, and nothing for a glyph that only
GSUB reaches. The bundled fonts draw Thai with such glyphs and carry the text in zero-width
text glyphs beside them (tools/build_fonts.py), so pdftotext reads the right text; but pypdf
gives a glyph with no entry its raw code as a character (วันที่ came back as "ท\\x06ี\\x08่").
This maps each such glyph to no text, as an incremental update at the end of the file (the
page content and fonts are not touched, and the first part of the file stays byte for byte).
"""

from __future__ import annotations

import re
from pathlib import Path

_OBJ = re.compile(rb"(?<![0-9])(\d+) 0 obj(.*?)(?:(stream\r?\n)|endobj)", re.S)
_TYPE0 = re.compile(rb"/DescendantFonts\s*\[\s*(\d+) 0 R\s*\].*?/ToUnicode\s+(\d+) 0 R", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def _cids_in_widths(font: bytes) -> set[int]:
    """The CIDs a CIDFontType2 dictionary's /W array gives widths for."""
    found = re.search(rb"/W\s*\[(.*)\]", font, re.S)
    cids: set[int] = set()
    if not found:
        return cids
    tokens = re.findall(rb"\[|\]|[-\d.]+", found.group(1))
    i = 0
    while i < len(tokens):
        first = int(tokens[i])
        if tokens[i + 1] == b"[":
            j = i + 2
            while tokens[j] != b"]":
                j += 1
            cids.update(range(first, first + j - i - 2))
            i = j + 1
        else:
            cids.update(range(first, int(tokens[i + 1]) + 1))
            i += 3
    return cids


def _mapped(cmap: bytes) -> set[int]:
    mapped: set[int] = set()
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for line in block.strip().splitlines():
            codes = _HEX.findall(line)
            if len(codes) >= 2:
                mapped.update(range(int(codes[0], 16), int(codes[1], 16) + 1))
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for line in block.strip().splitlines():
            codes = _HEX.findall(line)
            if codes:
                mapped.add(int(codes[0], 16))
    return mapped


def complete_text_layer(path: Path) -> int:
    """Give every glyph of every Type0 font in the PDF at `path` a ToUnicode entry.

    Returns how many glyphs were given one (no text: they are drawn, the text glyphs beside
    them carry the characters). A PDF that needs none is left as it is.
    """
    data = path.read_bytes()
    objects: dict[int, tuple[bytes, int]] = {}
    for m in _OBJ.finditer(data):
        objects[int(m.group(1))] = (m.group(2), m.end() if m.group(3) else -1)
    replacements: list[tuple[int, bytes]] = []
    added = 0
    for head, _ in list(objects.values()):
        font = _TYPE0.search(head)
        if not font or int(font.group(1)) not in objects or int(font.group(2)) not in objects:
            continue
        cid_font = objects[int(font.group(1))][0]
        number = int(font.group(2))
        stream_head, start = objects[number]
        length = re.search(rb"/Length\s+(\d+)", stream_head)
        if start < 0 or not length or b"/Filter" in stream_head:
            continue
        cmap = data[start : start + int(length.group(1))]
        missing = sorted(_cids_in_widths(cid_font) - _mapped(cmap) - {0})
        if not missing or b"endcmap" not in cmap:
            continue
        blocks = b"".join(
            b"%d beginbfchar\n" % len(chunk)
            + b"".join(b"<%04X> <>\n" % cid for cid in chunk)
            + b"endbfchar\n"
            for chunk in (missing[i : i + 100] for i in range(0, len(missing), 100))
        )
        body = cmap.replace(b"endcmap", blocks + b"endcmap", 1)
        head = b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(body))
        replacements.append((number, head + body + b"\nendstream\nendobj\n"))
        added += len(missing)
    prev = _STARTXREF.search(data)
    trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", data, re.S)
    if not replacements or not prev or not trailer:
        return 0
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets: list[tuple[int, int]] = []
    for number, obj in replacements:
        offsets.append((number, len(out)))
        out += obj
    xref = len(out)
    out += b"xref\n"
    for number, offset in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    keep = re.sub(rb"/Prev\s+\d+", b"", trailer[-1])
    out += b"trailer\n<<%s/Prev %s >>\nstartxref\n%d\n%%%%EOF\n" % (keep, prev.group(1), xref)
    path.write_bytes(bytes(out))
    return added
