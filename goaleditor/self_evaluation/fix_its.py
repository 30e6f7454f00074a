"""The fix-its of the 自评表's problems: a 定性 grade that matches its score, a money column's
total from its rows, the central profile for an unknown one (each one undoable edit)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fix_its import FixIt
from goaleditor.model.money import format_money
from goaleditor.model.values import decimal_value
from goaleditor.self_evaluation.evaluation import profile_of
from goaleditor.self_evaluation.profiles import CENTRAL, ScoringProfile
from goaleditor.self_evaluation.scoring import round_score

if TYPE_CHECKING:  # the checks load at the first check, not at start (tests/ui/test_startup.py)
    from goaleditor.model.checks import Problem

FIX_GRADE_OF_SCORE = "grade-of-score"  # a 定性 score outside its grade's band, or no grade
FIX_MONEY_TOTAL = "money-total"  # a money column's total as the sum of its 其中 rows
FIX_CENTRAL_SCORING = "central-scoring"  # an unknown scoring profile replaced by the central
FIX_PERCENT_OF_FRACTION = "percent-of-fraction"  # 0.972 of a % target written as 97.2%
FIX_LABELS = {
    FIX_PERCENT_OF_FRACTION: "按百分比改写实际完成值",
    FIX_GRADE_OF_SCORE: "按得分选择定性等级",
    FIX_MONEY_TOTAL: "按其中各项重新计算合计",
    FIX_CENTRAL_SCORING: "评分规则改为中央规则",
}
_PARTS = ("_fiscal", "_carryover", "_other")
_ZERO = Decimal(0)


def grade_of_score(score: Decimal, weight: Decimal, profile: ScoringProfile) -> str | None:
    """The 定性 grade whose band holds this score (None when no band does, or no weight)."""
    if weight <= 0:
        return None
    for band in profile.qualitative_bands:
        low, high = round_score(band.low * weight), round_score(band.high * weight)
        if low <= score and (score <= high if band.high_closed else score < high):
            return band.grade
    return None


def fraction_as_percent(actual: str) -> str | None:
    """A bare fraction 0 < B ≤ 1 written as the percent it likely is (0.972 → 97.2%)."""
    value = decimal_value(actual.strip())
    if value is None or not _ZERO < value <= 1:
        return None
    return f"{(value * 100).normalize():f}%"


def self_evaluation_fix_its(problem: Problem, document: Document) -> list[FixIt]:
    """The ways to fix a 自评表 problem; empty when none is obvious."""
    node = problem.node
    if problem.fix == FIX_GRADE_OF_SCORE and isinstance(node, Indicator):
        score, weight = decimal_value(node.score), decimal_value(node.weight)
        if score is None or weight is None:
            return []
        grade = grade_of_score(score, weight, profile_of(document))
        if grade is None or grade == node.grade.strip():
            return []
        return [
            FixIt(f"定性等级改为“{grade}”（与得分{node.score.strip()}相符）", node, "grade", grade)
        ]
    if problem.fix == FIX_MONEY_TOTAL and isinstance(node, GoalTable):
        parts = [getattr(node, f"{problem.field}{suffix}") for suffix in _PARTS]
        if all(part is None for part in parts):
            return []
        total = sum((part or Decimal(0) for part in parts), Decimal(0))
        return [FixIt(f"合计改为{format_money(total)}", node, problem.field, total)]
    if problem.fix == FIX_PERCENT_OF_FRACTION and isinstance(node, Indicator):
        percent = fraction_as_percent(node.actual)
        if percent is None:
            return []
        return [FixIt(f"实际完成值改为{percent}", node, "actual", percent)]
    if problem.fix == FIX_CENTRAL_SCORING:
        return [FixIt(f"评分规则改为{CENTRAL.label}", document, "scoring", CENTRAL.name)]
    return []
