"""Checks of a document: problems with severity, location, rule id and a Chinese message."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal

from goaleditor.errors import printable
from goaleditor.model.document import (
    Document,
    GoalTable,
    Indicator,
    Level1,
    Level2,
)
from goaleditor.model.frameworks import (
    COST,
    SATISFACTION,
    Framework,
    Requirement,
    get_framework,
)
from goaleditor.model.layouts import printed_label
from goaleditor.model.money import format_money
from goaleditor.model.required import REQUIRED_WHEN_PRINTED
from goaleditor.model.values import (
    COMPARATORS,
    QUALITATIVE,
    decimal_value,
    is_decimal_text,
    normalize_comparator,
)

ERROR = "错误"
WARNING = "警告"
HINT = "提示"
SEVERITIES = (ERROR, WARNING, HINT)
PERCENT_UNITS = ("%", "％")
MONEY_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
TIMELINESS = "时效指标"
_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")

# Fix-its the editor can apply (fix_its: each a label and one undoable edit).
FIX_FILL_DESCRIPTION = "fill-description"
FIX_NORMALIZE_COMPARATOR = "normalize-comparator"
FIX_RECOMPUTE_FISCAL = "recompute-fiscal"  # or, the other way, 预算数 from its parts
FIX_DOCUMENT_YEAR = "document-year"
FIX_ADD_INDICATOR = "add-indicator"  # an empty 三级 under a required group
FIX_PAST_YEAR = "past-year"  # text naming last year (or its period): moved to this year
FIX_SPLIT_VALUE = "split-value"  # 98%以上 as comparator ≥, value 98, unit %
FIX_CLEAR_NOT_PRINTED = "clear-not-printed"  # an indicator field the layout hides, every row


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: table and row are 1-based (row 0 is the table header)."""

    severity: str
    table: int
    row: int
    rule: str
    message: str
    field: str = ""
    fix: str = ""
    node: object = dataclass_field(default=None, compare=False, repr=False)
    place: str = ""  # where in the tree, for a problem of a group: 产出指标/数量指标
    groups: tuple[tuple[str, str], ...] = ()  # the 一级/二级 pairs it is about

    def line(self) -> str:
        """The one-line form printed by ``goaleditor check``."""
        where = f"第{self.row}行" if self.row else printable(self.place or "表头")
        # a message quotes the clerk's or a file's text: a line break there would make two lines
        return f"{self.severity}\t表{self.table}\t{where}\t{self.rule}\t{printable(self.message)}"


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """Thresholds a finance bureau may set differently."""

    satisfaction_floor: Decimal = Decimal(80)


@dataclass(frozen=True, slots=True)
class _Context:
    document: Document
    table: GoalTable
    number: int
    framework: Framework
    settings: CheckSettings
    printed: frozenset[str] = frozenset()  # the fields the document's layout prints


TableRule = Callable[[_Context], Iterator[Problem]]


def _printed_label(document: Document, name: str, label: str) -> str:
    """A field's label as the document's layout prints it (Shanghai: 年度总体目标), in one line."""
    return printed_label(document.layout, name, label)


def _header_rules(ctx: _Context) -> Iterator[Problem]:
    t, n = ctx.table, ctx.number
    for name, rule, label in REQUIRED_WHEN_PRINTED:
        if not getattr(t, name).strip() and name in ctx.printed:
            label = _printed_label(ctx.document, name, label)
            yield Problem(ERROR, n, 0, rule, f"{label}为空", name, node=t)
    amounts = {
        name: _printed_label(ctx.document, name, label)
        for name, label in (
            ("budget_total", "预算数"),
            ("budget_fiscal", "财政资金"),
            ("budget_other", "其他资金"),
        )
    }
    for name, label in amounts.items():
        amount = getattr(t, name)
        if amount is not None and amount < 0:
            yield Problem(
                ERROR,
                n,
                0,
                "budget.negative",
                f"{label}为负数：{format_money(amount)}",
                name,
                node=t,
            )
    parts = sum(
        (a or Decimal(0) for a in (t.budget_fiscal, t.budget_carryover, t.budget_other)), Decimal(0)
    )
    has_parts = any(a is not None for a in (t.budget_fiscal, t.budget_carryover, t.budget_other))
    if (t.budget_total is not None or has_parts) and (t.budget_total or Decimal(0)) != parts:
        yield Problem(
            ERROR,
            n,
            0,
            "budget.sum",
            f"预算数 {format_money(t.budget_total) or '（空）'} ≠ 财政资金 + "
            f"{'上年结转资金 + ' if t.budget_carryover is not None else ''}其他资金 "
            f"{format_money(parts)}",
            "budget_fiscal",
            FIX_RECOMPUTE_FISCAL,
            node=t,
        )


