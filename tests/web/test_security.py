"""The shop's signed session cookie, CSRF tokens and the rate limit, on their own."""

from __future__ import annotations

import base64
import json

from web.i18n import TEXTS, language_of
from web.security import MAX_BASKET_LINES, Session, Signer, TokenBucket

SIGNER = Signer(b"k" * 32)


def test_a_session_survives_the_round_trip_and_a_tampered_one_is_refused() -> None:
    session = Session.new()
    session.basket = [("product", "KK-SILK-001", 2), ("basket", "GIFT-1", 1)]
    session.remember("key-1", "W2612030001", "0812345678")
    cookie = SIGNER.dump_session(session)
    back = SIGNER.load_session(cookie)
    assert back == session

    body, mac = cookie.rsplit(".", 1)
    raw = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw["b"][0][2] = 99  # the customer edits the quantity in the cookie
    forged = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")
    assert SIGNER.load_session(f"{forged}.{mac}") is None
    assert Signer(b"other" * 8).load_session(cookie) is None  # another shop's key
    for junk in ("", "x", "a.b", "." * 5000, cookie + "x"):
        assert SIGNER.load_session(junk) is None


def test_a_session_with_too_many_lines_or_a_wrong_shape_is_not_one() -> None:
    session = Session.new()
    session.basket = [("product", f"SKU{i}", 1) for i in range(MAX_BASKET_LINES + 1)]
    assert SIGNER.load_session(SIGNER.dump_session(session)) is None
    assert Session.from_json({"sid": "x", "b": [["product", "A"]], "p": {}}) is None
    assert Session.from_json({"sid": 5, "b": [], "p": {}}) is None
    assert Session.from_json([]) is None


def test_csrf_tokens_belong_to_their_session() -> None:
    mine, theirs = Session.new(), Session.new()
    token = SIGNER.csrf_token(mine)
    assert SIGNER.csrf_ok(mine, token)
    assert not SIGNER.csrf_ok(theirs, token)
    assert not SIGNER.csrf_ok(mine, None)
    assert not SIGNER.csrf_ok(mine, "")
    assert not SIGNER.csrf_ok(mine, token[:-1] + ("A" if token[-1] != "A" else "B"))


def test_only_the_last_few_placed_orders_are_kept() -> None:
    session = Session.new()
    for n in range(8):
        session.remember(f"key-{n}", f"W26120300{n:02d}", "0812345678")
    assert list(session.placed) == [f"key-{n}" for n in range(3, 8)]
    assert session.phone_of("W2612030007") == "0812345678"
    assert session.phone_of("W2612030001") is None


def test_the_token_bucket_refuses_a_burst_and_refills_with_time() -> None:
    now = [100.0]
    bucket = TokenBucket(capacity=3, refill_s=10.0, clock=lambda: now[0])
    assert [bucket.take("1.2.3.4") for _ in range(4)] == [True, True, True, False]
    assert bucket.take("5.6.7.8")  # another client has its own bucket
    now[0] += 9.9
    assert not bucket.take("1.2.3.4")
    now[0] += 0.2
    assert bucket.take("1.2.3.4")
    assert not bucket.take("1.2.3.4")


def test_the_language_is_the_cookie_else_the_browser_else_thai() -> None:
    assert language_of("en", "th-TH") == "en"
    assert language_of(None, "en-GB,en;q=0.9,th;q=0.8") == "en"
    assert language_of(None, "th-TH,th;q=0.9,en;q=0.8") == "th"
    assert language_of("fr", "de-DE") == "th"
    assert language_of(None, None) == "th"


def test_every_text_has_thai_and_english_with_the_same_fields() -> None:
    import string

    for key, (th, en) in TEXTS.items():
        assert th.strip(), key
        assert en.strip(), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(x) if f} for x in (th, en)]
        assert fields[0] == fields[1], key
