"""A 自评表 table scored by its profile: each indicator's score in force, the budget's execution
and score, the total and the grade (DESIGN §5.1)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.values import QUALITATIVE, decimal_value
from goaleditor.self_evaluation.actual_values import ActualValue, read_actual
from goaleditor.self_evaluation.profiles import ScoreMode, ScoringProfile, get_profile
from goaleditor.self_evaluation.scoring import (
    completion_rate,
    execution_rate,
    grade_of,
    round_score,
    score_budget,
    score_indicator,
    total_score,
)

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """One 三级 indicator scored: what the rule gives, what was entered, and the score in force."""

    indicator: Indicator
    weight: Decimal | None  # 分值, None when not a number
    target: Decimal | None  # A, None for 定性 or a target that is not a number
    actual: ActualValue | None  # B as read (None for 定性)
    rule: Decimal | None  # the rule's score (None for 定性 or when A, B or W is missing)
    entered: Decimal | None  # the score the clerk typed (None when none or not a number)
    mode: ScoreMode

    @property
    def qualitative(self) -> bool:
        """True for a 定性 indicator (its score is entered)."""
        return self.mode == "entered"

    @property
    def score(self) -> Decimal | None:
        """The score in force: entered for 定性 and an edited editable score, else the rule's."""
        if self.mode == "entered" or (self.mode == "editable" and self.entered is not None):
            return self.entered
        return self.rule


@dataclass(frozen=True, slots=True)
class TableScore:
    """A table scored: its indicators, the budget's execution and score, the total and grade."""

    indicators: tuple[IndicatorScore, ...]
    execution_rate: Decimal | None  # percent, 2 places
    budget_weight: Decimal | None
    budget_rule: Decimal | None  # the rule's budget score
    budget_entered: Decimal | None
    budget_mode: ScoreMode
    total: Decimal  # the sum of the scores there are (complete says whether all are)
    grade: str  # "" until every score is known
    completion: Decimal | None  # Σ得分 / Σ分值 of the indicators, percent

    @property
    def budget_score(self) -> Decimal | None:
        """The budget's score in force."""
        if self.budget_mode == "editable" and self.budget_entered is not None:
            return self.budget_entered
        return self.budget_rule

    @property
    def indicator_total(self) -> Decimal:
        """Σ得分 of the indicators."""
        return total_score(i.score for i in self.indicators)

    @property
    def complete(self) -> bool:
        """True when the table has indicators and every one and the budget have a score (a
        table without indicators is not evaluated: no total of the budget's score alone)."""
        return _complete(self.budget_score, self.indicators)


def _complete(budget: Decimal | None, indicators: tuple[IndicatorScore, ...]) -> bool:
    return budget is not None and bool(indicators) and all(i.score is not None for i in indicators)


def profile_of(document: Document | None) -> ScoringProfile:
    """The scoring profile a document names (central when none or unknown)."""
    return get_profile(document.scoring if document is not None else "")


def score_text(score: Decimal | None) -> str:
    """A score as printed and exchanged: 2 places (6.67, 10.00); '' when there is none."""
    return "" if score is None else f"{round_score(score):f}"


def indicator_score(indicator: Indicator, profile: ScoringProfile) -> IndicatorScore:
    """Score one 三级 indicator under the profile."""
    weight = decimal_value(indicator.weight)
    entered = decimal_value(indicator.score)
    if indicator.comparator == QUALITATIVE:
        return IndicatorScore(indicator, weight, None, None, None, entered, "entered")
    target = decimal_value(indicator.value)
    actual = read_actual(indicator.actual, indicator.unit)
    rule = score_indicator(indicator.comparator, target, actual.value, weight, profile)
    mode = profile.quantitative_scores
    return IndicatorScore(indicator, weight, target, actual, rule, entered, mode)


def budget_weight_of(table: GoalTable, profile: ScoringProfile) -> Decimal | None:
    """The budget's 分值: the table's own, else the profile's default (10; 湖北 20)."""
    if not table.budget_weight.strip():
        return profile.weights.budget
    return decimal_value(table.budget_weight)


def score_table(table: GoalTable, profile: ScoringProfile) -> TableScore:
    """Score every indicator and the budget of a table, then total and grade it."""
    indicators = tuple(indicator_score(i, profile) for _, _, i in table.indicator_rows())
    rate = execution_rate(table.budget_adjusted, table.budget_executed)
    weight = budget_weight_of(table, profile)
    budget_rule = score_budget(rate, profile, weight) if weight is not None else None
    entered = decimal_value(table.budget_score)
    budget = entered if profile.budget_score == "editable" and entered is not None else budget_rule
    total = total_score([*(i.score for i in indicators), budget])
    complete = _complete(budget, indicators)
    completion = completion_rate(
        (i.score for i in indicators), (i.weight or _ZERO for i in indicators)
    )
    return TableScore(
        indicators,
        rate,
        weight,
        budget_rule,
        entered,
        profile.budget_score,
        total,
        grade_of(total, profile) if complete else "",
        completion,
    )
