"""The x-line-signature check against bodies the fake platform signs as LINE does."""

from __future__ import annotations

import json

from tests.fakes.line_api import FakeLine
from web.line.signature import LineSignature


def test_only_the_channel_secrets_signature_of_the_exact_body_passes() -> None:
    fake = FakeLine()
    check = LineSignature(fake.channel_secret)
    body = json.dumps({"events": [{"text": "ค้นหา ผ้าไหม 🧵"}]}, ensure_ascii=False).encode()
    assert check.valid(body, fake.sign(body))
    assert not check.valid(body + b" ", fake.sign(body))  # one byte more
    assert not check.valid(body, fake.sign(body, secret="another-channel"))
    assert not check.valid(body, None)
    assert not check.valid(body, "")
    assert not check.valid(body, "x" * 5000)
    assert not check.valid(b"\xff\xfe not utf-8", fake.sign(b"\xff\xfe not utf-8"))
