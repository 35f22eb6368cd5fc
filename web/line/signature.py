"""The `x-line-signature` check: HMAC-SHA256 of the raw body with the channel secret."""

from __future__ import annotations

from linebot.v3.webhook import SignatureValidator


class LineSignature:
    """Checks webhook bodies against the channel secret (the SDK's constant-time compare)."""

    def __init__(self, channel_secret: str) -> None:
        self._validator = SignatureValidator(channel_secret)

    def valid(self, body: bytes, signature: str | None) -> bool:
        """Whether `signature` is LINE's for `body`; a missing one, or a body that is not
        UTF-8, never is."""
        if not signature or len(signature) > 200:
            return False
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return bool(self._validator.validate(text, signature))
