"""A brand-new table being filled for the first time: what is only still empty (项目名称,
年度目标, the 三级 indicators, a sum with its parts still blank) is 提示 待填写 rather than 错误,
until the clerk leaves the table, checks or exports. The plain check (export, the command
line) is unchanged: an empty required field is an 错误 there."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from goaleditor.model.checks import ERROR, HINT, Problem, check_table
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import FIELD_LABELS, HEADER_FIELDS, default_of
from goaleditor.model.layouts import profile_of

# The rules that only say something is still empty: in a brand-new table they are 提示
# "待填写" until the clerk leaves the table, checks or exports (see as_to_fill).
TO_FILL_RULES = frozenset(
    {
        "header.no-project-name",
        "header.no-fund-use",
        "header.no-goal",
        "layout.required",
        "structure.no-indicators",
        "framework.missing-level2",
    }
)


def is_blank(table: GoalTable) -> bool:
    """A table as 新建 makes it: no header field filled (but its unit), no 三级 indicator."""
    filled = [
        name
        for name in HEADER_FIELDS
        if name != "money_unit" and getattr(table, name) not in (None, "", default_of(name))
    ]
    return not filled and table.indicator_count() == 0


def as_to_fill(problems: list[Problem], document: Document) -> list[Problem]:
    """The problems of a brand-new table: what is only still empty becomes 提示 待填写 (named
    as the layout prints it); every other problem stays as it is."""
    labels = profile_of(document).labels
    result = []
    for problem in problems:
        if not is_to_fill(problem):
            result.append(problem)
            continue
        field = _blank_of_sum(problem) or problem.field
        if field and problem.row == 0 and problem.rule != "framework.missing-level2":
            label = labels.get(field) or FIELD_LABELS.get(field, field)
            message = f"{label.removeprefix('其中：')}待填写"
        elif problem.rule == "structure.no-indicators":
            message = "三级指标待填写"
        else:
            message = f"待填写：{problem.message}"
        result.append(replace(problem, severity=HINT, message=message))
    return result


def is_to_fill(problem: Problem) -> bool:
    """Whether a problem only says that something is still empty (a 待填写 in a new table)."""
    return problem.rule in TO_FILL_RULES or _sum_half_typed(problem)


def count_blocking(document: Document, tables: Iterable[GoalTable] | None = None) -> int:
    """How many gaps are still to fill that export would count as 错误 (for 还有N项待填写
    （导出前需填写）): the 待填写 of every table (or only of these), the real mistakes not."""
    chosen = None if tables is None else {id(t) for t in tables}
    return sum(
        gaps(check_table(document, table, number))
        for number, table in enumerate(document.tables, 1)
        if chosen is None or id(table) in chosen
    )


def gaps(problems: Iterable[Problem]) -> int:
    """How many of a table's plain problems are 错误 only because something is still empty."""
    return sum(1 for problem in problems if problem.severity == ERROR and is_to_fill(problem))


# A sum whose total or every part is still blank: the clerk has not got there yet.
_SUMS = {
    "budget.sum": ("budget_total", ("budget_fiscal", "budget_carryover", "budget_other")),
    "budget.period-sum": ("period_total", ("period_fiscal", "period_other")),
}


def _blank_of_sum(problem: Problem) -> str:
    """The blank field a sum problem only stands for: its total, or its first part when every
    part is blank; "" when the sum is really wrong (or it is not a sum)."""
    table = problem.node
    if problem.rule not in _SUMS or not isinstance(table, GoalTable):
        return ""
    total, parts = _SUMS[problem.rule]
    if getattr(table, total) is None:
        return total
    return parts[0] if all(getattr(table, part) is None for part in parts) else ""


def _sum_half_typed(problem: Problem) -> bool:
    """Whether a sum problem only says that its total or all its parts are still blank."""
    return bool(_blank_of_sum(problem))
