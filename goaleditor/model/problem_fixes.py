"""The fix-its of each problem: the ways the editor offers to fix it, each one undoable edit."""

from __future__ import annotations

import re
from decimal import Decimal

from goaleditor.model.checks import (
    _YEAR_RE,
    FIX_ADD_INDICATOR,
    FIX_CLEAR_NOT_PRINTED,
    FIX_DOCUMENT_YEAR,
    FIX_FILL_DESCRIPTION,
    FIX_NORMALIZE_COMPARATOR,
    FIX_PAST_YEAR,
    FIX_RECOMPUTE_FISCAL,
    FIX_SPLIT_VALUE,
    Problem,
)
from goaleditor.model.document import GoalTable, Indicator, Level1, containing_table
from goaleditor.model.fields import FIELD_LABELS
from goaleditor.model.fix_its import FixIt
from goaleditor.model.money import format_money
from goaleditor.model.values import normalize_comparator


def fix_its(problem: Problem, year: int | None = None) -> list[FixIt]:
    """The ways to fix a problem, the likeliest first; empty when none is obvious.

    year is the document's (for dates in another year)."""
    node = problem.node
    if problem.fix == FIX_FILL_DESCRIPTION and isinstance(node, Indicator):
        return [FixIt("使用指标名称作为描述", node, "description", node.name.strip())]
    if problem.fix == FIX_NORMALIZE_COMPARATOR and isinstance(node, Indicator):
        canonical = normalize_comparator(node.comparator)
        return (
            [FixIt(f"指标性质改为“{canonical}”", node, "comparator", canonical)]
            if canonical
            else []
        )
    if problem.fix == FIX_RECOMPUTE_FISCAL and isinstance(node, GoalTable):
        return _budget_fix_its(node)
    if problem.fix == FIX_ADD_INDICATOR:
        return _add_indicator_fix_its(problem)
    if problem.fix == FIX_SPLIT_VALUE and isinstance(node, Indicator):
        from goaleditor.model.value_checks import split_value_fix_its

        return split_value_fix_its(node)
    if problem.fix == FIX_DOCUMENT_YEAR and isinstance(node, Indicator) and year is not None:
        text = getattr(node, problem.field)
        others = {m.group(1) for m in _YEAR_RE.finditer(text)} - {str(year)}
        if len(others) != 1:
            return []
        (other,) = others
        moved = re.sub(rf"{other}(\s*年)", rf"{year}\1", text)
        return [FixIt(f"改为本年度：{moved}", node, problem.field, moved)]
    if problem.fix == FIX_CLEAR_NOT_PRINTED and isinstance(node, Indicator):
        return _clear_not_printed_fix_its(node, problem.field)
    if problem.fix == FIX_PAST_YEAR and year is not None:
        from goaleditor.model.year_checks import past_year_fix_its

        return past_year_fix_its(problem, year)
    return []


def _clear_not_printed_fix_its(row: Indicator, name: str) -> list[FixIt]:
    """Empty a field the layout does not print (描述 in Shanghai) in every row of the table
    (it came with pasted or imported rows; the clerk cannot see it to clear it)."""
    table = containing_table(row)
    if table is None or name not in FIELD_LABELS:
        return []
    filled = tuple(i for _, _, i in table.indicator_rows() if getattr(i, name).strip())
    if not filled:
        return []
    label = f"清除本表不打印的{FIELD_LABELS[name]}（{len(filled)}行）"
    return [FixIt(label, table, name, clears=filled)]


def _add_indicator_fix_its(problem: Problem) -> list[FixIt]:
    """An empty 三级 under the required 二级 (its groups added as needed); for 任一二级 under
    a 一级: under each of its 二级 groups, else under each the framework allows."""
    pairs = list(problem.groups)
    node, table = problem.node, containing_table(problem.node)
    if table is None:
        return []
    if isinstance(node, Level1) and len(pairs) > 1:
        mine = [(node.name, l2.name) for l2 in node.children if (node.name, l2.name) in pairs]
        pairs = mine or pairs  # its own (empty) 二级 groups first
    return [
        FixIt(f"在“{level2}”下添加一个三级指标", table, add_under=(level1, level2))
        for level1, level2 in pairs
    ]


def _budget_fix_its(table: GoalTable) -> list[FixIt]:
    """预算数 ≠ 财政资金 (+ 上年结转资金) + 其他资金: adjust 财政资金, or adjust 预算数
    (what the clerk typed last may be either)."""
    fixes: list[FixIt] = []
    other = table.budget_other or Decimal(0)
    carryover = table.budget_carryover
    rest = other + (carryover or Decimal(0))
    plus = " − 上年结转资金" if carryover is not None else ""
    if table.budget_total is not None and table.budget_total - rest >= 0:
        fiscal = table.budget_total - rest
        label = f"财政资金改为 预算数{plus} − 其他资金 = {format_money(fiscal)}"
        fixes.append(FixIt(label, table, "budget_fiscal", fiscal))
    if table.budget_fiscal is not None or table.budget_other is not None or carryover is not None:
        total = (table.budget_fiscal or Decimal(0)) + rest
        with_carryover = " + 上年结转资金" if carryover is not None else ""
        label = f"预算数改为 财政资金{with_carryover} + 其他资金 = {format_money(total)}"
        fixes.append(FixIt(label, table, "budget_total", total))
    return fixes
