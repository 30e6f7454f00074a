"""A 自评表 started from a goal document: the same tables, targets, units and weights, ready for
the year's results (DESIGN §5.1)."""

from __future__ import annotations

from dataclasses import dataclass

from goaleditor.errors import InputError
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import DOCUMENT_PROPERTIES, SELF_EVALUATION
from goaleditor.model.review_marks import drop_review_marks
from goaleditor.self_evaluation.profiles import get_profile, is_known
from goaleditor.self_evaluation.weights import default_weights_of, shown

# The goal table's 预算数 rows become the 自评表's 年初预算数 (and, until adjusted, 全年预算数).
_BUDGET_ROWS = (
    ("budget_total", ""),
    ("budget_fiscal", "_fiscal"),
    ("budget_carryover", "_carryover"),
    ("budget_other", "_other"),
)


@dataclass(frozen=True, slots=True)
class Started:
    """The new 自评表 and what was filled in for the clerk (one line each)."""

    document: Document
    notes: tuple[str, ...]

    def summary(self) -> str:
        """One line for the status bar and the command line."""
        tables = len(self.document.tables)
        count = sum(t.indicator_count() for t in self.document.tables)
        rules = get_profile(self.document.scoring).label
        return (
            f"已生成绩效自评表（评分规则：{rules}）：{tables}张表、{count}个三级指标，"
            "请填写实际完成值和全年执行数"
        )


def default_scoring(goals: Document) -> str:
    """The profile a goal document's region suggests: its layout's region when a profile of
    that name exists (四川, 上海, 天津, 中央), else the document's own scoring (central)."""
    return goals.layout if is_known(goals.layout) else goals.scoring


def start_self_evaluation(goals: Document, scoring: str = "") -> Started:
    """A self-evaluation of a goal document (which is kept): tables and indicators copied, the
    budget as 年初预算数 and 全年预算数, each 分值 kept or given the profile's default, an
    empty 实施单位 the document's 单位名称. Scored by `scoring`, else the region's rules."""
    if goals.is_self_evaluation:
        raise InputError("这已是绩效自评表；请从绩效目标表生成自评表")
    name = scoring or default_scoring(goals)
    if not is_known(name):
        raise InputError(f"未知的评分规则“{name}”")
    profile = get_profile(name)
    properties = {key: getattr(goals, key) for key in DOCUMENT_PROPERTIES}
    properties.update(kind=SELF_EVALUATION, scoring=profile.name)
    document = Document(**properties)
    notes: dict[str, list[int]] = {}
    for number, goal_table in enumerate(goals.tables, 1):
        table = goal_table.clone()
        drop_review_marks(table)  # the review was of the goals, not of the results
        for note in _prepare(table, profile.name):
            notes.setdefault(note, []).append(number)
        if not table.implementer.strip() and goals.agency_name.strip():
            table.implementer = goals.agency_name.strip()
            notes.setdefault("实施单位按文档的单位名称填写", []).append(number)
        table.document = document
        document.tables.append(table)
    return Started(document, tuple(f"{_tables(n)}：{note}" for note, n in notes.items()))


def _tables(numbers: list[int]) -> str:
    """表1, 表1、表3, or 表1至表6 for a run."""
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"表{numbers[0]}至表{numbers[-1]}"
    return "、".join(f"表{n}" for n in numbers)


def _prepare(table: GoalTable, scoring: str) -> list[str]:
    """Fill the money block and the weights of a copied table; what was assumed, said."""
    for goal_field, suffix in _BUDGET_ROWS:
        amount = getattr(table, goal_field)
        setattr(table, f"budget_initial{suffix}", amount)
        setattr(table, f"budget_adjusted{suffix}", amount)
    profile = get_profile(scoring)
    table.budget_weight = shown(profile.weights.budget)
    rows = [indicator for _, _, indicator in table.indicator_rows()]
    if not rows or all(i.weight.strip() for i in rows):
        return []
    plan = default_weights_of(table, profile)
    if any(i.weight.strip() for i in rows):
        filled = [i for i in rows if not i.weight.strip()]
        return [f"{len(filled)}个三级指标没有分值，请填写（其他指标已有分值）"]
    for indicator, weight in zip(rows, plan.indicators, strict=True):
        indicator.weight = shown(weight)
    w = profile.weights
    said = f"产出{shown(w.output)}、效益{shown(w.benefit)}、满意度{shown(w.satisfaction)}"
    return [f"分值按默认（{said}，预算执行{shown(w.budget)}）分配", *plan.notes]
