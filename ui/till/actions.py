"""The till's one action table: from it come the shortcuts, the key bar's buttons, the shift
menu and the F1 help. A key is named here once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGridLayout, QMenu, QPushButton, QSizePolicy, QWidget

from ui import style

CONTEXT = "TillActions"


@dataclass(frozen=True, slots=True)
class TillAction:
    """One thing the cashier can do at the till."""

    name: str  # the QAction is f"{name}Action"; its button f"{name}Button" (or `button_name`)
    keys: tuple[str, ...]  # shortcuts, as QKeySequence text ("F1", "Ctrl+L"); the first shown
    label: str  # English source text (Thai from the .ts, context TillActions)
    handler: str  # the window's method it calls ("" for keys the scan field handles)
    help: str = ""  # its line in F1 help ("": not in the help)
    button: int | None = None  # its place in the key bar (None: no button)
    menu: bool = False  # in the header's shift menu
    key_label: str = ""  # the key as shown on the button and in help (default: the first key)
    help_keys: str = ""  # the keys as shown in help (default: key_label)
    button_name: str = ""

    @property
    def shown_key(self) -> str:
        return self.key_label or (self.keys[0] if self.keys else "")

    @property
    def help_key(self) -> str:
        return self.help_keys or self.shown_key




def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (context TillActions); it is translated where it is shown."""
    return text


