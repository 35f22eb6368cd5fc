<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
<context>
    <name>ApplicationDialog</name>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="37"/>
        <source>Curation application</source>
        <translation>ใบสมัครคัดสรรผลิตภัณฑ์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="50"/>
        <source>The goods stay aside, not received, until the committee approves the product.</source>
        <translation>สินค้าจะถูกแยกไว้ ยังไม่รับเข้าสต็อก จนกว่าคณะกรรมการจะอนุมัติผลิตภัณฑ์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="55"/>
        <source>SKU (the code scanned)</source>
        <translation>รหัสสินค้า (รหัสที่สแกน)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="56"/>
        <source>Producer code</source>
        <translation>รหัสผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="57"/>
        <source>Name (Thai)</source>
        <translation>ชื่อ (ภาษาไทย)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="58"/>
        <source>Name (English)</source>
        <translation>ชื่อ (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="59"/>
        <source>Category</source>
        <translation>หมวดหมู่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="60"/>
        <source>Proposed price (baht)</source>
        <translation>ราคาที่เสนอ (บาท)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="61"/>
        <source>Submit (Ctrl+S)</source>
        <translation>ยื่นใบสมัคร (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_application.py" line="64"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
</context>
<context>
    <name>ApplicationForm</name>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="126"/>
        <source>Application</source>
        <translation>ใบสมัคร</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="129"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="132"/>
        <source>Producer code</source>
        <translation>รหัสผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="134"/>
        <source>Name (Thai)</source>
        <translation>ชื่อ (ไทย)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="135"/>
        <source>Name (English)</source>
        <translation>ชื่อ (อังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="141"/>
        <source>Category</source>
        <translation>หมวดหมู่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="142"/>
        <source>Proposed price (baht)</source>
        <translation>ราคาที่เสนอ (บาท)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="148"/>
        <source>Story (Thai)</source>
        <translation>เรื่องราว (ไทย)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="149"/>
        <source>Story (English)</source>
        <translation>เรื่องราว (อังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="150"/>
        <source>Photos (files, separated by ;)</source>
        <translation>รูปภาพ (ไฟล์ คั่นด้วย ;)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="152"/>
        <source>Choose photos…</source>
        <translation>เลือกรูปภาพ…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="158"/>
        <source>Photos</source>
        <translation>รูปภาพ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="158"/>
        <source>Images (*.jpg *.jpeg *.png *.webp)</source>
        <translation>รูปภาพ (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="406"/>
        <source>Manager approval</source>
        <translation>ผู้จัดการอนุมัติ</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="407"/>
        <source>Manager approval: {action}</source>
        <translation>ผู้จัดการอนุมัติ: {action}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="409"/>
        <source>{name} asks to {action}. {ref}</source>
        <translation>{name} ขอ{action} {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="413"/>
        <source>Reason</source>
        <translation>เหตุผล</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="414"/>
        <source>Manager&apos;s user name</source>
        <translation>ชื่อผู้ใช้ของผู้จัดการ</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="415"/>
        <source>Manager&apos;s PIN</source>
        <translation>PIN ของผู้จัดการ</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="416"/>
        <source>Approve (Enter)</source>
        <translation>อนุมัติ (Enter)</translation>
    </message>
</context>
<context>
    <name>BackOffice</name>
    <message>
        <location filename="../../ui/backoffice/window.py" line="81"/>
        <source>Products</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="83"/>
        <source>Producers</source>
        <translation>ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="85"/>
        <source>Curation</source>
        <translation>คัดสรรสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="87"/>
        <source>Users</source>
        <translation>ผู้ใช้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="88"/>
        <source>Stock</source>
        <translation>สต็อกสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="90"/>
        <source>Orders</source>
        <translation>คำสั่งซื้อออนไลน์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="91"/>
        <source>Tea corner</source>
        <translation>ร้านชา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="92"/>
        <source>Rooms</source>
        <translation>ห้องประชุม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="93"/>
        <source>Room calendar</source>
        <translation>ปฏิทินห้องประชุม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="95"/>
        <source>Settings</source>
        <translation>การตั้งค่า</translation>
    </message>
</context>
<context>
    <name>BackOfficeLoginDialog</name>
    <message>
        <location filename="../../ui/backoffice/window.py" line="129"/>
        <source>Back office: log in</source>
        <translation>ระบบหลังร้าน: เข้าสู่ระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="139"/>
        <source>Log in</source>
        <translation>เข้าสู่ระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="142"/>
        <source>User</source>
        <translation>ผู้ใช้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="143"/>
        <source>PIN</source>
        <translation>รหัส PIN</translation>
    </message>
</context>
<context>
    <name>BackOfficeWindow</name>
    <message>
        <location filename="../../ui/backoffice/window.py" line="234"/>
        <source>OTOP POS — back office</source>
        <translation>OTOP POS — ระบบหลังร้าน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="240"/>
        <source>Logged in: {name} ({role})</source>
        <translation>เข้าสู่ระบบ: {name} ({role})</translation>
    </message>
</context>
<context>
    <name>BasketDialog</name>
    <message>
        <location filename="../../ui/basket_dialog.py" line="180"/>
        <source>{n} can be made</source>
        <translation>ทำได้ {n} ชุด</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="182"/>
        <source>Not in season</source>
        <translation>ไม่อยู่ในช่วงขาย</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="187"/>
        <source>{n} ready</source>
        <translation>จัดไว้แล้ว {n}</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="203"/>
        <source>This basket is not sold in this season</source>
        <translation>ตะกร้านี้ไม่ได้วางขายในช่วงนี้</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="206"/>
        <source>No ready-made basket of this kind on the shelf</source>
        <translation>ไม่มีตะกร้าแบบนี้ที่จัดไว้แล้วบนชั้น</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="209"/>
        <source>Not enough stock to make this basket</source>
        <translation>สินค้าในสต็อกไม่พอจัดตะกร้านี้</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="230"/>
        <source>Only single products go into a basket</source>
        <translation>ใส่ได้เฉพาะสินค้าเดี่ยวในตะกร้า</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="245"/>
        <source>Something went wrong; the error was logged</source>
        <translation>เกิดข้อผิดพลาด บันทึกรายละเอียดไว้แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="266"/>
        <source>Basket price: {price}</source>
        <translation>ราคาตะกร้า: {price}</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="268"/>
        <source>(set price: a manager approves it)</source>
        <translation>(ราคากำหนดเอง: ผู้จัดการต้องอนุมัติ)</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="273"/>
        <source>One moment: looking up the last scan…</source>
        <translation>สักครู่: กำลังค้นหาสินค้าที่สแกนล่าสุด…</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="277"/>
        <source>Scan the items into the basket first</source>
        <translation>กรุณาสแกนสินค้าใส่ตะกร้าก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="307"/>
        <source>Gift basket (F7)</source>
        <translation>ตะกร้าของขวัญ (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="308"/>
        <source>Gift basket</source>
        <translation>ตะกร้าของขวัญ</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="309"/>
        <source>Baskets of the shop: ↑/↓ then Enter</source>
        <translation>ตะกร้าของร้าน: ↑/↓ แล้วกด Enter</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="310"/>
        <source>Or make one: scan the items into it</source>
        <translation>หรือจัดเอง: สแกนสินค้าใส่ตะกร้า</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="311"/>
        <source>Scan an item for the basket…</source>
        <translation>สแกนสินค้าใส่ตะกร้า…</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="313"/>
        <source>Basket</source>
        <translation>ตะกร้า</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="313"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="313"/>
        <source>In stock</source>
        <translation>จากสต็อก</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="313"/>
        <source>Ready-made</source>
        <translation>จัดไว้แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="314"/>
        <source>Container</source>
        <translation>ภาชนะ</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="315"/>
        <source>Wrapping</source>
        <translation>ห่อ/ริบบิ้น</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="316"/>
        <source>Fee</source>
        <translation>ค่าจัด</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="317"/>
        <source>Set price</source>
        <translation>ราคากำหนดเอง</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="318"/>
        <source>Gift card message</source>
        <translation>ข้อความการ์ดอวยพร</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="319"/>
        <source>Make this basket (Enter)</source>
        <translation>จัดตะกร้านี้ (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="320"/>
        <source>Ready-made from the shelf</source>
        <translation>หยิบที่จัดไว้แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="321"/>
        <source>Add basket to sale (Ctrl+Enter)</source>
        <translation>เพิ่มตะกร้าในบิล (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/basket_dialog.py" line="322"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
</context>
<context>
    <name>BookingActions</name>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="82"/>
        <source>That time is booked: move the cursor to free time</source>
        <translation>เวลานี้ถูกจองแล้ว กรุณาเลื่อนไปยังเวลาที่ว่าง</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="157"/>
        <source>{no} saved: {when}</source>
        <translation>บันทึก {no} แล้ว: {when}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="184"/>
        <source>Found {no}: {name}</source>
        <translation>พบ {no}: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="187"/>
        <source>No booking in the days shown matches {text}</source>
        <translation>ไม่พบการจองในวันที่แสดงที่ตรงกับ {text}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="194"/>
        <source>{name} checked in: {no}, {when}</source>
        <translation>{name} เช็กอินแล้ว: {no} {when}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="213"/>
        <source>Marked as no-show: {numbers}</source>
        <translation>บันทึกว่าไม่มาตามนัด: {numbers}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="215"/>
        <source>No booking is past its no-show time</source>
        <translation>ไม่มีการจองที่เลยเวลาไม่มาตามนัด</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="247"/>
        <source>Slip {no} printed</source>
        <translation>พิมพ์ใบยืนยัน {no} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="257"/>
        <source>Save the slip</source>
        <translation>บันทึกใบยืนยัน</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="257"/>
        <source>PDF (*.pdf)</source>
        <translation>ไฟล์ PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar_actions.py" line="263"/>
        <source>Slip saved: {path}</source>
        <translation>บันทึกใบยืนยันแล้ว: {path}</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="115"/>
        <source>New booking</source>
        <translation>จองห้องใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="116"/>
        <source>Move the booking</source>
        <translation>ย้ายเวลาการจอง</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="117"/>
        <source>Extend the booking</source>
        <translation>ขยายเวลาการจอง</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="144"/>
        <source>Name</source>
        <translation>ชื่อผู้จอง</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="145"/>
        <source>Mobile phone</source>
        <translation>เบอร์มือถือ</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="146"/>
        <source>Organisation</source>
        <translation>หน่วยงาน</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="147"/>
        <source>Purpose</source>
        <translation>วัตถุประสงค์</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="148"/>
        <source>Attendees</source>
        <translation>จำนวนผู้เข้าร่วม</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="149"/>
        <source>Room</source>
        <translation>ห้อง</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="150"/>
        <source>Day</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="151"/>
        <source>From</source>
        <translation>ตั้งแต่</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="152"/>
        <source>Until</source>
        <translation>ถึง</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="153"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="161"/>
        <source>Book (Ctrl+S)</source>
        <translation>จอง (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="161"/>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="164"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="279"/>
        <source>{n} h</source>
        <translation>{n} ชม.</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="280"/>
        <source>{h} h {m} min</source>
        <translation>{h} ชม. {m} นาที</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="309"/>
        <location filename="../../ui/rooms/booking_dialog.py" line="342"/>
        <source>The room is closed on that day</source>
        <translation>ห้องปิดในวันนั้น</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="315"/>
        <source>{price} baht · deposit {deposit}</source>
        <translation>{price} บาท · มัดจำ {deposit}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="320"/>
        <source>{price} baht</source>
        <translation>{price} บาท</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="347"/>
        <source>Saving…</source>
        <translation>กำลังบันทึก…</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_dialog.py" line="377"/>
        <source>Something went wrong: {what}</source>
        <translation>เกิดข้อผิดพลาด: {what}</translation>
    </message>
</context>
<context>
    <name>BookingPanel</name>
    <message>
        <location filename="../../ui/rooms/booking_panel.py" line="51"/>
        <source>Free: press Enter to book {when}</source>
        <translation>ว่าง: กด Enter เพื่อจอง {when}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_panel.py" line="67"/>
        <source>Attendees: {n}</source>
        <translation>ผู้เข้าร่วม: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_panel.py" line="69"/>
        <source>Price {price} · paid {paid} · due {due}</source>
        <translation>ราคา {price} · ชำระแล้ว {paid} · คงเหลือ {due}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/booking_panel.py" line="77"/>
        <source>Held until {time}: the deposit {deposit} confirms it</source>
        <translation>จองไว้ถึง {time} น. ชำระมัดจำ {deposit} เพื่อยืนยัน</translation>
    </message>
</context>
<context>
    <name>BookingPickDialog</name>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="84"/>
        <source>Room booking: take a payment</source>
        <translation>การจองห้อง: รับชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="89"/>
        <source>Scan the slip&apos;s QR, or type a booking number, name or phone</source>
        <translation>สแกน QR บนใบยืนยัน หรือพิมพ์หมายเลขการจอง ชื่อ หรือเบอร์โทร</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="104"/>
        <source>Loading the bookings…</source>
        <translation>กำลังโหลดรายการจอง…</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="117"/>
        <source>{n} bookings with money due</source>
        <translation>การจองที่ยังต้องชำระ {n} รายการ</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="130"/>
        <source>deposit</source>
        <translation>มัดจำ</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="130"/>
        <source>balance</source>
        <translation>ยอดคงเหลือ</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="162"/>
        <source>No booking matches {text}</source>
        <translation>ไม่พบการจองที่ตรงกับ {text}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="164"/>
        <source>Looking up {text}…</source>
        <translation>กำลังค้นหา {text}…</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/pick_dialog.py" line="175"/>
        <source>{no} has nothing to pay ({status})</source>
        <translation>{no} ไม่มียอดต้องชำระ ({status})</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../ui/rooms/cancel_dialog.py" line="28"/>
        <source>Cancel booking {no}</source>
        <translation>ยกเลิกการจอง {no}</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/cancel_dialog.py" line="35"/>
        <source>{name}, {when}. Paid {paid} baht; by the cancellation rules {refund} baht is refunded.</source>
        <translation>{name} {when} ชำระแล้ว {paid} บาท ตามเงื่อนไขการยกเลิกจะคืนเงิน {refund} บาท</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/cancel_dialog.py" line="48"/>
        <source>Reason</source>
        <translation>เหตุผล</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/cancel_dialog.py" line="51"/>
        <source>Keep the booking (Esc)</source>
        <translation>ไม่ยกเลิก (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/cancel_dialog.py" line="53"/>
        <source>Cancel the booking (Enter)</source>
        <translation>ยกเลิกการจอง (Enter)</translation>
    </message>
</context>
<context>
    <name>CartFlow</name>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="55"/>
        <source>Log in first, then scan</source>
        <translation>เข้าสู่ระบบก่อน แล้วจึงสแกนสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="113"/>
        <source>One moment: looking up the last scan…</source>
        <translation>สักครู่: กำลังค้นหาสินค้าที่สแกนล่าสุด…</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="129"/>
        <source>Nothing to park</source>
        <translation>ไม่มีรายการให้พักบิล</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="139"/>
        <source>Sale parked. Press F6 to bring it back.</source>
        <translation>พักบิลแล้ว กด F6 เพื่อเรียกบิลกลับมา</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="146"/>
        <source>Finish or park (F5) the current sale first</source>
        <translation>กรุณาปิดบิลหรือพักบิล (F5) ที่ขายอยู่ก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="160"/>
        <source>No parked sales</source>
        <translation>ไม่มีบิลที่พักไว้</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="176"/>
        <source>Parked sale is back</source>
        <translation>เรียกบิลที่พักไว้กลับมาแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="187"/>
        <source>The cart is already empty</source>
        <translation>ไม่มีรายการในบิลอยู่แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="189"/>
        <source>Take every line off this sale ({total})?</source>
        <translation>ลบทุกรายการออกจากบิลนี้ ({total}) ใช่หรือไม่?</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="192"/>
        <source>Payments were already taken: give them back to the customer.</source>
        <translation>รับชำระเงินไปแล้วบางส่วน: กรุณาคืนเงินให้ลูกค้า</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="193"/>
        <source>Cancel sale (F9)</source>
        <translation>ยกเลิกบิล (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="194"/>
        <source>Yes, cancel (Enter)</source>
        <translation>ใช่ ยกเลิกบิล (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="211"/>
        <source>Sale cancelled</source>
        <translation>ยกเลิกบิลแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="223"/>
        <source>Gift baskets are not set up on this till</source>
        <translation>เครื่องนี้ยังไม่ได้ตั้งค่าตะกร้าของขวัญ</translation>
    </message>
    <message>
        <location filename="../../ui/till/cart_flow.py" line="262"/>
        <source>Basket added to the sale</source>
        <translation>เพิ่มตะกร้าในบิลแล้ว</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../ui/cart_model.py" line="206"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/cart_model.py" line="207"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/cart_model.py" line="208"/>
        <source>Qty</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <location filename="../../ui/cart_model.py" line="209"/>
        <source>Unit price</source>
        <translation>ราคา/หน่วย</translation>
    </message>
    <message>
        <location filename="../../ui/cart_model.py" line="210"/>
        <source>Discount</source>
        <translation>ส่วนลด</translation>
    </message>
    <message>
        <location filename="../../ui/cart_model.py" line="211"/>
        <source>Amount</source>
        <translation>จำนวนเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/cart_model.py" line="301"/>
        <source>per {unit}</source>
        <translation>ต่อ{unit}</translation>
    </message>
    <message>
        <location filename="../../ui/cart_model.py" line="302"/>
        <source> · VAT exempt</source>
        <translation> · ยกเว้นภาษี</translation>
    </message>
</context>
<context>
    <name>CashMoveDialog</name>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="166"/>
        <source>Type an amount more than zero</source>
        <translation>พิมพ์จำนวนเงินที่มากกว่าศูนย์</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="179"/>
        <source>Paid in</source>
        <translation>นำเงินเข้า</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="179"/>
        <source>Paid out</source>
        <translation>นำเงินออก</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="182"/>
        <source>Amount (baht)</source>
        <translation>จำนวนเงิน (บาท)</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="183"/>
        <source>Reason (e.g. more change, ice, delivery)</source>
        <translation>เหตุผล (เช่น เติมเงินทอน ค่าน้ำแข็ง ค่าขนส่ง)</translation>
    </message>
</context>
<context>
    <name>CertificateForm</name>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="271"/>
        <source>Certificate</source>
        <translation>ใบรับรอง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="279"/>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="281"/>
        <source>Number (OTOP stars: 1-5; FDA: XX-X-XXXXX-X-XXXX)</source>
        <translation>เลขที่ (ดาว OTOP: 1-5; อย.: XX-X-XXXXX-X-XXXX)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="285"/>
        <source>Product (SKU)</source>
        <translation>สินค้า (รหัสสินค้า)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="286"/>
        <source>Producer (code)</source>
        <translation>ผู้ผลิต (รหัส)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="289"/>
        <source>Certificate of</source>
        <translation>ใบรับรองของ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="290"/>
        <source>SKU or producer code</source>
        <translation>รหัสสินค้าหรือรหัสผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="292"/>
        <source>Issued (YYYY-MM-DD)</source>
        <translation>วันที่ออก (ปปปป-ดด-วว ค.ศ.)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="294"/>
        <source>Expires (YYYY-MM-DD, empty: never)</source>
        <translation>วันหมดอายุ (ปปปป-ดด-วว ค.ศ. ว่าง = ไม่หมดอายุ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="296"/>
        <source>Scanned file</source>
        <translation>ไฟล์สแกน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="297"/>
        <source>Choose file…</source>
        <translation>เลือกไฟล์…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="303"/>
        <source>Scanned certificate</source>
        <translation>ใบรับรองที่สแกน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="304"/>
        <source>Scans (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>ไฟล์สแกน (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>ChannelSecretsPanel</name>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="127"/>
        <source>This store keeps no secrets.</source>
        <translation>ฐานข้อมูลนี้ไม่เก็บค่าลับ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="136"/>
        <source>set by the environment ({var})</source>
        <translation>กำหนดโดยตัวแปรสภาพแวดล้อม ({var})</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="138"/>
        <source>not set</source>
        <translation>ยังไม่ได้ตั้งค่า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="140"/>
        <source>set on {date} by {name}</source>
        <translation>ตั้งค่าเมื่อ {date} โดย {name}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="147"/>
        <source>Type the new value first (nothing was saved).</source>
        <translation>กรุณาพิมพ์ค่าใหม่ก่อน (ยังไม่ได้บันทึก)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="149"/>
        <source>Saving…</source>
        <translation>กำลังบันทึก…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="152"/>
        <source>Saved: {name}.</source>
        <translation>บันทึกแล้ว: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="161"/>
        <source>Cleared: {name}.</source>
        <translation>ล้างค่าแล้ว: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="173"/>
        <source>Not saved: {reason}</source>
        <translation>ไม่ได้บันทึก: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="192"/>
        <source>Connecting…</source>
        <translation>กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="203"/>
        <source>Connected: {answer}</source>
        <translation>เชื่อมต่อได้: {answer}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="209"/>
        <source>No connection: {reason}</source>
        <translation>เชื่อมต่อไม่ได้: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="215"/>
        <source>LINE channel secret</source>
        <translation>Channel secret ของ LINE</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="216"/>
        <source>LINE channel access token</source>
        <translation>Channel access token ของ LINE</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="217"/>
        <source>LINE LIFF ID</source>
        <translation>LIFF ID ของ LINE</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="218"/>
        <source>Facebook app secret</source>
        <translation>App secret ของ Facebook</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="219"/>
        <source>Facebook page access token</source>
        <translation>Page access token ของเพจ Facebook</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="220"/>
        <source>Facebook webhook verify token</source>
        <translation>Verify token ของเว็บฮุก Facebook</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="221"/>
        <source>Thailand Post API token</source>
        <translation>โทเค็น API ของไปรษณีย์ไทย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="222"/>
        <source>Thailand Post webhook API token</source>
        <translation>โทเค็น API แจ้งสถานะพัสดุ (webhook) ไปรษณีย์ไทย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="223"/>
        <source>Carrier webhook secret</source>
        <translation>รหัสลับเว็บฮุกของบริษัทขนส่ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="224"/>
        <source>Chat link signing key</source>
        <translation>กุญแจลงนามลิงก์แชต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="229"/>
        <source>Online channels: tokens and keys</source>
        <translation>ช่องทางออนไลน์: โทเค็นและรหัสลับ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="230"/>
        <source>This is a counter&apos;s own store: the shop server reads the central database&apos;s secrets. Set them in the back office opened on the central database (otop-pos backoffice --db postgresql://…) or with otop-pos secrets set.</source>
        <translation>นี่คือฐานข้อมูลของเครื่องขายเอง เซิร์ฟเวอร์ร้านค้าออนไลน์อ่านค่าลับจากฐานข้อมูลกลาง กรุณาตั้งค่าในระบบหลังร้านที่เปิดบนฐานข้อมูลกลาง (otop-pos backoffice --db postgresql://…) หรือด้วยคำสั่ง otop-pos secrets set</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="236"/>
        <source>Replace: type the new value</source>
        <translation>แทนที่: พิมพ์ค่าใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="237"/>
        <source>Replace</source>
        <translation>แทนที่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="238"/>
        <source>Clear</source>
        <translation>ล้างค่า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="240"/>
        <source>Test connection: LINE</source>
        <translation>ทดสอบการเชื่อมต่อ: LINE</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="241"/>
        <source>Test connection: Facebook</source>
        <translation>ทดสอบการเชื่อมต่อ: Facebook</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/secrets_panel.py" line="242"/>
        <source>Test connection: Thailand Post</source>
        <translation>ทดสอบการเชื่อมต่อ: ไปรษณีย์ไทย</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="105"/>
        <source>pending</source>
        <translation>รอส่ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="106"/>
        <source>sent</source>
        <translation>ส่งแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="107"/>
        <source>held by quota</source>
        <translation>รอโควตา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="108"/>
        <source>failed</source>
        <translation>ส่งไม่สำเร็จ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="109"/>
        <source>unknown</source>
        <translation>ไม่ทราบผล</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="116"/>
        <source>Type a reply first: nothing was sent.</source>
        <translation>กรุณาพิมพ์ข้อความตอบกลับก่อน ยังไม่ได้ส่งอะไร</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="118"/>
        <source>The reply has {n} characters; at most {max} can be sent.</source>
        <translation>ข้อความตอบกลับมี {n} ตัวอักษร ส่งได้ไม่เกิน {max} ตัวอักษร</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="281"/>
        <source>{channel}: {used} this month</source>
        <translation>{channel}: {used} ข้อความเดือนนี้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="284"/>
        <source>{channel}: {used} / {quota} this month</source>
        <translation>{channel}: {used} / {quota} ข้อความเดือนนี้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="306"/>
        <source>No conversations yet.</source>
        <translation>ยังไม่มีการสนทนา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="328"/>
        <source>Choose a conversation.</source>
        <translation>เลือกการสนทนา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="346"/>
        <source>bot</source>
        <translation>บอต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="348"/>
        <source>staff</source>
        <translation>พนักงาน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="369"/>
        <source>No orders linked to this customer.</source>
        <translation>ลูกค้ารายนี้ยังไม่มีคำสั่งซื้อที่เชื่อมโยง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="389"/>
        <source>Choose a conversation first.</source>
        <translation>กรุณาเลือกการสนทนาก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="397"/>
        <source>Sending…</source>
        <translation>กำลังส่ง…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="409"/>
        <source>Queued to send.</source>
        <translation>เข้าคิวรอส่งแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="416"/>
        <source>Not sent: {reason}</source>
        <translation>ไม่ได้ส่ง: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="441"/>
        <source>Queued to send again.</source>
        <translation>เข้าคิวส่งซ้ำแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="457"/>
        <source>Reply (Enter sends, Shift+Enter: a new line)</source>
        <translation>ตอบกลับ (Enter ส่ง, Shift+Enter ขึ้นบรรทัดใหม่)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="460"/>
        <source>Type a reply to the customer…</source>
        <translation>พิมพ์ข้อความตอบลูกค้า…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="462"/>
        <source>Send</source>
        <translation>ส่ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="464"/>
        <source>Resend the failed message</source>
        <translation>ส่งข้อความที่ไม่สำเร็จอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="467"/>
        <source>Orders of this customer (Enter opens one)</source>
        <translation>คำสั่งซื้อของลูกค้ารายนี้ (Enter เพื่อเปิด)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="520"/>
        <source>Orders</source>
        <translation>คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/chat_panel.py" line="521"/>
        <source>Chat</source>
        <translation>แชต</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="269"/>
        <source>Expected in the drawer: {amount}</source>
        <translation>เงินที่ควรมีในลิ้นชัก: {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="272"/>
        <source>Counted: {amount}</source>
        <translation>นับได้: {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="297"/>
        <source>Difference: none, the drawer is right</source>
        <translation>ผลต่าง: ไม่มี เงินในลิ้นชักถูกต้อง</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="299"/>
        <source>Difference: {amount} short</source>
        <translation>ผลต่าง: ขาด {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="300"/>
        <source>Difference: {amount} over</source>
        <translation>ผลต่าง: เกิน {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="311"/>
        <source>Expected {expected} · counted {counted}
{difference}

Close the shift and issue the Z report with this difference?</source>
        <translation>เงินที่ควรมี {expected} · นับได้ {counted}
{difference}

ปิดกะและออกรายงาน Z ด้วยผลต่างนี้หรือไม่?</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="315"/>
        <source>Yes, close {amount} short (Enter)</source>
        <translation>ใช่ ปิดกะโดยขาด {amount} (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="316"/>
        <source>Yes, close {amount} over (Enter)</source>
        <translation>ใช่ ปิดกะโดยเกิน {amount} (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="318"/>
        <source>The drawer is not right</source>
        <translation>เงินในลิ้นชักไม่ตรง</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="334"/>
        <source>Close shift</source>
        <translation>ปิดกะ</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="335"/>
        <source>Count the drawer: how many of each note and coin?</source>
        <translation>นับเงินในลิ้นชัก: ธนบัตรและเหรียญแต่ละชนิดมีกี่ใบ/กี่เหรียญ?</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="336"/>
        <source>Close shift (Z report)</source>
        <translation>ปิดกะ (รายงาน Z)</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="516"/>
        <source>No (Esc)</source>
        <translation>ไม่ใช่ (Esc)</translation>
    </message>
</context>
<context>
    <name>CountTab</name>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="91"/>
        <source>Count {number} started: scan the goods.</source>
        <translation>เริ่มตรวจนับ {number} แล้ว: สแกนสินค้าได้เลย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="106"/>
        <source>{text}: type N=CODE for a quantity counted</source>
        <translation>{text}: พิมพ์ จำนวน=รหัส สำหรับจำนวนที่นับได้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="117"/>
        <source>{sku}: {qty} counted</source>
        <translation>{sku}: นับได้ {qty}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="151"/>
        <source>Stock count {number}</source>
        <translation>ตรวจนับสต็อก {number}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="172"/>
        <source>Count {number} posted: {n} product(s) adjusted.</source>
        <translation>ยืนยันผลตรวจนับ {number} แล้ว: ปรับปรุง {n} รายการ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="181"/>
        <source>What is counted</source>
        <translation>ขอบเขตที่ตรวจนับ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="182"/>
        <source>Scan (N=CODE: quantity counted)</source>
        <translation>สแกน (จำนวน=รหัส: จำนวนที่นับได้)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="183"/>
        <source>Start count</source>
        <translation>เริ่มตรวจนับ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="184"/>
        <source>Show differences</source>
        <translation>แสดงผลต่าง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="185"/>
        <source>Post count</source>
        <translation>ยืนยันผลตรวจนับ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="187"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="187"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="187"/>
        <source>Expected</source>
        <translation>ตามระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="187"/>
        <source>Counted</source>
        <translation>นับได้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="188"/>
        <source>Difference</source>
        <translation>ผลต่าง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_count.py" line="188"/>
        <source>Value</source>
        <translation>มูลค่า</translation>
    </message>
</context>
<context>
    <name>CurationPage</name>
    <message>
        <location filename="../../ui/backoffice/curation_common.py" line="65"/>
        <source>Something went wrong (it was logged): try again</source>
        <translation>เกิดข้อผิดพลาด (บันทึกไว้แล้ว) กรุณาลองใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="86"/>
        <source>Applications</source>
        <translation>ใบสมัคร</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="87"/>
        <source>Certificates</source>
        <translation>ใบรับรอง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="102"/>
        <source>Search SKU, name or producer</source>
        <translation>ค้นหารหัสสินค้า ชื่อ หรือผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="106"/>
        <source>Every status</source>
        <translation>ทุกสถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="111"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="111"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="111"/>
        <source>Producer</source>
        <translation>ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="111"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="112"/>
        <location filename="../../ui/backoffice/curation_page.py" line="123"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="112"/>
        <source>Submitted</source>
        <translation>วันที่ยื่น</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="116"/>
        <source>New application (Ctrl+N)</source>
        <translation>ใบสมัครใหม่ (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="119"/>
        <location filename="../../ui/backoffice/curation_page.py" line="150"/>
        <source>Search</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="138"/>
        <source>Search number, kind or holder</source>
        <translation>ค้นหาเลขที่ ประเภท หรือผู้ถือ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="142"/>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="142"/>
        <source>Number</source>
        <translation>เลขที่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="142"/>
        <source>Of</source>
        <translation>ของ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="142"/>
        <source>Issued</source>
        <translation>วันที่ออก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="143"/>
        <source>Expires</source>
        <translation>วันหมดอายุ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="143"/>
        <source>State</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="147"/>
        <source>New certificate (Ctrl+N)</source>
        <translation>ใบรับรองใหม่ (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="243"/>
        <source>%1 expired · %2 expire within 30 days · %3 within 90 days</source>
        <translation>หมดอายุแล้ว %1 · จะหมดอายุใน 30 วัน %2 · ใน 90 วัน %3</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="249"/>
        <source>Every certificate is valid for more than 90 days</source>
        <translation>ใบรับรองทุกใบยังใช้ได้เกิน 90 วัน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="263"/>
        <source>never</source>
        <translation>ไม่หมดอายุ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="305"/>
        <source>%1 is decided: %2</source>
        <translation>%1 พิจารณาแล้ว: %2</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_page.py" line="318"/>
        <source>Saved</source>
        <translation>บันทึกแล้ว</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="140"/>
        <source>Order {number} ready</source>
        <translation>คิว {number} พร้อมแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="143"/>
        <source>Orders {numbers} ready</source>
        <translation>คิว {numbers} พร้อมแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="175"/>
        <source>{count} more lines above</source>
        <translation>อีก {count} รายการด้านบน</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="201"/>
        <source>in the gift basket</source>
        <translation>อยู่ในกระเช้าของขวัญ</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="213"/>
        <source>discount −{amount}</source>
        <translation>ส่วนลด −{amount}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="227"/>
        <source>Items</source>
        <translation>จำนวนชิ้น</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="228"/>
        <source>Subtotal</source>
        <translation>รวมเป็นเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="231"/>
        <source>Discounts</source>
        <translation>ส่วนลด</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="233"/>
        <source>VAT included</source>
        <translation>ภาษีมูลค่าเพิ่ม (รวมในราคา)</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="235"/>
        <source>Paid so far</source>
        <translation>ชำระแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="243"/>
        <source>Total</source>
        <translation>ยอดรวม</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="264"/>
        <source>Scan to pay with PromptPay</source>
        <translation>สแกนจ่ายด้วยพร้อมเพย์</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="265"/>
        <source>Please pay at the counter</source>
        <translation>กรุณาชำระเงินที่เคาน์เตอร์</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="269"/>
        <source>Amount due</source>
        <translation>ยอดที่ต้องชำระ</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="275"/>
        <source>Total {total}, paid so far {paid}</source>
        <translation>ยอดรวม {total} ชำระแล้ว {paid}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="282"/>
        <source>Open your bank&apos;s app and scan the code: the amount is filled in</source>
        <translation>เปิดแอปธนาคารแล้วสแกนคิวอาร์โค้ด ยอดเงินจะขึ้นให้เอง</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="295"/>
        <source>Paid, thank you</source>
        <translation>ชำระเงินเรียบร้อย ขอบคุณค่ะ</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="298"/>
        <source>Total {amount}</source>
        <translation>ยอดรวม {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="305"/>
        <source>Your change</source>
        <translation>เงินทอน</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="311"/>
        <source>Receipt {number}</source>
        <translation>ใบเสร็จเลขที่ {number}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="322"/>
        <source>Welcome</source>
        <translation>ยินดีต้อนรับ</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="332"/>
        <source>Made by our producers</source>
        <translation>ผลงานจากผู้ผลิตในชุมชน</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="347"/>
        <source>OTOP {stars}-star product</source>
        <translation>สินค้า OTOP ระดับ {stars} ดาว</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display/painting.py" line="373"/>
        <source>Mulberry tea corner: ask at the counter</source>
        <translation>ร้านชาใบหม่อน สั่งได้ที่เคาน์เตอร์</translation>
    </message>
</context>
<context>
    <name>DemoPinBanner</name>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="63"/>
        <source>Demo PINs still in use by {names}: anyone who read the manual can log in as them. Open each user and reset the PIN before real use.</source>
        <translation>ผู้ใช้ {names} ยังใช้ PIN ของร้านตัวอย่างอยู่ ใครก็ตามที่อ่านคู่มือสามารถเข้าสู่ระบบแทนได้ กรุณาเปิดผู้ใช้แต่ละคนแล้วรีเซ็ต PIN ก่อนใช้งานจริง</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="352"/>
        <source>Type the discount, e.g. 50 or 10</source>
        <translation>กรอกส่วนลด เช่น 50 หรือ 10</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="357"/>
        <source>A discount needs a reason</source>
        <translation>กรุณาระบุเหตุผลของส่วนลด</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="391"/>
        <source>Discount</source>
        <translation>ส่วนลด</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="392"/>
        <source>Discount (F4)</source>
        <translation>ส่วนลด (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="394"/>
        <source>Selected line: {product}</source>
        <translation>รายการที่เลือก: {product}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="396"/>
        <source>Selected line</source>
        <translation>รายการที่เลือก</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="398"/>
        <source>Whole sale</source>
        <translation>ทั้งบิล</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="399"/>
        <source>Amount (฿)</source>
        <translation>จำนวนเงิน (฿)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="400"/>
        <source>Percent (%)</source>
        <translation>เปอร์เซ็นต์ (%)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="401"/>
        <source>Discount (e.g. 50, or 10% for a percentage)</source>
        <translation>ส่วนลด (เช่น 50 หรือ 10% เพื่อลดเป็นเปอร์เซ็นต์)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="402"/>
        <source>Reason (required)</source>
        <translation>เหตุผล (ต้องระบุ)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="403"/>
        <source>Remove discount</source>
        <translation>ยกเลิกส่วนลด</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="404"/>
        <source>Apply (Enter)</source>
        <translation>ใช้ส่วนลด (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="409"/>
        <source>Regular customer</source>
        <translation>ลูกค้าประจำ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="410"/>
        <source>Damaged goods</source>
        <translation>สินค้าชำรุด</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="411"/>
        <source>Promotion</source>
        <translation>โปรโมชั่น</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="412"/>
        <source>Wholesale price</source>
        <translation>ราคาขายส่ง</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="413"/>
        <source>Staff purchase</source>
        <translation>พนักงานซื้อ</translation>
    </message>
</context>
<context>
    <name>FindDialog</name>
    <message>
        <location filename="../../ui/find_dialog.py" line="102"/>
        <source>(reserved {n})</source>
        <translation>(จองไว้ {n})</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="125"/>
        <source>Loading catalogue…</source>
        <translation>กำลังโหลดรายการสินค้า…</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="131"/>
        <source>{count} products: type part of a name, SKU or barcode</source>
        <translation>สินค้า {count} รายการ: พิมพ์ชื่อบางส่วน รหัสสินค้า หรือบาร์โค้ด</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="136"/>
        <source>No product matches</source>
        <translation>ไม่พบสินค้าที่ตรงกัน</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="138"/>
        <source>{count} found</source>
        <translation>พบ {count} รายการ</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="183"/>
        <source>Find product</source>
        <translation>ค้นหาสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="184"/>
        <source>Find product (F2)</source>
        <translation>ค้นหาสินค้า (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="186"/>
        <source>Thai or English name, SKU or barcode — tone marks optional</source>
        <translation>ชื่อไทยหรืออังกฤษ รหัสสินค้า หรือบาร์โค้ด — ไม่ต้องใส่วรรณยุกต์ก็ได้</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="189"/>
        <source>Thai name</source>
        <translation>ชื่อภาษาไทย</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="189"/>
        <source>English name</source>
        <translation>ชื่อภาษาอังกฤษ</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="189"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="189"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="190"/>
        <source>Stock</source>
        <translation>คงเหลือ</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="192"/>
        <source>Add (Enter)</source>
        <translation>เพิ่ม (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/find_dialog.py" line="193"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
</context>
<context>
    <name>GoodsTab</name>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="127"/>
        <source>{text}: give a quantity like 3*CODE</source>
        <translation>{text}: ระบุจำนวน เช่น 3*รหัส</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="151"/>
        <source>{sku}: {qty} in all</source>
        <translation>{sku}: รวม {qty}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="180"/>
        <source>No product has the code {code}: it is kept aside and not received. Start a curation application for it, or scan the next item.</source>
        <translation>ไม่พบสินค้ารหัส {code} แยกไว้และยังไม่รับเข้าสต็อก ยื่นใบสมัครคัดสรรสำหรับสินค้านี้ หรือสแกนชิ้นถัดไป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="184"/>
        <source>No product has the code {code}: it is kept aside and not received. A manager can start a curation application for it.</source>
        <translation>ไม่พบสินค้ารหัส {code} แยกไว้และยังไม่รับเข้าสต็อก ผู้จัดการสามารถยื่นใบสมัครคัดสรรสำหรับสินค้านี้ได้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="192"/>
        <source>{code} (application submitted)</source>
        <translation>{code} (ยื่นใบสมัครแล้ว)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="194"/>
        <source>{code} (not approved)</source>
        <translation>{code} (ไม่ผ่านการคัดสรร)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="197"/>
        <source>Kept aside, not received: {codes}</source>
        <translation>แยกไว้ ยังไม่รับเข้าสต็อก: {codes}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="201"/>
        <source>Start a curation application for {code}</source>
        <translation>ยื่นใบสมัครคัดสรรสำหรับ {code}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="230"/>
        <source>Curation application for {sku} submitted: the goods stay aside until the committee approves it.</source>
        <translation>ยื่นใบสมัครคัดสรรสำหรับ {sku} แล้ว สินค้าจะแยกไว้จนกว่าคณะกรรมการจะอนุมัติ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="237"/>
        <source>Scan the goods first.</source>
        <translation>กรุณาสแกนสินค้าก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="266"/>
        <source>Saved as {number}. {n} code(s) kept aside, not received.</source>
        <translation>บันทึกเป็นเลขที่ {number} แล้ว แยกไว้ {n} รหัส ยังไม่รับเข้าสต็อก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="269"/>
        <source>Saved as {number}.</source>
        <translation>บันทึกแล้ว เลขที่ {number}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="283"/>
        <source>Nothing was saved: {reason}</source>
        <translation>ยังไม่ได้บันทึก: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="287"/>
        <source>Nothing was saved yet: {reason}</source>
        <translation>ยังไม่ได้บันทึก: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="289"/>
        <source>An unusually large delivery</source>
        <translation>จำนวนส่งมากกว่าปกติ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="289"/>
        <source>Receive as it is (Enter)</source>
        <translation>รับสินค้าตามนี้ (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="309"/>
        <source>Slip saved: {path}</source>
        <translation>บันทึกใบแล้ว: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="322"/>
        <source>Slip {number} printed on {printer}.</source>
        <translation>พิมพ์ใบ {number} ที่เครื่องพิมพ์ {printer} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="331"/>
        <source>Producer</source>
        <translation>ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="331"/>
        <source>Reason</source>
        <translation>เหตุผล</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="332"/>
        <source>Delivery note no.</source>
        <translation>เลขที่ใบส่งของ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="332"/>
        <source>Scan or type a code</source>
        <translation>สแกนหรือพิมพ์รหัส</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="335"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="335"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="336"/>
        <source>Quantity</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="337"/>
        <source>Receive (save)</source>
        <translation>รับสินค้า (บันทึก)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="338"/>
        <source>Return (save)</source>
        <translation>คืนสินค้า (บันทึก)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="339"/>
        <source>Save slip as PDF</source>
        <translation>บันทึกใบเป็น PDF</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="340"/>
        <source>Print slip (receipt printer)</source>
        <translation>พิมพ์ใบรับ/คืน (เครื่องพิมพ์ใบเสร็จ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="341"/>
        <source>Remove line</source>
        <translation>ลบรายการ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="342"/>
        <source>Unsold</source>
        <translation>ขายไม่ออก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="342"/>
        <source>Expired</source>
        <translation>หมดอายุ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_goods.py" line="343"/>
        <source>Damaged</source>
        <translation>ชำรุด</translation>
    </message>
</context>
<context>
    <name>HeaderPanel</name>
    <message>
        <location filename="../../ui/till/panels.py" line="146"/>
        <source>{terminal} · receipts {prefix}</source>
        <translation>{terminal} · ใบเสร็จ {prefix}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="150"/>
        <source>Menu</source>
        <translation>เมนู</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation type="vanished">กะ</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="151"/>
        <source>Log out</source>
        <translation>ออกจากระบบ</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="537"/>
        <source>Help</source>
        <translation>ช่วยเหลือ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="538"/>
        <source>Keys of the till</source>
        <translation>ปุ่มลัดของหน้าจอขาย</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="539"/>
        <source>Close (Enter)</source>
        <translation>ปิด (Enter)</translation>
    </message>
</context>
<context>
    <name>LabelsLoginDialog</name>
    <message>
        <location filename="../../ui/labels_window.py" line="501"/>
        <source>Shelf labels: log in</source>
        <translation>ป้ายราคา: เข้าสู่ระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="510"/>
        <source>Log in</source>
        <translation>เข้าสู่ระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="512"/>
        <source>User</source>
        <translation>ผู้ใช้</translation>
    </message>
</context>
<context>
    <name>LabelsWindow</name>
    <message>
        <location filename="../../ui/labels_window.py" line="84"/>
        <source>Shelf labels</source>
        <translation>ฉลากราคาสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="98"/>
        <source>What to label</source>
        <translation>เลือกสินค้าที่จะพิมพ์ฉลาก</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="101"/>
        <source>SKU, barcode or name</source>
        <translation>รหัสสินค้า บาร์โค้ด หรือชื่อ</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="107"/>
        <source>All</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="111"/>
        <source>New products (never labelled)</source>
        <translation>สินค้าใหม่ (ยังไม่เคยพิมพ์ฉลาก)</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="113"/>
        <source>Price changed since the last label</source>
        <translation>ราคาเปลี่ยนหลังพิมพ์ฉลากครั้งล่าสุด</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="117"/>
        <source>Find</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="119"/>
        <source>Search</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="120"/>
        <source>Category</source>
        <translation>หมวดสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="121"/>
        <source>Producer</source>
        <translation>ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="122"/>
        <source>District</source>
        <translation>อำเภอ</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="123"/>
        <source>SKUs</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="126"/>
        <source>Copies of each</source>
        <translation>จำนวนดวงต่อสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="133"/>
        <source>Print</source>
        <translation>พิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="133"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="133"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="134"/>
        <source>Last label</source>
        <translation>ราคาบนฉลากล่าสุด</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="134"/>
        <source>Copies</source>
        <translation>จำนวนดวง</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="161"/>
        <source>Sheet</source>
        <translation>แผ่นฉลาก</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="166"/>
        <source>Custom…</source>
        <translation>กำหนดเอง…</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="183"/>
        <source>Template</source>
        <translation>แบบฉลาก</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="184"/>
        <source>Rows</source>
        <translation>จำนวนแถว</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="185"/>
        <source>Columns</source>
        <translation>จำนวนคอลัมน์</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="186"/>
        <source>Margins mm (top,right,bottom,left)</source>
        <translation>ขอบกระดาษ มม. (บน,ขวา,ล่าง,ซ้าย)</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="187"/>
        <source>Gaps mm (across,down)</source>
        <translation>ระยะห่าง มม. (แนวนอน,แนวตั้ง)</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="188"/>
        <source>Start at position</source>
        <translation>เริ่มที่ดวงที่</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="208"/>
        <source>Print…</source>
        <translation>พิมพ์…</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="209"/>
        <source>Save PDF…</source>
        <translation>บันทึก PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="296"/>
        <source>%1 product(s) found</source>
        <translation>พบสินค้า %1 รายการ</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="392"/>
        <source>Page %1 of %2 · %3 label(s)</source>
        <translation>หน้า %1 จาก %2 · %3 ดวง</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="413"/>
        <source>Save labels as PDF</source>
        <translation>บันทึกฉลากเป็น PDF</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="429"/>
        <source>Saved %1 label(s) on %2 page(s) to %3</source>
        <translation>บันทึกฉลาก %1 ดวง %2 หน้า ไปที่ %3</translation>
    </message>
    <message>
        <location filename="../../ui/labels_window.py" line="463"/>
        <source>Sent %1 page(s) to the printer</source>
        <translation>ส่ง %1 หน้าไปยังเครื่องพิมพ์แล้ว</translation>
    </message>
</context>
<context>
    <name>LastLinePanel</name>
    <message>
        <location filename="../../ui/till/panels.py" line="290"/>
        <source>Ready for the next customer</source>
        <translation>พร้อมรับลูกค้าคนถัดไป</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="301"/>
        <source>discount −{amount}</source>
        <translation>ส่วนลด −{amount}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="304"/>
        <source>VAT exempt</source>
        <translation>ยกเว้นภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="305"/>
        <location filename="../../ui/till/panels.py" line="332"/>
        <source>Line {n}</source>
        <translation>รายการที่ {n}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="319"/>
        <source>In stock {n}</source>
        <translation>คงเหลือ {n}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="321"/>
        <source>reserved {n}</source>
        <translation>จองไว้ {n}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="330"/>
        <source>Gift basket of {items} item(s): {count} × {price}</source>
        <translation>กระเช้าของขวัญ {items} รายการ: {count} × {price}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="338"/>
        <source>Sale {number} saved</source>
        <translation>บันทึกบิล {number} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="339"/>
        <source>Total {amount}</source>
        <translation>ยอดสุทธิ {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="341"/>
        <source>Change {amount}</source>
        <translation>เงินทอน {amount}</translation>
    </message>
</context>
<context>
    <name>LineKeys</name>
    <message>
        <location filename="../../ui/till/line_keys.py" line="52"/>
        <source>Select a line first (↑ / ↓)</source>
        <translation>กรุณาเลือกรายการก่อน (↑ / ↓)</translation>
    </message>
    <message>
        <location filename="../../ui/till/line_keys.py" line="80"/>
        <source>Removed: {product}</source>
        <translation>ลบแล้ว: {product}</translation>
    </message>
    <message>
        <location filename="../../ui/till/line_keys.py" line="101"/>
        <source>Weighed items: scan a new scale label or use F3</source>
        <translation>สินค้าชั่งน้ำหนัก: สแกนฉลากจากตาชั่งใหม่ หรือกด F3</translation>
    </message>
    <message>
        <location filename="../../ui/till/line_keys.py" line="105"/>
        <source>To take the line off, press Delete (F8)</source>
        <translation>ถ้าจะลบรายการนี้ กด Delete (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/till/line_keys.py" line="127"/>
        <source>Quantity {qty}: now scan the product</source>
        <translation>จำนวน {qty}: สแกนสินค้าได้เลย</translation>
    </message>
    <message>
        <location filename="../../ui/till/line_keys.py" line="130"/>
        <source>Quantity must be a whole number from 1 to {max}</source>
        <translation>จำนวนต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง {max}</translation>
    </message>
    <message>
        <location filename="../../ui/till/line_keys.py" line="159"/>
        <source>Scan the products first</source>
        <translation>กรุณาสแกนสินค้าก่อน</translation>
    </message>
</context>
<context>
    <name>LoginFlow</name>
    <message>
        <location filename="../../ui/till/login_flow.py" line="147"/>
        <source>Hello {name}</source>
        <translation>สวัสดี {name}</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="158"/>
        <source>{name}&apos;s sale was parked: they can recall it with F6</source>
        <translation>บิลของ {name} ถูกพักไว้ เรียกคืนได้ด้วย F6</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="188"/>
        <source>The till is still saving: close it again in a moment</source>
        <translation>เครื่องขายยังบันทึกอยู่ กรุณาปิดอีกครั้งในอีกสักครู่</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="196"/>
        <source>Payments were taken for this sale: finish it (F12) before closing the till</source>
        <translation>รับชำระเงินของบิลนี้ไปแล้ว กรุณาจบการขาย (F12) ก่อนปิดเครื่องขาย</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="202"/>
        <source>The sale is still being parked: close the till again in a moment</source>
        <translation>กำลังพักบิลอยู่ กรุณาปิดเครื่องขายอีกครั้งในอีกสักครู่</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="211"/>
        <source>The sale could not be parked ({reason}). The till stays open so that the sale is not lost: finish it (F12), or fix the database and close again (closing again offers to discard the sale, with a manager&apos;s approval).</source>
        <translation>พักบิลไม่ได้ ({reason}) เครื่องขายจะยังเปิดอยู่เพื่อไม่ให้บิลนี้หาย กรุณาขายให้เสร็จ (F12) หรือแก้ไขฐานข้อมูลแล้วปิดอีกครั้ง (การปิดอีกครั้งจะถามว่าจะทิ้งบิลนี้หรือไม่ โดยต้องให้ผู้จัดการอนุมัติ)</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="237"/>
        <source>The sale could not be parked ({reason}): log in to finish or discard it</source>
        <translation>พักบิลไม่ได้ ({reason}) กรุณาเข้าสู่ระบบเพื่อขายให้เสร็จหรือทิ้งบิลนี้</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="240"/>
        <source>The sale ({total}) could not be parked: {reason}.
Discard it and close the till?</source>
        <translation>พักบิลนี้ ({total}) ไม่ได้: {reason}
จะทิ้งบิลนี้และปิดเครื่องขายหรือไม่?</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="243"/>
        <source>Close the till</source>
        <translation>ปิดเครื่องขาย</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="244"/>
        <source>Yes, discard the sale and close (Enter)</source>
        <translation>ใช่ ทิ้งบิลและปิดเครื่องขาย (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="253"/>
        <source>closing the till</source>
        <translation>ปิดเครื่องขาย</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="278"/>
        <source>One moment: the sale is being saved…</source>
        <translation>สักครู่: กำลังบันทึกการขาย…</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="282"/>
        <source>Payments were taken for this sale: finish it (F12) before logging out</source>
        <translation>รับชำระเงินของบิลนี้ไปแล้ว กรุณาจบการขาย (F12) ก่อนออกจากระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/till/login_flow.py" line="288"/>
        <source>{name} logged out</source>
        <translation>{name} ออกจากระบบแล้ว</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../ui/login_page.py" line="151"/>
        <source>Type your user name first</source>
        <translation>กรุณาพิมพ์ชื่อผู้ใช้ก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/login_page.py" line="155"/>
        <source>Type your PIN</source>
        <translation>กรุณาพิมพ์ PIN</translation>
    </message>
    <message>
        <location filename="../../ui/login_page.py" line="169"/>
        <source>Log in to the till</source>
        <translation>เข้าสู่ระบบเครื่องขาย</translation>
    </message>
    <message>
        <location filename="../../ui/login_page.py" line="171"/>
        <source>Type your user name and PIN (the digits or the pad), then Enter</source>
        <translation>พิมพ์ชื่อผู้ใช้และ PIN (แป้นตัวเลขหรือปุ่มบนจอ) แล้วกด Enter</translation>
    </message>
    <message>
        <location filename="../../ui/login_page.py" line="173"/>
        <source>User name</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
    <message>
        <location filename="../../ui/login_page.py" line="174"/>
        <source>PIN</source>
        <translation>รหัส PIN</translation>
    </message>
    <message>
        <location filename="../../ui/login_page.py" line="175"/>
        <source>e.g. cashier</source>
        <translation>เช่น cashier</translation>
    </message>
    <message>
        <location filename="../../ui/login_page.py" line="176"/>
        <source>Clear</source>
        <translation>ล้าง</translation>
    </message>
    <message>
        <location filename="../../ui/login_page.py" line="177"/>
        <source>Enter</source>
        <translation>ตกลง (Enter)</translation>
    </message>
</context>
<context>
    <name>NewPinDialog</name>
    <message>
        <location filename="../../ui/backoffice/new_pin_dialog.py" line="37"/>
        <source>Set a new PIN</source>
        <translation>ตั้ง PIN ใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/new_pin_dialog.py" line="39"/>
        <source>Your PIN was not changed: log in with the temporary PIN again</source>
        <translation>ยังไม่ได้เปลี่ยน PIN: กรุณาเข้าสู่ระบบด้วย PIN ชั่วคราวอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/new_pin_dialog.py" line="51"/>
        <source>Set PIN (Enter)</source>
        <translation>ตั้ง PIN (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/new_pin_dialog.py" line="55"/>
        <source>New PIN (4-8 digits)</source>
        <translation>PIN ใหม่ (ตัวเลข 4-8 หลัก)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/new_pin_dialog.py" line="56"/>
        <source>New PIN again</source>
        <translation>PIN ใหม่อีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/new_pin_dialog.py" line="93"/>
        <source>{name}: your new PIN is set: log in with it</source>
        <translation>{name}: ตั้ง PIN ใหม่แล้ว กรุณาเข้าสู่ระบบด้วย PIN ใหม่</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="135"/>
        <source>New user</source>
        <translation>ผู้ใช้ใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="142"/>
        <source>User name (to log in)</source>
        <translation>ชื่อผู้ใช้ (สำหรับเข้าสู่ระบบ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="143"/>
        <source>Name shown</source>
        <translation>ชื่อที่แสดง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="144"/>
        <source>Role</source>
        <translation>บทบาท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="145"/>
        <source>PIN (4-8 digits)</source>
        <translation>PIN (ตัวเลข 4-8 หลัก)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="146"/>
        <source>PIN again</source>
        <translation>PIN อีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="148"/>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="167"/>
        <source>Added {name}: they log in with the PIN given</source>
        <translation>เพิ่ม {name} แล้ว: เข้าสู่ระบบด้วย PIN ที่กำหนด</translation>
    </message>
</context>
<context>
    <name>OnHandTab</name>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="79"/>
        <source>Low stock only</source>
        <translation>เฉพาะสินค้าใกล้หมด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="80"/>
        <source>Refresh</source>
        <translation>รีเฟรช</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="82"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="82"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="82"/>
        <source>Producer</source>
        <translation>ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="82"/>
        <source>On hand</source>
        <translation>คงเหลือ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="83"/>
        <source>Low at</source>
        <translation>จุดสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="83"/>
        <source>Best before</source>
        <translation>ควรบริโภคก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="85"/>
        <source>Gift baskets</source>
        <translation>ตะกร้าของขวัญ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="87"/>
        <source>Code</source>
        <translation>รหัส</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="87"/>
        <source>Basket</source>
        <translation>ตะกร้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="87"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="87"/>
        <source>Can be made</source>
        <translation>จัดได้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_on_hand.py" line="88"/>
        <source>Ready-made</source>
        <translation>จัดไว้แล้ว</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="108"/>
        <source>Type the float in baht, e.g. 2000</source>
        <translation>พิมพ์เงินทอนตั้งต้นเป็นบาท เช่น 2000</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="120"/>
        <source>Open shift</source>
        <translation>เปิดกะ</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="122"/>
        <source>Open a shift for {name}</source>
        <translation>เปิดกะให้ {name}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="126"/>
        <source>No shift is open at this counter. Count the float (change money) in the drawer and type it:</source>
        <translation>เครื่องนี้ยังไม่ได้เปิดกะ นับเงินทอนตั้งต้นในลิ้นชักแล้วพิมพ์ยอด:</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="130"/>
        <source>Open shift (Enter)</source>
        <translation>เปิดกะ (Enter)</translation>
    </message>
</context>
<context>
    <name>OrderCard</name>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="119"/>
        <source>Ready (Enter)</source>
        <translation>พร้อมแล้ว (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="121"/>
        <source>Collected (Enter)</source>
        <translation>รับไปแล้ว (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="122"/>
        <source>Reprint ticket</source>
        <translation>พิมพ์ใบสั่งซ้ำ</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="28"/>
        <source>attached</source>
        <translation>แนบแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="77"/>
        <source>{n} order(s)</source>
        <translation>{n} คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="97"/>
        <source>All ({n})</source>
        <translation>ทั้งหมด ({n})</translation>
    </message>
    <message>
        <source>Choose an order in the list</source>
        <translation type="vanished">เลือกคำสั่งซื้อจากรายการ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="74"/>
        <location filename="../../ui/backoffice/order_detail.py" line="210"/>
        <source>No slip</source>
        <translation>ไม่มีสลิป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="119"/>
        <source>Pick-up at the centre</source>
        <translation>รับสินค้าเองที่ศูนย์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="126"/>
        <source>Shipped with {carrier}: {no} {url}</source>
        <translation>จัดส่งทาง {carrier}: {no} {url}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="135"/>
        <source>Receipt {no}</source>
        <translation>ใบเสร็จ {no}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="140"/>
        <source>Note: {note}</source>
        <translation>หมายเหตุ: {note}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="145"/>
        <source>Cancelled: {reason}</source>
        <translation>ยกเลิกแล้ว: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="150"/>
        <source>Paid late, after the reservation ran out: refund due {amount}</source>
        <translation>ชำระล่าช้าหลังหมดเวลาจองสินค้า: ต้องคืนเงิน {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="154"/>
        <source>The payment time ran out: a PromptPay payment that arrives now can still be confirmed while the stock lasts.</source>
        <translation>หมดเวลาชำระเงินแล้ว: ยอดพร้อมเพย์ที่เข้ามาตอนนี้ยังยืนยันได้หากสินค้ายังมีพอ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="160"/>
        <source>Paid late, after the reservation ran out</source>
        <translation>ชำระล่าช้าหลังหมดเวลาจองสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="241"/>
        <source>the customer</source>
        <translation>ลูกค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="243"/>
        <source>the system</source>
        <translation>ระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="95"/>
        <source>Subtotal {subtotal} · shipping {fee} · total {total} (VAT {vat})</source>
        <translation>ค่าสินค้า {subtotal} · ค่าส่ง {fee} · รวม {total} (VAT {vat})</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="67"/>
        <source>Open an order of the list: double-click it, or Enter</source>
        <translation>เปิดคำสั่งซื้อจากรายการ: ดับเบิลคลิก หรือกด Enter</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="214"/>
        <source>The slip cannot be shown</source>
        <translation>แสดงรูปสลิปไม่ได้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="71"/>
        <source>Late payment of {no} confirmed (after the reservation ran out; the stock was still there): receipt {receipt}</source>
        <translation>ยืนยันการชำระล่าช้าของ {no} แล้ว (หลังหมดเวลาจอง แต่สินค้ายังมีพอ): ใบเสร็จ {receipt}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="77"/>
        <source>Payment of {no} confirmed: receipt {receipt}</source>
        <translation>ยืนยันการชำระเงินของ {no} แล้ว: ใบเสร็จ {receipt}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="100"/>
        <source>{no}: paid late, refund due {amount}.</source>
        <translation>{no}: ชำระล่าช้า ต้องคืนเงิน {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="125"/>
        <source>Save the tax invoice</source>
        <translation>บันทึกใบกำกับภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="133"/>
        <source>Tax invoice {number} saved: {path}</source>
        <translation>บันทึกใบกำกับภาษี {number} แล้ว: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="157"/>
        <source>Tax invoice {number}</source>
        <translation>ใบกำกับภาษี {number}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="66"/>
        <source>{no}: picking. Scan each item to pack it.</source>
        <translation>{no}: กำลังจัดสินค้า สแกนสินค้าทีละชิ้นเพื่อแพ็ก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="78"/>
        <source>No order to pick.</source>
        <translation>ไม่มีคำสั่งซื้อที่ต้องจัดสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="86"/>
        <source>Save the pick list</source>
        <translation>บันทึกใบจัดสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="95"/>
        <source>Pick list of {n} order(s) saved ({pages} page(s)): {path}</source>
        <translation>บันทึกใบจัดสินค้า {n} คำสั่งซื้อแล้ว ({pages} หน้า): {path}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="122"/>
        <source>{sku} ticked: {n} unit(s) still to scan</source>
        <translation>{sku} ตรวจแล้ว: เหลือสแกนอีก {n} ชิ้น</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="141"/>
        <source>Every item of {no} checked: packed.</source>
        <translation>ตรวจสินค้าของ {no} ครบทุกชิ้นแล้ว: แพ็กเรียบร้อย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="110"/>
        <source>{no} shipped with {carrier}: {tracking}</source>
        <translation>{no} จัดส่งทาง {carrier} แล้ว: {tracking}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="136"/>
        <source>Save the shipping label</source>
        <translation>บันทึกใบปะหน้าพัสดุ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="147"/>
        <source>Shipping label saved: {path}</source>
        <translation>บันทึกใบปะหน้าพัสดุแล้ว: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="167"/>
        <source>Printing failed: {why}</source>
        <translation>พิมพ์ไม่สำเร็จ: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="171"/>
        <source>Shipping label sent to the printer</source>
        <translation>ส่งใบปะหน้าพัสดุไปที่เครื่องพิมพ์แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="71"/>
        <source>{no} delivered.</source>
        <translation>{no} ส่งถึงลูกค้าแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="81"/>
        <source>Give the reason for cancelling.</source>
        <translation>กรุณาระบุเหตุผลที่ยกเลิก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="87"/>
        <source>{no} cancelled.</source>
        <translation>ยกเลิก {no} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="108"/>
        <source>Order</source>
        <translation>คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="109"/>
        <source>Placed</source>
        <translation>สั่งเมื่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="110"/>
        <source>Customer</source>
        <translation>ลูกค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="111"/>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="112"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="113"/>
        <source>Payment</source>
        <translation>การชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="114"/>
        <source>Total</source>
        <translation>รวม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="115"/>
        <source>Slip</source>
        <translation>สลิป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_list.py" line="119"/>
        <source>Search: order no., name, phone (Ctrl+F)</source>
        <translation>ค้นหา: เลขที่คำสั่งซื้อ ชื่อ เบอร์โทร (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="227"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="228"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="229"/>
        <source>Qty</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="230"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="231"/>
        <source>Amount</source>
        <translation>จำนวนเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_detail.py" line="232"/>
        <source>Packed</source>
        <translation>แพ็กแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_page.py" line="401"/>
        <source>Orders</source>
        <translation>คำสั่งซื้อออนไลน์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/orders_page.py" line="407"/>
        <source>Steps</source>
        <translation>ขั้นตอน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="163"/>
        <source>Confirm payment</source>
        <translation>ยืนยันการชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="165"/>
        <source>Paid late: refund due</source>
        <translation>ชำระล่าช้า: ต้องคืนเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pay.py" line="167"/>
        <source>Tax invoice…</source>
        <translation>ใบกำกับภาษี…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="148"/>
        <source>Start picking</source>
        <translation>เริ่มจัดสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="149"/>
        <source>Pick list PDF…</source>
        <translation>ใบจัดสินค้า PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="150"/>
        <source>Mark packed</source>
        <translation>ยืนยันแพ็กเสร็จ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="175"/>
        <source>Ship</source>
        <translation>จัดส่ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="176"/>
        <source>Label PDF…</source>
        <translation>ใบปะหน้า PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="177"/>
        <source>Print label…</source>
        <translation>พิมพ์ใบปะหน้า…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="91"/>
        <source>Mark delivered</source>
        <translation>ส่งถึงแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="92"/>
        <source>Cancel order</source>
        <translation>ยกเลิกคำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="152"/>
        <source>Scan each item</source>
        <translation>สแกนสินค้าทีละชิ้น</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="179"/>
        <source>Type or scan, e.g. EX123456785TH</source>
        <translation>พิมพ์หรือสแกน เช่น EX123456785TH</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="94"/>
        <source>Why the order is cancelled</source>
        <translation>เหตุผลที่ยกเลิกคำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_pack.py" line="154"/>
        <source>Pack: scan</source>
        <translation>แพ็ก: สแกน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="181"/>
        <source>Carrier</source>
        <translation>บริษัทขนส่ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_ship.py" line="182"/>
        <source>Tracking no.</source>
        <translation>เลขพัสดุ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="96"/>
        <source>Paid by</source>
        <translation>ชำระด้วย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="97"/>
        <source>Reason</source>
        <translation>เหตุผล</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="99"/>
        <source>Cash</source>
        <translation>เงินสด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="100"/>
        <source>PromptPay</source>
        <translation>พร้อมเพย์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/order_hand_over.py" line="101"/>
        <source>Card</source>
        <translation>บัตร</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/payment_dialog.py" line="323"/>
        <source>No PromptPay QR code is shown</source>
        <translation>ยังไม่มี QR พร้อมเพย์แสดงอยู่</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="342"/>
        <source>Type the approval code from the card terminal</source>
        <translation>กรอกรหัสอนุมัติจากเครื่องรูดบัตร</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="395"/>
        <source>{amount} is still due</source>
        <translation>ยังค้างชำระ {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="406"/>
        <source>Saving the sale…</source>
        <translation>กำลังบันทึกการขาย…</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="430"/>
        <source>PromptPay is not set up for this shop</source>
        <translation>ร้านนี้ยังไม่ได้ตั้งค่าพร้อมเพย์</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="433"/>
        <source>Type an amount up to {amount}</source>
        <translation>กรอกจำนวนเงินไม่เกิน {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="439"/>
        <source>The shop&apos;s PromptPay ID is not valid</source>
        <translation>หมายเลขพร้อมเพย์ของร้านไม่ถูกต้อง</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="443"/>
        <source>Customer scans with a banking app; press Payment received only after the bank&apos;s notification.</source>
        <translation>ให้ลูกค้าสแกนด้วยแอปธนาคาร แล้วกด “ได้รับเงินแล้ว” เมื่อได้รับแจ้งเตือนจากธนาคารเท่านั้น</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="455"/>
        <source>Change {amount}</source>
        <translation>เงินทอน {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="477"/>
        <source>Exact
{amount}</source>
        <translation>จ่ายพอดี
{amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="485"/>
        <source>Cash {amount}</source>
        <translation>เงินสด {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="487"/>
        <source>change {amount}</source>
        <translation>ทอน {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="491"/>
        <source>PromptPay {amount}</source>
        <translation>พร้อมเพย์ {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="493"/>
        <source>Card {amount} · approval {code}</source>
        <translation>บัตร {amount} · รหัสอนุมัติ {code}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="528"/>
        <source>Payment</source>
        <translation>ชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="529"/>
        <source>Payment (F12)</source>
        <translation>ชำระเงิน (F12)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="530"/>
        <source>Amount due</source>
        <translation>ยอดที่ต้องชำระ</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="531"/>
        <source>Still to pay</source>
        <translation>ยอดค้างชำระ</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="532"/>
        <source>Change</source>
        <translation>เงินทอน</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="533"/>
        <source>Remove payment (F8)</source>
        <translation>ลบการชำระ (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="534"/>
        <source>F1
Cash</source>
        <translation>F1
เงินสด</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="534"/>
        <source>F2
PromptPay</source>
        <translation>F2
พร้อมเพย์</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="534"/>
        <source>F3
Card</source>
        <translation>F3
บัตร</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="537"/>
        <source>Cash received (Enter = exact amount)</source>
        <translation>เงินสดที่รับมา (Enter = จ่ายพอดี)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="538"/>
        <source>amount</source>
        <translation>จำนวนเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="539"/>
        <source>Take cash (Enter)</source>
        <translation>รับเงินสด (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="540"/>
        <source>Amount for this QR code</source>
        <translation>ยอดเงินของ QR นี้</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="541"/>
        <source>Bank reference (optional)</source>
        <translation>เลขอ้างอิงธนาคาร (ไม่บังคับ)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="542"/>
        <source>Payment received (Enter)</source>
        <translation>ได้รับเงินแล้ว (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="543"/>
        <source>Card amount</source>
        <translation>ยอดชำระด้วยบัตร</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="544"/>
        <source>Approval code (required)</source>
        <translation>รหัสอนุมัติ (ต้องระบุ)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="545"/>
        <source>Card approved (Enter)</source>
        <translation>บัตรอนุมัติแล้ว (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="546"/>
        <source>Back to sale (Esc)</source>
        <translation>กลับไปหน้าขาย (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="547"/>
        <source>Complete sale (Enter)</source>
        <translation>ปิดบิล (Enter)</translation>
    </message>
</context>
<context>
    <name>PaymentFlow</name>
    <message>
        <location filename="../../ui/till/payment_flow.py" line="47"/>
        <source>The cart is empty: scan the products first</source>
        <translation>ยังไม่มีรายการ: กรุณาสแกนสินค้าก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/till/payment_flow.py" line="51"/>
        <source>No shift is open at this counter: open one first</source>
        <translation>ยังไม่ได้เปิดกะที่เครื่องนี้ กรุณาเปิดกะก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/till/payment_flow.py" line="62"/>
        <source>The total changed: take the payments again</source>
        <translation>ยอดรวมเปลี่ยนไป: กรุณารับชำระเงินใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/till/payment_flow.py" line="81"/>
        <source>Payments taken so far are kept: F12 to continue</source>
        <translation>เก็บยอดที่รับชำระแล้วไว้ให้: กด F12 เพื่อชำระต่อ</translation>
    </message>
    <message>
        <location filename="../../ui/till/payment_flow.py" line="116"/>
        <source>Receipt {number} is saved; its preview could not be drawn.</source>
        <translation>บันทึกใบเสร็จ {number} แล้ว แต่แสดงตัวอย่างใบเสร็จไม่ได้</translation>
    </message>
    <message>
        <location filename="../../ui/till/payment_flow.py" line="135"/>
        <source>Sale {number} saved</source>
        <translation>บันทึกบิล {number} แล้ว</translation>
    </message>
</context>
<context>
    <name>PriceDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="257"/>
        <source>Type a price more than zero</source>
        <translation>กรุณาพิมพ์ราคาที่มากกว่าศูนย์</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="261"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="262"/>
        <source>New unit price of {product}</source>
        <translation>ราคาต่อหน่วยใหม่ของ {product}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="264"/>
        <source>Catalogue price {price}. A manager approves the new price at payment.</source>
        <translation>ราคาในระบบ {price} ผู้จัดการต้องอนุมัติราคาใหม่ตอนชำระเงิน</translation>
    </message>
</context>
<context>
    <name>PrinterProfileDialog</name>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="235"/>
        <source>Printer profile</source>
        <translation>โปรไฟล์เครื่องพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="237"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="237"/>
        <source>Connection</source>
        <translation>การเชื่อมต่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="238"/>
        <source>Address (host:port, VID:PID, port, queue or file)</source>
        <translation>ที่อยู่ (host:port, VID:PID, พอร์ต, คิว หรือไฟล์)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="238"/>
        <source>Paper</source>
        <translation>กระดาษ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="239"/>
        <source>Mode</source>
        <translation>โหมด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="239"/>
        <source>Thai code page (text mode)</source>
        <translation>โค้ดเพจภาษาไทย (โหมดข้อความ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="239"/>
        <source>Cash drawer pin</source>
        <translation>ขาลิ้นชักเก็บเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="240"/>
        <source>Ask the printer&apos;s status</source>
        <translation>ถามสถานะเครื่องพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="247"/>
        <source>OK</source>
        <translation>ตกลง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="249"/>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
</context>
<context>
    <name>PrinterSettings</name>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="128"/>
        <source>{name} is a preview: nothing to print on.</source>
        <translation>{name} เป็นเพียงการแสดงตัวอย่าง: ไม่มีเครื่องให้พิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="132"/>
        <source>Printing the test page on {name}…</source>
        <translation>กำลังพิมพ์หน้าทดสอบที่ {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="147"/>
        <source>The test page was sent to {name}.</source>
        <translation>ส่งหน้าทดสอบไปที่ {name} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_printers.py" line="154"/>
        <source>The test page did not print: {reason}</source>
        <translation>พิมพ์หน้าทดสอบไม่ได้: {reason}</translation>
    </message>
</context>
<context>
    <name>PrinterSetupDialog</name>
    <message>
        <location filename="../../ui/printer_dialog.py" line="168"/>
        <source>Printing the test page on {name}…</source>
        <translation>กำลังพิมพ์หน้าทดสอบที่ {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="178"/>
        <source>The test page was sent to {name}.</source>
        <translation>ส่งหน้าทดสอบไปที่ {name} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="187"/>
        <source>The test page did not print: {reason}</source>
        <translation>พิมพ์หน้าทดสอบไม่สำเร็จ: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="192"/>
        <source>Printer setup</source>
        <translation>ตั้งค่าเครื่องพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="195"/>
        <source>Printer</source>
        <translation>เครื่องพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="195"/>
        <source>Mode</source>
        <translation>โหมด</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="195"/>
        <source>Code page (ESC t, text mode)</source>
        <translation>โค้ดเพจ (โหมดข้อความ)</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="196"/>
        <source>Paper</source>
        <translation>กระดาษ</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="200"/>
        <source>none</source>
        <translation>ไม่มี</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="201"/>
        <source>Raster (the till draws the Thai)</source>
        <translation>ภาพ (เครื่องขายวาดตัวอักษรไทยเอง)</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="202"/>
        <source>Text (the printer&apos;s own Thai font)</source>
        <translation>ข้อความ (ใช้ฟอนต์ไทยของเครื่องพิมพ์)</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="205"/>
        <source>{mm} mm</source>
        <translation>{mm} มม.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="206"/>
        <source>Print test page</source>
        <translation>พิมพ์หน้าทดสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="209"/>
        <source>Preview only: this profile has no printer to print on.</source>
        <translation>แสดงตัวอย่างเท่านั้น: โปรไฟล์นี้ไม่มีเครื่องพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="211"/>
        <source>network</source>
        <translation>เครือข่าย</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="211"/>
        <source>USB</source>
        <translation>พอร์ต USB</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="212"/>
        <source>serial port</source>
        <translation>พอร์ตอนุกรม</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="212"/>
        <source>file</source>
        <translation>ไฟล์</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="213"/>
        <source>print queue</source>
        <translation>คิวงานพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="214"/>
        <source>Connection: {kind} {target}</source>
        <translation>การเชื่อมต่อ: {kind} {target}</translation>
    </message>
    <message>
        <location filename="../../ui/printer_dialog.py" line="221"/>
        <source>The preview shows the choice above; the test print uses the printer&apos;s saved settings.</source>
        <translation>ตัวอย่างแสดงตามที่เลือกด้านบน ส่วนการพิมพ์ทดสอบใช้ค่าที่บันทึกไว้ของเครื่องพิมพ์</translation>
    </message>
</context>
<context>
    <name>PrinterStatusBanner</name>
    <message>
        <location filename="../../ui/printer_status.py" line="171"/>
        <source>Retry</source>
        <translation>พิมพ์ใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="172"/>
        <source>Send to another printer</source>
        <translation>ส่งไปเครื่องพิมพ์อื่น</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="180"/>
        <source>Printing again…</source>
        <translation>กำลังพิมพ์ใหม่…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="182"/>
        <source>{count} print job(s) waiting.</source>
        <translation>มีงานพิมพ์รออยู่ {count} งาน</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="183"/>
        <source>Printer problem: {reason} {status}</source>
        <translation>เครื่องพิมพ์มีปัญหา: {reason} {status}</translation>
    </message>
</context>
<context>
    <name>ProducerDialog</name>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="109"/>
        <source>New producer</source>
        <translation>ผู้ผลิตรายใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="109"/>
        <source>Producer</source>
        <translation>ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="119"/>
        <source>Community group</source>
        <translation>กลุ่มวิสาหกิจชุมชน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="120"/>
        <source>Individual</source>
        <translation>บุคคลทั่วไป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="121"/>
        <source>SME</source>
        <translation>ผู้ประกอบการ SME</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="122"/>
        <source>The centre itself</source>
        <translation>ศูนย์ฯ เอง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="134"/>
        <source>(no payout account)</source>
        <translation>(ไม่มีบัญชีรับเงิน)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="145"/>
        <source>Code</source>
        <translation>รหัส</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="146"/>
        <source>Name (Thai)</source>
        <translation>ชื่อ (ภาษาไทย)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="147"/>
        <source>Name (English)</source>
        <translation>ชื่อ (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="148"/>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="151"/>
        <source>Province</source>
        <translation>จังหวัด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="152"/>
        <source>District</source>
        <translation>อำเภอ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="153"/>
        <source>District (English, outside Khon Kaen)</source>
        <translation>อำเภอ (ภาษาอังกฤษ นอกจังหวัดขอนแก่น)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="149"/>
        <source>Contact</source>
        <translation>ช่องทางติดต่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="150"/>
        <source>Tax ID</source>
        <translation>เลขประจำตัวผู้เสียภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="154"/>
        <source>Payout bank</source>
        <translation>ธนาคารรับเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="155"/>
        <source>Account number</source>
        <translation>เลขที่บัญชี</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="156"/>
        <source>Account name</source>
        <translation>ชื่อบัญชี</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="162"/>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="167"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="223"/>
        <source>Deactivate</source>
        <translation>ปิดใช้งาน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="223"/>
        <source>Activate</source>
        <translation>เปิดใช้งาน</translation>
    </message>
</context>
<context>
    <name>ProducersPage</name>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="296"/>
        <source>Search: name, code, district, contact, tax ID</source>
        <translation>ค้นหา: ชื่อ รหัส อำเภอ ช่องทางติดต่อ เลขประจำตัวผู้เสียภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="298"/>
        <source>All districts</source>
        <translation>ทุกอำเภอ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="301"/>
        <source>Other provinces</source>
        <translation>จังหวัดอื่น</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="303"/>
        <source>All kinds</source>
        <translation>ทุกประเภท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="307"/>
        <source>Community group</source>
        <translation>กลุ่มวิสาหกิจชุมชน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="308"/>
        <source>Individual</source>
        <translation>บุคคลทั่วไป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="309"/>
        <source>SME</source>
        <translation>ผู้ประกอบการ SME</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="310"/>
        <source>The centre itself</source>
        <translation>ศูนย์ฯ เอง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="316"/>
        <source>Active</source>
        <translation>ใช้งานอยู่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="317"/>
        <source>Inactive</source>
        <translation>ปิดใช้งานแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="318"/>
        <source>Active and inactive</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="319"/>
        <source>Code</source>
        <translation>รหัส</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="319"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="319"/>
        <location filename="../../ui/backoffice/producers_page.py" line="335"/>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="319"/>
        <location filename="../../ui/backoffice/producers_page.py" line="334"/>
        <source>District</source>
        <translation>อำเภอ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="320"/>
        <source>Province</source>
        <translation>จังหวัด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="320"/>
        <source>Contact</source>
        <translation>ช่องทางติดต่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="320"/>
        <location filename="../../ui/backoffice/producers_page.py" line="336"/>
        <source>State</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="328"/>
        <source>New producer (Ctrl+N)</source>
        <translation>เพิ่มผู้ผลิต (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="333"/>
        <source>Search</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="375"/>
        <source>active</source>
        <translation>ใช้งานอยู่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="375"/>
        <source>inactive</source>
        <translation>ปิดใช้งานแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/producers_page.py" line="397"/>
        <source>Saved {code}: {name}</source>
        <translation>บันทึก {code}: {name} แล้ว</translation>
    </message>
</context>
<context>
    <name>ProductForm</name>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="291"/>
        <source>On hand: {n}</source>
        <translation>คงเหลือ: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="292"/>
        <source>Reserved by web orders: {n}</source>
        <translation>จองโดยคำสั่งซื้อออนไลน์: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="293"/>
        <source>Available to the web: {n}</source>
        <translation>ขายออนไลน์ได้: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="297"/>
        <source>New product</source>
        <translation>สินค้าใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="299"/>
        <source>Product {sku}</source>
        <translation>สินค้า {sku}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="301"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="301"/>
        <source>Thai name</source>
        <translation>ชื่อภาษาไทย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="302"/>
        <source>English name</source>
        <translation>ชื่อภาษาอังกฤษ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="302"/>
        <source>Category</source>
        <translation>หมวดสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="303"/>
        <source>Producer</source>
        <translation>ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="303"/>
        <source>Price (baht)</source>
        <translation>ราคา (บาท)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="304"/>
        <source>Sold by</source>
        <translation>วิธีขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="304"/>
        <source>Unit (Thai)</source>
        <translation>หน่วย (ไทย)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="305"/>
        <source>Unit (English)</source>
        <translation>หน่วย (อังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="305"/>
        <source>VAT exempt</source>
        <translation>ยกเว้นภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="306"/>
        <source>Consignment commission %</source>
        <translation>ค่าคอมมิชชันฝากขาย %</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="307"/>
        <source>OTOP stars (1-5)</source>
        <translation>ดาว OTOP (1-5)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="307"/>
        <source>Year of the stars</source>
        <translation>ปีที่ได้ดาว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="308"/>
        <source>Kept back from the web shop</source>
        <translation>กันไว้ไม่ขายออนไลน์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="309"/>
        <source>Barcodes</source>
        <translation>บาร์โค้ด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="309"/>
        <source>Story (Thai)</source>
        <translation>เรื่องราว (ไทย)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="310"/>
        <source>Story (English)</source>
        <translation>เรื่องราว (อังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="310"/>
        <source>Story URL</source>
        <translation>ลิงก์เรื่องราว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="311"/>
        <source>Photo</source>
        <translation>รูปภาพ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="311"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="312"/>
        <source>Price history</source>
        <translation>ประวัติราคา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="316"/>
        <source>piece</source>
        <translation>ชิ้น</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="317"/>
        <source>weight</source>
        <translation>น้ำหนัก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="318"/>
        <source>Scan or type a barcode, then Enter</source>
        <translation>สแกนหรือพิมพ์บาร์โค้ด แล้วกด Enter</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="320"/>
        <source>shop: {n}</source>
        <translation>ของร้าน: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="321"/>
        <source>Pieces never offered on the web shop; empty: the shop&apos;s setting ({n})</source>
        <translation>จำนวนชิ้นที่ไม่เสนอขายในร้านออนไลน์ เว้นว่าง: ใช้ค่าตั้งของร้าน ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="324"/>
        <source>Add</source>
        <translation>เพิ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="325"/>
        <source>Remove</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="326"/>
        <source>New in-store code</source>
        <translation>ออกรหัสภายในร้านใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="327"/>
        <source>Choose…</source>
        <translation>เลือก…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="329"/>
        <source>Old price</source>
        <translation>ราคาเดิม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="329"/>
        <source>New price</source>
        <translation>ราคาใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="329"/>
        <source>When</source>
        <translation>เมื่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="329"/>
        <source>By</source>
        <translation>โดย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="330"/>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="331"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="333"/>
        <source>on sale</source>
        <translation>วางขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="333"/>
        <source>deactivated</source>
        <translation>ระงับการขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="334"/>
        <source>Deactivate</source>
        <translation>ระงับการขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="334"/>
        <source>Reactivate</source>
        <translation>กลับมาวางขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="367"/>
        <source>Choose the product&apos;s photo</source>
        <translation>เลือกรูปภาพสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="368"/>
        <source>Pictures (*.jpg *.jpeg *.png *.webp *.bmp)</source>
        <translation>รูปภาพ (*.jpg *.jpeg *.png *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="497"/>
        <source>Search</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="498"/>
        <source>SKU, Thai or English name, barcode</source>
        <translation>รหัสสินค้า ชื่อไทยหรืออังกฤษ บาร์โค้ด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="499"/>
        <source>Category</source>
        <translation>หมวดสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="500"/>
        <source>Producer</source>
        <translation>ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="501"/>
        <location filename="../../ui/backoffice/products_page.py" line="509"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="502"/>
        <location filename="../../ui/backoffice/products_page.py" line="503"/>
        <location filename="../../ui/backoffice/products_page.py" line="504"/>
        <source>All</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="504"/>
        <source>On sale</source>
        <translation>วางขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="504"/>
        <source>Deactivated</source>
        <translation>ระงับการขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="506"/>
        <source>New product (Ctrl+N)</source>
        <translation>สินค้าใหม่ (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="508"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="508"/>
        <source>Thai name</source>
        <translation>ชื่อภาษาไทย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="508"/>
        <source>English name</source>
        <translation>ชื่อภาษาอังกฤษ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="508"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="509"/>
        <source>Barcodes</source>
        <translation>บาร์โค้ด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="540"/>
        <source>on sale</source>
        <translation>วางขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="540"/>
        <source>deactivated</source>
        <translation>ระงับการขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="545"/>
        <source>{n} product(s)</source>
        <translation>สินค้า {n} รายการ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/products_page.py" line="601"/>
        <source>Saved {sku}</source>
        <translation>บันทึก {sku} แล้ว</translation>
    </message>
</context>
<context>
    <name>QuantityDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="218"/>
        <source>Type a quantity more than zero</source>
        <translation>กรอกจำนวนที่มากกว่าศูนย์</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="222"/>
        <source>Pieces are counted whole: type a whole number, e.g. 3</source>
        <translation>นับเป็นชิ้นเต็ม กรุณาพิมพ์จำนวนเต็ม เช่น 3</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="227"/>
        <source>Quantity</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="229"/>
        <source>Quantity of {product}</source>
        <translation>จำนวนของ {product}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="231"/>
        <source>Weights in kg with up to 3 decimals, e.g. 0.750</source>
        <translation>น้ำหนักเป็นกิโลกรัม ทศนิยมไม่เกิน 3 ตำแหน่ง เช่น 0.750</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="233"/>
        <source>Quantity (pieces): a whole number, e.g. 3</source>
        <translation>จำนวน (ชิ้น): จำนวนเต็ม เช่น 3</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="235"/>
        <source>Quantity for the next scan</source>
        <translation>จำนวนสำหรับสินค้าที่จะสแกนถัดไป</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="236"/>
        <source>Then scan the product (or type its code and Enter)</source>
        <translation>จากนั้นสแกนสินค้า (หรือพิมพ์รหัสแล้วกด Enter)</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="492"/>
        <source>{count} line(s)</source>
        <translation>{count} รายการ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="477"/>
        <source>Recall a parked sale</source>
        <translation>เรียกบิลที่พักไว้</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="479"/>
        <source>Parked sales (F6)</source>
        <translation>บิลที่พักไว้ (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="479"/>
        <source>No parked sales</source>
        <translation>ไม่มีบิลที่พักไว้</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="481"/>
        <source>Recall (Enter)</source>
        <translation>เรียกบิล (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="483"/>
        <source>Cashier</source>
        <translation>พนักงานขาย</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="483"/>
        <source>Parked at</source>
        <translation>เวลาที่พัก</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="483"/>
        <source>Lines</source>
        <translation>จำนวนรายการ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="483"/>
        <source>Total</source>
        <translation>ยอดรวม</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <source>Receipt preview</source>
        <translation type="vanished">ตัวอย่างใบเสร็จ</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="165"/>
        <source>X report (shift so far)</source>
        <translation>รายงาน X (ระหว่างกะ)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="167"/>
        <source>Z report {number}</source>
        <translation>รายงาน Z เลขที่ {number}</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="168"/>
        <source>Z report</source>
        <translation>รายงาน Z</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="170"/>
        <source>Refund slip {number}</source>
        <translation>ใบคืนสินค้า เลขที่ {number}</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="171"/>
        <source>Refund slip</source>
        <translation>ใบคืนสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="172"/>
        <source>Receipt {number}</source>
        <translation>ใบเสร็จเลขที่ {number}</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="172"/>
        <source>Receipt</source>
        <translation>ใบเสร็จ</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="178"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../ui/refund_dialog.py" line="223"/>
        <location filename="../../ui/refund_dialog.py" line="234"/>
        <source>Line {n}: {reason}</source>
        <translation>รายการที่ {n}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="153"/>
        <source>{left} of {sold} returnable</source>
        <translation>คืนได้ {left} จาก {sold}</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="144"/>
        <source>Receipt {number} · {total} · sold by {cashier}</source>
        <translation>ใบเสร็จ {number} · {total} · ขายโดย {cashier}</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="168"/>
        <source>{left} of {paid} refundable</source>
        <translation>คืนเงินได้ {left} จาก {paid}</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="253"/>
        <source>To refund: {amount}</source>
        <translation>ยอดคืนเงิน: {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="260"/>
        <source>A refund needs a reason</source>
        <translation>การคืนเงินต้องระบุเหตุผล</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="268"/>
        <source>Choose what is returned (a quantity on a line)</source>
        <translation>เลือกสินค้าที่คืน (ใส่จำนวนในรายการ)</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="314"/>
        <source>Refund</source>
        <translation>คืนเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="315"/>
        <source>Refund: scan the receipt&apos;s barcode or type its number</source>
        <translation>คืนเงิน: สแกนบาร์โค้ดใบเสร็จหรือพิมพ์เลขที่</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="316"/>
        <source>Receipt number</source>
        <translation>เลขที่ใบเสร็จ</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="317"/>
        <source>F1 Cash</source>
        <translation>F1 เงินสด</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="318"/>
        <source>F2 PromptPay</source>
        <translation>F2 พร้อมเพย์</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="319"/>
        <source>Reason (e.g. damaged, wrong size)</source>
        <translation>เหตุผล (เช่น ชำรุด ขนาดไม่ตรง)</translation>
    </message>
    <message>
        <location filename="../../ui/refund_dialog.py" line="320"/>
        <source>Refund (Enter)</source>
        <translation>คืนเงิน (Enter)</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../../ui/reprint_dialog.py" line="70"/>
        <source>Scan the receipt&apos;s barcode or type its number</source>
        <translation>สแกนบาร์โค้ดใบเสร็จหรือพิมพ์เลขที่</translation>
    </message>
    <message>
        <location filename="../../ui/reprint_dialog.py" line="84"/>
        <source>Reprint a receipt</source>
        <translation>พิมพ์ใบเสร็จซ้ำ</translation>
    </message>
    <message>
        <location filename="../../ui/reprint_dialog.py" line="85"/>
        <source>A copy of a receipt (marked สำเนา / COPY)</source>
        <translation>สำเนาใบเสร็จ (มีคำว่า สำเนา พิมพ์กำกับ)</translation>
    </message>
    <message>
        <location filename="../../ui/reprint_dialog.py" line="86"/>
        <source>Receipt number (the last sale&apos;s, or scan another)</source>
        <translation>เลขที่ใบเสร็จ (บิลล่าสุด หรือสแกนใบอื่น)</translation>
    </message>
    <message>
        <location filename="../../ui/reprint_dialog.py" line="87"/>
        <source>Print the copy (Enter)</source>
        <translation>พิมพ์สำเนา (Enter)</translation>
    </message>
</context>
<context>
    <name>ReviewForm</name>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="187"/>
        <source>Committee review</source>
        <translation>ผลการพิจารณาของคณะกรรมการ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="193"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="206"/>
        <source>none recorded</source>
        <translation>ยังไม่มีบันทึก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="208"/>
        <source>Certificates</source>
        <translation>ใบรับรอง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="209"/>
        <source>Date (YYYY-MM-DD)</source>
        <translation>วันที่ประชุม (ปปปป-ดด-วว ค.ศ.)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="214"/>
        <source>One name a line</source>
        <translation>บรรทัดละหนึ่งชื่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="216"/>
        <source>Members present (quorum: %1)</source>
        <translation>กรรมการที่เข้าร่วม (องค์ประชุม: %1)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="227"/>
        <source>Total</source>
        <translation>คะแนนรวม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="231"/>
        <source>Decision</source>
        <translation>ผลการพิจารณา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="235"/>
        <source>Remarks</source>
        <translation>หมายเหตุ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="244"/>
        <source>passes</source>
        <translation>ผ่าน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="244"/>
        <source>below the pass mark</source>
        <translation>ต่ำกว่าเกณฑ์ผ่าน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="246"/>
        <source>%1 of %2 (pass mark %3): %4</source>
        <translation>%1 จาก %2 (เกณฑ์ผ่าน %3): %4</translation>
    </message>
</context>
<context>
    <name>RoomCalendar</name>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="105"/>
        <source>◀ (PgUp)</source>
        <translation>◀ ก่อนหน้า (PgUp)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="107"/>
        <source>(PgDown) ▶</source>
        <translation>ถัดไป (PgDown) ▶</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="109"/>
        <source>Today (Ctrl+T)</source>
        <translation>วันนี้ (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="113"/>
        <source>F2: scan the slip&apos;s QR to check in, or type a name, phone or BK number</source>
        <translation>F2: สแกน QR บนใบยืนยันเพื่อเช็กอิน หรือพิมพ์ชื่อ เบอร์โทร หรือหมายเลข BK</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="124"/>
        <source>New booking</source>
        <translation>จองใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="125"/>
        <source>Move</source>
        <translation>ย้ายเวลา</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="126"/>
        <source>Extend</source>
        <translation>ขยายเวลา</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="127"/>
        <source>Check in</source>
        <translation>เช็กอิน</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="128"/>
        <source>Mark no-shows</source>
        <translation>บันทึกผู้ไม่มาตามนัด</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="129"/>
        <source>Cancel booking</source>
        <translation>ยกเลิกการจอง</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="130"/>
        <source>Print slip</source>
        <translation>พิมพ์ใบยืนยัน</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="131"/>
        <source>Slip as PDF</source>
        <translation>ใบยืนยันเป็น PDF</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="150"/>
        <source>Room</source>
        <translation>ห้อง</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="215"/>
        <source>No room is set up yet (back office: Rooms)</source>
        <translation>ยังไม่มีห้องให้จอง (ระบบหลังร้าน: ห้องประชุม)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="260"/>
        <source>Closed</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="271"/>
        <source>The central database cannot be reached: this is the last calendar read, and new bookings cannot be confirmed</source>
        <translation>ติดต่อฐานข้อมูลกลางไม่ได้ ปฏิทินนี้เป็นข้อมูลล่าสุดที่อ่านได้ และยังยืนยันการจองใหม่ไม่ได้</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="284"/>
        <source>Day view (F10)</source>
        <translation>มุมมองรายวัน (F10)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="284"/>
        <source>Week view (F10)</source>
        <translation>มุมมองรายสัปดาห์ (F10)</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="336"/>
        <source>{no}: F4 move, F5 extend, F6 check in, F8 cancel, F9 slip</source>
        <translation>{no}: F4 ย้าย F5 ขยายเวลา F6 เช็กอิน F8 ยกเลิก F9 ใบยืนยัน</translation>
    </message>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="356"/>
        <source>{no} cancelled: {refund} baht to refund</source>
        <translation>ยกเลิก {no} แล้ว: คืนเงิน {refund} บาท</translation>
    </message>
</context>
<context>
    <name>RoomCalendarWindow</name>
    <message>
        <location filename="../../ui/rooms/calendar.py" line="387"/>
        <source>Meeting room bookings</source>
        <translation>การจองห้องประชุม</translation>
    </message>
</context>
<context>
    <name>RoomFlow</name>
    <message>
        <location filename="../../ui/till/room_flow.py" line="47"/>
        <location filename="../../ui/till/room_flow.py" line="122"/>
        <source>The meeting room is not set up on this till</source>
        <translation>เครื่องนี้ยังไม่ได้ตั้งค่าห้องประชุม</translation>
    </message>
    <message>
        <location filename="../../ui/till/room_flow.py" line="100"/>
        <source>The sale is busy: take the booking&apos;s payment again</source>
        <translation>รายการขายกำลังทำงาน กรุณารับชำระการจองอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/till/room_flow.py" line="112"/>
        <source>Booking payment added: {detail}</source>
        <translation>เพิ่มรายการชำระการจองแล้ว: {detail}</translation>
    </message>
</context>
<context>
    <name>RoomsPage</name>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="156"/>
        <source>New room (Ctrl+N)</source>
        <translation>ห้องใหม่ (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="159"/>
        <source>Rooms</source>
        <translation>ห้อง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="170"/>
        <source>Smart TV, Wi-Fi, whiteboard</source>
        <translation>สมาร์ททีวี ไวไฟ ไวท์บอร์ด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="171"/>
        <source>Can be booked</source>
        <translation>เปิดให้จอง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="173"/>
        <source>Code</source>
        <translation>รหัส</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="174"/>
        <source>Name (Thai)</source>
        <translation>ชื่อ (ไทย)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="175"/>
        <source>Name (English)</source>
        <translation>ชื่อ (อังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="176"/>
        <source>Seats</source>
        <translation>จำนวนที่นั่ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="177"/>
        <source>Equipment</source>
        <translation>อุปกรณ์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="179"/>
        <source>Room</source>
        <translation>ห้อง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="191"/>
        <source>Opening hours</source>
        <translation>เวลาเปิด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="194"/>
        <source> min</source>
        <translation> นาที</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="198"/>
        <source> days</source>
        <translation> วัน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="202"/>
        <location filename="../../ui/backoffice/rooms_page.py" line="204"/>
        <source>(none)</source>
        <translation>(ไม่มี)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="207"/>
        <source>No deposit</source>
        <translation>ไม่เก็บมัดจำ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="208"/>
        <source>Percent of the price</source>
        <translation>ร้อยละของราคา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="209"/>
        <source>Fixed amount</source>
        <translation>จำนวนเงินคงที่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="213"/>
        <source> h</source>
        <translation> ชม.</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="219"/>
        <source>Slot length</source>
        <translation>ช่วงเวลาละ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="220"/>
        <source>Shortest booking</source>
        <translation>จองสั้นที่สุด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="221"/>
        <source>Longest booking</source>
        <translation>จองนานที่สุด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="222"/>
        <source>Booked at most</source>
        <translation>จองล่วงหน้าได้ไม่เกิน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="223"/>
        <source>Buffer between bookings</source>
        <translation>เวลาเว้นระหว่างการจอง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="224"/>
        <source>Price per hour</source>
        <translation>ราคาต่อชั่วโมง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="225"/>
        <source>Price per half day</source>
        <translation>ราคาครึ่งวัน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="226"/>
        <source>Price per day</source>
        <translation>ราคาเต็มวัน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="230"/>
        <source>Deposit</source>
        <translation>มัดจำ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="231"/>
        <source>Cancellation cutoff (before the start)</source>
        <translation>ยกเลิกได้ก่อนเวลาเริ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="232"/>
        <source>Refund before the cutoff</source>
        <translation>คืนเงินเมื่อยกเลิกก่อนกำหนด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="233"/>
        <source>Refund after the cutoff</source>
        <translation>คืนเงินเมื่อยกเลิกหลังกำหนด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="234"/>
        <source>No-show after the start</source>
        <translation>ถือว่าไม่มาหลังเวลาเริ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="235"/>
        <source>Held unpaid for</source>
        <translation>จองไว้โดยยังไม่ชำระได้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="236"/>
        <source>Booking rules</source>
        <translation>กฎการจอง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="239"/>
        <source>Save room and rules (Ctrl+S)</source>
        <translation>บันทึกห้องและกฎ (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="259"/>
        <source>Name of the day</source>
        <translation>ชื่อวัน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="261"/>
        <source>Add</source>
        <translation>เพิ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="263"/>
        <source>Remove (Del)</source>
        <translation>นำออก (Del)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="265"/>
        <source>Thai public holidays 2026-2027</source>
        <translation>วันหยุดราชการไทย 2569-2570</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="267"/>
        <source>Save the closed days</source>
        <translation>บันทึกวันปิด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="276"/>
        <source>Closed days (no room can be booked)</source>
        <translation>วันปิด (จองห้องไม่ได้)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="336"/>
        <source> (not bookable)</source>
        <translation> (ปิดการจอง)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="455"/>
        <source>Saved {code}: {name}</source>
        <translation>บันทึก {code}: {name} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="482"/>
        <source>{day} added: save the closed days to keep it</source>
        <translation>เพิ่ม {day} แล้ว กรุณาบันทึกวันปิด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="501"/>
        <source>Thai public holidays added: save the closed days to keep them</source>
        <translation>เพิ่มวันหยุดราชการแล้ว กรุณาบันทึกวันปิด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/rooms_page.py" line="507"/>
        <source>{n} closed days saved</source>
        <translation>บันทึกวันปิด {n} วันแล้ว</translation>
    </message>
</context>
<context>
    <name>SettingsChecks</name>
    <message>
        <location filename="../../ui/backoffice/settings_checks.py" line="73"/>
        <source>Not a PromptPay ID: {reason}</source>
        <translation>ไม่ใช่หมายเลขพร้อมเพย์: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_checks.py" line="78"/>
        <source>No PromptPay ID: the till takes no PromptPay.</source>
        <translation>ไม่มีหมายเลขพร้อมเพย์: เครื่องขายจะไม่รับพร้อมเพย์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_checks.py" line="81"/>
        <source>Scan to check: it must name the shop&apos;s account.</source>
        <translation>สแกนเพื่อตรวจสอบ: ต้องแสดงชื่อบัญชีของร้าน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_checks.py" line="89"/>
        <source>No central database: this is a standalone store.</source>
        <translation>ไม่มีฐานข้อมูลกลาง: ร้านนี้ทำงานแบบเดี่ยว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_checks.py" line="93"/>
        <source>Connecting…</source>
        <translation>กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_checks.py" line="100"/>
        <source>Connected: {answer}</source>
        <translation>เชื่อมต่อได้: {answer}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_checks.py" line="106"/>
        <source>No connection: {reason}</source>
        <translation>เชื่อมต่อไม่ได้: {reason}</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <location filename="../../ui/till/settings_flow.py" line="64"/>
        <source>The back office saved new settings; after a restart of the till: {names}</source>
        <translation>หลังร้านบันทึกค่าตั้งใหม่แล้ว รายการต่อไปนี้จะมีผลหลังเปิดเครื่องขายใหม่: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/till/settings_flow.py" line="70"/>
        <source>The back office saved new settings: the till uses them now.</source>
        <translation>หลังร้านบันทึกค่าตั้งใหม่แล้ว เครื่องขายใช้ค่าใหม่ทันที</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="251"/>
        <source>Nothing has changed.</source>
        <translation>ไม่มีการเปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="260"/>
        <source>Nothing was saved: {reason}</source>
        <translation>ยังไม่ได้บันทึก: {reason}</translation>
    </message>
    <message>
        <source>Saved: {n} setting(s) changed.</source>
        <translation type="vanished">บันทึกแล้ว: เปลี่ยนค่าตั้ง {n} รายการ</translation>
    </message>
    <message>
        <source>Saved: {n} setting(s) changed. A till that is open takes them at its next start.</source>
        <translation type="vanished">บันทึกแล้ว: เปลี่ยนค่าตั้ง {n} รายการ เครื่องขายที่เปิดอยู่จะใช้ค่าใหม่เมื่อเปิดครั้งถัดไป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="196"/>
        <source>After a restart of the till (saved; the till still uses the old value)</source>
        <translation>มีผลหลังเปิดเครื่องขายใหม่ (บันทึกแล้ว เครื่องขายยังใช้ค่าเดิมอยู่)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="199"/>
        <source>Takes effect now</source>
        <translation>มีผลทันที</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="201"/>
        <source>After a restart of the till</source>
        <translation>มีผลหลังเปิดเครื่องขายใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="202"/>
        <source>Paper, mode, code page, drawer and status check take effect now; a printer added, removed, renamed or connected another way, after a restart of the till.</source>
        <translation>กระดาษ โหมด โค้ดเพจ ลิ้นชักเก็บเงิน และการตรวจสถานะ มีผลทันที ส่วนการเพิ่ม ลบ เปลี่ยนชื่อ หรือเปลี่ยนการเชื่อมต่อเครื่องพิมพ์ มีผลหลังเปิดเครื่องขายใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="206"/>
        <source>Saved printers wait for the restart.</source>
        <translation>เครื่องพิมพ์ที่บันทึกไว้จะมีผลเมื่อเปิดเครื่องขายใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="211"/>
        <source>After a restart of the web shop (otop-pos shop serve) and of the back office (saved; they still use the old value)</source>
        <translation>หลังเริ่มร้านออนไลน์ (otop-pos shop serve) และระบบหลังร้านใหม่ (บันทึกแล้ว ยังใช้ค่าเดิมอยู่)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="213"/>
        <source>After a restart of the web shop (otop-pos shop serve) and of the back office</source>
        <translation>หลังเริ่มร้านออนไลน์ (otop-pos shop serve) และระบบหลังร้านใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="268"/>
        <source>Saved: {n} setting(s) changed. A till open in another program takes them at its next start.</source>
        <translation>บันทึกแล้ว: เปลี่ยนค่าตั้ง {n} รายการ เครื่องขายที่เปิดอยู่ในโปรแกรมอื่นจะใช้ค่าใหม่เมื่อเปิดครั้งถัดไป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="272"/>
        <source>Saved: {n} setting(s) changed; the till uses them now.</source>
        <translation>บันทึกแล้ว: เปลี่ยนค่าตั้ง {n} รายการ เครื่องขายใช้ค่าใหม่ทันที</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="276"/>
        <source>Saved: {n} setting(s) changed; the till takes them after a restart: {names}.</source>
        <translation>บันทึกแล้ว: เปลี่ยนค่าตั้ง {n} รายการ เครื่องขายจะใช้ค่าใหม่หลังเปิดใหม่: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="278"/>
        <source>Saved: {n} setting(s) changed; the till uses {now} of them now, the others after a restart: {names}.</source>
        <translation>บันทึกแล้ว: เปลี่ยนค่าตั้ง {n} รายการ เครื่องขายใช้ทันที {now} รายการ ที่เหลือมีผลหลังเปิดใหม่: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="286"/>
        <source>The saved settings are shown again.</source>
        <translation>แสดงค่าตั้งที่บันทึกไว้อีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="313"/>
        <source>Nothing was saved: {n} field(s) to correct.</source>
        <translation>ยังไม่ได้บันทึก: ต้องแก้ไข {n} ช่อง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="319"/>
        <source>Shop</source>
        <translation>ร้าน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="319"/>
        <source>Payment</source>
        <translation>การชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="319"/>
        <source>Receipt</source>
        <translation>ใบเสร็จ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="320"/>
        <source>Labels and story site</source>
        <translation>ป้ายราคาและเว็บเรื่องราว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="320"/>
        <source>Till</source>
        <translation>เครื่องขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="321"/>
        <source>Log-in</source>
        <translation>การเข้าสู่ระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="321"/>
        <source>Web shop</source>
        <translation>ร้านค้าออนไลน์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="322"/>
        <source>Central database</source>
        <translation>ฐานข้อมูลกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="322"/>
        <source>Printers</source>
        <translation>เครื่องพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="323"/>
        <source>Online channels</source>
        <translation>ช่องทางออนไลน์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="331"/>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="332"/>
        <source>Undo changes</source>
        <translation>ยกเลิกการแก้ไข</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="333"/>
        <source>Test connection</source>
        <translation>ทดสอบการเชื่อมต่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="334"/>
        <source>Add printer</source>
        <translation>เพิ่มเครื่องพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="335"/>
        <source>Edit</source>
        <translation>แก้ไข</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="336"/>
        <source>Remove</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="337"/>
        <source>Test page</source>
        <translation>หน้าทดสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="340"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="340"/>
        <source>Connection</source>
        <translation>การเชื่อมต่อ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="340"/>
        <source>Address</source>
        <translation>ที่อยู่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/settings_page.py" line="340"/>
        <source>Paper</source>
        <translation>กระดาษ</translation>
    </message>
</context>
<context>
    <name>ShiftFlow</name>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="38"/>
        <source>Shifts are not set up on this till</source>
        <translation>เครื่องนี้ยังไม่ได้ตั้งค่ากะ</translation>
    </message>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="46"/>
        <source>A shift is already open at this counter</source>
        <translation>เครื่องนี้มีกะที่เปิดอยู่แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="60"/>
        <source>Shift opened: ready to sell</source>
        <translation>เปิดกะแล้ว พร้อมขาย</translation>
    </message>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="82"/>
        <source>Paid in {amount}</source>
        <translation>นำเงินเข้า {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="83"/>
        <source>Paid out {amount}</source>
        <translation>นำเงินออก {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="123"/>
        <source>Finish or park (F5) the current sale first</source>
        <translation>กรุณาปิดบิลหรือพักบิล (F5) ที่ขายอยู่ก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="156"/>
        <source>Shift closed: {title}</source>
        <translation>ปิดกะแล้ว: {title}</translation>
    </message>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="165"/>
        <source>Refunds are not set up on this till</source>
        <translation>เครื่องนี้ยังไม่ได้ตั้งค่าการคืนเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/till/shift_flow.py" line="175"/>
        <source>Refund {number}: {amount} back to the customer</source>
        <translation>คืนเงิน {number}: คืนลูกค้า {amount}</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../ui/till/panels.py" line="374"/>
        <source>Terminal: {name} ({prefix})</source>
        <translation>จุดขาย: {name} ({prefix})</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="379"/>
        <source>Store not open</source>
        <translation>ฐานข้อมูลร้านยังไม่เปิด</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="380"/>
        <source>Opening the store…</source>
        <translation>กำลังเปิดฐานข้อมูลร้าน…</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="383"/>
        <source>Catalogue: {count} products</source>
        <translation>สินค้า: {count} รายการ</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="386"/>
        <source>Catalogue: not available</source>
        <translation>ข้อมูลสินค้า: ไม่พร้อมใช้งาน</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="388"/>
        <source>Loading catalogue…</source>
        <translation>กำลังโหลดรายการสินค้า…</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="389"/>
        <source>Language: {name}</source>
        <translation>ภาษา: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="393"/>
        <source>working…</source>
        <translation>กำลังทำงาน…</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <location filename="../../ui/backoffice/stock_page.py" line="86"/>
        <source>Save the slip</source>
        <translation>บันทึกใบรับสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_page.py" line="90"/>
        <source>Receive goods</source>
        <translation>รับสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_page.py" line="90"/>
        <source>Return to producer</source>
        <translation>คืนสินค้าให้ผู้ผลิต</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_page.py" line="91"/>
        <source>Stock count</source>
        <translation>ตรวจนับสต็อก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/stock_page.py" line="91"/>
        <source>On hand</source>
        <translation>คงเหลือ</translation>
    </message>
</context>
<context>
    <name>StoreFlow</name>
    <message>
        <location filename="../../ui/till/store_flow.py" line="117"/>
        <source>The store could not be opened: {reason}. Check the database (--db) and the disk, then start the till again.</source>
        <translation>เปิดฐานข้อมูลร้านไม่ได้: {reason} กรุณาตรวจสอบฐานข้อมูล (--db) และพื้นที่ดิสก์ แล้วเปิดโปรแกรมขายใหม่อีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/till/store_flow.py" line="171"/>
        <source>Product search is not available: {reason}</source>
        <translation>ค้นหาสินค้าไม่ได้: {reason}</translation>
    </message>
</context>
<context>
    <name>SyncStatusIndicator</name>
    <message>
        <location filename="../../ui/sync_status.py" line="121"/>
        <source>Sync now</source>
        <translation>ซิงก์ตอนนี้</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="122"/>
        <source>Send waiting sales and fetch the catalogue now</source>
        <translation>ส่งรายการขายที่รอส่งและรับข้อมูลสินค้าเดี๋ยวนี้</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="132"/>
        <source>Stand-alone</source>
        <translation>ใช้งานเครื่องเดียว</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="135"/>
        <source>Connecting to the central database…</source>
        <translation>กำลังเชื่อมต่อฐานข้อมูลกลาง…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="137"/>
        <source>Online</source>
        <translation>ออนไลน์</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="139"/>
        <source>Central not answering</source>
        <translation>ฐานข้อมูลกลางไม่ตอบสนอง</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="141"/>
        <source>Offline</source>
        <translation>ออฟไลน์</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="143"/>
        <source>last sync {time}</source>
        <translation>ซิงก์ล่าสุด {time}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="144"/>
        <source>{count} sales waiting</source>
        <translation>รอส่ง {count} รายการขาย</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="146"/>
        <source>{count} refused by central</source>
        <translation>ส่วนกลางไม่รับ {count} รายการ</translation>
    </message>
</context>
<context>
    <name>TaxInvoiceDialog</name>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="192"/>
        <source>Receipt {receipt} already has tax invoice {number}: save or print a copy.</source>
        <translation>ใบเสร็จ {receipt} ออกใบกำกับภาษีไปแล้ว เลขที่ {number}: บันทึกหรือพิมพ์สำเนาได้</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="218"/>
        <source>branch {branch}</source>
        <translation>สาขา {branch}</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="258"/>
        <source>Issuing the tax invoice…</source>
        <translation>กำลังออกใบกำกับภาษี…</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="268"/>
        <source>Tax invoice {number} issued.</source>
        <translation>ออกใบกำกับภาษีเลขที่ {number} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="295"/>
        <source>Save the tax invoice</source>
        <translation>บันทึกใบกำกับภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="305"/>
        <source>PDF saved: {path}</source>
        <translation>บันทึก PDF แล้ว: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="307"/>
        <source>Sent to the printer {name}.</source>
        <translation>ส่งไปเครื่องพิมพ์ {name} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="317"/>
        <source>Something went wrong (it was logged).</source>
        <translation>เกิดข้อผิดพลาด (บันทึกไว้ในล็อกแล้ว)</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="325"/>
        <source>Full tax invoice</source>
        <translation>ใบกำกับภาษีเต็มรูป</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="328"/>
        <source>Receipt number</source>
        <translation>เลขที่ใบเสร็จ</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="328"/>
        <source>Buyer&apos;s name</source>
        <translation>ชื่อผู้ซื้อ</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="328"/>
        <source>Address</source>
        <translation>ที่อยู่</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="329"/>
        <source>Tax ID (13 digits)</source>
        <translation>เลขประจำตัวผู้เสียภาษี (13 หลัก)</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="329"/>
        <source>Branch (00000 = head office)</source>
        <translation>สาขา (00000 = สำนักงานใหญ่)</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="333"/>
        <source>Also print it on the receipt printer</source>
        <translation>พิมพ์ที่เครื่องพิมพ์ใบเสร็จด้วย</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="334"/>
        <source>Issue tax invoice</source>
        <translation>ออกใบกำกับภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/tax_invoice_dialog.py" line="335"/>
        <source>Save a copy</source>
        <translation>บันทึกสำเนา</translation>
    </message>
</context>
<context>
    <name>TeaFlow</name>
    <message>
        <location filename="../../ui/till/tea_flow.py" line="37"/>
        <location filename="../../ui/till/tea_flow.py" line="81"/>
        <source>The tea corner is not set up on this till</source>
        <translation>เครื่องนี้ยังไม่ได้ตั้งค่าร้านชา</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_flow.py" line="47"/>
        <source>The tea menu is empty: set it up in the back office</source>
        <translation>ยังไม่มีเมนูร้านชา: ตั้งค่าได้ในหลังร้าน</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_flow.py" line="72"/>
        <source>Drink added to the sale</source>
        <translation>เพิ่มเครื่องดื่มในรายการขายแล้ว</translation>
    </message>
</context>
<context>
    <name>TeaLoginDialog</name>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="389"/>
        <source>Tea corner: log in</source>
        <translation>ร้านชา: เข้าสู่ระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="399"/>
        <source>User</source>
        <translation>ผู้ใช้</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="400"/>
        <source>PIN</source>
        <translation>รหัส PIN</translation>
    </message>
</context>
<context>
    <name>TeaOrdersWindow</name>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="283"/>
        <source>Log in at the till first</source>
        <translation>เข้าสู่ระบบที่เครื่องขายก่อน</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="287"/>
        <source>Order {number}: its tickets are printed again</source>
        <translation>คิว {number}: พิมพ์ใบสั่งซ้ำแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="299"/>
        <source>Something went wrong (it was logged).</source>
        <translation>เกิดข้อผิดพลาด (บันทึกไว้ในล็อกแล้ว)</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="341"/>
        <source>Tea corner: orders</source>
        <translation>ร้านชา: รายการสั่ง</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="343"/>
        <source>Today&apos;s orders: arrows choose, Enter = next step, Ctrl+P = reprint</source>
        <translation>รายการสั่งวันนี้: ลูกศรเลือก, Enter = ขั้นต่อไป, Ctrl+P = พิมพ์ซ้ำ</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="346"/>
        <source>New ({count})</source>
        <translation>ใหม่ ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/tea/orders_window.py" line="349"/>
        <source>Ready ({count})</source>
        <translation>พร้อมแล้ว ({count})</translation>
    </message>
</context>
<context>
    <name>TeaPad</name>
    <message>
        <location filename="../../ui/till/tea_pad.py" line="477"/>
        <source>Tea corner</source>
        <translation>ร้านชา</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_pad.py" line="478"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_pad.py" line="483"/>
        <source>Tea corner: choose a drink (arrows, Enter)</source>
        <translation>ร้านชา: เลือกเครื่องดื่ม (ลูกศร, Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_pad.py" line="485"/>
        <source>The tea menu is empty</source>
        <translation>ยังไม่มีเมนูร้านชา</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_pad.py" line="488"/>
        <source>Choose the options (arrows, Space), then Enter to add</source>
        <translation>เลือกตัวเลือก (ลูกศร, Space) แล้วกด Enter เพื่อเพิ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_pad.py" line="496"/>
        <source>Quantity</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_pad.py" line="497"/>
        <source>Back (Esc)</source>
        <translation>กลับ (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/till/tea_pad.py" line="498"/>
        <source>Add to the sale (Enter)</source>
        <translation>เพิ่มในรายการขาย (Enter)</translation>
    </message>
</context>
<context>
    <name>TeaPage</name>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="250"/>
        <source>yes</source>
        <translation>ใช่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="250"/>
        <source>no</source>
        <translation>ไม่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="374"/>
        <source>Saved: {name}</source>
        <translation>บันทึกแล้ว: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="400"/>
        <source>Search the menu…</source>
        <translation>ค้นหาเมนู…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="402"/>
        <location filename="../../ui/backoffice/tea_page.py" line="406"/>
        <source>SKU</source>
        <translation>รหัสสินค้า</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="402"/>
        <source>Drink</source>
        <translation>เครื่องดื่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="402"/>
        <location filename="../../ui/backoffice/tea_page.py" line="406"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="402"/>
        <source>Active</source>
        <translation>ใช้งานอยู่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="404"/>
        <source>New drink (Ctrl+N)</source>
        <translation>เมนูใหม่ (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="405"/>
        <source>Active / inactive</source>
        <translation>เปิด / ปิดการขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="406"/>
        <source>Order on the pad</source>
        <translation>ลำดับบนหน้าเมนู</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="411"/>
        <source>On the menu</source>
        <translation>มีขาย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="413"/>
        <source>Thai name</source>
        <translation>ชื่อภาษาไทย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="413"/>
        <source>English name</source>
        <translation>ชื่อภาษาอังกฤษ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="414"/>
        <source>Recipe (SKU quantity; …)</source>
        <translation>สูตร (รหัส ปริมาณ; …)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="420"/>
        <source>Option groups</source>
        <translation>กลุ่มตัวเลือก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="422"/>
        <location filename="../../ui/backoffice/tea_page.py" line="426"/>
        <source>Code</source>
        <translation>รหัส</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="422"/>
        <location filename="../../ui/backoffice/tea_page.py" line="426"/>
        <source>Thai</source>
        <translation>ไทย</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="422"/>
        <location filename="../../ui/backoffice/tea_page.py" line="426"/>
        <source>English</source>
        <translation>อังกฤษ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="422"/>
        <source>Several</source>
        <translation>เลือกได้หลายอย่าง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="423"/>
        <source>Required</source>
        <translation>ต้องเลือก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="423"/>
        <source>Default</source>
        <translation>ค่าเริ่มต้น</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="424"/>
        <source>Options and their prices</source>
        <translation>ตัวเลือกและราคา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="426"/>
        <source>Group</source>
        <translation>กลุ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="427"/>
        <source>Price +</source>
        <translation>ราคาเพิ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="427"/>
        <source>Recipe</source>
        <translation>สูตร</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="428"/>
        <source>Add group</source>
        <translation>เพิ่มกลุ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="429"/>
        <source>Remove group</source>
        <translation>ลบกลุ่ม</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="430"/>
        <source>Add option</source>
        <translation>เพิ่มตัวเลือก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="431"/>
        <source>Remove option</source>
        <translation>ลบตัวเลือก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/tea_page.py" line="432"/>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>TillActions</name>
    <message>
        <location filename="../../ui/till/actions.py" line="51"/>
        <source>Help</source>
        <translation>ช่วยเหลือ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="52"/>
        <source>This help</source>
        <translation>หน้าช่วยเหลือนี้</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="56"/>
        <source>Find</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="57"/>
        <source>Find a product by name (Thai or English)</source>
        <translation>ค้นหาสินค้าจากชื่อ (ไทยหรืออังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="61"/>
        <source>Quantity</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="62"/>
        <source>Quantity: typed number first = next scan; otherwise change the selected line</source>
        <translation>จำนวน: พิมพ์ตัวเลขก่อน = จำนวนของสินค้าชิ้นถัดไป ไม่พิมพ์ = แก้รายการที่เลือก</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="70"/>
        <source>Discount</source>
        <translation>ส่วนลด</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="71"/>
        <source>Discount on the line or the sale (reason required)</source>
        <translation>ส่วนลดรายการหรือส่วนลดทั้งบิล (ต้องระบุเหตุผล)</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="75"/>
        <source>Park</source>
        <translation>พักบิล</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="76"/>
        <source>Park the sale</source>
        <translation>พักบิล</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="80"/>
        <source>Recall</source>
        <translation>เรียกบิล</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="81"/>
        <source>Recall a parked sale</source>
        <translation>เรียกบิลที่พักไว้</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="85"/>
        <source>Basket</source>
        <translation>ตะกร้า</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="86"/>
        <source>Gift basket: a ready-made one or one put together now</source>
        <translation>ตะกร้าของขวัญ: แบบสำเร็จรูปหรือจัดใหม่ตอนนี้</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="94"/>
        <source>Tea</source>
        <translation>ชา</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="95"/>
        <source>Tea corner: the drinks&apos; menu pad</source>
        <translation>ร้านชา: หน้าเมนูเครื่องดื่ม</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="99"/>
        <source>Tea orders</source>
        <translation>รายการสั่งร้านชา</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="103"/>
        <source>One more</source>
        <translation>เพิ่ม 1</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="104"/>
        <source>One more / one less of the selected line</source>
        <translation>เพิ่ม / ลดจำนวนของรายการที่เลือกทีละ 1</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="108"/>
        <source>One less</source>
        <translation>ลด 1</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="112"/>
        <source>Remove line</source>
        <translation>ลบรายการ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="113"/>
        <source>Remove the selected line</source>
        <translation>ลบรายการที่เลือก</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="117"/>
        <source>Cancel sale</source>
        <translation>ยกเลิกบิล</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="118"/>
        <source>Cancel the whole sale</source>
        <translation>ยกเลิกทั้งบิล</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="122"/>
        <source>PAY</source>
        <translation>ชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="123"/>
        <source>Pay</source>
        <translation>ชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="127"/>
        <source>Switch language</source>
        <translation>สลับภาษา</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="129"/>
        <source>Switch language ไทย / English</source>
        <translation>สลับภาษา ไทย / English</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="133"/>
        <source>Customer display language</source>
        <translation>ภาษาจอลูกค้า</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="134"/>
        <source>Customer display: ไทย / English (the till stays)</source>
        <translation>จอลูกค้า: ไทย / English (จอแคชเชียร์คงเดิม)</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="139"/>
        <source>Show the customer display</source>
        <translation>เปิดจอลูกค้า</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="140"/>
        <source>Customer display: open it again after it was closed</source>
        <translation>จอลูกค้า: เปิดอีกครั้งหลังถูกปิด</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="175"/>
        <source>Printer setup</source>
        <translation>ตั้งค่าเครื่องพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="176"/>
        <source>Printer setup and test page</source>
        <translation>ตั้งค่าเครื่องพิมพ์และพิมพ์หน้าทดสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="180"/>
        <source>Reprint a receipt</source>
        <translation>พิมพ์ใบเสร็จซ้ำ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="182"/>
        <source>A copy (สำเนา / COPY) of the last or a typed receipt</source>
        <translation>พิมพ์สำเนาใบเสร็จล่าสุดหรือเลขที่ที่พิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="187"/>
        <source>Tax invoice</source>
        <translation>ใบกำกับภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="188"/>
        <source>Full tax invoice for the last or a typed receipt</source>
        <translation>ใบกำกับภาษีเต็มรูปของใบเสร็จล่าสุดหรือเลขที่ที่พิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="192"/>
        <source>Price of the line</source>
        <translation>ราคาของรายการ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="194"/>
        <source>New unit price of the selected line (a manager approves it)</source>
        <translation>ราคาต่อหน่วยใหม่ของรายการที่เลือก (ผู้จัดการอนุมัติ)</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="146"/>
        <source>Open shift</source>
        <translation>เปิดกะ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="150"/>
        <source>Paid in</source>
        <translation>นำเงินเข้า</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="151"/>
        <source>Paid in: cash put into the drawer</source>
        <translation>นำเงินเข้า: นำเงินสดใส่ลิ้นชัก</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="155"/>
        <source>Paid out</source>
        <translation>นำเงินออก</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="156"/>
        <source>Paid out: cash taken from the drawer</source>
        <translation>นำเงินออก: นำเงินสดออกจากลิ้นชัก</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="160"/>
        <source>X report</source>
        <translation>รายงาน X</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="161"/>
        <source>X report: the shift so far</source>
        <translation>รายงาน X: ยอดของกะจนถึงตอนนี้</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="165"/>
        <source>Close shift</source>
        <translation>ปิดกะ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="166"/>
        <source>Close the shift: count the drawer, Z report</source>
        <translation>ปิดกะ: นับเงินในลิ้นชัก พิมพ์รายงาน Z</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="170"/>
        <source>Refund</source>
        <translation>คืนเงิน</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="171"/>
        <source>Refund some or all of a sale</source>
        <translation>คืนเงินบางส่วนหรือทั้งบิล</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="202"/>
        <source>Room booking payment</source>
        <translation>ชำระค่าจองห้อง</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="204"/>
        <source>Room booking: its deposit or balance into the sale (pick or scan)</source>
        <translation>การจองห้อง: เพิ่มมัดจำหรือยอดคงเหลือในรายการขาย (เลือกหรือสแกน)</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="209"/>
        <source>Room calendar</source>
        <translation>ปฏิทินห้องประชุม</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="211"/>
        <source>The meeting room&apos;s calendar: book, check in</source>
        <translation>ปฏิทินห้องประชุม: จอง เช็กอิน</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="215"/>
        <source>Back office</source>
        <translation>ระบบหลังร้าน</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="217"/>
        <source>Back office: products, prices (managers)</source>
        <translation>ระบบหลังร้าน: สินค้า ราคา (ผู้จัดการ)</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="221"/>
        <location filename="../../ui/till/actions.py" line="223"/>
        <source>Switch cashier / log out</source>
        <translation>เปลี่ยนแคชเชียร์ / ออกจากระบบ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="230"/>
        <source>Add the scanned or typed code</source>
        <translation>เพิ่มสินค้าตามรหัสที่สแกนหรือพิมพ์</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="231"/>
        <source>3*code</source>
        <translation>3*รหัส</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="232"/>
        <source>Scan 3 of a product at once</source>
        <translation>สแกนครั้งเดียวได้สินค้า 3 ชิ้น</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="233"/>
        <source>Select a line</source>
        <translation>เลือกรายการ</translation>
    </message>
    <message>
        <location filename="../../ui/till/actions.py" line="234"/>
        <source>Clear the scan field</source>
        <translation>ล้างช่องสแกน</translation>
    </message>
</context>
<context>
    <name>TillDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="120"/>
        <source>OK (Enter)</source>
        <translation>ตกลง (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="121"/>
        <source>Cancel (Esc)</source>
        <translation>ยกเลิก (Esc)</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <location filename="../../ui/till/window.py" line="335"/>
        <source>One moment: opening the store…</source>
        <translation>รอสักครู่: กำลังเปิดฐานข้อมูลร้าน…</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="338"/>
        <source>One moment: the sale is being saved…</source>
        <translation>สักครู่: กำลังบันทึกการขาย…</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="351"/>
        <source>Something went wrong (it was logged). The sale is kept: try again, or call the supervisor.</source>
        <translation>เกิดข้อผิดพลาด (บันทึกไว้แล้ว) รายการขายยังอยู่ครบ: ลองใหม่อีกครั้ง หรือเรียกหัวหน้างาน</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="414"/>
        <source>shift open</source>
        <translation>เปิดกะอยู่</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="414"/>
        <source>no shift open</source>
        <translation>ยังไม่เปิดกะ</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="416"/>
        <source>Cashier: {name}</source>
        <translation>แคชเชียร์: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="419"/>
        <source>Logged out</source>
        <translation>ออกจากระบบแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="467"/>
        <location filename="../../ui/till/window.py" line="478"/>
        <source>The customer display is off (setting customer_display)</source>
        <translation>จอลูกค้าปิดอยู่ (ค่าตั้ง customer_display)</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="470"/>
        <source>Customer display: English</source>
        <translation>จอลูกค้า: ภาษาอังกฤษ</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="472"/>
        <source>Customer display: Thai</source>
        <translation>จอลูกค้า: ภาษาไทย</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="481"/>
        <source>Customer display shown</source>
        <translation>เปิดจอลูกค้าแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="483"/>
        <source>The customer display&apos;s screen is not connected</source>
        <translation>ไม่ได้ต่อจอของจอลูกค้า</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="501"/>
        <source>OTOP POS — till</source>
        <translation>OTOP POS — หน้าขาย</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="506"/>
        <source>Scan a barcode or type a code, then Enter  ·  3*code = 3 pieces</source>
        <translation>สแกนบาร์โค้ดหรือพิมพ์รหัส แล้วกด Enter  ·  3*รหัส = 3 ชิ้น</translation>
    </message>
    <message>
        <location filename="../../ui/till/window.py" line="507"/>
        <source>Scan here…</source>
        <translation>สแกนบาร์โค้ดที่นี่…</translation>
    </message>
</context>
<context>
    <name>ToolsFlow</name>
    <message>
        <location filename="../../ui/till/tools.py" line="98"/>
        <source>Copy of {number} printed</source>
        <translation>พิมพ์สำเนา {number} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/till/tools.py" line="99"/>
        <source>Copy of {number}</source>
        <translation>สำเนา {number}</translation>
    </message>
    <message>
        <location filename="../../ui/till/tools.py" line="109"/>
        <source>This shop is not VAT-registered: it issues receipts, never tax invoices.</source>
        <translation>ร้านนี้ไม่ได้จดทะเบียนภาษีมูลค่าเพิ่ม ออกได้เฉพาะใบเสร็จรับเงิน ไม่ออกใบกำกับภาษี</translation>
    </message>
    <message>
        <location filename="../../ui/till/tools.py" line="142"/>
        <source>Only a manager or an admin may open the back office</source>
        <translation>เฉพาะผู้จัดการหรือผู้ดูแลระบบเท่านั้นที่เปิดระบบหลังร้านได้</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../ui/till/panels.py" line="232"/>
        <source>TOTAL</source>
        <translation>ยอดสุทธิ</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="236"/>
        <source>{items} item(s) · {lines} line(s)</source>
        <translation>{items} ชิ้น · {lines} รายการ</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="241"/>
        <source>Discounts −{amount}</source>
        <translation>ส่วนลด −{amount}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="244"/>
        <source>VAT-able {vatable} · Exempt {exempt} · VAT {rate}% {vat}</source>
        <translation>มูลค่าที่มีภาษี&#xa0;{vatable} · ยกเว้นภาษี&#xa0;{exempt} · VAT&#xa0;{rate}%&#xa0;{vat}</translation>
    </message>
    <message>
        <location filename="../../ui/till/panels.py" line="248"/>
        <source>Not VAT registered: no VAT on the receipt</source>
        <translation>ร้านไม่ได้จดทะเบียนภาษีมูลค่าเพิ่ม: ใบเสร็จไม่มี VAT</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="181"/>
        <source>User {name}</source>
        <translation>ผู้ใช้ {name}</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="186"/>
        <source>empty: six random digits</source>
        <translation>เว้นว่าง: สุ่มตัวเลข 6 หลัก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="187"/>
        <source>Save role (Ctrl+S)</source>
        <translation>บันทึกบทบาท (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="189"/>
        <source>Reset PIN</source>
        <translation>รีเซ็ต PIN</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="191"/>
        <source>Unlock</source>
        <translation>ปลดล็อก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="195"/>
        <source>Deactivate</source>
        <translation>ปิดใช้งาน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="195"/>
        <source>Activate</source>
        <translation>เปิดใช้งาน</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="200"/>
        <source>User name</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="201"/>
        <source>Name shown</source>
        <translation>ชื่อที่แสดง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="202"/>
        <source>State</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="203"/>
        <source>Role</source>
        <translation>บทบาท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="204"/>
        <source>Temporary PIN</source>
        <translation>PIN ชั่วคราว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="217"/>
        <source>active</source>
        <translation>ใช้งานอยู่</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="217"/>
        <source>inactive</source>
        <translation>ปิดใช้งานแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="219"/>
        <source>locked after wrong PINs</source>
        <translation>ถูกล็อกเพราะใส่ PIN ผิด</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="221"/>
        <source>{n} wrong PIN(s)</source>
        <translation>ใส่ PIN ผิด {n} ครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="223"/>
        <source>sets a new PIN at the next log-in</source>
        <translation>ต้องตั้ง PIN ใหม่เมื่อเข้าสู่ระบบครั้งถัดไป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="233"/>
        <source>{name} is now {role}</source>
        <translation>{name} มีบทบาทเป็น {role} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="244"/>
        <source>Temporary PIN of {name}: {pin}. They set their own at the next log-in.</source>
        <translation>PIN ชั่วคราวของ {name}: {pin} ผู้ใช้ต้องตั้ง PIN ของตนเองเมื่อเข้าสู่ระบบครั้งถัดไป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="253"/>
        <source>{name} is unlocked</source>
        <translation>ปลดล็อก {name} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="261"/>
        <source>{name} is deactivated</source>
        <translation>ปิดใช้งาน {name} แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="262"/>
        <source>{name} is active again</source>
        <translation>เปิดใช้งาน {name} อีกครั้งแล้ว</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="278"/>
        <source>Search: user name, name, role</source>
        <translation>ค้นหา: ชื่อผู้ใช้ ชื่อ บทบาท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="279"/>
        <source>User name</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="279"/>
        <source>Name shown</source>
        <translation>ชื่อที่แสดง</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="279"/>
        <source>Role</source>
        <translation>บทบาท</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="279"/>
        <source>State</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="284"/>
        <source>New user (Ctrl+N)</source>
        <translation>เพิ่มผู้ใช้ (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="287"/>
        <source>Search</source>
        <translation>ค้นหา</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="311"/>
        <source>inactive</source>
        <translation>ปิดใช้งานแล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="313"/>
        <source>locked</source>
        <translation>ถูกล็อก</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="315"/>
        <source>new PIN at next log-in</source>
        <translation>ตั้ง PIN ใหม่ครั้งถัดไป</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/users_page.py" line="316"/>
        <source>active</source>
        <translation>ใช้งานอยู่</translation>
    </message>
    <message>
        <source>Demo PINs still in use by {names}: anyone who read the manual can log in as them. Open each user and reset the PIN before real use.</source>
        <translation type="vanished">ผู้ใช้ {names} ยังใช้ PIN ของร้านตัวอย่างอยู่ ใครก็ตามที่อ่านคู่มือสามารถเข้าสู่ระบบแทนได้ กรุณาเปิดผู้ใช้แต่ละคนแล้วรีเซ็ต PIN ก่อนใช้งานจริง</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="77"/>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/curation_forms.py" line="79"/>
        <source>Close (Esc)</source>
        <translation>ปิด (Esc)</translation>
    </message>
</context>
<context>
    <name>_WorkerDialog</name>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="65"/>
        <source>Something went wrong (it was logged). Try again.</source>
        <translation>เกิดข้อผิดพลาด (บันทึกไว้แล้ว) กรุณาลองอีกครั้ง</translation>
    </message>
</context>
</TS>
