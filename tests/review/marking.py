"""A reviewer's marks set on the example document, shared by the review tests."""

from __future__ import annotations

from goaleditor.model.document import Document, Indicator


def rows_of(document: Document, table: int = 0) -> list[Indicator]:
    """The indicators of a table, in print order."""
    return [indicator for _, _, indicator in document.tables[table].indicator_rows()]


def mark(document: Document) -> None:
    """Table 1 reviewed 不通过 with one indicator failed (with an opinion), one failed without,
    one passed, and every 审核表 opinion filled; table 2 修改完善后通过."""
    first, second = document.tables[0], document.tables[1]
    first.review_goal = "总体目标与年度目标混同"
    first.review_output = "产出指标不全"
    first.review_benefit = "效益指标难以衡量"
    first.review_satisfaction = "满意度调查对象不明"
    first.review_todo = "补充数量指标\n量化效益指标"
    first.review_result = "不通过"
    rows = rows_of(document)
    rows[0].review_verdict, rows[0].review_opinion = "不通过", "指标值应量化"
    rows[1].review_verdict = "通过"
    rows[2].review_verdict = "不通过"
    second.review_result, second.review_todo = "修改完善后通过", "补充时效指标"
