"""The shop's secrets: their names, the variable that overrides each, what a value may be."""

from __future__ import annotations

from pos.domain.errors import ShopError

# the channels' tokens and keys (issue 17): the order is the settings editor's
SECRET_NAMES: tuple[str, ...] = (
    "line_channel_secret",
    "line_channel_access_token",
    "line_liff_id",
    "facebook_app_secret",
    "facebook_page_access_token",
    "facebook_verify_token",
    "thailandpost_token",
    "thailandpost_hook_token",
    "carrier_webhook_secret",
    "chat_link_secret",
)
# the channel each secret belongs to (its "test connection" button); "" for the shop's own
SECRET_CHANNEL: dict[str, str] = {
    "line_channel_secret": "line",
    "line_channel_access_token": "line",
    "line_liff_id": "line",
    "facebook_app_secret": "facebook",
    "facebook_page_access_token": "facebook",
    "facebook_verify_token": "facebook",
    "thailandpost_token": "thailandpost",
    "thailandpost_hook_token": "thailandpost",
    "carrier_webhook_secret": "thailandpost",
    "chat_link_secret": "",
}
ENV_PREFIX = "OTOP_POS_SECRET_"
MAX_SECRET_CHARS = 4000


class SecretRefused(ShopError):
    """A secret's name that is not one of the shop's, or a value that cannot be one."""


def env_name(name: str) -> str:
    """The environment variable whose value overrides the stored one: OTOP_POS_SECRET_<NAME>."""
    return ENV_PREFIX + name.upper()


def check_name(name: str) -> str:
    if name not in SECRET_NAMES:
        raise SecretRefused(f"There is no secret named {name!r}", f"ไม่มีค่าลับชื่อ {name!r}")
    return name


def check_value(value: str) -> str:
    """The value as stored: spaces around it dropped; empty, multi-line or too long refused
    (the message never repeats the value)."""
    text = value.strip()
    if not text:
        raise SecretRefused(
            "An empty value: type the new value, or use Clear", "ค่าว่าง: พิมพ์ค่าใหม่ หรือกดล้างค่า"
        )
    if len(text) > MAX_SECRET_CHARS:
        raise SecretRefused(
            f"The value is longer than {MAX_SECRET_CHARS} characters",
            f"ค่ายาวเกิน {MAX_SECRET_CHARS} ตัวอักษร",
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise SecretRefused(
            "The value has a line break or control character: paste it on one line",
            "ค่ามีการขึ้นบรรทัดใหม่หรืออักขระควบคุม กรุณาวางค่าในบรรทัดเดียว",
        )
    return text