def _structure_rules(ctx: _Context) -> Iterator[Problem]:
    n, framework = ctx.number, ctx.framework
    if ctx.table.indicator_count() == 0:
        node, place = _first_group(ctx.table)
        message = "表中没有任何三级指标"
        yield Problem(ERROR, n, 0, "structure.no-indicators", message, node=node, place=place)
        return
    present = {(l1, l2) for l1, l2, _ in ctx.table.indicator_rows()}
    for requirement in framework.required:
        if not present & set(requirement.pairs):
            yield _missing(ctx, requirement)
    reported: set[tuple[str, str]] = set()
    for row, (level1, level2, ind) in enumerate(ctx.table.indicator_rows(), 1):
        if not level1.strip() or not level2.strip():
            yield Problem(
                ERROR, n, row, "structure.no-level", "一级或二级指标为空", "name", node=ind
            )
        elif not framework.is_valid_pair(level1, level2) and (level1, level2) not in reported:
            reported.add((level1, level2))
            yield Problem(
                ERROR,
                n,
                row,
                "framework.invalid-pair",
                f"“{level1}”下不应有“{level2}”（{framework.label}）",
                "name",
                node=ind,
            )


def _first_group(table: GoalTable) -> tuple[Level1 | Level2 | None, str]:
    """Where a table's first 三级 would go (its first 二级 group, else its first 一级), and
    that place as the tree names it (产出指标/数量指标); (None, "") when it has no group."""
    for level1 in table.children:
        if level1.children:
            level2 = level1.children[0]
            return level2, f"{level1.name}/{level2.name}"
    if table.children:
        return table.children[0], table.children[0].name
    return None, ""


def _short(name: str) -> str:
    return name.removesuffix("指标") or name


def _missing(ctx: _Context, requirement: Requirement) -> Problem:
    """A required group without any 三级: said plainly, placed at the group in the tree (its
    二级, else its 一级, else the table when the 一级 is not there either)."""
    framework, table = ctx.framework, ctx.table
    level1 = requirement.pairs[0][0]
    l1_node = next((l1 for l1 in table.children if l1.name == level1), None)
    if len(requirement.pairs) == 1:
        level2 = requirement.pairs[0][1]
        needed = [
            r.pairs[0][1]
            for r in framework.required
            if len(r.pairs) == 1 and r.pairs[0][0] == level1
        ]
        why = (
            f"本框架要求{'、'.join(_short(n) for n in needed)}指标都有"
            if len(needed) > 1
            else "本框架要求必须有"
        )
        message = f"{level2}下还没有三级指标（{why}）"
        l2_node = (
            next((l2 for l2 in l1_node.children if l2.name == level2), None) if l1_node else None
        )
        node: object = l2_node or l1_node or table
        place = f"{level1}/{level2}" if l2_node else level1
    else:
        names = "、".join(_short(n) for n in framework.level1_names)
        message = f"{level1}下还没有三级指标（本框架要求{names}指标都有）"
        node, place = l1_node or table, level1
    if l1_node is None:
        place = f"{level1}（尚未添加）"
    return Problem(
        ERROR,
        ctx.number,
        0,
        "framework.missing-level2",
        message,
        fix=FIX_ADD_INDICATOR,
        node=node,
        place=place,
        groups=requirement.pairs,
    )


def _indicator_rules(ctx: _Context) -> Iterator[Problem]:
    n, t = ctx.number, ctx.table
    names = Counter(ind.name.strip() for _, _, ind in t.indicator_rows() if ind.name.strip())
    for row, (level1, level2, ind) in enumerate(t.indicator_rows(), 1):

        def problem(
            severity: str,
            rule: str,
            message: str,
            name: str,
            fix: str = "",
            row: int = row,
            ind: Indicator = ind,
        ) -> Problem:
            return Problem(severity, n, row, rule, message, name, fix, node=ind)

        if not ind.name.strip():
            yield problem(ERROR, "indicator.no-name", "三级指标名称为空", "name")
        elif names[ind.name.strip()] > 1:
            yield problem(
                WARNING,
                "indicator.duplicate-name",
                f"三级指标“{ind.name.strip()}”在本表中重复",
                "name",
            )
        if not ind.description.strip() and "indicator.description" in ctx.printed:
            yield problem(
                HINT,
                "indicator.no-description",
                "绩效指标描述为空，可使用指标名称",
                "description",
                FIX_FILL_DESCRIPTION if ind.name.strip() else "",
            )
        yield from _value_rules(ctx, problem, level1, level2, ind)


