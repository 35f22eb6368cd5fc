"""Put the labels window's Thai translations into resources/i18n/otop_pos_th.ts (and .qm).

    .venv/bin/python tools/label_i18n.py

Runs `tools/i18n.py update` (lupdate keeps every existing translation), fills in the
LabelsWindow messages below, then `tools/i18n.py release`. Safe to run again at any time.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "otop_pos_th.ts"
CONTEXT = "LabelsWindow"

THAI = {
    "Shelf labels": "ฉลากราคาสินค้า",
    "What to label": "เลือกสินค้าที่จะพิมพ์ฉลาก",
    "SKU, barcode or name": "รหัสสินค้า บาร์โค้ด หรือชื่อ",
    "All": "ทั้งหมด",
    "New products (never labelled)": "สินค้าใหม่ (ยังไม่เคยพิมพ์ฉลาก)",
    "Price changed since the last label": "ราคาเปลี่ยนหลังพิมพ์ฉลากครั้งล่าสุด",
    "Find": "ค้นหา",
    "Search": "ค้นหา",
    "Category": "หมวดสินค้า",
    "Producer": "ผู้ผลิต",
    "District": "อำเภอ",
    "SKUs": "รหัสสินค้า",
    "Copies of each": "จำนวนดวงต่อสินค้า",
    "Print": "พิมพ์",
    "Product": "สินค้า",
    "Price": "ราคา",
    "Last label": "ราคาบนฉลากล่าสุด",
    "Copies": "จำนวนดวง",
    "Sheet": "แผ่นฉลาก",
    "Custom…": "กำหนดเอง…",
    "Template": "แบบฉลาก",
    "Rows": "จำนวนแถว",
    "Columns": "จำนวนคอลัมน์",
    "Margins mm (top,right,bottom,left)": "ขอบกระดาษ มม. (บน,ขวา,ล่าง,ซ้าย)",
    "Gaps mm (across,down)": "ระยะห่าง มม. (แนวนอน,แนวตั้ง)",
    "Start at position": "เริ่มที่ดวงที่",
    "Print…": "พิมพ์…",
    "Save PDF…": "บันทึก PDF…",
    "%1 product(s) found": "พบสินค้า %1 รายการ",
    "Page %1 of %2 · %3 label(s)": "หน้า %1 จาก %2 · %3 ดวง",
    "Save labels as PDF": "บันทึกฉลากเป็น PDF",
    "Saved %1 label(s) on %2 page(s) to %3": "บันทึกฉลาก %1 ดวง %2 หน้า ไปที่ %3",
    "Sent %1 page(s) to the printer": "ส่ง %1 หน้าไปยังเครื่องพิมพ์แล้ว",
}


def _fill(message: re.Match[str]) -> str:
    text = message.group(0)
    found = re.search(r"<source>(.*?)</source>", text, re.S)
    if found is None:
        return text
    source = found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    thai = THAI.get(source)
    if thai is None:
        return text
    if "<numerusform" in text:
        form = f"\n            <numerusform>{thai}</numerusform>\n        "
        body = f"<translation>{form}</translation>"
    else:
        body = f"<translation>{thai}</translation>"
    return re.sub(r"<translation[^>]*>.*?</translation>|<translation[^>]*/>", body, text,
                  count=1, flags=re.S)  # fmt: skip


def main() -> int:
    python = sys.executable
    subprocess.run([python, str(ROOT / "tools" / "i18n.py"), "update"], check=True)
    text = TS.read_text("utf-8")
    start = text.find(f"<name>{CONTEXT}</name>")
    if start < 0:
        print(f"no {CONTEXT} context in {TS}", file=sys.stderr)
        return 1
    end = text.index("</context>", start)
    block = re.sub(r"<message.*?</message>", _fill, text[start:end], flags=re.S)
    TS.write_text(text[:start] + block + text[end:], "utf-8")
    subprocess.run([python, str(ROOT / "tools" / "i18n.py"), "release"], check=True)
    return subprocess.run([python, str(ROOT / "tools" / "i18n.py"), "check"]).returncode


if __name__ == "__main__":
    sys.exit(main())
