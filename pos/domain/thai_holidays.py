"""Thai public holidays of 2026-2027: the room's default closed days (the shop edits the list).

The fixed-date holidays follow the cabinet's yearly list; the Buddhist holidays follow the
lunar calendar (full moon of the 3rd, 6th and 8th months; 2026 has the extra 8th month), and a
holiday falling on a weekend gets the next working day as its substitute (วันหยุดชดเชย).
The cabinet may add or move days: the back office's holidays list is where the shop does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name_th: str
    name_en: str


def _h(iso: str, th: str, en: str) -> Holiday:
    return Holiday(date.fromisoformat(iso), th, en)


_SUBSTITUTE_TH = "วันหยุดชดเชย"
_SUBSTITUTE_EN = "Substitution day"

THAI_PUBLIC_HOLIDAYS: tuple[Holiday, ...] = (
    _h("2026-01-01", "วันขึ้นปีใหม่", "New Year's Day"),
    _h("2026-03-03", "วันมาฆบูชา", "Makha Bucha Day"),
    _h("2026-04-06", "วันจักรี", "Chakri Memorial Day"),
    _h("2026-04-13", "วันสงกรานต์", "Songkran Festival"),
    _h("2026-04-14", "วันสงกรานต์", "Songkran Festival"),
    _h("2026-04-15", "วันสงกรานต์", "Songkran Festival"),
    _h("2026-05-01", "วันแรงงานแห่งชาติ", "National Labour Day"),
    _h("2026-05-04", "วันฉัตรมงคล", "Coronation Day"),
    _h("2026-05-31", "วันวิสาขบูชา", "Visakha Bucha Day"),
    _h("2026-06-01", f"{_SUBSTITUTE_TH} วันวิสาขบูชา", f"{_SUBSTITUTE_EN}: Visakha Bucha"),
    _h("2026-06-03", "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี", "H.M. Queen Suthida's Birthday"),
    _h("2026-07-28", "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว", "H.M. the King's Birthday"),
    _h("2026-07-29", "วันอาสาฬหบูชา", "Asarnha Bucha Day"),
    _h("2026-07-30", "วันเข้าพรรษา", "Buddhist Lent Day"),
    _h("2026-08-12", "วันแม่แห่งชาติ", "H.M. Queen Sirikit's Birthday / Mother's Day"),
    _h("2026-10-13", "วันนวมินทรมหาราช", "King Bhumibol Memorial Day"),
    _h("2026-10-23", "วันปิยมหาราช", "Chulalongkorn Day"),
    _h("2026-12-05", "วันพ่อแห่งชาติ", "King Bhumibol's Birthday / Father's Day"),
    _h("2026-12-07", f"{_SUBSTITUTE_TH} วันพ่อแห่งชาติ", f"{_SUBSTITUTE_EN}: Father's Day"),
    _h("2026-12-10", "วันรัฐธรรมนูญ", "Constitution Day"),
    _h("2026-12-31", "วันสิ้นปี", "New Year's Eve"),
    _h("2027-01-01", "วันขึ้นปีใหม่", "New Year's Day"),
    _h("2027-02-20", "วันมาฆบูชา", "Makha Bucha Day"),
    _h("2027-02-22", f"{_SUBSTITUTE_TH} วันมาฆบูชา", f"{_SUBSTITUTE_EN}: Makha Bucha"),
    _h("2027-04-06", "วันจักรี", "Chakri Memorial Day"),
    _h("2027-04-13", "วันสงกรานต์", "Songkran Festival"),
    _h("2027-04-14", "วันสงกรานต์", "Songkran Festival"),
    _h("2027-04-15", "วันสงกรานต์", "Songkran Festival"),
    _h("2027-05-01", "วันแรงงานแห่งชาติ", "National Labour Day"),
    _h("2027-05-03", f"{_SUBSTITUTE_TH} วันแรงงานแห่งชาติ", f"{_SUBSTITUTE_EN}: Labour Day"),
    _h("2027-05-04", "วันฉัตรมงคล", "Coronation Day"),
    _h("2027-05-20", "วันวิสาขบูชา", "Visakha Bucha Day"),
    _h("2027-06-03", "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี", "H.M. Queen Suthida's Birthday"),
    _h("2027-07-18", "วันอาสาฬหบูชา", "Asarnha Bucha Day"),
    _h("2027-07-19", "วันเข้าพรรษา", "Buddhist Lent Day"),
    _h("2027-07-20", f"{_SUBSTITUTE_TH} วันอาสาฬหบูชา", f"{_SUBSTITUTE_EN}: Asarnha Bucha"),
    _h("2027-07-28", "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว", "H.M. the King's Birthday"),
    _h("2027-08-12", "วันแม่แห่งชาติ", "H.M. Queen Sirikit's Birthday / Mother's Day"),
    _h("2027-10-13", "วันนวมินทรมหาราช", "King Bhumibol Memorial Day"),
    _h("2027-10-23", "วันปิยมหาราช", "Chulalongkorn Day"),
    _h("2027-10-25", f"{_SUBSTITUTE_TH} วันปิยมหาราช", f"{_SUBSTITUTE_EN}: Chulalongkorn Day"),
    _h("2027-12-05", "วันพ่อแห่งชาติ", "King Bhumibol's Birthday / Father's Day"),
    _h("2027-12-06", f"{_SUBSTITUTE_TH} วันพ่อแห่งชาติ", f"{_SUBSTITUTE_EN}: Father's Day"),
    _h("2027-12-10", "วันรัฐธรรมนูญ", "Constitution Day"),
    _h("2027-12-31", "วันสิ้นปี", "New Year's Eve"),
)

BY_DAY: dict[date, Holiday] = {h.day: h for h in THAI_PUBLIC_HOLIDAYS}


def default_holidays() -> frozenset[date]:
    """The days of the default list (RoomRules.holidays of a new room)."""
    return frozenset(BY_DAY)


def holiday_name(day: date, lang: str) -> str:
    """The default list's name of `day` in `lang` ("" for a day the shop added itself)."""
    h = BY_DAY.get(day)
    if h is None:
        return ""
    return h.name_th if lang == "th" else h.name_en
