"""The customer display shows a drink's options (its line's detail) under its name, in the
display's own language, as the till's cart does; a shelf line shows none."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store
from pos.services.customer_display import Screen
from tests.ui.conftest import SILK, back_to_scanning, key, open_till, scan_and_wait
from tests.ui.test_customer_display import _painted
from tests.ui.test_tea_till import (  # noqa: F401  (tea_store: the fixture)
    MILK_TEA,
    _display,
    open_pad,
    pick_item,
    pick_option,
    tea_store,
)

OPTIONS_TH = "L · หวาน 50% · เย็น · ไข่มุก"


def test_a_drinks_options_show_under_its_name_on_the_display(
    qtbot: QtBot,
    tea_store: Store,  # noqa: F811
    tmp_path: Path,
) -> None:
    with open_till(qtbot, tea_store) as till:
        display = _display(qtbot, till)
        pad = open_pad(qtbot, till)
        pick_item(qtbot, pad, MILK_TEA)
        pick_option(qtbot, pad, "size", "L")
        pick_option(qtbot, pad, "top", "pearl")
        key(qtbot, pad, Qt.Key.Key_Return)
        back_to_scanning(qtbot, till)
        scan_and_wait(qtbot, till, SILK)
        image = _painted(qtbot, display)
        assert display.shown.screen is Screen.CART
        drink, silk = display.shown.lines
        assert (drink.detail_th, silk.detail_th) == (OPTIONS_TH, "")
        under = [t for t in display.texts if t.startswith(OPTIONS_TH + "  ·  ")]
        assert under == [f"{OPTIONS_TH}  ·  1 แก้ว × 70.00"], display.texts
        assert not any(t.startswith("  ·  ") for t in display.texts)  # nothing for the silk
        if shutil.which("tesseract"):  # on the screen, not only in the list of texts
            path = tmp_path / "display.png"
            assert image.save(str(path))
            read = subprocess.run(
                ["tesseract", str(path), "-", "-l", "tha+eng", "--psm", "11"],
                capture_output=True, text=True, check=True, timeout=120,
            ).stdout  # fmt: skip
            assert "ไข่มุก" in "".join(read.split())

        # the display's own language: the options in English under the English name
        both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(till.scan_field, Qt.Key.Key_L, both)
        _painted(qtbot, display)
        assert display.language == "en"
        options_en = till.cart.lines[0].detail.en  # type: ignore[union-attr]
        assert options_en
        assert options_en != OPTIONS_TH
        assert any(t.startswith(f"{options_en}  ·  1 ") for t in display.texts), display.texts
        assert QApplication.focusWidget() is till.scan_field
