"""The scoring rules of DESIGN §5.1 as pure functions on Decimal (A target, B actual, W weight).

正向 (≥ >): B ≥ A → W, else B/A × W.  等于 (=): A > 0 as 正向; A = 0: B ≤ 0 → W, else 0.
反向 (≤ <): B ≤ A → W; A < B < 2A → (1 − (B − A)/A) × W; B ≥ 2A → 0.
Every score is cut to [0, W] and rounded to 2 places half-up (down where up would pass a W of
more places: W = 12.505 scores at most 12.50); a total is the sum of the
rounded scores. The edges the table leaves open are decided here, the same in every profile:

- ">" and "<" score as "≥" and "≤": meeting the target exactly earns W (the budget system's
  rule is written for ≥/≤ and applied to the strict signs alike).
- 正向 with A = 0: any B ≥ 0 meets it → W; B < 0 → 0 (B/0 has no meaning).
- 正向 (and 等于) with A < 0, B < A: B/A would grow as B falls, so no partial credit → 0.
- A negative B with A > 0 gives a negative ratio → cut to 0.
- 反向 with A ≤ 0: B ≤ A → W, else 0 (there is no room between A and 2A).
- B (or A, or W) missing, or W negative → no score (None), never 0: the check says what is
  missing. W = 0 → 0.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from decimal import MAX_EMAX, MIN_EMIN, ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import ParamSpec, TypeVar

from goaleditor.self_evaluation.profiles import CENTRAL, QualitativeBand, ScoringProfile

POSITIVE_COMPARATORS = frozenset({"≥", ">"})
EQUAL_COMPARATOR = "="
REVERSE_COMPARATORS = frozenset({"≤", "<"})
_COMPUTED = POSITIVE_COMPARATORS | REVERSE_COMPARATORS | {EQUAL_COMPARATOR}

_CENT = Decimal("0.01")
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
# 定性 grades as clerks write them on the central form (达成预期指标 …).
_GRADE_SPELLINGS = {
    "达成预期指标": "达成",
    "部分达成预期指标": "部分达成",
    "未达成预期指标": "未达成",
}
# Completion above 执行率 by more than this many points is 高自评低执行.
HIGH_SCORE_LOW_EXECUTION_POINTS = Decimal(5)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _wide_exponents(rule: Callable[_P, _R]) -> Callable[_P, _R]:
    """The rule worked with Decimal's widest exponents: a figure near the default limits
    (Decimal('9e999999') × 2) is a number, never an Overflow."""

    @functools.wraps(rule)
    def worked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext() as context:
            context.Emax, context.Emin = MAX_EMAX, MIN_EMIN
            return rule(*args, **kwargs)

    return worked


@_wide_exponents
def round_score(value: Decimal) -> Decimal:
    """A score rounded to 2 places, half up (8.665 → 8.67); any size of number (a 分值 of
    40 digits) is rounded, never refused for want of precision."""
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + 3)
        return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _within_weight(value: Decimal, weight: Decimal) -> Decimal:
    """A score in [0, W] rounded to 2 places, rounded down where rounding up would pass a W
    of more places (a full score of W = 12.505 is 12.50, not 12.51)."""
    rounded = round_score(value)
    if rounded <= weight:
        return rounded
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + 3)
        return value.quantize(_CENT, rounding=ROUND_DOWN)


def is_computed(comparator: str) -> bool:
    """True when the comparator's indicators are scored by rule (not 定性)."""
    return comparator in _COMPUTED


@_wide_exponents
def score_indicator(
    comparator: str,
    target: Decimal | None,
    actual: Decimal | None,
    weight: Decimal | None,
    profile: ScoringProfile = CENTRAL,
) -> Decimal | None:
    """The rule's score of one quantitative indicator, or None when it cannot be computed.

    None for 定性 (entered, not computed), a missing A, B or W, and a negative W. Every known
    profile shares these indicator rules; the profile is taken so that one may differ.
    """
    del profile  # no profile varies the indicator rules yet (see profiles.py on 湖北)
    if target is None or actual is None or weight is None or weight < 0:
        return None
    if comparator in POSITIVE_COMPARATORS:
        raw = _positive(target, actual, weight)
    elif comparator == EQUAL_COMPARATOR:
        if target == 0:
            raw = weight if actual <= 0 else _ZERO
        else:
            raw = _positive(target, actual, weight)
    elif comparator in REVERSE_COMPARATORS:
        raw = _reverse(target, actual, weight)
    else:
        return None
    return _within_weight(min(max(raw, _ZERO), weight), weight)


def _positive(target: Decimal, actual: Decimal, weight: Decimal) -> Decimal:
    if actual >= target:
        return weight
    if target <= 0:
        return _ZERO
    return actual * weight / target


