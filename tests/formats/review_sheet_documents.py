"""A goal document with a reviewer's marks on its first table, for the 审核表 tests."""

from __future__ import annotations

from goaleditor.model.document import Document, GoalTable

LONG_OPINION = (
    "指标值偏低，低于上年实际完成值，请对照项目实施内容重新测算并调整，"
    "同时说明测算依据、数据来源和计算方法，确保指标可衡量、可考核、可实现。"
) * 4
GOAL_OPINION = "总体目标基本明确，但与项目内容的对应关系不够清晰。"
OUTPUT_OPINION = "数量指标齐全；质量指标偏少，<b>请补充</b>&amp;时效指标。"
BENEFIT_OPINION = "效益指标“有效提升”表述模糊，请量化。"
TODO = "1. 补充满意度指标的调查方式；\n2. 量化社会效益指标；\n3. 核实资金测算依据。"
FORMULA = "=SUM(A1:A3)"


def mark_first_table(document: Document) -> GoalTable:
    """Mark the first table: three opinions, 需补充完善事项, 修改完善后通过, and three
    indicators (通过 without opinion, 不通过 with a long one, an opinion without verdict)."""
    table = document.tables[0]
    table.review_goal = GOAL_OPINION
    table.review_output = OUTPUT_OPINION
    table.review_benefit = BENEFIT_OPINION
    table.review_todo = TODO
    table.review_result = "修改完善后通过"
    rows = [indicator for _, _, indicator in table.indicator_rows()]
    rows[0].review_verdict = "通过"
    rows[1].review_verdict = "不通过"
    rows[1].review_opinion = LONG_OPINION
    rows[-1].review_opinion = FORMULA
    return table
