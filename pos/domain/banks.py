"""Thai banks a consignment payout goes to, by their Bank of Thailand code, and the account rule."""

from __future__ import annotations

from dataclasses import dataclass

from pos.domain.text import fold


@dataclass(frozen=True, slots=True)
class Bank:
    code: str  # the Bank of Thailand's three digits (as on a transfer file)
    short: str
    th: str
    en: str


BANKS: tuple[Bank, ...] = tuple(
    Bank(code, short, th, en)
    for code, short, th, en in (
        ("002", "BBL", "ธนาคารกรุงเทพ", "Bangkok Bank"),
        ("004", "KBANK", "ธนาคารกสิกรไทย", "Kasikornbank"),
        ("006", "KTB", "ธนาคารกรุงไทย", "Krung Thai Bank"),
        ("011", "TTB", "ธนาคารทหารไทยธนชาต", "TMBThanachart Bank"),
        ("014", "SCB", "ธนาคารไทยพาณิชย์", "Siam Commercial Bank"),
        ("022", "CIMBT", "ธนาคารซีไอเอ็มบี ไทย", "CIMB Thai Bank"),
        ("024", "UOBT", "ธนาคารยูโอบี", "United Overseas Bank (Thai)"),
        ("025", "BAY", "ธนาคารกรุงศรีอยุธยา", "Bank of Ayudhya (Krungsri)"),
        ("030", "GSB", "ธนาคารออมสิน", "Government Savings Bank"),
        ("033", "GHB", "ธนาคารอาคารสงเคราะห์", "Government Housing Bank"),
        ("034", "BAAC", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
         "Bank for Agriculture and Agricultural Cooperatives"),
        ("066", "IBANK", "ธนาคารอิสลามแห่งประเทศไทย", "Islamic Bank of Thailand"),
        ("067", "TISCO", "ธนาคารทิสโก้", "TISCO Bank"),
        ("069", "KKP", "ธนาคารเกียรตินาคินภัทร", "Kiatnakin Phatra Bank"),
        ("070", "ICBCT", "ธนาคารไอซีบีซี (ไทย)", "ICBC (Thai)"),
        ("071", "TCD", "ธนาคารไทยเครดิต", "Thai Credit Bank"),
        ("073", "LHFG", "ธนาคารแลนด์ แอนด์ เฮ้าส์", "Land and Houses Bank"),
        ("098", "SME", "ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย", "SME Development Bank"),
    )
)  # fmt: skip


def find_bank(name: str) -> Bank | None:
    """The bank given by its code (4 or 004), short name (KBANK) or Thai or English name."""
    key = fold(name.strip())
    if not key:
        return None
    if key.isdigit() and len(key) <= 3:
        key = key.zfill(3)
    for bank in BANKS:
        if key in (bank.code, fold(bank.short), fold(bank.th), fold(bank.en)):
            return bank
    return None


def account_digits(account: str) -> str | None:
    """The account number's digits (dashes and spaces allowed), or None unless 10 to 12."""
    digits = account.replace("-", "").replace(" ", "")
    if digits.isascii() and digits.isdigit() and 10 <= len(digits) <= 12:
        return digits
    return None
