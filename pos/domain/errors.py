"""Typed errors the shop can fix; anything else is a bug."""

from __future__ import annotations

from pos.domain.bilingual import Bilingual


class ShopError(Exception):
    """An error the shop can fix, shown to the user in plain words (Thai and English)."""

    def __init__(self, message_en: str, message_th: str | None = None) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_th = message_th or message_en

    @property
    def text(self) -> Bilingual:
        return Bilingual(self.message_th, self.message_en)

    def message(self, lang: str = "th") -> str:
        return self.text.pick(lang)


class InvalidBarcode(ShopError):
    """A scanned code whose check digit or format is wrong."""


class UnknownProduct(ShopError):
    """A valid code that no product in the catalogue carries."""


class CartError(ShopError):
    """An operation the cart refuses (e.g. paying an empty cart)."""


class PaymentError(ShopError):
    """Tenders that do not settle the sale."""


class SettingsError(ShopError):
    """A settings value that is refused; `field` names the setting when one is to blame."""

    def __init__(self, message_en: str, message_th: str | None = None, *, field: str = "") -> None:
        super().__init__(message_en, message_th)
        self.field = field


class ImportRowError(ShopError):
    """A catalogue import file with bad rows; nothing was imported."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        lines = "; ".join(f"line {n}: {why}" for n, why in problems[:20])
        more = f" (+{len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(
            f"{len(problems)} bad row(s), nothing imported: {lines}{more}",
            f"มี {len(problems)} แถวที่ไม่ถูกต้อง ไม่ได้นำเข้าข้อมูลใดเลย: {lines}{more}",
        )
        self.problems = problems


class StoreUnavailable(ShopError):
    """The database cannot be reached or written (disk full, server down)."""


class CentralUnavailable(ShopError):
    """The central database cannot be reached (network, server down): sales wait to be sent."""


class CentralNotAnswering(CentralUnavailable):
    """The central database stopped answering (a silent network): the round was given up
    within its bound and rolled back."""


class PrinterUnavailable(ShopError):
    """A printer that cannot take a job now (off, unplugged, paper out, cover open, cut off
    mid-job). The job stays in the print queue for a retry or another printer."""


class TaxInvoiceError(ShopError):
    """A full tax invoice that cannot be issued (bad buyer data, shop not VAT-registered …)."""


class PrinterCutOff(PrinterUnavailable):
    """A printer whose connection was lost after it had taken part of the job: the paper may
    show a partial first copy, and printing the job again prints it whole once more."""


def shop_error(exc: BaseException) -> ShopError | None:
    """The error the shop can fix that `exc` is, in plain Thai and English; None for a bug.

    The one classification of every entry point (the command line's main, the till's banner,
    the back office, the web): a ShopError is itself; an operating-system error (a file
    missing or not allowed, a full disk, a connection refused) names the file and the
    system's reason; anything else is a bug, to be logged with its traceback.
    """
    if isinstance(exc, ShopError):
        return exc
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc) or type(exc).__name__
        where = f"{exc.filename}: " if exc.filename else ""
        return ShopError(f"{where}{reason}", f"{where}{reason}")
    return None
