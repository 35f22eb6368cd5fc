"""What a new PIN must not be: too short, the demo store's, or a guessable pattern."""

from __future__ import annotations

DEMO_PINS = frozenset({"1111", "2222", "9999", "0000"})  # pos.services.auth.DEMO_USERS
_ASCENDING = "01234567890"
_DESCENDING = "09876543210"


def pin_problem(pin: str) -> tuple[str, str] | None:
    """Why `pin` may not be a user's new PIN (English, Thai), or None when it may.

    4 to 8 digits, not a demo PIN, not one digit repeated (0000, 77777) and not a straight
    run up or down (1234, 4321, 56789): the first PINs anyone tries."""
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        return "a PIN is 4 to 8 digits", "PIN ต้องเป็นตัวเลข 4 ถึง 8 หลัก"
    if pin in DEMO_PINS:
        return (
            "the demo store's PINs (1111, 2222, 9999, 0000) may not be used",
            "ห้ามใช้ PIN ของร้านตัวอย่าง (1111, 2222, 9999, 0000)",
        )
    if len(set(pin)) == 1 or pin in _ASCENDING or pin in _DESCENDING:
        return (
            "too easy to guess (one digit repeated, or a run such as 1234): choose another",
            "เดาง่ายเกินไป (ตัวเลขซ้ำกัน หรือเรียงกัน เช่น 1234) กรุณาเลือก PIN อื่น",
        )
    return None