def _reverse(target: Decimal, actual: Decimal, weight: Decimal) -> Decimal:
    if actual <= target:
        return weight
    if target <= 0 or actual >= 2 * target:
        return _ZERO
    return (2 * target - actual) * weight / target


@_wide_exponents
def execution_rate(adjusted: Decimal | None, executed: Decimal | None) -> Decimal | None:
    """执行率 in percent, 2 places half-up: 全年执行数 / 全年预算数; None when it has no value
    (a 全年预算数 not above 0, a negative 全年执行数: the checks say so, no rate is printed)."""
    if adjusted is None or executed is None or adjusted <= 0 or executed < 0:
        return None
    return round_score(executed * _HUNDRED / adjusted)


@_wide_exponents
def score_budget(
    rate: Decimal | None, profile: ScoringProfile = CENTRAL, weight: Decimal | None = None
) -> Decimal | None:
    """The budget's score from 执行率 (percent, as printed) under the profile's rule.

    weight defaults to the profile's budget weight (10; 湖北 20). Proportional: min(执行率 × W,
    W); tiers (江西): the share of W of the first tier the rate reaches, else 0.
    """
    chosen = profile.weights.budget if weight is None else weight
    if rate is None or chosen < 0:
        return None
    rule = profile.budget_rule
    if rule.kind == "tiers":
        share = next((t.share for t in rule.tiers if rate >= t.at_least), _ZERO)
        return _within_weight(share * chosen, chosen)
    return _within_weight(min(max(rate, _ZERO) * chosen / _HUNDRED, chosen), chosen)


@_wide_exponents
def total_score(scores: Iterable[Decimal | None]) -> Decimal:
    """The total: the sum of the rounded scores (indicators and budget); None adds nothing."""
    return sum((round_score(s) for s in scores if s is not None), _ZERO)


def grade_of(total: Decimal, profile: ScoringProfile = CENTRAL) -> str:
    """The grade name of a total (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below; Shanghai's names)."""
    for step in profile.grades:
        if total >= step.at_least:
            return step.name
    return profile.grades[-1].name


def qualitative_band(grade: str, profile: ScoringProfile = CENTRAL) -> QualitativeBand | None:
    """The band of a 定性 grade (达成, 部分达成, 未达成, or …预期指标), None if unknown."""
    name = grade.strip()
    name = _GRADE_SPELLINGS.get(name, name)
    return next((b for b in profile.qualitative_bands if b.grade == name), None)


@_wide_exponents
def check_qualitative(
    grade: str, score: Decimal, weight: Decimal, profile: ScoringProfile = CENTRAL
) -> str | None:
    """None when an entered 定性 score lies in its grade's band, else the Chinese reason."""
    band = qualitative_band(grade, profile)
    if band is None:
        names = "、".join(b.grade for b in profile.qualitative_bands)
        return f"定性指标的等级“{grade.strip()}”应为{names}之一"
    if weight == 0:
        return None if score == 0 else f"分值为0，得分应为0（现为{score}）"
    low, high = round_score(band.low * weight), round_score(band.high * weight)
    within = low <= score and (score <= high if band.high_closed else score < high)
    if within:
        return None
    closed, half_open = f"应在{low}至{high}分之间", f"应不低于{low}分且低于{high}分"
    allowed = closed if band.high_closed else half_open
    return f"定性指标评为“{band.grade}”，得分{allowed}（现为{score}）"


@_wide_exponents
def needs_over_achievement_explanation(
    comparator: str, target: Decimal | None, actual: Decimal | None, profile: ScoringProfile
) -> bool:
    """True when the profile asks a 偏差原因 for B ≥ 130 % of A (正向 and 等于, A > 0)."""
    if not profile.over_achievement_needs_explanation or target is None or actual is None:
        return False
    if comparator not in POSITIVE_COMPARATORS and comparator != EQUAL_COMPARATOR:
        return False
    return target > 0 and actual >= profile.over_achievement_ratio * target


@_wide_exponents
def completion_rate(scores: Iterable[Decimal | None], weights: Iterable[Decimal]) -> Decimal | None:
    """Indicator completion Σ得分 / Σ分值 in percent (2 places); None with no weight."""
    total_weight = sum(weights, _ZERO)
    if total_weight <= 0:
        return None
    return round_score(total_score(scores) * _HUNDRED / total_weight)


@_wide_exponents
def is_high_score_low_execution(completion: Decimal | None, rate: Decimal | None) -> bool:
    """True when indicator completion exceeds 执行率 by more than 5 points (高自评低执行)."""
    if completion is None or rate is None:
        return False
    return completion - rate > HIGH_SCORE_LOW_EXECUTION_POINTS
