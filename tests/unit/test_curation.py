"""Curation rules: the transition table, the review's quorum and pass mark, the อย. number,
certificate expiry at 90, 30 and 0 days, and what the till does with a product."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pos.domain.bilingual import Bilingual
from pos.domain.curation import (
    APPROVED,
    BLOCK,
    PENDING,
    REJECTED,
    TRANSITIONS,
    WARN,
    Certificate,
    CertKind,
    Criterion,
    CurationError,
    Decision,
    Expiry,
    NotForSale,
    Review,
    ReviewRules,
    Status,
    Step,
    advance,
    check_certificate,
    check_review,
    expiry_state,
    normalize_fda_number,
    parse_application,
    parse_members,
    sale_check,
)
from pos.domain.errors import SettingsError
from pos.domain.settings import Settings

TODAY = date(2026, 12, 3)
SILK = Bilingual("ผ้าไหม", "Silk")


def test_an_application_goes_through_review_to_a_decision_and_back_after_changes() -> None:
    s = advance(Status.SUBMITTED, Step.START_REVIEW)
    assert s is Status.UNDER_REVIEW
    s = advance(s, Step.REQUEST_CHANGES)
    assert s is Status.CHANGES_REQUESTED
    s = advance(s, Step.RESUBMIT)
    assert s is Status.RESUBMITTED
    s = advance(advance(s, Step.START_REVIEW), Step.APPROVE)
    assert s is Status.APPROVED


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("step", list(Step))
def test_every_step_not_in_the_table_is_refused(status: Status, step: Step) -> None:
    if (status, step) in TRANSITIONS:
        assert advance(status, step) is TRANSITIONS[(status, step)]
    else:
        with pytest.raises(CurationError) as refused:
            advance(status, step)
        assert "Cannot" in refused.value.message_en
        assert "ไม่ได้" in refused.value.message_th


def test_a_decided_application_stays_decided() -> None:
    for final in (Status.APPROVED, Status.REJECTED):
        assert not [step for (s, step) in TRANSITIONS if s is final]
    with pytest.raises(CurationError):
        advance(Status.SUBMITTED, Step.APPROVE)  # never approved without a review


def _app(**changes: str) -> dict[str, str]:
    values = {
        "sku": "KK-NEW-001", "producer": "P01", "name_th": "ผ้าไหมใหม่", "name_en": "New silk",
        "category": "textile", "price": "1,250.50",
    }  # fmt: skip
    values.update(changes)
    return values


def test_an_application_form_is_read_and_each_bad_field_is_named() -> None:
    details = parse_application(_app(), photos=("silk.jpg",))
    assert details.price == Decimal("1250.50")
    assert details.category.value == "textile"
    assert details.photos == ("silk.jpg",)
    for field, bad, named in (
        ("sku", "", "SKU"),
        ("sku", "KK NEW", "SKU"),
        ("name_th", "", "Thai name"),
        ("name_en", "=HYPERLINK(1)", "English name"),
        ("category", "cars", "Category"),
        ("price", "abc", "Proposed price"),
        ("price", "0", "Proposed price"),
        ("producer", " ", "Producer"),
    ):
        with pytest.raises(CurationError) as refused:
            parse_application(_app(**{field: bad}))
        assert named in refused.value.message_en, (field, bad)


RULES = ReviewRules(quorum=3, pass_mark=30)


def _review(
    members: tuple[str, ...] = ("A", "B", "C"),
    score: int = 7,
    decision: Decision = Decision.APPROVE,
) -> Review:
    return Review(TODAY, members, {c: score for c in Criterion}, decision, "ok")


def test_a_review_needs_a_quorum_scores_for_every_criterion_and_the_pass_mark_to_approve() -> None:
    check_review(_review(), RULES)
    assert _review().total == 35
    check_review(_review(score=6), RULES)  # 30: exactly the pass mark
    with pytest.raises(CurationError, match="quorum is 3"):
        check_review(_review(members=("A", "B")), RULES)
    with pytest.raises(CurationError, match="named once"):
        check_review(_review(members=("A", "B", "a")), RULES)
    with pytest.raises(CurationError, match="below the pass mark 30"):
        check_review(_review(score=5), RULES)
    check_review(_review(score=5, decision=Decision.REJECT), RULES)  # a low score may reject
    with pytest.raises(CurationError, match="Score for Quality"):
        check_review(_review(score=11), RULES)
    missing = Review(TODAY, ("A", "B", "C"), {Criterion.QUALITY: 9}, Decision.REJECT)
    with pytest.raises(CurationError, match="Score for Identity"):
        check_review(missing, RULES)
    assert parse_members("สมชาย, สมหญิง\nวิไล\n") == ("สมชาย", "สมหญิง", "วิไล")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("40-1-12345-2-0001", "40-1-12345-2-0001"),
        ("4011234520001", "40-1-12345-2-0001"),
        ("10 1 00001 1 0001", "10-1-00001-1-0001"),
        ("๔๐-๑-๑๒๓๔๕-๒-๐๐๐๑", "40-1-12345-2-0001"),
    ],
)
def test_an_fda_number_is_13_digits_in_its_groups(typed: str, stored: str) -> None:
    assert normalize_fda_number(typed) == stored


@pytest.mark.parametrize(
    "bad",
    ["", "40-1-12345-2-000", "40-1-12345-2-00011", "401-12345-2-0001x", "09-1-12345-2-0001",
     "97-1-12345-2-0001", "40-1-1234-52-0001", "٤٠-١-١٢٣٤٥-٢-٠٠٠١"],
)  # fmt: skip
def test_a_wrong_fda_number_is_refused_with_its_form(bad: str) -> None:
    with pytest.raises(CurationError) as refused:
        normalize_fda_number(bad)
    assert "XX-X-XXXXX-X-XXXX" in refused.value.message_en
    assert "เลข อย." in refused.value.message_th


def test_a_certificate_is_checked_field_by_field() -> None:
    fda = check_certificate(Certificate(CertKind.FDA, "4011234520001", product_sku="S"))
    assert fda.number == "40-1-12345-2-0001"
    stars = check_certificate(
        Certificate(CertKind.OTOP_STARS, "4", issued=date(2023, 5, 1), producer_code="P01")
    )
    assert stars.stars == 4
    assert stars.title.th == "OTOP 4 ดาว (2566)"
    for cert, named in (
        (Certificate(CertKind.HALAL, "H-1"), "Holder"),
        (Certificate(CertKind.HALAL, "H-1", product_sku="S", producer_code="P"), "Holder"),
        (Certificate(CertKind.HALAL, " ", product_sku="S"), "Number"),
        (Certificate(CertKind.OTOP_STARS, "6", issued=TODAY, product_sku="S"), "Stars"),
        (Certificate(CertKind.OTOP_STARS, "4", product_sku="S"), "Issued"),
        (Certificate(CertKind.FDA, "12", product_sku="S"), "FDA"),
        (
            Certificate(CertKind.GI, "GI-1", issued=TODAY, expires=TODAY, product_sku="S"),
            "Expires",
        ),
        (Certificate(CertKind.GI, "GI-1", file="", product_sku="S"), "Scanned file"),
    ):
        with pytest.raises(CurationError) as refused:
            check_certificate(cert)
        assert refused.value.message_en.startswith(named), cert


@pytest.mark.parametrize(
    ("days_left", "state"),
    [
        (400, Expiry.VALID),
        (91, Expiry.VALID),
        (90, Expiry.EXPIRING_90),
        (31, Expiry.EXPIRING_90),
        (30, Expiry.EXPIRING_30),
        (1, Expiry.EXPIRING_30),
        (0, Expiry.EXPIRED),
        (-5, Expiry.EXPIRED),
    ],
)
def test_expiry_alerts_come_at_90_30_and_0_days(days_left: int, state: Expiry) -> None:
    expires = date.fromordinal(TODAY.toordinal() + days_left)
    assert expiry_state(expires, TODAY) is state
    assert expiry_state(None, TODAY) is Expiry.VALID


def test_the_till_sells_only_approved_products_and_warns_or_blocks_an_expired_certificate() -> None:
    assert sale_check(SILK, APPROVED, None, TODAY, WARN).warning is None
    assert sale_check(SILK, APPROVED, date(2027, 1, 1), TODAY, BLOCK).warning is None
    for status, words in ((PENDING, "not approved"), (REJECTED, "rejected")):
        with pytest.raises(NotForSale) as refused:
            sale_check(SILK, status, None, TODAY, WARN)
        assert words in refused.value.message_en
        assert "ขายไม่ได้" in refused.value.message_th
    warned = sale_check(SILK, APPROVED, TODAY, TODAY, WARN).warning
    assert warned is not None
    assert "expired on 2026-12-03" in warned.en
    assert "หมดอายุ" in warned.th
    with pytest.raises(NotForSale, match="expired on 2026-12-03"):
        sale_check(SILK, APPROVED, TODAY, TODAY, BLOCK)


def test_the_settings_know_the_expired_certificate_rule_and_the_committee() -> None:
    assert Settings().expired_certificate == WARN
    assert Settings.from_dict({"expired_certificate": "block"}).expired_certificate == BLOCK
    for bad in ({"expired_certificate": "stop"}, {"curation_quorum": 0},
                {"curation_pass_mark": 51}):  # fmt: skip
        with pytest.raises(SettingsError, match=r"curation|expired certificate"):
            Settings.from_dict(bad)


def test_an_application_sku_is_kept_upper_case_as_every_sku() -> None:
    assert parse_application(_app(sku="kk-new-002")).sku == "KK-NEW-002"
