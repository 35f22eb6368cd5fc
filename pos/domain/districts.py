"""Where a producer is: the 26 districts of Khon Kaen and the 77 provinces of Thailand.

A producer of the Khon Kaen centre names its district from `KHON_KAEN_DISTRICTS` (never free
text); a producer from another province names the province from `PROVINCES` and its district
in its own words (the list of every district of the country is not kept here).
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.domain.text import fold


@dataclass(frozen=True, slots=True)
class Place:
    th: str
    en: str

    def matches(self, typed: str) -> bool:
        """True when `typed` is part of the Thai or English name (case, tone marks ignored)."""
        key = fold(typed.strip())
        return not key or key in fold(self.th) or key in fold(self.en)


KHON_KAEN = Place("ขอนแก่น", "Khon Kaen")

# อำเภอ ... (the demo data and the labels write them without the word อำเภอ)
KHON_KAEN_DISTRICTS: tuple[Place, ...] = tuple(
    Place(th, en)
    for th, en in (
        ("เมืองขอนแก่น", "Mueang Khon Kaen"),
        ("บ้านฝาง", "Ban Fang"),
        ("พระยืน", "Phra Yuen"),
        ("หนองเรือ", "Nong Ruea"),
        ("ชุมแพ", "Chum Phae"),
        ("สีชมพู", "Si Chomphu"),
        ("น้ำพอง", "Nam Phong"),
        ("อุบลรัตน์", "Ubolratana"),
        ("กระนวน", "Kranuan"),
        ("บ้านไผ่", "Ban Phai"),
        ("เปือยน้อย", "Pueai Noi"),
        ("พล", "Phon"),
        ("แวงใหญ่", "Waeng Yai"),
        ("แวงน้อย", "Waeng Noi"),
        ("หนองสองห้อง", "Nong Song Hong"),
        ("ภูเวียง", "Phu Wiang"),
        ("มัญจาคีรี", "Mancha Khiri"),
        ("ชนบท", "Chonnabot"),
        ("เขาสวนกวาง", "Khao Suan Kwang"),
        ("ภูผาม่าน", "Phu Pha Man"),
        ("ซำสูง", "Sam Sung"),
        ("โคกโพธิ์ไชย", "Khok Pho Chai"),
        ("หนองนาคำ", "Nong Na Kham"),
        ("บ้านแฮด", "Ban Haet"),
        ("โนนศิลา", "Non Sila"),
        ("เวียงเก่า", "Wiang Kao"),
    )
)

PROVINCES: tuple[Place, ...] = tuple(
    Place(th, en)
    for th, en in (
        ("กรุงเทพมหานคร", "Bangkok"),
        ("กระบี่", "Krabi"),
        ("กาญจนบุรี", "Kanchanaburi"),
        ("กาฬสินธุ์", "Kalasin"),
        ("กำแพงเพชร", "Kamphaeng Phet"),
        ("ขอนแก่น", "Khon Kaen"),
        ("จันทบุรี", "Chanthaburi"),
        ("ฉะเชิงเทรา", "Chachoengsao"),
        ("ชลบุรี", "Chon Buri"),
        ("ชัยนาท", "Chai Nat"),
        ("ชัยภูมิ", "Chaiyaphum"),
        ("ชุมพร", "Chumphon"),
        ("เชียงราย", "Chiang Rai"),
        ("เชียงใหม่", "Chiang Mai"),
        ("ตรัง", "Trang"),
        ("ตราด", "Trat"),
        ("ตาก", "Tak"),
        ("นครนายก", "Nakhon Nayok"),
        ("นครปฐม", "Nakhon Pathom"),
        ("นครพนม", "Nakhon Phanom"),
        ("นครราชสีมา", "Nakhon Ratchasima"),
        ("นครศรีธรรมราช", "Nakhon Si Thammarat"),
        ("นครสวรรค์", "Nakhon Sawan"),
        ("นนทบุรี", "Nonthaburi"),
        ("นราธิวาส", "Narathiwat"),
        ("น่าน", "Nan"),
        ("บึงกาฬ", "Bueng Kan"),
        ("บุรีรัมย์", "Buri Ram"),
        ("ปทุมธานี", "Pathum Thani"),
        ("ประจวบคีรีขันธ์", "Prachuap Khiri Khan"),
        ("ปราจีนบุรี", "Prachin Buri"),
        ("ปัตตานี", "Pattani"),
        ("พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
        ("พะเยา", "Phayao"),
        ("พังงา", "Phang Nga"),
        ("พัทลุง", "Phatthalung"),
        ("พิจิตร", "Phichit"),
        ("พิษณุโลก", "Phitsanulok"),
        ("เพชรบุรี", "Phetchaburi"),
        ("เพชรบูรณ์", "Phetchabun"),
        ("แพร่", "Phrae"),
        ("ภูเก็ต", "Phuket"),
        ("มหาสารคาม", "Maha Sarakham"),
        ("มุกดาหาร", "Mukdahan"),
        ("แม่ฮ่องสอน", "Mae Hong Son"),
        ("ยโสธร", "Yasothon"),
        ("ยะลา", "Yala"),
        ("ร้อยเอ็ด", "Roi Et"),
        ("ระนอง", "Ranong"),
        ("ระยอง", "Rayong"),
        ("ราชบุรี", "Ratchaburi"),
        ("ลพบุรี", "Lop Buri"),
        ("ลำปาง", "Lampang"),
        ("ลำพูน", "Lamphun"),
        ("เลย", "Loei"),
        ("ศรีสะเกษ", "Si Sa Ket"),
        ("สกลนคร", "Sakon Nakhon"),
        ("สงขลา", "Songkhla"),
        ("สตูล", "Satun"),
        ("สมุทรปราการ", "Samut Prakan"),
        ("สมุทรสงคราม", "Samut Songkhram"),
        ("สมุทรสาคร", "Samut Sakhon"),
        ("สระแก้ว", "Sa Kaeo"),
        ("สระบุรี", "Saraburi"),
        ("สิงห์บุรี", "Sing Buri"),
        ("สุโขทัย", "Sukhothai"),
        ("สุพรรณบุรี", "Suphan Buri"),
        ("สุราษฎร์ธานี", "Surat Thani"),
        ("สุรินทร์", "Surin"),
        ("หนองคาย", "Nong Khai"),
        ("หนองบัวลำภู", "Nong Bua Lam Phu"),
        ("อ่างทอง", "Ang Thong"),
        ("อำนาจเจริญ", "Amnat Charoen"),
        ("อุดรธานี", "Udon Thani"),
        ("อุตรดิตถ์", "Uttaradit"),
        ("อุทัยธานี", "Uthai Thani"),
        ("อุบลราชธานี", "Ubon Ratchathani"),
    )
)


def _find(places: tuple[Place, ...], name: str) -> Place | None:
    key = fold(name.strip().removeprefix("อำเภอ").removeprefix("จังหวัด").strip())
    for place in places:
        if key in (fold(place.th), fold(place.en)):
            return place
    return None


def find_district(name: str) -> Place | None:
    """The Khon Kaen district named `name` in Thai or English (อำเภอ optional), or None."""
    return _find(KHON_KAEN_DISTRICTS, name)


def find_province(name: str) -> Place | None:
    """The province named `name` in Thai or English (จังหวัด optional), or None."""
    return _find(PROVINCES, name)
