"""Filled 自评表 documents for the layout and writer tests: the bundled example, started as a
自评表 and filled as a clerk would (results, amounts spent, Sichuan's texts)."""

from __future__ import annotations

from decimal import Decimal

from goaleditor.model.document import Document
from goaleditor.model.values import QUALITATIVE
from goaleditor.self_evaluation.start import start_self_evaluation

SPENT = Decimal("0.9523")  # 95.23 % of each table's 全年预算数 is spent


def filled(goals: Document, layout: str = "central", scoring: str = "") -> Document:
    """The goal document as a scored 自评表 printed in layout: every result met, 95.23 % spent."""
    goals.layout = layout
    document = start_self_evaluation(goals, scoring).document
    for number, table in enumerate(document.tables, 1):
        assert table.budget_adjusted is not None
        table.budget_executed = table.budget_adjusted * SPENT
        if table.budget_adjusted_fiscal is not None:
            table.budget_executed_fiscal = table.budget_adjusted_fiscal * Decimal("0.9")
        table.goal_result = f"表{number}年度目标已完成"
        table.process_summary = f"表{number}按计划实施"
        table.conclusion = f"表{number}评价结论"
        table.problems = f"表{number}存在问题"
        table.improvements = f"表{number}改进措施"
        table.project_leader = "张三"
        table.finance_leader = "李四"
        for _, _, indicator in table.indicator_rows():
            if indicator.comparator == QUALITATIVE:
                indicator.actual = "达成预期指标"
                indicator.grade = "达成"
                indicator.score = indicator.weight
            else:
                indicator.actual = indicator.value + indicator.unit
            indicator.deviation = "无偏差"
    return document
