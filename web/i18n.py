"""Every string the web shop shows, in Thai and English, and the reader's language."""

from __future__ import annotations

from pos.domain.bilingual import ENGLISH, THAI, pick

LANG_COOKIE = "lang"

# key -> (Thai, English); a `{name}` in a text is filled by `text(lang, key, name=...)`
TEXTS: dict[str, tuple[str, str]] = {
    "shop_tagline": ("สินค้า OTOP จากชุมชน ส่งถึงบ้าน", "OTOP community products, delivered"),
    "search": ("ค้นหา", "Search"),
    "search_placeholder": ("ค้นหาสินค้า เช่น ผ้าไหม", "Search products, e.g. silk"),
    "basket": ("ตะกร้า", "Basket"),
    "categories": ("หมวดสินค้า", "Categories"),
    "districts": ("อำเภอ", "Districts"),
    "gift_baskets": ("กระเช้าของขวัญ", "Gift baskets"),
    "items": ("{n} รายการ", "{n} items"),
    "no_results": ("ไม่พบสินค้า", "No products found"),
    "results_for": ("ผลการค้นหา “{q}”", "Results for “{q}”"),
    "page": ("หน้า {n}", "Page {n}"),
    "next_page": ("หน้าถัดไป", "Next page"),
    "prev_page": ("หน้าก่อน", "Previous page"),
    "home": ("หน้าแรก", "Home"),
    "producer": ("ผู้ผลิต", "Producer"),
    "district": ("อำเภอ", "District"),
    "province": ("จังหวัด", "Province"),
    "story": ("เรื่องราว", "The story"),
    "certificates": ("มาตรฐานและใบรับรอง", "Standards and certificates"),
    "verified": ("ตรวจสอบแล้ว", "verified"),
    "expired": ("หมดอายุ", "expired"),
    "expires": ("หมดอายุ {d}", "expires {d}"),
    "stars": ("OTOP {n} ดาว", "OTOP {n} stars"),
    "stars_year": ("OTOP {n} ดาว (ปี {y})", "OTOP {n} stars ({y})"),
    "in_stock": ("มีสินค้า {n} {unit}", "{n} {unit} in stock"),
    "few_left": ("เหลือเพียง {n} ชิ้น", "only {n} left"),
    "sold_out": ("สินค้าหมด", "Sold out"),
    "quantity": ("จำนวน", "Quantity"),
    "add_to_basket": ("ใส่ตะกร้า", "Add to basket"),
    "added": ("ใส่ตะกร้าแล้ว", "Added to the basket"),
    "contents": ("ในกระเช้ามี", "In the basket"),
    "basket_empty": ("ตะกร้ายังว่างอยู่", "Your basket is empty"),
    "keep_shopping": ("เลือกสินค้าต่อ", "Keep shopping"),
    "update": ("ปรับจำนวน", "Update"),
    "remove": ("นำออก", "Remove"),
    "subtotal": ("รวมค่าสินค้า", "Subtotal"),
    "shipping": ("ค่าจัดส่ง", "Shipping"),
    "free": ("ฟรี", "free"),
    "total": ("ยอดรวม", "Total"),
    "vat_included": ("รวมภาษีมูลค่าเพิ่ม {vat} บาท", "incl. VAT {vat} baht"),
    "checkout": ("สั่งซื้อ", "Check out"),
    "your_details": ("ข้อมูลผู้สั่งซื้อ", "Your details"),
    "name": ("ชื่อ-นามสกุล", "Full name"),
    "phone": ("เบอร์มือถือ", "Mobile phone"),
    "phone_hint": ("เช่น 081-234-5678", "e.g. 081-234-5678"),
    "email": ("อีเมล (ไม่บังคับ)", "Email (optional)"),
    "how_to_receive": ("การรับสินค้า", "How to receive it"),
    "delivery": ("จัดส่งถึงบ้าน", "Delivery to my address"),
    "pickup": ("รับเองที่ศูนย์", "Pick up at the centre"),
    "address_line": ("บ้านเลขที่ ถนน ซอย", "House number, street, lane"),
    "subdistrict": ("ตำบล/แขวง", "Subdistrict"),
    "district_field": ("อำเภอ/เขต", "District"),
    "choose_province": ("เลือกจังหวัด", "Choose a province"),
    "postcode": ("รหัสไปรษณีย์", "Postcode"),
    "note": ("หมายเหตุถึงร้าน (ไม่บังคับ)", "Note to the shop (optional)"),
    "payment": ("วิธีชำระเงิน", "Payment"),
    "pay_promptpay": ("พร้อมเพย์ (สแกน QR)", "PromptPay (scan a QR code)"),
    "pay_cod": ("เก็บเงินปลายทาง", "Cash on delivery"),
    "pay_at_pickup": ("ชำระเมื่อรับสินค้า", "Pay at pick-up"),
    "tax_invoice": ("ขอใบกำกับภาษีเต็มรูป", "I need a full tax invoice"),
    "tax_id": ("เลขประจำตัวผู้เสียภาษี 13 หลัก", "13-digit tax ID"),
    "tax_name": ("ชื่อผู้ซื้อในใบกำกับภาษี", "Buyer's name on the invoice"),
    "tax_address": ("ที่อยู่ในใบกำกับภาษี", "Address on the invoice"),
    "tax_branch": ("สาขา (เช่น สำนักงานใหญ่)", "Branch (e.g. head office)"),
    "place_order": ("ยืนยันการสั่งซื้อ", "Place the order"),
    "fix_fields": ("กรุณาแก้ไขช่องที่มีเครื่องหมาย", "Please correct the marked fields"),
    "order_placed": ("สั่งซื้อเรียบร้อย", "Thank you for your order"),
    "order_no": ("เลขที่คำสั่งซื้อ", "Order number"),
    "keep_number": (
        "กรุณาเก็บเลขที่คำสั่งซื้อไว้ใช้ติดตามสถานะ",
        "Keep the order number to follow your order",
    ),
    "scan_to_pay": ("สแกนเพื่อชำระ {amount} บาท", "Scan to pay {amount} baht"),
    "pay_before": ("กรุณาชำระภายใน {at}", "Please pay by {at}"),
    "promptpay_to": ("พร้อมเพย์ {id}", "PromptPay {id}"),
    "upload_slip": ("ส่งสลิปการโอนเงิน", "Send the transfer slip"),
    "slip_file": ("ไฟล์สลิป (JPEG หรือ PNG ไม่เกิน 5 MB)", "Slip image (JPEG or PNG, up to 5 MB)"),
    "send": ("ส่ง", "Send"),
    "slip_received": ("ได้รับสลิปแล้ว ร้านจะตรวจสอบและยืนยัน", "Slip received: the shop will check it"),
    "pay_cod_note": ("ชำระเงินกับพนักงานขนส่งเมื่อได้รับสินค้า", "Pay the carrier when it arrives"),
    "pay_pickup_note": ("ชำระเงินเมื่อมารับสินค้าที่ศูนย์", "Pay when you collect it at the centre"),
    "order_status": ("ติดตามคำสั่งซื้อ", "Track an order"),
    "find_order": ("ดูสถานะ", "Show the order"),
    "order_not_found": (
        "ไม่พบคำสั่งซื้อนี้ กรุณาตรวจสอบเลขที่และเบอร์มือถือ",
        "No such order: check the order number and the mobile number",
    ),
    "status": ("สถานะ", "Status"),
    "tracking": ("เลขพัสดุ {no}", "Tracking number {no}"),
    "track_link": ("ติดตามพัสดุกับ {carrier}", "Track it with {carrier}"),
    "receipt_no": ("เลขที่ใบเสร็จ {no}", "Receipt {no}"),
    "cancelled": ("ยกเลิกแล้ว", "Cancelled"),
    "language": ("English", "ภาษาไทย"),
    "error_title": ("ขออภัย", "Sorry"),
    "error_400": ("ข้อมูลที่ส่งมาไม่ถูกต้อง", "What was sent cannot be read"),
    "error_404": ("ไม่พบหน้าที่ต้องการ", "This page does not exist"),
    "error_405": ("ไม่สามารถเปิดหน้านี้ด้วยวิธีนี้ได้", "This page cannot be used that way"),
    "error_413": ("ไฟล์หรือข้อมูลใหญ่เกินไป", "The file or the form is too large"),
    "error_422": ("ข้อมูลที่ส่งมาไม่ถูกต้อง", "What was sent is not valid"),
    "error_429": (
        "มีการสั่งซื้อถี่เกินไป กรุณารอสักครู่แล้วลองใหม่",
        "Too many orders in a short time: please wait a moment and try again",
    ),
    "error_500": (
        "ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง",
        "Something went wrong on our side: please try again",
    ),
    "error_503": (
        "ร้านค้าออนไลน์ขัดข้องชั่วคราว กรุณาลองใหม่ในอีกสักครู่",
        "The shop is unavailable for a moment: please try again shortly",
    ),
    "error_csrf": (
        "แบบฟอร์มหมดอายุ กรุณาเปิดหน้านี้ใหม่แล้วลองอีกครั้ง",
        "The form has expired: open the page again and retry",
    ),
    "bad_quantity": ("จำนวนต้องเป็นตัวเลข 1-99", "The quantity must be a number from 1 to 99"),
    "unknown_product": ("ไม่พบสินค้านี้", "This product does not exist"),
    "basket_full": ("ตะกร้าเต็มแล้ว (สูงสุด {n} รายการ)", "The basket is full ({n} lines at most)"),
    "shortage": (
        "{name}: เหลือเพียง {n} ชิ้น กรุณาปรับจำนวน",
        "{name}: only {n} left, please change the quantity",
    ),
    "field_too_long": ("ยาวเกินไป (ไม่เกิน {n} ตัวอักษร)", "Too long (at most {n} characters)"),
    "slip_missing": ("กรุณาเลือกไฟล์สลิป", "Choose the slip's image file"),
    "back_home": ("กลับหน้าแรก", "Back to the shop"),
    "pieces": ("ชิ้น", "pcs"),
    "baht": ("บาท", "baht"),
}


def text(lang: str, key: str, **values: object) -> str:
    """The text `key` in `lang` (Thai unless English), `{name}` fields filled from `values`."""
    th, en = TEXTS[key]
    chosen = pick(lang, th, en)
    return chosen.format(**values) if values else chosen


def language_of(cookie: str | None, accept: str | None) -> str:
    """The reader's language: the cookie when it names one, else English only when the
    browser asks for English before Thai, else Thai (the shop's own)."""
    if cookie in (THAI, ENGLISH):
        return cookie
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("th"):
            return THAI
        if tag.startswith("en"):
            return ENGLISH
    return THAI
