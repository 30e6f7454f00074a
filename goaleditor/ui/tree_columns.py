"""The indicator tree's columns: the widths of the narrow ones and which of them show."""

from __future__ import annotations

from goaleditor.ui.indicator_model import (
    COL_ACTUAL,
    COL_COMPARATOR,
    COL_DEVIATION,
    COL_DISPLAY,
    COL_GRADE,
    COL_LAST_YEAR,
    COL_SCORE,
    COL_UNIT,
    COL_VALUE,
    COL_WEIGHT,
    REVIEW_WIDTHS,
    IndicatorTreeModel,
    printed_columns,
)
from goaleditor.ui.self_evaluation_columns import (
    ACTUAL_WIDTH,
    DEVIATION_WIDTH,
    GRADE_WIDTH,
    SCORE_WIDTH,
)

# 三级指标 and 描述 share the room left by these narrow columns.
FIXED_WIDTHS = {COL_COMPARATOR: 70, COL_VALUE: 100, COL_UNIT: 80, COL_DISPLAY: 120, COL_WEIGHT: 60}
FIXED_WIDTHS |= {COL_ACTUAL: ACTUAL_WIDTH, COL_SCORE: SCORE_WIDTH, COL_GRADE: GRADE_WIDTH}
FIXED_WIDTHS |= {COL_DEVIATION: DEVIATION_WIDTH}  # the 自评表's columns
FIXED_WIDTHS |= {COL_LAST_YEAR: 120} | REVIEW_WIDTHS  # 上年指标值; a reviewer's columns


def shown_columns(model: IndicatorTreeModel, printed: frozenset[str]) -> tuple[int, ...]:
    """The columns shown: those of the fields the layout prints (a 自评表's own too), a
    reviewer's in review mode, and 上年指标值 while a last year is chosen."""
    shown = printed_columns(printed, model.self_evaluation) + model.review_columns
    if model.last_year is not None:
        shown = (*shown, COL_LAST_YEAR)
    return shown
