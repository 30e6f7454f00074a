"""Rejection checks (DESIGN §5.2): common reasons a finance bureau or a 第三方 reviewer sends a
goal table back that the rules can see — 年度 money or 年度目标 copied from the 实施期's on a
multi-year project, and a vague 定性 value where a number is expected.

Two more reasons are said by older rules and not repeated here: 效益指标 empty (while 满意度
is filled) is framework.missing-level2, an 错误 at the 效益 group with its fix-it; a
quantitative 指标值 without 计量单位 is value.no-unit. None of these apply to a 自评表, which
reports on the targets that were approved (checking.NOT_FOR_SELF_EVALUATION)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from enum import Enum

from goaleditor.model.checks import HINT, WARNING, Problem
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.layout_checks import parse_date, printed_fields
from goaleditor.model.layouts import printed_label
from goaleditor.model.vague_values import (
    example_target,
    expects_number,
    plain_text,
    vague_phrase,
)
from goaleditor.model.values import QUALITATIVE

ANNUAL_MONEY = "budget.annual-equals-period"
ANNUAL_GOAL = "goal.same-as-period-goal"
VAGUE_VALUE = "value.vague-qualitative"
REJECTION_RULES = frozenset({ANNUAL_MONEY, ANNUAL_GOAL, VAGUE_VALUE})

# 年度 money beside the 实施期 money it is compared with.
_MONEY_PAIRS = (("budget_total", "period_total"), ("budget_fiscal", "period_fiscal"))
_NO_DATES = "未填计划开始、完成日期，不能确定是否多年项目；若是，"


class Span(Enum):
    """How long a project runs, as far as its table says."""

    ONE_YEAR = "one-year"
    SEVERAL_YEARS = "several-years"
    UNKNOWN = "unknown"


def rejection_problems(document: Document, table: GoalTable, number: int) -> Iterator[Problem]:
    """The review checks of one table: 年度 money and 年度目标 equal to the 实施期's on a
    multi-year project, vague 定性 values where a number is expected."""
    printed = printed_fields(document)
    yield from _annual_money(document, table, number, printed)
    yield from _annual_goal(document, table, number, printed)
    yield from _vague_values(table, number)


def project_span(table: GoalTable, year: int | None) -> Span:
    """Whether the project runs one year or several, by its 计划开始/完成日期 (one date: against
    the document's year); by its money when the dates do not say (实施期 money above the
    year's)."""
    start, end = parse_date(table.start_date), parse_date(table.end_date)
    if start is not None and end is not None:
        return Span.SEVERAL_YEARS if start.year != end.year else Span.ONE_YEAR
    one = start or end
    if one is not None and year is not None and one.year != year:
        return Span.SEVERAL_YEARS
    annual, period = table.budget_total, table.period_total
    if annual is not None and period is not None and period > annual:
        return Span.SEVERAL_YEARS
    return Span.UNKNOWN


def _annual_money(
    document: Document, table: GoalTable, number: int, printed: frozenset[str]
) -> Iterator[Problem]:
    """年度 money equal to the 实施期 money (预算数 and, where both are filled, 财政资金)."""
    pairs = [
        (annual, period)
        for annual, period in _MONEY_PAIRS
        if {annual, period} <= printed
        and getattr(table, annual) is not None
        and getattr(table, period) is not None
    ]
    if not pairs or any(getattr(table, a) != getattr(table, p) for a, p in pairs):
        return
    if all(getattr(table, a) == Decimal(0) for a, _ in pairs):
        return
    span = project_span(table, document.year)
    if span is Span.ONE_YEAR:
        return
    said = "年度预算应为当年安排数"
    if span is Span.SEVERAL_YEARS:
        severity, message = WARNING, f"年度资金与实施期资金相同：多年项目的{said}"
    else:
        severity, message = HINT, f"年度资金与实施期资金相同：{_NO_DATES}{said}"
    yield Problem(severity, number, 0, ANNUAL_MONEY, message, pairs[0][0], node=table)


def _annual_goal(
    document: Document, table: GoalTable, number: int, printed: frozenset[str]
) -> Iterator[Problem]:
    """The 年度目标 word for word the 总体目标 (but for whitespace and punctuation)."""
    if not {"goal", "period_goal"} <= printed:
        return
    goal = plain_text(table.goal)
    if not goal or goal != plain_text(table.period_goal):
        return
    span = project_span(table, document.year)
    if span is Span.ONE_YEAR:
        return
    goal_label = printed_label(document.layout, "goal")
    period_label = printed_label(document.layout, "period_goal")
    said = f"{goal_label}应写本年度要完成的部分"
    if span is Span.SEVERAL_YEARS:
        severity, message = WARNING, f"{goal_label}与{period_label}相同：多年项目的{said}"
    else:
        severity, message = HINT, f"{goal_label}与{period_label}相同：{_NO_DATES}{said}"
    yield Problem(severity, number, 0, ANNUAL_GOAL, message, "goal", node=table)


def _vague_values(table: GoalTable, number: int) -> Iterator[Problem]:
    """A 定性 value that only says which way (有效提升) where a number is expected."""
    for row, (level1, level2, ind) in enumerate(table.indicator_rows(), 1):
        if ind.comparator != QUALITATIVE or not expects_number(level1, level2, ind.name):
            continue
        phrase = vague_phrase(ind.value)
        if not phrase:
            continue
        value = ind.value.strip()
        quoted = f"“{value}”" if len(value) <= len(phrase) + 2 else f"中的“{phrase}”"
        message = f"定性指标值{quoted}较笼统，建议量化（如 {example_target(phrase)}）"
        yield Problem(HINT, number, row, VAGUE_VALUE, message, "value", node=ind)
