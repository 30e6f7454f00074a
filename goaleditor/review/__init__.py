"""A reviewer's round (DESIGN §5.2): what the marks in a goal document tell the clerk.

`review_problems(table, number)` gives the problems a reviewer's marks raise (an indicator
marked 不通过, a table whose 审核结果 is 不通过 or 修改完善后通过); `chosen_verdict` and
`chosen_result` read what a reviewer types into a 审核结论 or 审核结果 cell.

Pure domain: it reads the model and imports no Qt, no formats and no ui.
"""

from goaleditor.review.checks import (
    FAILED_INDICATOR,
    FAILED_TABLE,
    TO_COMPLETE,
    is_review_problem,
    review_problems,
)
from goaleditor.review.verdicts import NOT_REVIEWED, REVIEW_CHOICES, chosen_result, chosen_verdict

__all__ = [
    "FAILED_INDICATOR",
    "FAILED_TABLE",
    "NOT_REVIEWED",
    "REVIEW_CHOICES",
    "TO_COMPLETE",
    "chosen_result",
    "chosen_verdict",
    "is_review_problem",
    "review_problems",
]
