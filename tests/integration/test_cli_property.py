"""Generated hostile values given to the commands: every run ends in a result or in a plain
refusal with exit code 2, never a traceback or a bug (issue 20, item 7)."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos.app.cli.refund import parse_lines
from pos.domain.errors import ShopError
from tests.helpers.crc import tlv_dict
from tests.integration.test_cli import cli, home  # noqa: F401 (home: the app's folders, autouse)

SHOP_ID = "0801234567"

# what a person, a spreadsheet or a script might type as an amount
AMOUNT_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=string.digits + ".,-+eE฿ ๑๒๓", max_size=30),
    st.sampled_from(["NaN", "-NaN", "sNaN", "Infinity", "-inf", "1e30", "1E+10", "0x10", "1_000"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(AMOUNT_TEXT)
@example("1" + "0" * 26)  # once a bug: beyond the parser's 28 digits of precision
def test_promptpay_amount_gives_a_qr_or_a_plain_refusal(amount: str) -> None:
    code, out, err = cli("promptpay", "--id", SHOP_ID, f"--amount={amount}")
    assert code in (0, 2), err
    assert "Traceback" not in err
    assert "this is a bug" not in err
    if code == 0:
        field = tlv_dict(out.strip())["54"]
        assert len(field) <= 13  # what EMVCo's amount field holds
    else:
        assert err.startswith("otop-pos: ")
        assert out == ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=4))
def test_refund_lines_are_read_or_refused_in_plain_words(items: list[str]) -> None:
    try:
        lines = parse_lines(items)
    except ShopError:
        return  # a plain refusal (its words are checked in tests/returns)
    for line_no, quantity in lines.items():
        assert line_no >= 0
        assert quantity.is_finite()
        assert 0 < quantity <= 99_999
