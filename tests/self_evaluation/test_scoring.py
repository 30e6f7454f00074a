"""The scoring rules of DESIGN §5.1, as a table computed by hand, and their properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaleditor.self_evaluation.profiles import (
    CENTRAL,
    HUBEI,
    JIANGXI,
    PROFILES,
    SHANGHAI,
    SICHUAN,
    TIANJIN,
    ScoringProfile,
    get_profile,
)
from goaleditor.self_evaluation.scoring import (
    check_qualitative,
    completion_rate,
    execution_rate,
    grade_of,
    is_computed,
    is_high_score_low_execution,
    needs_over_achievement_explanation,
    round_score,
    score_budget,
    score_indicator,
    total_score,
)

D = Decimal

# (kind, A, B, W, expected score) — each expected value worked out by hand in the comment.
INDICATOR_RULES = [
    # 正向: B ≥ A → W; else B/A × W
    ("≥", "100", "100", "10", "10.00"),  # B = A
    ("≥", "100", "120", "10", "10.00"),  # above the target: capped at W
    ("≥", "100", "90", "10", "9.00"),  # 90/100 × 10
    ("≥", "3", "2", "10", "6.67"),  # 2/3 × 10 = 6.666…
    ("≥", "95", "94.5", "10", "9.95"),  # 945/95 = 9.947…
    ("≥", "16", "1", "10", "0.63"),  # 10/16 = 0.625: half up (not to even 0.62)
    ("≥", "8", "3", "7", "2.63"),  # 21/8 = 2.625: half up
    ("≥", "0", "0", "10", "10.00"),  # A = 0, B ≥ A
    ("≥", "0", "5", "10", "10.00"),  # A = 0, B ≥ A
    ("≥", "0", "-1", "10", "0.00"),  # A = 0, B < 0: no ratio → 0
    ("≥", "100", "-5", "10", "0.00"),  # a negative ratio is cut to 0
    ("≥", "-5", "-3", "10", "10.00"),  # A < 0, B ≥ A
    ("≥", "-5", "-10", "10", "0.00"),  # A < 0, B < A: no partial credit
    ("≥", "100", "90", "0", "0.00"),  # W = 0
    (">", "100", "100", "10", "10.00"),  # strict sign scored as ≥: meeting it earns W
    (">", "100", "50", "8", "4.00"),  # 50/100 × 8
    # 等于: A > 0 as 正向; A = 0: B ≤ 0 → W, else 0
    ("=", "100", "100", "10", "10.00"),  # B = A
    ("=", "100", "80", "10", "8.00"),  # 80/100 × 10
    ("=", "100", "120", "10", "10.00"),  # as 正向: above counts as met
    ("=", "0", "0", "10", "10.00"),  # A = 0, B = 0
    ("=", "0", "-2", "10", "10.00"),  # A = 0, B ≤ 0
    ("=", "0", "1", "10", "0.00"),  # A = 0, B > 0
    ("=", "0", "0.01", "10", "0.00"),  # A = 0, B > 0 however small
    # 反向: B ≤ A → W; A < B < 2A → (1 − (B − A)/A) × W; B ≥ 2A → 0
    ("≤", "100", "100", "10", "10.00"),  # B = A
    ("≤", "100", "50", "10", "10.00"),  # below the ceiling
    ("≤", "100", "150", "10", "5.00"),  # (1 − 50/100) × 10
    ("≤", "100", "199.99", "10", "0.00"),  # (1 − 99.99/100) × 10 = 0.001
    ("≤", "100", "200", "10", "0.00"),  # B = 2A
    ("≤", "100", "250", "10", "0.00"),  # B > 2A
    ("≤", "3", "4", "10", "6.67"),  # (1 − 1/3) × 10 = 6.666…
    ("≤", "16", "31", "10", "0.63"),  # (1 − 15/16) × 10 = 0.625: half up
    ("≤", "0", "0", "10", "10.00"),  # A = 0, B ≤ A
    ("≤", "0", "1", "10", "0.00"),  # A = 0: 2A = A, nothing between
    ("≤", "-5", "-3", "10", "0.00"),  # A < 0, B > A: 2A < A, so B ≥ 2A → 0
    ("<", "30", "30", "5", "5.00"),  # strict sign scored as ≤
    ("<", "30", "33", "5", "4.50"),  # (1 − 3/30) × 5
]


@pytest.mark.parametrize(("kind", "target", "actual", "weight", "expected"), INDICATOR_RULES)
def test_indicator_rule(kind: str, target: str, actual: str, weight: str, expected: str) -> None:
    score = score_indicator(kind, D(target), D(actual), D(weight))
    assert score is not None
    assert str(score) == expected  # the value and its two places


@pytest.mark.parametrize(
    ("kind", "target", "actual", "weight"),
    [
        ("≥", "100", None, "10"),  # B missing: no score, not 0
        ("≥", None, "5", "10"),  # A missing
        ("≥", "100", "5", None),  # W missing
        ("≥", "100", "90", "-1"),  # negative W
        ("定性", "100", "90", "10"),  # entered, not computed
        ("", "100", "90", "10"),
    ],
)
def test_no_score_when_it_cannot_be_computed(
    kind: str, target: str | None, actual: str | None, weight: str | None
) -> None:
    def dec(text: str | None) -> Decimal | None:
        return None if text is None else D(text)

    assert score_indicator(kind, dec(target), dec(actual), dec(weight)) is None


def test_computed_kinds() -> None:
    assert all(is_computed(k) for k in ("≥", ">", "=", "≤", "<"))
    assert not is_computed("定性")


# (profile, 执行率 %, expected budget score)
BUDGET_RULES = [
    (CENTRAL, "100", "10.00"),
    (CENTRAL, "95.5", "9.55"),  # 0.955 × 10
    (CENTRAL, "86.67", "8.67"),
    (CENTRAL, "120", "10.00"),  # capped at 10
    (CENTRAL, "0", "0.00"),
    (CENTRAL, "0.05", "0.01"),  # 0.005: half up
    (CENTRAL, "-5", "0.00"),
    (SHANGHAI, "95.5", "9.55"),
    (SICHUAN, "95.5", "9.55"),
    (TIANJIN, "95.5", "9.55"),
    (HUBEI, "100", "20.00"),  # × 20
    (HUBEI, "95.5", "19.10"),  # 0.955 × 20
    (HUBEI, "50", "10.00"),
    (HUBEI, "120", "20.00"),  # capped at 20
    (JIANGXI, "120", "10.00"),
    (JIANGXI, "100", "10.00"),
    (JIANGXI, "99.99", "7.00"),  # below 100 %: the ≥ 80 % tier
    (JIANGXI, "80", "7.00"),
    (JIANGXI, "79.99", "5.00"),
    (JIANGXI, "60", "5.00"),
    (JIANGXI, "59.99", "0.00"),
    (JIANGXI, "0", "0.00"),
]


@pytest.mark.parametrize(("profile", "rate", "expected"), BUDGET_RULES)
def test_budget_rule(profile: ScoringProfile, rate: str, expected: str) -> None:
    assert str(score_budget(D(rate), profile)) == expected


def test_budget_score_with_another_weight_and_without_a_rate() -> None:
    assert score_budget(D("95.5"), CENTRAL, weight=D(20)) == D("19.10")
    assert score_budget(None, CENTRAL) is None


@pytest.mark.parametrize(
    ("adjusted", "executed", "expected"),
    [
        ("200", "190", "95.00"),
        ("3", "2", "66.67"),  # 66.666…
        ("3", "1", "33.33"),
        ("200", "0.01", "0.01"),  # 0.005 %: half up
        ("100", "0", "0.00"),
        ("100", "105", "105.00"),  # executed above the budget: said as it is
    ],
)
def test_execution_rate(adjusted: str, executed: str, expected: str) -> None:
    assert str(execution_rate(D(adjusted), D(executed))) == expected


def test_execution_rate_without_a_budget() -> None:
    assert execution_rate(D(0), D(5)) is None
    assert execution_rate(None, D(5)) is None
    assert execution_rate(D(5), None) is None


@pytest.mark.parametrize(
    ("total", "central", "shanghai"),
    [
        ("100", "优", "优"),
        ("90", "优", "优"),  # exactly 90
        ("89.99", "良", "良"),
        ("80", "良", "良"),  # exactly 80
        ("79.99", "中", "合格"),
        ("60", "中", "合格"),  # exactly 60
        ("59.99", "差", "不合格"),
        ("0", "差", "不合格"),
        ("-1", "差", "不合格"),
    ],
)
def test_grade_thresholds(total: str, central: str, shanghai: str) -> None:
    assert grade_of(D(total), CENTRAL) == central
    assert grade_of(D(total), SHANGHAI) == shanghai


def test_total_is_the_sum_of_rounded_scores() -> None:
    assert total_score([D("6.67"), D("3.33"), None, D("10")]) == D("20.00")
    # 1.005 + 1.005 rounded each (1.01 + 1.01), not the sum rounded (2.01)
    assert total_score([D("1.005"), D("1.005")]) == D("2.02")
    assert total_score([]) == D(0)


@pytest.mark.parametrize(
    ("grade", "score", "weight", "fits"),
    [
        ("达成", "10", "10", True),
        ("达成", "8", "10", True),  # 80 % closed below
        ("达成", "7.99", "10", False),
        ("达成", "10.01", "10", False),  # above W
        ("部分达成", "6", "10", True),  # 60 % closed below
        ("部分达成", "7.99", "10", True),
        ("部分达成", "8", "10", False),  # 80 % open above
        ("部分达成", "5.99", "10", False),
        ("未达成", "0", "10", True),
        ("未达成", "5.99", "10", True),
        ("未达成", "6", "10", False),  # 60 % open above
        ("未达成", "-1", "10", False),
        ("达成预期指标", "9", "10", True),  # as the central form writes it
        ("部分达成", "4.2", "7", True),  # 60 % of 7
        ("部分达成", "5.6", "7", False),  # 80 % of 7, open
        ("达成", "0", "0", True),  # W = 0: only 0 fits
        ("达成", "1", "0", False),
    ],
)
def test_qualitative_band(grade: str, score: str, weight: str, fits: bool) -> None:
    assert (check_qualitative(grade, D(score), D(weight)) is None) is fits


def test_qualitative_reasons_are_said() -> None:
    said = check_qualitative("部分达成", D(8), D(10))
    assert said == "定性指标评为“部分达成”，得分应不低于6.00分且低于8.00分（现为8）"
    said = check_qualitative("达成", D(7), D(10))
    assert said == "定性指标评为“达成”，得分应在8.00至10.00分之间（现为7）"
    said = check_qualitative("较好", D(7), D(10))
    assert said == "定性指标的等级“较好”应为达成、部分达成、未达成之一"


@pytest.mark.parametrize(
    ("kind", "target", "actual", "needed"),
    [
        ("≥", "100", "130", True),  # exactly 130 %
        ("≥", "100", "129.99", False),
        ("=", "100", "150", True),
        ("≤", "100", "130", False),  # 反向: above the ceiling is scored down, not over-achieved
        ("≥", "0", "5", False),  # no ratio to A = 0
    ],
)
def test_over_achievement(kind: str, target: str, actual: str, needed: bool) -> None:
    assert needs_over_achievement_explanation(kind, D(target), D(actual), CENTRAL) is needed


def test_high_score_low_execution() -> None:
    completion = completion_rate([D("9.5"), D(10), None], [D(10), D(10)])
    assert completion == D("97.50")  # 19.5 / 20
    assert is_high_score_low_execution(completion, D("92.49"))  # 5.01 points
    assert not is_high_score_low_execution(completion, D("92.50"))  # exactly 5 points
    assert not is_high_score_low_execution(None, D(50))
    assert completion_rate([], []) is None


def test_profiles_by_name() -> None:
    assert set(PROFILES) == {"central", "shanghai", "sichuan", "tianjin", "hubei", "jiangxi"}
    assert get_profile("") is CENTRAL
    assert get_profile("no-such-region") is CENTRAL
    assert get_profile("hubei") is HUBEI
    for profile in PROFILES.values():  # indicators and budget make 100
        assert profile.weights.indicators + profile.weights.budget == 100
    assert SHANGHAI.grade_names == ("优", "良", "合格", "不合格")


# --- properties -------------------------------------------------------------------------

amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=2)
weights = st.decimals(min_value=0, max_value=100, places=2)
rates = st.decimals(min_value=-50, max_value=200, places=2)
kinds = st.sampled_from(["≥", ">", "=", "≤", "<"])


@given(kinds, amounts, amounts, weights)
def test_score_lies_in_zero_to_weight(kind: str, a: Decimal, b: Decimal, w: Decimal) -> None:
    score = score_indicator(kind, a, b, w)
    assert score is not None
    assert 0 <= score <= w


@given(st.sampled_from(["≥", ">"]), amounts, amounts, amounts, weights)
def test_positive_is_monotone_in_actual(
    kind: str, a: Decimal, b1: Decimal, b2: Decimal, w: Decimal
) -> None:
    low, high = sorted((b1, b2))
    assert score_indicator(kind, a, low, w) <= score_indicator(kind, a, high, w)


@given(st.sampled_from(["≤", "<"]), amounts, amounts, amounts, weights)
def test_reverse_is_antitone_in_actual(
    kind: str, a: Decimal, b1: Decimal, b2: Decimal, w: Decimal
) -> None:
    low, high = sorted((b1, b2))
    assert score_indicator(kind, a, low, w) >= score_indicator(kind, a, high, w)


@given(st.sampled_from(list(PROFILES.values())), rates, rates)
def test_budget_score_lies_in_weight_and_grows_with_rate(
    profile: ScoringProfile, r1: Decimal, r2: Decimal
) -> None:
    low, high = sorted((r1, r2))
    low_score, high_score = score_budget(low, profile), score_budget(high, profile)
    assert low_score is not None and high_score is not None
    assert 0 <= low_score <= high_score <= profile.weights.budget


def test_scores_of_numbers_beyond_the_default_precision_are_rounded_not_refused() -> None:
    huge = Decimal("9" * 40)
    assert round_score(Decimal("9" * 40 + ".005")) == Decimal("9" * 40 + ".01")
    assert score_indicator("≥", Decimal(12), Decimal(12), huge) == huge
    assert score_indicator("≥", Decimal(12), Decimal(6), huge) == round_score(huge / 2)
    assert execution_rate(Decimal(1), huge) == huge * 100
    assert check_qualitative("达成", huge, huge) is None


@pytest.mark.parametrize(
    ("kind", "target", "actual", "weight", "expected"),
    [
        ("≥", "12", "12", "12.505", "12.50"),  # half-up would give 12.51, above W
        ("≥", "12", "12", "0.009", "0.00"),
        ("≤", "30", "30", "0.005", "0.00"),
        ("≥", "12", "6", "12.505", "6.25"),  # 6.2525 → 6.25, below W: half-up as ever
        ("≥", "12", "12", "12.504", "12.50"),
    ],
)
def test_a_score_is_never_above_a_weight_of_more_than_two_places(
    kind: str, target: str, actual: str, weight: str, expected: str
) -> None:
    score = score_indicator(kind, D(target), D(actual), D(weight))
    assert score == D(expected)
    assert score is not None and score <= D(weight)


def test_a_budget_score_is_never_above_a_weight_of_more_than_two_places() -> None:
    assert score_budget(D(100), CENTRAL, D("9.995")) == D("9.99")
    assert score_budget(D(100), JIANGXI, D("9.995")) == D("9.99")
    assert score_budget(D(50), CENTRAL, D("9.995")) == D("5.00")  # 4.9975 → 5.00 ≤ W


def test_no_execution_rate_of_a_negative_execution() -> None:
    assert execution_rate(D(105), D("-99.99")) is None
    assert execution_rate(D(105), D(0)) == D("0.00")


def test_figures_near_the_decimal_limits_are_scored_not_overflowed() -> None:
    big = D("9e999999")
    assert score_indicator("≥", D(12), D(6), big) == round_score(big / 2)
    assert score_indicator("≤", D("5e999999"), D("6e999999"), D(10)) == D("8.00")
    assert execution_rate(D(1), big) == D("9e1000001")
    assert score_budget(big) == D("10.00")
    assert total_score([big, big]) > big
    assert completion_rate([big], [big]) == D("100.00")
