"""Where a problem of the 问题 panel leads: the row of the tree it is about, if any."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goaleditor.model.document import Indicator, Level1, Level2

if TYPE_CHECKING:
    from goaleditor.model.checks import Problem
    from goaleditor.model.document import GoalTable

TreeRow = Indicator | Level1 | Level2


def row_of(table: GoalTable, problem: Problem) -> TreeRow | None:
    """The tree row a problem of this table is about: its node, else its row number (第N行),
    else its place (产出指标/数量指标); None when it names no row."""
    if isinstance(problem.node, Indicator | Level1 | Level2):
        return problem.node
    if problem.row > 0:
        rows = [indicator for _, _, indicator in table.indicator_rows()]
        return rows[problem.row - 1] if problem.row <= len(rows) else None
    if not problem.place:
        return None
    level1_name, _, level2_name = problem.place.partition("/")
    level1 = next((l1 for l1 in table.children if l1.name == level1_name), None)
    if level1 is None or not level2_name:
        return level1
    return next((l2 for l2 in level1.children if l2.name == level2_name), None)


def no_row_message(problem: Problem) -> str:
    """The status line when a clicked problem has no row to show (a whole table's or the
    document's)."""
    if problem.table:
        return f"这条问题说的是表{problem.table}整张表，没有对应的行：{problem.message}"
    return f"这条问题说的是整个文档，没有对应的表或行：{problem.message}"