ACTIONS: tuple[TillAction, ...] = (
    TillAction(
        "help", ("F1",), QT_TRANSLATE_NOOP("TillActions", "Help"), "show_help",
        help=QT_TRANSLATE_NOOP("TillActions", "This help"),
        button=0,
    ),
    TillAction(
        "find", ("F2",), QT_TRANSLATE_NOOP("TillActions", "Find"), "find_product",
        help=QT_TRANSLATE_NOOP("TillActions", "Find a product by name (Thai or English)"),
        button=1,
    ),
    TillAction(
        "quantity", ("F3",), QT_TRANSLATE_NOOP("TillActions", "Quantity"), "quantity_key",
        help=QT_TRANSLATE_NOOP(
            "TillActions",
            "Quantity: typed number first = next scan; "
            "otherwise change the selected line",
        ),
        button=2,
    ),
    TillAction(
        "discount", ("F4",), QT_TRANSLATE_NOOP("TillActions", "Discount"), "discount",
        help=QT_TRANSLATE_NOOP("TillActions", "Discount on the line or the sale (reason required)"),
        button=3,
    ),
    TillAction(
        "park", ("F5",), QT_TRANSLATE_NOOP("TillActions", "Park"), "park",
        help=QT_TRANSLATE_NOOP("TillActions", "Park the sale"),
        button=4,
    ),
    TillAction(
        "recall", ("F6",), QT_TRANSLATE_NOOP("TillActions", "Recall"), "recall",
        help=QT_TRANSLATE_NOOP("TillActions", "Recall a parked sale"),
        button=5,
    ),
    TillAction(
        "basket", ("F7",), QT_TRANSLATE_NOOP("TillActions", "Basket"), "open_basket",
        help=QT_TRANSLATE_NOOP(
            "TillActions",
            "Gift basket: a ready-made one "
            "or one put together now",
        ),
        button=6,
    ),
    TillAction(
        "tea", ("Shift+F6",), QT_TRANSLATE_NOOP("TillActions", "Tea"), "open_tea_pad",
        help=QT_TRANSLATE_NOOP("TillActions", "Tea corner: the drinks' menu pad"),
        menu=True,
    ),
    TillAction(
        "tea_orders", (), QT_TRANSLATE_NOOP("TillActions", "Tea orders"), "tea_orders",
        menu=True,
    ),
    TillAction(
        "plus", (), QT_TRANSLATE_NOOP("TillActions", "One more"), "one_more",
        help=QT_TRANSLATE_NOOP("TillActions", "One more / one less of the selected line"),
        button=7, key_label="+", help_keys="+ / −",
    ),
    TillAction(
        "minus", (), QT_TRANSLATE_NOOP("TillActions", "One less"), "one_less",
        button=8, key_label="−",
    ),
    TillAction(
        "remove", ("F8",), QT_TRANSLATE_NOOP("TillActions", "Remove line"), "remove_line",
        help=QT_TRANSLATE_NOOP("TillActions", "Remove the selected line"),
        button=9, help_keys="F8 / Delete",
    ),
    TillAction(
        "cancel", ("F9",), QT_TRANSLATE_NOOP("TillActions", "Cancel sale"), "cancel_sale",
        help=QT_TRANSLATE_NOOP("TillActions", "Cancel the whole sale"),
        button=10, button_name="cancelSaleButton",
    ),
    TillAction(
        "pay", ("F12",), QT_TRANSLATE_NOOP("TillActions", "PAY"), "pay",
        help=QT_TRANSLATE_NOOP("TillActions", "Pay"),
        button=11, button_name="payButton",
    ),
    TillAction(
        "language", ("Ctrl+L",), QT_TRANSLATE_NOOP("TillActions", "Switch language"),
        "toggle_language",
        help=QT_TRANSLATE_NOOP("TillActions", "Switch language ไทย / English"),
    ),
    TillAction(
        "display_language", ("Ctrl+Shift+L",),
        QT_TRANSLATE_NOOP("TillActions", "Customer display language"), "toggle_display_language",
        help=QT_TRANSLATE_NOOP("TillActions", "Customer display: ไทย / English (the till stays)"),
        menu=True,
    ),
    TillAction(
        "display_show", ("Ctrl+Shift+D",),
        QT_TRANSLATE_NOOP("TillActions", "Show the customer display"), "show_customer_display",
        help=QT_TRANSLATE_NOOP(
            "TillActions", "Customer display: open it again after it was closed"
        ),
        menu=True,
    ),
    TillAction(
        "open_shift", (), QT_TRANSLATE_NOOP("TillActions", "Open shift"), "open_shift",
        menu=True,
    ),
    TillAction(
        "paid_in", ("Ctrl+I",), QT_TRANSLATE_NOOP("TillActions", "Paid in"), "paid_in",
        help=QT_TRANSLATE_NOOP("TillActions", "Paid in: cash put into the drawer"),
        menu=True,
    ),
    TillAction(
        "paid_out", ("Ctrl+O",), QT_TRANSLATE_NOOP("TillActions", "Paid out"), "paid_out",
        help=QT_TRANSLATE_NOOP("TillActions", "Paid out: cash taken from the drawer"),
        menu=True,
    ),
    TillAction(
        "x_report", ("F10",), QT_TRANSLATE_NOOP("TillActions", "X report"), "x_report",
        help=QT_TRANSLATE_NOOP("TillActions", "X report: the shift so far"),
        menu=True,
    ),
    TillAction(
        "close_shift", ("F11",), QT_TRANSLATE_NOOP("TillActions", "Close shift"), "close_shift",
        help=QT_TRANSLATE_NOOP("TillActions", "Close the shift: count the drawer, Z report"),
        menu=True,
    ),
    TillAction(
        "refund", ("Ctrl+R",), QT_TRANSLATE_NOOP("TillActions", "Refund"), "refund",
        help=QT_TRANSLATE_NOOP("TillActions", "Refund some or all of a sale"),
        menu=True,
    ),
    TillAction(
        "printer", ("Ctrl+P",), QT_TRANSLATE_NOOP("TillActions", "Printer setup"), "printer_setup",
        help=QT_TRANSLATE_NOOP("TillActions", "Printer setup and test page"),
        menu=True,
    ),
    TillAction(
        "reprint", ("Ctrl+Shift+P",), QT_TRANSLATE_NOOP("TillActions", "Reprint a receipt"),
        "reprint",
        help=QT_TRANSLATE_NOOP("TillActions",
                               "A copy (สำเนา / COPY) of the last or a typed receipt"),
        menu=True,
    ),
    TillAction(
        "tax_invoice", ("Ctrl+T",), QT_TRANSLATE_NOOP("TillActions", "Tax invoice"), "tax_invoice",
        help=QT_TRANSLATE_NOOP("TillActions", "Full tax invoice for the last or a typed receipt"),
        menu=True,
    ),
    TillAction(
        "price", ("Shift+F4",), QT_TRANSLATE_NOOP("TillActions", "Price of the line"),
        "price_override",
        help=QT_TRANSLATE_NOOP(
            "TillActions",
            "New unit price of the "
            "selected line (a manager approves it)",
        ),
        menu=True,
    ),
    TillAction(
        "booking", ("Ctrl+M",), QT_TRANSLATE_NOOP("TillActions", "Room booking payment"),
        "booking_payment",
        help=QT_TRANSLATE_NOOP("TillActions",
                               "Room booking: its deposit or balance into the sale (pick or scan)"),
        menu=True,
    ),
    TillAction(
        "room_calendar", ("Ctrl+Shift+M",), QT_TRANSLATE_NOOP("TillActions", "Room calendar"),
        "room_calendar",
        help=QT_TRANSLATE_NOOP("TillActions", "The meeting room's calendar: book, check in"),
        menu=True,
    ),
    TillAction(
        "back_office", ("Ctrl+Shift+B",), QT_TRANSLATE_NOOP("TillActions", "Back office"),
        "back_office",
        help=QT_TRANSLATE_NOOP("TillActions", "Back office: products, prices (managers)"),
        menu=True,
    ),
    TillAction(
        "logout", ("Ctrl+F1",), QT_TRANSLATE_NOOP("TillActions", "Switch cashier / log out"),
        "log_out",
        help=QT_TRANSLATE_NOOP("TillActions", "Switch cashier / log out"),
        menu=True,
    ),
)

