"""Issue 13 item 13: a Thai cashier sees no English UI word in any window or dialog of the till
or the labels window, Qt's own buttons and the file dialog included; save dialogs open in the
Documents folder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pos.app.bootstrap import Store, build_till_context
from resources import I18N
from tests.printing.conftest import network_settings
from tests.ui.conftest import demo_store
from tests.ui.dialog_walk import (
    LABELS_WALK,
    TILL_WALK,
    walk_back_office,
    walk_labels,
    walk_store,
    walk_till,
)
from tests.ui.rooms_setup import ROOMS_WALK, walk_rooms
from tools import i18n as i18n_tool
from ui import i18n
from ui.app import ensure_app
from ui.printer_dialog import PrinterSetupDialog
from ui.save_file import documents_folder, save_dialog
from ui.worker import Worker

# words that are the same in a Thai screen: brands, abbreviations, key names
ALLOWED = {
    "PromptPay", "OTOP", "POS", "X", "Z", "PIN", "VAT", "QR", "PDF", "SKU", "EAN", "ID",
    "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
    "Enter", "Esc", "Ctrl", "Alt", "Shift", "Delete", "Del", "Tab", "English", "PgUp", "PgDown",
    "SME",  # ผู้ประกอบการ SME: the word Thai uses
    "BK",  # a booking number's prefix (BK-000123), as the slip prints it
    "admin", "cashier", "labels", "manager",  # the demo users' user names (data, not UI words)
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
CODE = re.compile(r"\b(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*\b")  # KK01, KK01-000001, TEA-001
TAG = re.compile(r"<[^>]+>|&[a-z]+;")
# the receipts' times sign: 2 x 95.00, TEA-001 x 2, a 70x42.3 mm label
TIMES = re.compile(r"(?<=\w) x (?=\d)|(?<=\d)x(?=\d)")
KEYS = re.compile(r"\b(?:(?:Ctrl|Alt|Shift)\+)+\w+")  # Ctrl+L, Ctrl+Shift+B as keyboards say it
URL = re.compile(r"\S+://\S+|\S+@\S+|\S+\.(?:pdf|png|csv|sqlite3)\b|/\S*")


@pytest.fixture
def store(migrated_sqlite_url: str) -> Iterator[Store]:
    with walk_store(migrated_sqlite_url) as opened:
        yield opened


def catalogue_words(store: Store) -> set[str]:
    """Words of the products' and producers' own English names, the counter's name and the
    demo user name the log-in page gives as an example: data, not the UI's words."""
    words: set[str] = set(WORD.findall(store.terminal.name)) | {"cashier"}
    words.update(p.name for p in store.settings.printers)  # printer profiles, by name
    with store.uow() as read:
        for product, producer in read.catalog.export_entries():
            for text in (
                product.name_en,
                product.unit_en,
                product.sku,
                producer.name_en,
                producer.district_en,
                producer.province_en,
            ):
                words.update(WORD.findall(text or ""))
    return words


def english_words(text: str, allowed: set[str]) -> list[str]:
    text = TAG.sub(" ", text)
    text = KEYS.sub(" ", CODE.sub(" ", TIMES.sub(" ", URL.sub(" ", text))))
    return [w for w in WORD.findall(text.replace("&", "")) if w not in allowed]


