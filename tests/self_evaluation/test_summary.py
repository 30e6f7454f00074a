"""The publication's 自评 summary line."""

from __future__ import annotations

from decimal import Decimal

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.self_evaluation.summary import summarize


def _table(actual: str, unit: str = "万元", adjusted: str = "100") -> GoalTable:
    indicator = Indicator("n", "", "≥", "10", "个", "90")
    indicator.actual = actual
    table = GoalTable.from_rows([("产出指标", "数量指标", indicator)], money_unit=unit)
    table.budget_adjusted, table.budget_executed = Decimal(adjusted), Decimal(adjusted)
    return table


def test_the_summary_counts_projects_budget_average_and_grades() -> None:
    tables = [_table("10个"), _table("9个", "元", "1234567.89"), _table("")]
    document = Document(kind="self-evaluation", scoring="shanghai", tables=tables)
    summary = summarize(document)
    # totals 100 and 81 + 10 = 91; 100 + 123.46 + 100 万元
    assert summary.text() == (
        "绩效自评的项目3个，涉及预算金额323.46万元，平均得分95.50分，"
        "其中优2个、良0个、合格0个、不合格0个（另有1个项目尚未评完，未计入平均得分和等级）"
    )


def test_a_summary_with_nothing_scored_says_so() -> None:
    document = Document(kind="self-evaluation", tables=[_table("")])
    assert summarize(document).text() == "绩效自评的项目1个，涉及预算金额100.00万元，尚无评完的项目"


def test_a_summary_of_a_weight_beyond_the_default_precision_is_averaged() -> None:
    table = _table("10个")
    next(table.indicator_rows())[2].weight = "9" * 40
    summary = summarize(Document(kind="self-evaluation", tables=[table]))
    assert summary.average == Decimal("9" * 40) + 10
