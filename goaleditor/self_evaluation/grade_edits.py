"""Choosing a 定性 grade as one reversible step: 达成 on an indicator not yet scored also fills
its full 分值 (the top of 达成's band), which the clerk may lower within the band."""

from __future__ import annotations

from goaleditor.model.document import Indicator
from goaleditor.model.edits import Edit, SetField, Steps
from goaleditor.model.values import decimal_value
from goaleditor.self_evaluation.profiles import ACHIEVED


def grade_edit(indicator: Indicator, grade: str) -> tuple[Edit | None, str]:
    """The step that sets a 定性 grade, and what it filled in besides ("" if nothing)."""
    if indicator.grade == grade:
        return None, ""
    chosen = SetField(indicator, "grade", grade)
    weight = decimal_value(indicator.weight)
    if grade != ACHIEVED or indicator.score.strip() or weight is None:
        return chosen, ""
    full = indicator.weight.strip()
    step = Steps((chosen, SetField(indicator, "score", full)), "修改定性等级")
    return step, f"评为达成：得分按满分{full}填入（可在达成的范围内改低）"
