"""Every key of the till's action table, pressed in the focused scan field of the real window,
runs its action; no key is one a text field takes for itself; every action is also on a button
or in the header's menu (issue 13, item 6: Ctrl+U never reached the price override on X11)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TEA, back_to_scanning, scan_and_wait
from ui.till.actions import ACTIONS
from ui.till.window import TillWindow

SK = QKeySequence.StandardKey
# the standard keys a QLineEdit handles itself (qwidgetlinecontrol.cpp): a window shortcut on
# one of them never fires while the scan field has the keyboard
LINE_EDIT_KEYS = (
    SK.SelectAll, SK.Undo, SK.Redo, SK.Cut, SK.Copy, SK.Paste, SK.Delete, SK.Backspace,
    SK.DeleteStartOfWord, SK.DeleteEndOfWord, SK.DeleteEndOfLine, SK.DeleteCompleteLine,
    SK.MoveToStartOfLine, SK.MoveToEndOfLine, SK.MoveToStartOfBlock, SK.MoveToEndOfBlock,
    SK.MoveToStartOfDocument, SK.MoveToEndOfDocument, SK.MoveToNextChar, SK.MoveToPreviousChar,
    SK.MoveToNextWord, SK.MoveToPreviousWord, SK.SelectStartOfLine, SK.SelectEndOfLine,
    SK.SelectStartOfBlock, SK.SelectEndOfBlock, SK.SelectStartOfDocument,
    SK.SelectEndOfDocument, SK.SelectNextChar, SK.SelectPreviousChar, SK.SelectNextWord,
    SK.SelectPreviousWord, SK.InsertParagraphSeparator, SK.InsertLineSeparator,
)
# what Qt binds on X11 (KDE and GNOME key schemes, emacs-style) beyond this platform's table:
# delete the line (Ctrl+U), to its end (Ctrl+K), a character back (Ctrl+H), a word (Ctrl+W),
# start and end of the line (Ctrl+A, Ctrl+E), a character back and on (Ctrl+B, Ctrl+F),
# delete a character (Ctrl+D)
X11_LINE_EDIT_KEYS = ("Ctrl+U", "Ctrl+K", "Ctrl+H", "Ctrl+W", "Ctrl+A", "Ctrl+E", "Ctrl+B",
                      "Ctrl+F", "Ctrl+D")


def _text_field_keys() -> set[str]:
    portable = QKeySequence.SequenceFormat.PortableText
    taken = {s.toString(portable) for k in LINE_EDIT_KEYS for s in QKeySequence.keyBindings(k)}
    return taken | {QKeySequence(k).toString(portable) for k in X11_LINE_EDIT_KEYS}


def test_no_key_of_the_till_is_one_a_text_field_takes() -> None:
    taken = _text_field_keys()
    assert "Ctrl+A" in taken  # this platform's select-all, and X11's start of the line
    portable = QKeySequence.SequenceFormat.PortableText
    clashes = [(a.name, k) for a in ACTIONS for k in a.keys
               if QKeySequence(k).toString(portable) in taken]
    assert clashes == []


def test_every_action_has_a_button_or_a_menu_entry(qtbot: QtBot, till: TillWindow) -> None:
    menu = till.header.menu.actions()
    header = {"language": till.header.language_button, "logout": till.header.logout_button}
    for spec in ACTIONS:
        action = till.actions_by_name[spec.name]
        button = till.action_set.buttons.get(spec.name)
        assert button is not None or action in menu or spec.name in header, spec.name
        if button is not None:
            assert isinstance(button, QPushButton)
            assert button.isVisible()
    # the header's language button switches the language as Ctrl+L does
    language = till.language
    qtbot.mouseClick(header["language"], Qt.MouseButton.LeftButton)
    assert till.language != language


@dataclass(frozen=True)
class Effect:
    """What an action's handler does that a test can see, and the cart it needs first."""

    seen: Callable[[TillWindow], bool]
    empty_cart: bool = False


def _modal(name: str) -> Callable[[TillWindow], bool]:
    def up(_till: TillWindow) -> bool:
        w = QApplication.activeModalWidget()
        return w is not None and w.objectName() == name and w.isVisible()

    return up