def _value_rules(
    ctx: _Context, problem: Callable[..., Problem], level1: str, level2: str, ind: Indicator
) -> Iterator[Problem]:
    if ind.comparator not in COMPARATORS:
        fix = FIX_NORMALIZE_COMPARATOR if normalize_comparator(ind.comparator) else ""
        yield problem(
            ERROR,
            "value.bad-comparator",
            f"指标性质“{ind.comparator}”无效（应为 ≥ ≤ = > < 或 定性）",
            "comparator",
            fix,
        )
        return
    if ind.comparator == QUALITATIVE:
        if not ind.value.strip():
            yield problem(ERROR, "value.empty-qualitative", "定性指标的指标值为空", "value")
        if level2 == TIMELINESS:
            yield from _date_rule(ctx, problem, ind.value, "value")
        return
    if not ind.value.strip():
        yield problem(ERROR, "value.empty-quantitative", "定量指标值为空", "value")
        return
    if not is_decimal_text(ind.value):
        yield problem(ERROR, "value.not-a-number", f"定量指标值“{ind.value}”不是数字", "value")
        return
    if not ind.unit.strip():
        yield problem(ERROR, "value.no-unit", "定量指标没有计量单位", "unit")
    number = decimal_value(ind.value)
    assert number is not None
    percent = ind.unit.strip() in PERCENT_UNITS
    if percent and not Decimal(0) <= number <= Decimal(100):
        yield problem(ERROR, "value.percent-range", f"百分比 {ind.value}% 不在0–100之间", "value")
    if level1 == SATISFACTION:
        if not percent:
            yield problem(
                ERROR, "satisfaction.not-percent", "满意度指标应以百分比（%）计量", "unit"
            )
        elif number < ctx.settings.satisfaction_floor and ind.comparator in ("≥", ">", "="):
            yield problem(
                WARNING,
                "satisfaction.below-floor",
                f"满意度目标 {ind.value}% 低于 {ctx.settings.satisfaction_floor}%",
                "value",
            )
    if COST in (level1, level2):
        yield from _cost_rule(ctx, problem, number, ind.unit.strip())
    if level2 == TIMELINESS:
        yield from _date_rule(ctx, problem, ind.unit, "unit")


def _cost_rule(
    ctx: _Context, problem: Callable[..., Problem], number: Decimal, unit: str
) -> Iterator[Problem]:
    budget = ctx.table.budget_total
    money_unit = unit.split("/", 1)[0]
    if budget is None or money_unit not in MONEY_FACTORS:
        return
    amount = number * MONEY_FACTORS[money_unit]
    limit = budget * MONEY_FACTORS.get(ctx.table.money_unit, Decimal(1))
    if amount > limit:
        yield problem(
            ERROR,
            "cost.over-budget",
            f"成本指标 {number}{unit} 超过本项目预算数 {format_money(budget)}"
            f"{ctx.table.money_unit}",
            "value",
        )


def _date_rule(
    ctx: _Context, problem: Callable[..., Problem], text: str, name: str
) -> Iterator[Problem]:
    year = ctx.document.year
    if year is None:
        return
    others = {int(m.group(1)) for m in _YEAR_RE.finditer(text)} - {year}
    if others:
        # One other year (2026年12月31日前 in 2027) is a date to move on; several are a span.
        yield problem(
            WARNING,
            "timeliness.outside-year",
            f"时效指标中的 {min(others)}年 不在文档年度 {year}年 内",
            name,
            FIX_DOCUMENT_YEAR if len(others) == 1 else "",
        )


TABLE_RULES: list[TableRule] = [
    _header_rules,
    _structure_rules,
    _indicator_rules,
]


def check_table(
    document: Document, table: GoalTable, number: int, settings: CheckSettings | None = None
) -> list[Problem]:
    """The problems of one table (number is its 1-based place), header first, then by row."""
    # the rule modules import Problem from here, so they are imported when first used
    from goaleditor.model.layout_checks import layout_problems, printed_fields
    from goaleditor.model.rejection_checks import rejection_problems
    from goaleditor.model.value_checks import written_value_problems
    from goaleditor.model.year_checks import past_year_problems

    ctx = _Context(
        document,
        table,
        number,
        get_framework(document.framework),
        settings or CheckSettings(),
        printed_fields(document),
    )
    problems = [p for rule in TABLE_RULES for p in rule(ctx)]
    problems += past_year_problems(document, table, number)
    problems += written_value_problems(table, number)
    problems += layout_problems(document, table, number)
    problems += rejection_problems(document, table, number)
    problems.sort(key=lambda p: p.row)
    return problems


def document_problems(document: Document) -> list[Problem]:
    """Problems of the document as a whole (not of any one table)."""
    from goaleditor.model.year_checks import past_year_title_problems

    problems = []
    if not document.tables:
        problems.append(Problem(ERROR, 0, 0, "structure.no-tables", "文档中没有绩效目标表"))
    problems += past_year_title_problems(document)
    return problems


def check_document(document: Document, settings: CheckSettings | None = None) -> list[Problem]:
    """All problems of the document, table by table, header first, then in row order."""
    problems = document_problems(document)
    for number, table in enumerate(document.tables, 1):
        problems.extend(check_table(document, table, number, settings))
    return problems


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an 错误."""
    return any(p.severity == ERROR for p in problems)
