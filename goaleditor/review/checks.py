"""The problems a reviewer's marks raise for the clerk: an indicator marked 不通过 (an error at
its row), a table whose 审核结果 is 不通过 (an error at its header) or 修改完善后通过 (a warning
naming the 需补充完善事项); a verdict or result that is none of its choices (pasted, or from a
file) is a warning at its place."""

from __future__ import annotations

from goaleditor.model.checks import ERROR, WARNING, Problem
from goaleditor.model.document import GoalTable
from goaleditor.model.fields import FAILED, REVIEW_RESULTS, REVIEW_VERDICTS
from goaleditor.review.verdicts import TO_IMPROVE

RULE_PREFIX = "review."
FAILED_INDICATOR = "review.failed"
FAILED_TABLE = "review.table-failed"
TO_COMPLETE = "review.to-complete"
UNKNOWN_VERDICT = "review.unknown-verdict"
UNKNOWN_RESULT = "review.unknown-result"
NO_OPINION = "（未填写意见）"
VERDICT, RESULT = "review_verdict", "review_result"


def _one_line(text: str) -> str:
    """Long text as one line of the 问题 panel: its lines joined by ；."""
    return "；".join(line.strip() for line in text.strip().splitlines() if line.strip())


def review_problems(table: GoalTable, number: int) -> list[Problem]:
    """The problems of table number (1-based) its reviewer's marks raise: the table's first
    (at its header), then its indicators marked 不通过, by row."""
    found: list[Problem] = []
    result, todo = table.review_result.strip(), _one_line(table.review_todo)
    if result == FAILED:
        said = f"：{todo}" if todo else ""
        message = f"审核结果为不通过{said}"
        found.append(Problem(ERROR, number, 0, FAILED_TABLE, message, RESULT, node=table))
    elif result == TO_IMPROVE:
        said = f"，需补充完善：{todo}" if todo else "（未填写需补充完善事项）"
        message = f"审核结果为修改完善后通过{said}"
        found.append(Problem(WARNING, number, 0, TO_COMPLETE, message, "review_todo", node=table))
    elif result and result not in REVIEW_RESULTS:
        message = f"审核结果“{result}”应为{'、'.join(REVIEW_RESULTS)}之一"
        found.append(Problem(WARNING, number, 0, UNKNOWN_RESULT, message, RESULT, node=table))
    for row, (_, _, indicator) in enumerate(table.indicator_rows(), 1):
        verdict = indicator.review_verdict.strip()
        if verdict and verdict not in REVIEW_VERDICTS:
            message = f"审核结论“{verdict}”应为通过或不通过"
            found.append(
                Problem(WARNING, number, row, UNKNOWN_VERDICT, message, VERDICT, node=indicator)
            )
        if verdict != FAILED:
            continue
        opinion = _one_line(indicator.review_opinion)
        message = f"审核不通过：{opinion}" if opinion else f"审核不通过{NO_OPINION}"
        found.append(
            Problem(ERROR, number, row, FAILED_INDICATOR, message, VERDICT, node=indicator)
        )
    return found


def is_review_problem(problem: Problem) -> bool:
    """Whether a problem comes from a reviewer's marks (not from what the table prints)."""
    return problem.rule.startswith(RULE_PREFIX)
