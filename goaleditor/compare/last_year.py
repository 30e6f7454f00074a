"""Last year's document beside this year's: each indicator's 指标值 of last year, and the
targets set lower than last year's (a 警告 of the checks, rule `last-year.lower-target`).

Tables and indicators are matched as `goaleditor diff` matches them (compare.tables and
compare.tree_matching): tables by 项目名称 without its years, indicators by their path, a
renamed or moved indicator found as itself.

A target is lower than last year's when both years set it the same way and with one unit:
≥ or ＞ (more is better) with a smaller number, ≤ or ＜ (a 反向 indicator: less is better)
with a larger one. Money converts between 元, 千元, 万元 and 亿元 (model/money.py); any other
unit must be the same in both years (天 and 个月 are not converted: no rule here says how
long a month is). 定性 values and ＝ targets (no direction to be lower in) are never compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from goaleditor.compare.tables import match_tables
from goaleditor.compare.tree_matching import TreeMatching
from goaleditor.model.checks import WARNING, Problem
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.money import UNIT_SCALE
from goaleditor.model.values import decimal_value

RULE = "last-year.lower-target"
_MORE_IS_BETTER = frozenset({"≥", ">"})
_LESS_IS_BETTER = frozenset({"≤", "<"})  # 反向 indicators
_SAME_UNIT = str.maketrans({"％": "%", "﹪": "%"})


@dataclass(frozen=True, slots=True)
class LastYearValue:
    """An indicator of this year's document and the one it was in last year's."""

    indicator: Indicator  # this year's
    last_year: Indicator  # last year's
    table_number: int  # this year's table, 1-based
    row: int  # this year's row among its table's 三级 indicators, 1-based

    @property
    def display(self) -> str:
        """Last year's 指标值 as printed (≥98%)."""
        return self.last_year.display

    @property
    def renamed(self) -> bool:
        """True when last year's 三级指标 had another name."""
        return self.last_year.name != self.indicator.name


def last_year_values(old: Document, new: Document) -> list[LastYearValue]:
    """Each indicator of new that has one in old (last year's), in new's order."""
    found: list[LastYearValue] = []
    for old_index, new_index in match_tables(old.tables, new.tables):
        found += table_values(old.tables[old_index], new.tables[new_index], new_index + 1)
    found.sort(key=lambda value: value.table_number)  # each table's are in row order
    return found


def table_values(old: GoalTable, new: GoalTable, number: int) -> list[LastYearValue]:
    """Each indicator of this year's table new (table number `number`) that has one in last
    year's table old, in row order."""
    matching = TreeMatching(old, new)
    found = [
        LastYearValue(
            matching.new_rows[new_row].indicator,
            matching.old_rows[old_row].indicator,
            number,
            new_row + 1,
        )
        for old_row, new_row in matching.row_pairs
    ]
    found.sort(key=lambda value: value.row)
    return found


def lower_targets(old: Document, new: Document) -> list[Problem]:
    """A 警告 for each target of new set lower than last year's (old) for the same indicator."""
    return [problem for value in last_year_values(old, new) if (problem := lower_target(value))]


def lower_target(value: LastYearValue) -> Problem | None:
    """The 警告 when this year's target is lower than last year's, else None."""
    now, before = value.indicator, value.last_year
    comparators = {now.comparator, before.comparator}
    if comparators <= _MORE_IS_BETTER:
        words = "指标值低于上年"
    elif comparators <= _LESS_IS_BETTER:
        words = "反向指标值高于上年"
    else:
        return None  # 定性, ＝, or set the other way round this year
    amounts = _in_one_unit(now, before)
    if amounts is None:
        return None
    this_year, last_year = amounts
    lower = this_year < last_year if words == "指标值低于上年" else this_year > last_year
    if not lower:
        return None
    named = f"“{before.name}” " if value.renamed else ""
    message = f"{words}：{now.display} （上年 {named}{before.display}）"
    return Problem(
        WARNING, value.table_number, value.row, RULE, message, "value", node=value.indicator
    )


def _in_one_unit(now: Indicator, before: Indicator) -> tuple[Decimal, Decimal] | None:
    """Both years' numbers in the same unit, or None when they cannot be compared."""
    this_year, last_year = decimal_value(now.value), decimal_value(before.value)
    if this_year is None or last_year is None:
        return None
    unit_now, unit_before = _unit(now.unit), _unit(before.unit)
    if unit_now == unit_before:
        return this_year, last_year
    money_now, _, per_now = unit_now.partition("/")  # 万元/人 and 元/人 convert too
    money_before, _, per_before = unit_before.partition("/")
    if per_now != per_before or money_now not in UNIT_SCALE or money_before not in UNIT_SCALE:
        return None
    return this_year * UNIT_SCALE[money_now], last_year * UNIT_SCALE[money_before]


def _unit(text: str) -> str:
    return "".join(text.split()).translate(_SAME_UNIT)
