"""Make the curation page's screenshots from the demo store: docs/curation-review.png (the
committee's review form, filled in) and docs/curation-certificates.png (expiry alerts).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/curation_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QSpinBox  # noqa: E402

from pos.app.bootstrap import Services, load_demo, open_store  # noqa: E402
from pos.domain.auth import Actor, Role  # noqa: E402
from pos.domain.curation import Certificate, CertKind, Criterion  # noqa: E402
from pos.domain.settings import Settings  # noqa: E402
from pos.domain.shop_time import shop_day  # noqa: E402
from ui import i18n, style  # noqa: E402
from ui.backoffice.curation_forms import ReviewForm  # noqa: E402
from ui.backoffice.curation_page import CurationPage  # noqa: E402

MANAGER = Actor("u-m", "manager", "ผู้จัดการ", Role.MANAGER)
SCORES = {Criterion.QUALITY: 9, Criterion.IDENTITY: 9, Criterion.PACKAGING: 7,
          Criterion.MARKET: 8, Criterion.STANDARDS: 6}  # fmt: skip


def main() -> int:
    docs = ROOT / "docs"
    app = QApplication.instance() or QApplication([])
    style.apply_app_font(app)  # type: ignore[arg-type]
    i18n.install_language("th")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "demo.db"), Settings())
        load_demo(store)
        services = Services(store)
        curation = services.curation
        today = shop_day(datetime.now(UTC))
        curation.submit(
            MANAGER,
            {"sku": "KK-HH-0901", "producer": "P001", "name_th": "เสื่อกกทอมือลายขิด",
             "name_en": "Hand-woven khit-pattern reed mat", "category": "household",
             "price": "450", "story_th": "ทอจากกกริมหนองน้ำ ย้อมสีธรรมชาติ"},
        )  # fmt: skip
        for kind, number, days, sku in (
            (CertKind.FDA, "4011234520001", -3, "KK-FD-0001"),
            (CertKind.HALAL, "CICOT 2566/0412", 21, "KK-FD-0002"),
            (CertKind.COMMUNITY_STANDARD, "มผช. 1/2546 เลขที่ 40-123", 75, "KK-TX-0001"),
            (CertKind.GI, "สช 49100011", 900, "KK-TX-0001"),
        ):
            curation.add_certificate(
                MANAGER,
                Certificate(kind, number, issued=today - timedelta(days=700),
                            expires=today + timedelta(days=days), product_sku=sku),
            )  # fmt: skip
        curation.add_certificate(  # the producer's own: shown to the committee
            MANAGER,
            Certificate(CertKind.OTOP_STARS, "4", issued=today.replace(year=today.year - 3),
                        producer_code="P001"),
        )  # fmt: skip
        page = CurationPage(services, MANAGER)
        page.resize(1366, 768)
        page.show()
        while page.busy:  # the lists are read on the page's worker
            app.processEvents()
        form = ReviewForm(page, page.apps[0])
        members = form.findChild(QPlainTextEdit, "members")
        assert members is not None
        members.setPlainText("นายสมชาย ใจดี (ประธาน)\nนางสมศรี ทองคำ\nนายประเสริฐ ศรีสุข")
        for c, score in SCORES.items():
            spin = form.findChild(QSpinBox, f"score_{c.value}")
            assert spin is not None
            spin.setValue(score)
        remarks = form.findChild(QPlainTextEdit, "remarks")
        assert remarks is not None
        remarks.setPlainText("ทอแน่น ลายขิดชัด บรรจุภัณฑ์ควรมีฉลากภาษาอังกฤษ")
        held = form.findChild(QLineEdit, "heldOn")
        assert held is not None
        form.resize(720, 640)
        form.show()
        app.processEvents()
        form.grab().save(str(docs / "curation-review.png"))
        form.reject()
        page.tabs.setCurrentIndex(1)
        app.processEvents()
        page.grab().save(str(docs / "curation-certificates.png"))
        page.close()  # its worker stops
        store.close()
    for name in ("curation-review.png", "curation-certificates.png"):
        print(f"wrote {docs / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