def _room_calendar(till: TillWindow) -> bool:
    """The room calendar's own window is up (closed again here: it is not a modal dialog)."""
    window = till.room_keys.calendar_window
    if window is None or not window.isVisible():
        return False
    window.close()
    till.activateWindow()
    return True


def _preview(till: TillWindow) -> bool:
    preview = till.receipt_preview
    return preview is not None and preview.isVisible()


# every action with keys: what its handler shows (a new action with a key needs its line here)
EFFECTS: dict[str, Effect] = {
    "help": Effect(_modal("helpDialog")),
    "find": Effect(_modal("findDialog")),
    "quantity": Effect(_modal("quantityDialog")),
    "discount": Effect(_modal("discountDialog")),
    "park": Effect(lambda t: t.cart.is_empty and not t.busy),
    "recall": Effect(_modal("recallDialog"), empty_cart=True),  # the sale just parked
    "basket": Effect(_modal("basketDialog")),
    "remove": Effect(lambda t: t.cart.is_empty),
    "cancel": Effect(_modal("confirmCancel")),
    "pay": Effect(_modal("paymentDialog")),
    "language": Effect(lambda t: t.language == "en"),
    "display_language": Effect(lambda t: t.customer_display.language == "en"),
    # off in this till: it says so (tests/ui/test_display_reopen.py reopens a real one)
    "display_show": Effect(lambda t: "customer_display" in t.message),
    "printer": Effect(_modal("printerSetupDialog")),
    "tax_invoice": Effect(_modal("taxInvoiceDialog")),
    "reprint": Effect(_modal("reprintDialog")),
    "paid_in": Effect(_modal("cashMoveDialog")),
    "paid_out": Effect(_modal("cashMoveDialog")),
    "x_report": Effect(_preview),
    "close_shift": Effect(_modal("closeShiftDialog"), empty_cart=True),
    "refund": Effect(_modal("refundDialog")),
    "price": Effect(_modal("priceDialog")),
    "booking": Effect(_modal("bookingPickDialog")),
    "room_calendar": Effect(_room_calendar),
    "logout": Effect(lambda t: t.locked),
    # the menu pad, or (this store has no tea menu) the banner that says so
    "tea": Effect(lambda t: t.tea.pad is not None or t.message == t.tea.tr(
        "The tea menu is empty: set it up in the back office")),
}


def _close_what_opened(qtbot: QtBot, till: TillWindow) -> None:
    """Esc into whatever has the keyboard until no dialog is up; the preview is closed."""
    for _ in range(5):
        if QApplication.activeModalWidget() is None:
            break
        focused = QApplication.focusWidget() or QApplication.activeModalWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Escape)
        qtbot.wait(20)
    preview = till.receipt_preview
    if preview is not None and preview.isVisible():
        preview.close()
    back_to_scanning(qtbot, till)


def test_each_key_pressed_in_the_scan_field_runs_its_action(
    qtbot: QtBot, till: TillWindow
) -> None:
    # the back office is a manager's (hidden from the cashier logged in here): its key is
    # pressed by a manager in tests/backoffice/test_products_ui.py
    keyed = [a for a in ACTIONS if a.keys and a.name != "back_office"]
    assert sorted(EFFECTS) == sorted(a.name for a in keyed)
    keyed.sort(key=lambda a: a.name == "logout")  # the log-out locks the till: last
    fired: list[str] = []
    for name, action in till.actions_by_name.items():
        action.triggered.connect(lambda _=False, name=name: fired.append(name))
    for spec in keyed:
        effect = EFFECTS[spec.name]
        for text in spec.keys:
            if effect.empty_cart != till.cart.is_empty:
                if effect.empty_cart:
                    till.session.new_sale()
                else:
                    scan_and_wait(qtbot, till, TEA)
            back_to_scanning(qtbot, till)
            fired.clear()
            combination = QKeySequence(text)[0]
            focused = QApplication.focusWidget()
            assert focused is till.scan_field
            qtbot.keyClick(focused, combination.key(), combination.keyboardModifiers())
            qtbot.waitUntil(lambda effect=effect: effect.seen(till), timeout=5_000)
            assert fired == [spec.name], text
            if spec.name != "logout":
                _close_what_opened(qtbot, till)
