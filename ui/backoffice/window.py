"""The back-office window: a manager or admin logs in, then a tab per page they may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QWidget,
)

from pos.domain.auth import Action, Actor, denied
from pos.domain.errors import ShopError
from ui import i18n, style
from ui.backoffice.curation_page import CurationPage
from ui.backoffice.orders_page import OrdersPage
from ui.backoffice.producers_page import ProducersPage
from ui.backoffice.products_page import ProductsPage
from ui.backoffice.rooms_page import RoomsPage
from ui.backoffice.settings_page import SettingsPage
from ui.backoffice.stock_page import StockPage
from ui.backoffice.tea_page import TeaPage
from ui.backoffice.users_page import UsersPage

if TYPE_CHECKING:
    from pos.services.auth import Auth

CONTEXT = "BackOffice"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate (context BackOffice); it is translated where it is shown."""
    return text


class BackOfficeServices(Protocol):
    """What the window itself needs of pos.app's Services (each page declares its own)."""

    @property
    def auth(self) -> Auth: ...


# a page is built as Page(services, actor, parent): `services` is pos.app's Services, which
# meets the Protocol each page declares for the services it uses
PageFactory = Callable[[Any, Actor, QWidget | None], QWidget]


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One tab of the back office."""

    name: str  # the tab's page widget is named f"{name}Page"
    title: str  # English source text (Thai from the .ts, context BackOffice)
    action: Action  # shown to an actor whose role may do this
    factory: PageFactory


# the back office's pages, in tab order (each engineer's page adds its line here)
def _settings_page(services: Any, actor: Actor, parent: QWidget | None) -> QWidget:
    return SettingsPage(services.settings_editor, actor, parent)


def _room_calendar_page(services: Any, actor: Actor, parent: QWidget | None) -> QWidget:
    from ui.rooms.calendar import RoomCalendar

    return RoomCalendar(services, actor, parent)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("products", QT_TRANSLATE_NOOP("BackOffice", "Products"), Action.MANAGE_CATALOG,
             ProductsPage),
    PageSpec("producers", QT_TRANSLATE_NOOP("BackOffice", "Producers"), Action.MANAGE_CATALOG,
             ProducersPage),
    PageSpec("curation", QT_TRANSLATE_NOOP("BackOffice", "Curation"), Action.CURATE,
             CurationPage),
    PageSpec("users", QT_TRANSLATE_NOOP("BackOffice", "Users"), Action.MANAGE_USERS, UsersPage),
    PageSpec("stock", QT_TRANSLATE_NOOP("BackOffice", "Stock"), Action.RECEIVE_STOCK,
             StockPage),
    PageSpec("orders", QT_TRANSLATE_NOOP("BackOffice", "Orders"), Action.PACK_ORDERS, OrdersPage),
    PageSpec("tea", QT_TRANSLATE_NOOP("BackOffice", "Tea corner"), Action.MANAGE_CATALOG, TeaPage),
    PageSpec("rooms", QT_TRANSLATE_NOOP("BackOffice", "Rooms"), Action.MANAGE_ROOMS, RoomsPage),
    PageSpec("roomCalendar", QT_TRANSLATE_NOOP("BackOffice", "Room calendar"), Action.BOOK_ROOMS,
             _room_calendar_page),
    PageSpec("settings", QT_TRANSLATE_NOOP("BackOffice", "Settings"), Action.MANAGE_SETTINGS,
             _settings_page),
)

# what makes a user a back-office user (manager: catalogue and curation; admin: all)
BACK_OFFICE_ACTIONS = (
    Action.MANAGE_CATALOG, Action.CURATE, Action.MANAGE_USERS, Action.MANAGE_SETTINGS,
    Action.RECEIVE_STOCK,  # label staff: the stock page (deliveries, returns, counts)
)  # fmt: skip


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def may_use_back_office(actor: Actor) -> bool:
    return any(actor.may(a) for a in BACK_OFFICE_ACTIONS)


def require_back_office(actor: Actor) -> None:
    """Refuse (PermissionDenied) a user who may use no page of the back office."""
    if not may_use_back_office(actor):
        raise denied(actor, Action.MANAGE_CATALOG)


class BackOfficeLoginDialog(QDialog):
    """A manager or admin logs in (user name and PIN) before the back office opens."""

    def __init__(self, auth: Auth, language: str = "th", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficeLogin")
        self.auth = auth
        self.language = language
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Back office: log in"))
        self.setStyleSheet(style.STYLE_SHEET)
        form = QFormLayout(self)
        self.username = style.named(QLineEdit(), "backOfficeLoginUser")
        self.pin = style.named(QLineEdit(), "backOfficeLoginPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.username.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.try_login)
        self.error = style.named(QLabel(), "backOfficeLoginError")
        self.error.setWordWrap(True)
        self.login_button = style.named(QPushButton(self.tr("Log in")), "backOfficeLoginOk")
        self.login_button.setAutoDefault(False)  # Enter is the fields' own (one log-in each)
        self.login_button.clicked.connect(self.try_login)
        form.addRow(self.tr("User"), self.username)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.error)
        form.addRow(self.login_button)
        self.username.setFocus()

    def try_login(self) -> None:
        from pos.services.auth import PinChangeRequired

        try:
            actor = self.auth.login(self.username.text().strip(), self.pin.text())
            require_back_office(actor)
        except PinChangeRequired as asked:  # an admin reset the PIN: a new one, then log in
            from ui.backoffice.new_pin_dialog import NewPinDialog

            dialog = NewPinDialog(self.auth, asked, self)
            dialog.finished.connect(lambda _result: self._pin_changed(dialog.outcome))
            self.pin.clear()
            dialog.open()
            return
        except ShopError as exc:
            self.error.setText(exc.message("th" if self.language == "th" else "en"))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.actor = actor
        self.accept()

    def _pin_changed(self, outcome: str) -> None:
        self.error.setText(outcome)
        self.activateWindow()
        self.pin.setFocus()


class BackOfficeWindow(QMainWindow):
    """The pages the actor may use, one tab each (Ctrl+PgDown / Ctrl+PgUp switch tabs)."""

    def __init__(self, services: BackOfficeServices, actor: Actor, language: str = "th",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:  # its own window beside the till, closed with it
            self.setWindowFlag(Qt.WindowType.Window, True)
            parent.installEventFilter(self)
        require_back_office(actor)
        self.setObjectName("backOfficeWindow")
        self.services = services
        self.actor = actor
        self.language = language
        self.setStyleSheet(style.STYLE_SHEET)
        self.tabs = style.named(QTabWidget(), "backOfficeTabs")
        self.pages: dict[str, QWidget] = {}
        self.specs = [spec for spec in PAGES if actor.may(spec.action)]
        for spec in self.specs:
            page = spec.factory(services, actor, self.tabs)
            page.setObjectName(f"{spec.name}Page")
            self.pages[spec.name] = page
            self.tabs.addTab(page, "")
        self.setCentralWidget(self.tabs)
        # the keyboard goes to the page shown (its focus proxy: e.g. its search field)
        self.tabs.currentChanged.connect(lambda _i: self._focus_page())
        self.who = style.named(QLabel(), "backOfficeUser")
        self.statusBar().addPermanentWidget(self.who)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda step=step: self._step_tab(step))
        # fits a 1366x768 screen
        self.resize(1280, 720)
        self.retranslateUi()

    def page(self, name: str) -> QWidget:
        return self.pages[name]

    def show_page(self, name: str) -> QWidget:
        page = self.pages[name]
        self.tabs.setCurrentWidget(page)
        return page

    def _focus_page(self) -> None:
        page = self.tabs.currentWidget()
        if page is not None:
            page.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._focus_page()

    def _step_tab(self, step: int) -> None:
        count = self.tabs.count()
        if count:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("OTOP POS — back office"))
        for index, spec in enumerate(self.specs):
            self.tabs.setTabText(index, tr(spec.title))
        from pos.services.users import ROLE_NAMES

        en, thai = ROLE_NAMES[self.actor.role]  # the role in the window's language
        self.who.setText(self.tr("Logged in: {name} ({role})").format(
            name=self.actor.display_name, role=en if i18n.current_language() == "en" else thai))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            self.close()  # the pages' background work ends before the till's window goes
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages.values():  # each page's background work ends with the window
            shutdown = getattr(page, "shutdown", None)
            if callable(shutdown):
                shutdown()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def run_backoffice(services: BackOfficeServices, *, language: str = "th") -> int:
    """`otop-pos backoffice`: the log-in, then the window until it is closed (the caller
    made the QApplication: ui.app.ensure_app, which this module may not import: the till
    imports this one)."""
    app = QApplication.instance()
    i18n.install_language(language)
    login = BackOfficeLoginDialog(services.auth, language)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        return 1
    window = BackOfficeWindow(services, login.actor, language)
    window.show()
    return int(app.exec() if isinstance(app, QApplication) else 0)