# keys the scan field itself handles: in the help, never an action
FIELD_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", QT_TRANSLATE_NOOP("TillActions", "Add the scanned or typed code")),
    (QT_TRANSLATE_NOOP("TillActions", "3*code"),
     QT_TRANSLATE_NOOP("TillActions", "Scan 3 of a product at once")),
    ("↑ / ↓", QT_TRANSLATE_NOOP("TillActions", "Select a line")),
    ("Esc", QT_TRANSLATE_NOOP("TillActions", "Clear the scan field")),
)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def tooltip(name: str) -> str:
    """An action's label and its key, in the current language: "Switch language (Ctrl+L)"."""
    spec = BY_NAME[name]
    return f"{tr(spec.label)} ({spec.shown_key})" if spec.shown_key else tr(spec.label)


BY_NAME = {a.name: a for a in ACTIONS}


def help_rows() -> list[tuple[str, str]]:
    """F1 help: (keys, what they do) for the scan field's keys, then every action's."""
    rows = [(tr(k), tr(text)) for k, text in FIELD_KEYS[:2]]
    rows += [(a.help_key, tr(a.help)) for a in ACTIONS if a.help]
    rows += [(k, tr(text)) for k, text in FIELD_KEYS[2:]]
    return rows


class ActionSet:
    """The QActions, buttons and menu entries of `ACTIONS`, made on `window`."""

    def __init__(self, window: QWidget, handlers: Callable[[str], Callable[[], None]],
                 key_bar: QGridLayout, menu: QMenu) -> None:
        self.actions: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        for spec in ACTIONS:
            action = QAction(window)
            action.setObjectName(f"{spec.name}Action")
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            slot = handlers(spec.handler)
            action.triggered.connect(lambda _=False, slot=slot: slot())
            window.addAction(action)
            self.actions[spec.name] = action
            if spec.menu:
                menu.addAction(action)
        placed = sorted((a for a in ACTIONS if a.button is not None), key=lambda a: a.button or 0)
        for col, spec in enumerate(placed):
            b = style.button(spec.button_name or f"{spec.name}Button")
            b.setMinimumHeight(64)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(self.actions[spec.name].trigger)
            self.buttons[spec.name] = b
            key_bar.addWidget(b, 0, col)
            key_bar.setColumnStretch(col, 2 if spec.name == "pay" else 1)

    def retranslate(self) -> None:
        for spec in ACTIONS:
            text = tr(spec.label)
            self.actions[spec.name].setText(text)
            button = self.buttons.get(spec.name)
            if button is not None:
                button.setText(f"{spec.shown_key}\n{text}")

    def enable(self, enabled: bool, *, keep: tuple[str, ...] = ()) -> None:
        for name, action in self.actions.items():
            action.setEnabled(enabled or name in keep)