def texts_of(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a user reads in `window`: visible labels, buttons, group
    titles, field placeholders, table headers, the window title, and the choices of its
    drop-down lists and its tooltips."""
    yield "window title", window.windowTitle()
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.isVisible():
            yield f"label {label.objectName()}", label.text()
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            yield f"button {button.objectName()}", button.text()
    for box in window.findChildren(QGroupBox):
        if box.isVisible():
            yield f"group {box.objectName()}", box.title()
    for field in window.findChildren(QLineEdit):
        if field.isVisible():
            yield f"placeholder {field.objectName()}", field.placeholderText()
    for box in window.findChildren(QComboBox):
        if box.isVisible():
            for i in range(box.count()):
                yield f"choice {box.objectName()}:{i}", box.itemText(i)
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and widget.toolTip():
            yield f"tooltip {widget.objectName()}", widget.toolTip()
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if isinstance(view, QTableView):
            header = view.horizontalHeader()
        elif isinstance(view, QTreeView):
            header = view.header()
        else:
            continue
        if not view.isVisible() or model is None or header.isHidden():
            continue
        for col in range(model.columnCount(QModelIndex())):
            if header.isSectionHidden(col):
                continue
            title = model.headerData(col, Qt.Orientation.Horizontal)
            if isinstance(title, str):
                yield f"header {view.objectName()}:{col}", title


def english_in(window: QWidget, allowed: set[str]) -> list[tuple[str, str, str]]:
    """(where, the English words, the whole text) of each text with English in it."""
    return [
        (where, " ".join(english_words(text, allowed)), text)
        for where, text in texts_of(window)
        if english_words(text, allowed)
    ]


def test_the_checker_finds_english_and_passes_codes_and_allowed_words() -> None:
    allowed = ALLOWED | {"Mudmee"}
    assert english_words("ขอยกเลิกการขาย 2 lines = 730.00", allowed) == ["lines"]
    assert english_words("Close", allowed) == ["Close"]
    assert english_words("ตกลง (Enter) · PromptPay · KK01-000001 · TEA-001 x 2", allowed) == []
    assert english_words("x report", allowed) == ["x", "report"]
    assert english_words("A4 21 ดวง (70x42.3 มม.)", allowed) == []
    assert english_words("<b>Mudmee</b> ฿1,850.00 F12 Ctrl+L", allowed) == []


def test_the_thai_for_qts_own_strings_is_complete_and_compiled() -> None:
    """qt_th.ts (Qt ships no qtbase_th.qm): every message translated, its .qm released."""
    assert i18n_tool.check_qt() == []
    assert (I18N / "qt_th.qm").exists()


def test_qt_standard_buttons_and_the_file_dialog_speak_thai(qtbot: QtBot) -> None:
    ensure_app()
    i18n.install_language("th")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text() for b in box.buttons()}
    assert texts == {"ปิด", "บันทึก", "ยกเลิก"}
    i18n.install_language("en")  # the buttons follow a language switch
    try:
        QApplication.processEvents()
        assert {b.text() for b in box.buttons()} == {"Close", "Save", "Cancel"}
    finally:
        i18n.install_language("th")


def test_a_save_dialog_opens_in_the_documents_folder_in_thai(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop's Documents folder (here a Thai-named one), not the program's folder."""
    documents = tmp_path / "เอกสาร"
    documents.mkdir()
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{documents}"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    ensure_app()
    i18n.install_language("th")
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = save_dialog(parent, "บันทึก", "labels.pdf", "PDF (*.pdf)")
    qtbot.addWidget(dialog)
    assert documents_folder() == documents
    assert Path(dialog.directory().absolutePath()) == documents
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert english_in(dialog, ALLOWED | {"labels"}) == []
    documents.rmdir()  # no Documents folder: the home folder
    assert documents_folder() == Path.home()


def test_every_till_dialog_is_thai(qtbot: QtBot, store: Store) -> None:
    allowed = ALLOWED | catalogue_words(store)
    found: list[tuple[str, ...]] = []

    def visit(name: str, window: QWidget) -> None:
        found.extend((name, *where) for where in english_in(window, allowed))

    assert walk_till(qtbot, store, visit) == TILL_WALK
    assert found == [], "\n".join(map(repr, found))
    assert QApplication.activeModalWidget() is None


def test_the_back_office_is_thai(qtbot: QtBot, store: Store) -> None:
    allowed = ALLOWED | catalogue_words(store) | {"admin"}  # the user name it names
    found: list[tuple[str, ...]] = []

    def visit(name: str, window: QWidget) -> None:
        found.extend((name, *where) for where in english_in(window, allowed))

    pages = walk_back_office(qtbot, store, visit)
    assert len(pages) >= 2  # the admin's: products and settings at least
    assert found == [], "\n".join(map(repr, found))


def test_the_room_calendar_and_its_dialogs_are_thai(qtbot: QtBot, store: Store) -> None:
    # the room's own names (Co-working, Smart TV) are data, not UI words
    allowed = ALLOWED | catalogue_words(store) | {"Co", "working", "BK", "PgUp", "PgDown"}
    found: list[tuple[str, ...]] = []

    def visit(name: str, window: QWidget) -> None:
        found.extend((name, *where) for where in english_in(window, allowed))

    assert walk_rooms(qtbot, store, visit) == ROOMS_WALK
    assert found == [], "\n".join(map(repr, found))


def test_the_labels_window_and_its_save_dialog_are_thai(qtbot: QtBot, store: Store) -> None:
    """Its save dialog (Save PDF…) is Qt's own, in Thai, in the Documents folder."""
    allowed = ALLOWED | catalogue_words(store) | {"labels"}
    found: list[tuple[str, ...]] = []
    folders: list[Path] = []

    def visit(name: str, window: QWidget) -> None:
        found.extend((name, *where) for where in english_in(window, allowed))
        if isinstance(window, QFileDialog):
            folders.append(Path(window.directory().absolutePath()))
            assert window.testOption(QFileDialog.Option.DontUseNativeDialog)

    assert walk_labels(qtbot, store, visit) == LABELS_WALK
    assert found == [], "\n".join(map(repr, found))
    assert folders == [documents_folder().resolve()]
    assert folders[0] != Path.cwd()  # not the program's folder


def test_the_printer_setup_says_its_connection_mode_and_paper_in_thai(
    qtbot: QtBot, migrated_sqlite_url: str
) -> None:
    settings = network_settings("127.0.0.1:9100")
    with demo_store(migrated_sqlite_url, settings) as opened:
        ensure_app()
        i18n.install_language("th")
        worker = Worker()
        try:
            dialog = PrinterSetupDialog(settings, build_till_context(opened).test_pages, worker)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert dialog.connection_label.text().startswith("การเชื่อมต่อ: เครือข่าย 127.0.0.1")
            assert english_in(dialog, ALLOWED | {"receipt"}) == []
            i18n.install_language("en")  # Ctrl+L: the till retranslates its open dialog
            dialog.retranslateUi()
            assert dialog.connection_label.text().startswith("Connection: network 127.0.0.1")
            assert dialog.paper_box.itemText(0) == "80 mm"
        finally:
            i18n.install_language("th")
            worker.shutdown()
